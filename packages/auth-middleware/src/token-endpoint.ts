import { AuthError, type AuthErrorCode } from "./errors.js";
import { scrub, scrubCause } from "./redact.js";
import type { ObtainedCredential, SchemeContext } from "./types.js";
import { endpointName } from "./url.js";

/** One call to a token endpoint (or session login/logout), made outside the middleware. */
export interface TokenEndpointRequest {
  vendor: string;
  url: string;
  method?: "POST" | "GET" | "DELETE";
  headers?: Record<string, string>;
  /** Form (`URLSearchParams`) or JSON (`string`, with its content type in `headers`). */
  body?: URLSearchParams | string;
  /** Secrets to scrub from any server text that reaches an error. */
  secrets: readonly string[];
  /** Maps a 2xx answer's OAuth `error` to a code (Zoho answers throttling with HTTP 200). */
  classifyError?: (oauthError: string, description: string | undefined) => AuthErrorCode | undefined;
}

/** A parsed 2xx answer. */
export interface TokenEndpointAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
}

/**
 * One year: a longer `expires_in` is a server bug, not a token to cache for ever. Written as
 * a literal: bundlers keep an unused top-level `365 * 24 * 3600` in every bundle.
 */
const MAX_LIFETIME_S = 31_536_000;

/**
 * Calls a token endpoint directly (rule 7): `redirect: "manual"`, a timeout, the caller's
 * abort signal, and full validation of the answer. Returns the parsed JSON object of a 2xx
 * answer (or `undefined` for an empty 2xx body when `allowEmpty`); everything else is a
 * typed {@link AuthError} with any server text scrubbed of secrets.
 */
export async function callTokenEndpoint(
  req: TokenEndpointRequest,
  ctx: SchemeContext,
  allowEmpty = false,
): Promise<TokenEndpointAnswer> {
  const { vendor, secrets } = req;
  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  const signal = AbortSignal.any([ctx.signal, timeout]);
  const headers: Record<string, string> = { Accept: "application/json", ...req.headers };
  let body: string | undefined;
  if (req.body instanceof URLSearchParams) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = req.body.toString();
  } else {
    body = req.body;
  }
  const where = endpointName(req.url);
  let response: Response;
  let text: string;
  try {
    response = await ctx.fetch(req.url, { method: req.method ?? "POST", headers, body, redirect: "manual", signal });
    text = await response.text();
  } catch (err) {
    if (ctx.signal.aborted) {
      throw new AuthError("DISPOSED", `${vendor}: token request to ${where} stopped: the middleware was disposed`, {
        vendor,
      });
    }
    if (timeout.aborted) {
      throw new AuthError("TOKEN_TIMEOUT", `${vendor}: token endpoint ${where} did not answer within ${ctx.timeoutMs} ms`, {
        vendor,
      });
    }
    throw new AuthError("TOKEN_REQUEST_FAILED", `${vendor}: could not reach token endpoint ${where}`, {
      vendor,
      cause: scrubCause(err, secrets),
    });
  }
  const { status } = response;
  if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
    throw new AuthError(
      "TOKEN_REDIRECT",
      `${vendor}: token endpoint ${where} answered with a redirect (HTTP ${status}); redirects are never followed for credentials`,
      { vendor, status },
    );
  }
  const parsed = parseJsonObject(text);
  const oauthError = typeof parsed?.error === "string" ? parsed.error : undefined;
  const safeError = oauthError === undefined ? undefined : scrub(oauthError, secrets);
  const description = describeError(parsed, secrets);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), ctx.clock());
    throw new AuthError("TOKEN_RATE_LIMITED", `${vendor}: token endpoint ${where} is rate limiting (HTTP 429)${description}`, {
      vendor,
      status,
      oauthError,
      retryAfterMs,
    });
  }
  if (status < 200 || status >= 300) {
    const code: AuthErrorCode = status === 400 || status === 401 || status === 403 ? "TOKEN_REJECTED" : "TOKEN_HTTP_ERROR";
    const what = oauthError ? `error "${safeError}"` : `HTTP ${status}${snippet(text, parsed)}`;
    throw new AuthError(code, `${vendor}: token endpoint ${where} refused the request: ${what}${description}`, {
      vendor,
      status,
      oauthError: safeError,
    });
  }
  if (oauthError !== undefined) {
    const code = req.classifyError?.(
      oauthError,
      typeof parsed?.error_description === "string" ? parsed.error_description : undefined,
    );
    throw new AuthError(
      code ?? "TOKEN_REJECTED",
      `${vendor}: token endpoint ${where} answered HTTP ${status} with error "${safeError}"${description}`,
      { vendor, status, oauthError: safeError },
    );
  }
  if (parsed === undefined) {
    if (allowEmpty && text.trim() === "") return { status, body: undefined };
    throw new AuthError(
      "INVALID_TOKEN_RESPONSE",
      `${vendor}: token endpoint ${where} answered HTTP ${status} with ${describeNonJson(text, response.headers.get("content-type"), secrets)}`,
      { vendor, status },
    );
  }
  return { status, body: parsed };
}

/**
 * Validates an RFC 6749 §5.1 access-token response: `access_token` a non-empty string,
 * `token_type` (when present) `bearer` in any case, `expires_in` (when present) a positive
 * number or numeric string of at most a year.
 */
export function parseOAuthToken(
  body: Record<string, unknown>,
  vendor: string,
  status: number,
): ObtainedCredential & { refreshToken?: string | undefined } {
  const fail = (problem: string) =>
    new AuthError("INVALID_TOKEN_RESPONSE", `${vendor}: token response ${problem}`, { vendor, status });
  const token = body.access_token;
  if (typeof token !== "string" || token.length === 0) throw fail('has no "access_token" string');
  if (/\s/.test(token)) throw fail('has an "access_token" containing white space');
  const type = body.token_type;
  if (type !== undefined && (typeof type !== "string" || type.toLowerCase() !== "bearer")) {
    throw fail(
      // A token type is a short registered name (RFC 6749 §7.1, §11.1); anything else may echo the request: not shown.
      `has a "token_type" other than "bearer"${typeof type === "string" && /^[\w-]{1,12}$/.test(type) ? ` ("${type}")` : ""}`,
    );
  }
  const lifetimeMs = parseExpiresIn(body.expires_in, fail);
  const refresh = body.refresh_token;
  if (refresh !== undefined && (typeof refresh !== "string" || refresh.length === 0)) {
    throw fail('has a "refresh_token" that is not a non-empty string');
  }
  return { value: token, lifetimeMs, refreshToken: refresh };
}

function parseExpiresIn(raw: unknown, fail: (problem: string) => AuthError): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  let seconds: number;
  if (typeof raw === "number") seconds = raw;
  else if (typeof raw === "string" && /^\s*\d+(\.\d+)?\s*$/.test(raw)) seconds = Number(raw);
  else throw fail(`has a non-numeric "expires_in" (${typeof raw})`);
  if (!Number.isFinite(seconds) || seconds <= 0) throw fail(`has "expires_in" ${seconds}, expected a positive number of seconds`);
  if (seconds > MAX_LIFETIME_S) throw fail(`has "expires_in" ${seconds}, more than a year`);
  return seconds * 1000;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function describeError(parsed: Record<string, unknown> | undefined, secrets: readonly string[]): string {
  const d = parsed?.error_description ?? parsed?.message;
  // scrub() (redact.ts) also bounds the length.
  return typeof d === "string" && d.length > 0 ? ` (${scrub(d, secrets)})` : "";
}

function snippet(text: string, parsed: Record<string, unknown> | undefined): string {
  return parsed === undefined && /^\s*</.test(text) ? " (an HTML page)" : "";
}

function describeNonJson(text: string, contentType: string | null, secrets: readonly string[]): string {
  const trimmed = text.trim();
  if (trimmed === "") return "an empty body";
  if (trimmed.startsWith("<") || contentType?.includes("html")) return "an HTML page, not a JSON token";
  if (trimmed.startsWith("{")) return "invalid JSON";
  return `a body that is not a JSON object (content-type ${scrub(contentType ?? "none", secrets)})`;
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
