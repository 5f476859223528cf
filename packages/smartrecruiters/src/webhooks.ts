import { HirekitError } from "@hirekit/auth-middleware";
import { readJsonObject } from "@hirekit/vendor-kit";
import type { WebhookEventName, WebhookPayload } from "./generated/types.js";

/**
 * Request headers as any Node HTTP framework hands them over: a fetch `Headers` (Hono,
 * Next.js, Bun, Deno), or a record of lower- or mixed-case names (`req.headers` of
 * `node:http`, Express, Fastify, Koa), with array values for repeated headers.
 */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The raw request body exactly as received: the signature covers these bytes, not re-serialised JSON. */
export type WebhookRawBody = string | Uint8Array | ArrayBuffer;

/** What to answer the activation handshake with: status 200 echoing `X-Hook-Secret`. */
export interface WebhookHandshakeReply {
  status: 200;
  headers: { "X-Hook-Secret": string };
}

/**
 * Answers the activation handshake (https://developers.smartrecruiters.com/docs/activating-webhook-subscriptions): when a subscription is activated,
 * SmartRecruiters POSTs to the callback URL with an `X-Hook-Secret` header and expects 200
 * with the same header back within 20 s. Returns that reply, or `undefined` when the request
 * is not a handshake (then it is an event delivery).
 *
 * @example
 * ```ts
 * const handshake = webhookHandshake(req.headers);
 * if (handshake) return res.writeHead(handshake.status, handshake.headers).end();
 * ```
 */
export function webhookHandshake(headers: WebhookHeaders): WebhookHandshakeReply | undefined {
  const secret = readHeader(headers, "x-hook-secret");
  if (secret === undefined || secret.length === 0) return undefined;
  return { status: 200, headers: { "X-Hook-Secret": secret } };
}

/** Why {@link verifyWebhookSignature} refused a delivery. */
export type WebhookVerificationFailure =
  /** No `smartrecruiters-signature` header (no secret key generated, or not from SmartRecruiters). */
  | "MISSING_SIGNATURE"
  /** The header holds no `v1=<64 hex digits>` entry. */
  | "MALFORMED_SIGNATURE"
  /** No `v1` signature matches any of the given secret keys. */
  | "SIGNATURE_MISMATCH"
  /** `smartrecruiters-timestamp` is missing, not a number, or outside `toleranceSeconds`. */
  | "TIMESTAMP_OUT_OF_RANGE";

/** The outcome of {@link verifyWebhookSignature}. */
export type WebhookVerification = { valid: true } | { valid: false; reason: WebhookVerificationFailure };

/** Options of {@link verifyWebhookSignature}. */
export interface VerifyWebhookSignatureOptions {
  /** The delivery's headers. */
  headers: WebhookHeaders;
  /** The raw body bytes (read the body as text or bytes before any JSON parsing). */
  body: WebhookRawBody;
  /**
   * The subscription's secret key (`POST /subscriptions/{id}/secret-key`), or several during a
   * rotation: the previous key stays valid for 24 h and up to 16 are live.
   */
  secret: string | readonly string[];
  /**
   * Reject deliveries whose `smartrecruiters-timestamp` is further than this from `now`.
   * SmartRecruiters documents no tolerance, so the default is no check; deduplicate on
   * `event-id` either way.
   */
  toleranceSeconds?: number;
  /** Epoch-ms clock for `toleranceSeconds` (default `Date.now`). */
  now?: () => number;
}

const V1 = /^v1=([0-9a-f]{64})$/i;
const encoder = new TextEncoder();

/**
 * Verifies the HMAC-SHA256 signature of a webhook delivery (https://developers.smartrecruiters.com/docs/activating-webhook-subscriptions): each
 * `v1=<hex>` of the `smartrecruiters-signature` header is the HMAC, keyed with a secret key,
 * of `timestamp.body.event-id.event-name.event-version.link` (absent headers as empty
 * strings). The delivery is valid when any `v1` matches any key; the comparison is constant
 * time. Uses only `crypto.subtle`, so it runs on Node, Deno, Bun and edge runtimes.
 *
 * @example
 * ```ts
 * const check = await verifyWebhookSignature({ headers: req.headers, body: rawBody, secret: process.env.SR_WEBHOOK_SECRET! });
 * if (!check.valid) return res.writeHead(401).end(check.reason);
 * ```
 */
export async function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): Promise<WebhookVerification> {
  const { headers, body, secret, toleranceSeconds, now = Date.now } = options;
  const secrets = typeof secret === "string" ? [secret] : [...secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== "string" || s.length === 0)) {
    throw new TypeError('smartrecruiters: option "secret" must be a non-empty string or a list of them');
  }
  if (toleranceSeconds !== undefined && !(Number.isFinite(toleranceSeconds) && toleranceSeconds >= 0)) {
    throw new TypeError('smartrecruiters: option "toleranceSeconds" must be a finite number ≥ 0');
  }
  const header = readHeader(headers, "smartrecruiters-signature");
  if (header === undefined || header.trim() === "") return { valid: false, reason: "MISSING_SIGNATURE" };
  // `;` separates entries (one per live key, and maybe future schemes we skip): https://developers.smartrecruiters.com/docs/activating-webhook-subscriptions.
  const received = header
    .split(";")
    .map((part) => V1.exec(part.trim())?.[1])
    .filter((hex): hex is string => hex !== undefined)
    .map(hexToBytes);
  if (received.length === 0) return { valid: false, reason: "MALFORMED_SIGNATURE" };

  const timestamp = readHeader(headers, "smartrecruiters-timestamp") ?? "";
  if (toleranceSeconds !== undefined) {
    const seconds = /^\d+$/.test(timestamp) ? Number(timestamp) : Number.NaN;
    if (!(Math.abs(now() / 1000 - seconds) <= toleranceSeconds)) return { valid: false, reason: "TIMESTAMP_OUT_OF_RANGE" };
  }
  const message = signedBytes(headers, timestamp, body);
  let matched = false;
  for (const key of secrets) {
    const expected = await hmacSha256(key, message);
    // Every candidate is compared in full: the time taken does not depend on which one matched.
    for (const candidate of received) matched = constantTimeEqual(expected, candidate) || matched;
  }
  return matched ? { valid: true } : { valid: false, reason: "SIGNATURE_MISMATCH" };
}

/** A webhook delivery, read from its headers and body. */
export interface WebhookEvent {
  /** `event-id`: the same across retries; deduplicate on it. */
  id: string;
  /** `event-name`, e.g. `application.status.updated`. */
  name: WebhookEventName;
  /** `event-version`, e.g. `v201910`. */
  version: string;
  /** The URL of the changed resource, from `Link: <url>; rel=self`; fetch it for the current state. */
  self: string | undefined;
  /** The ids the body carries (`{ id }`, `{ job_id, candidate_id, application_id }`, …). */
  payload: WebhookPayload;
}

/** A delivery that does not look like a SmartRecruiters event; answer 400 (SmartRecruiters retries anything but 202). */
export class SmartRecruitersWebhookError extends HirekitError<"INVALID_PAYLOAD"> {
  override readonly name = "SmartRecruitersWebhookError";

  constructor(message: string) {
    super("INVALID_PAYLOAD", message, { vendor: "smartrecruiters" });
  }
}

/**
 * Reads a delivery into a typed event. Verify the signature first; then acknowledge with 202
 * within 5 s and do the work asynchronously (SmartRecruiters retries anything else).
 *
 * @example
 * ```ts
 * const event = parseWebhookEvent(req.headers, rawBody);
 * if (event.name === "application.status.updated") queue.push(event);
 * res.writeHead(202).end();
 * ```
 */
export function parseWebhookEvent(headers: WebhookHeaders, body: WebhookRawBody): WebhookEvent {
  const id = readHeader(headers, "event-id");
  const name = readHeader(headers, "event-name");
  const version = readHeader(headers, "event-version");
  for (const [header, value] of [
    ["event-id", id],
    ["event-name", name],
    ["event-version", version],
  ] as const) {
    if (value === undefined || value === "") throw new SmartRecruitersWebhookError(`webhook delivery has no "${header}" header`);
  }
  const payload = readJsonObject(body, (problem) => new SmartRecruitersWebhookError(`webhook body ${problem}`));
  const link = readHeader(headers, "link");
  const self = link === undefined ? undefined : /<([^>]+)>\s*;\s*rel="?self"?/i.exec(link)?.[1];
  return {
    id: id as string,
    name: name as WebhookEventName,
    version: version as string,
    self,
    payload: payload as WebhookPayload,
  };
}

function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let value = record[name];
  if (value === undefined) {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  return typeof value === "string" ? value : value?.join(", ");
}

/** `timestamp.body.event-id.event-name.event-version.link`, body bytes untouched. */
function signedBytes(headers: WebhookHeaders, timestamp: string, body: WebhookRawBody): Uint8Array {
  const raw = typeof body === "string" ? encoder.encode(body) : body instanceof Uint8Array ? body : new Uint8Array(body);
  const before = encoder.encode(`${timestamp}.`);
  const after = encoder.encode(
    ["", ...["event-id", "event-name", "event-version", "link"].map((name) => readHeader(headers, name) ?? "")].join("."),
  );
  const out = new Uint8Array(before.length + raw.length + after.length);
  out.set(before, 0);
  out.set(raw, before.length);
  out.set(after, before.length + raw.length);
  return out;
}

async function hmacSha256(secret: string, message: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, message as Uint8Array<ArrayBuffer>));
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] ?? 0);
  return diff === 0;
}
