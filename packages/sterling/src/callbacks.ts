import { HirekitError } from "@hirekit/auth-middleware";
import { readJsonObject } from "@hirekit/vendor-kit";
import type { Screening } from "./generated/types.js";

/**
 * A parsed callback delivery. Sterling POSTs `{ "type": "screening", "payload": <Screening> }`
 * and means `type` to grow: unknown types come back as `{ type: "unknown" }` to be ignored
 * (and acknowledged with 200, or Sterling retries).
 */
export type SterlingCallback =
  | { type: "screening"; screening: Screening }
  | { type: "unknown"; receivedType: string; payload: unknown };

/** A callback body that is not what Sterling sends; answer 400 and log it. */
export class SterlingCallbackError extends HirekitError<"INVALID_PAYLOAD"> {
  override readonly name = "SterlingCallbackError";

  constructor(message: string) {
    super("INVALID_PAYLOAD", message, { vendor: "sterling" });
  }
}

/**
 * Validates and types a screening-status callback body (already parsed from JSON, or the
 * raw text). Sterling retries a delivery every 15 minutes, 9 more times, until it gets an
 * HTTP 200: make the handler idempotent (key on `screening.id` and `screening.updatedAt`)
 * and re-fetch `GET /screenings/{id}` before acting. The payload is sensitive PII.
 *
 * @example
 * ```ts
 * const event = parseScreeningCallback(await request.text());
 * if (event.type === "screening") await onScreeningUpdate(event.screening.id, event.screening.status);
 * ```
 */
export function parseScreeningCallback(body: unknown): SterlingCallback {
  const value = readJsonObject(body, (problem) => new SterlingCallbackError(`callback body ${problem}`));
  const { type, payload } = value as { type?: unknown; payload?: unknown };
  if (typeof type !== "string") throw new SterlingCallbackError('callback body has no "type" string');
  if (type !== "screening") return { type: "unknown", receivedType: type, payload };
  const screening = payload as Record<string, unknown> | null;
  if (screening === null || typeof screening !== "object")
    throw new SterlingCallbackError('screening callback has no "payload" object');
  for (const field of ["id", "candidateId", "status"] as const) {
    if (typeof screening[field] !== "string")
      throw new SterlingCallbackError(`screening callback payload has no "${field}" string`);
  }
  if (screening.reportItems !== undefined && !Array.isArray(screening.reportItems)) {
    throw new SterlingCallbackError('screening callback payload "reportItems" is not an array');
  }
  return { type: "screening", screening: screening as unknown as Screening };
}

/**
 * Checks the `Authorization` header of a callback against the `callback.credentials.basicAuth`
 * ("user:password") you set when ordering the screening, in constant time.
 *
 * @example
 * ```ts
 * if (!(await verifyCallbackAuthorization(req.headers.authorization, process.env.STERLING_CALLBACK_AUTH!))) return reply(401);
 * ```
 */
export async function verifyCallbackAuthorization(header: string | null | undefined, basicAuth: string): Promise<boolean> {
  if (typeof header !== "string" || !/^basic\s+/i.test(header)) return false;
  const expected = btoaUtf8(basicAuth);
  const received = header.replace(/^basic\s+/i, "").trim();
  // Compare digests, so that the time taken says nothing about how much matched.
  const [a, b] = await Promise.all([digest(expected), digest(received)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

function btoaUtf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
