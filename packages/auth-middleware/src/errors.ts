/**
 * Stable error codes of {@link AuthError}. Switch on `code`, not on `message`.
 *
 * | code | meaning |
 * | --- | --- |
 * | `INVALID_OPTION` | a scheme or middleware option is missing or malformed (thrown at construction) |
 * | `INSECURE_URL` | a credential would travel over plain `http:` to a non-loopback host |
 * | `ORIGIN_NOT_ALLOWED` | a request targets an origin this credential was not built for |
 * | `TOKEN_REQUEST_FAILED` | the token endpoint could not be reached (network error) |
 * | `TOKEN_TIMEOUT` | the token endpoint did not answer within `timeoutMs` |
 * | `TOKEN_REDIRECT` | the token endpoint answered with a redirect (never followed) |
 * | `TOKEN_REJECTED` | the token endpoint refused the credential (OAuth `error`, or 400/401/403) |
 * | `TOKEN_RATE_LIMITED` | the token endpoint throttled us (429, or Zoho's "Access Denied") |
 * | `TOKEN_HTTP_ERROR` | the token endpoint failed with another HTTP status (5xx, …) |
 * | `INVALID_TOKEN_RESPONSE` | a 2xx answer that is not a usable token (HTML, bad JSON, missing fields, …) |
 * | `GRANT_REVOKED` | the refresh token was refused (`invalid_grant`) and the store holds no newer one: the grant is lost, a person must consent again |
 * | `GRANT_MISSING` | no refresh token: the store holds none for this grant and none is configured |
 * | `GRANT_UNAVAILABLE` | the grant's state could not be read or locked in the store: transient, retried; no refresh token was sent |
 * | `DISPOSED` | the middleware was disposed (or its `signal` aborted) |
 */
export type AuthErrorCode =
  | "INVALID_OPTION"
  | "INSECURE_URL"
  | "ORIGIN_NOT_ALLOWED"
  | "TOKEN_REQUEST_FAILED"
  | "TOKEN_TIMEOUT"
  | "TOKEN_REDIRECT"
  | "TOKEN_REJECTED"
  | "TOKEN_RATE_LIMITED"
  | "TOKEN_HTTP_ERROR"
  | "INVALID_TOKEN_RESPONSE"
  | "GRANT_REVOKED"
  | "GRANT_MISSING"
  | "GRANT_UNAVAILABLE"
  | "DISPOSED";

/** Details carried by an {@link AuthError}. None of them ever holds a secret. */
export interface AuthErrorDetails extends HirekitErrorDetails {
  /** Vendor or scheme the credential belongs to (`"sterling"`, `"zoho-recruit"`, `"client-credentials"`, …). */
  vendor?: string | undefined;
  /** HTTP status of the token endpoint's answer, when there was one. */
  status?: number | undefined;
  /** OAuth `error` value (RFC 6749 §5.2), when the endpoint sent one. */
  oauthError?: string | undefined;
  /** The option at fault, for `INVALID_OPTION`. */
  option?: string | undefined;
  /** Milliseconds the endpoint asked us to wait (`Retry-After`), for `TOKEN_RATE_LIMITED`. */
  retryAfterMs?: number | undefined;
  /** The underlying error, already scrubbed of secrets. */
  cause?: unknown;
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");
// One brand for every copy of this package in a process (a bundler or a nested install may
// load two): `isHirekitError` reads it where `instanceof` would miss.
const brand = Symbol.for("hirekit.error.v1");

/** Details every {@link HirekitError} may carry; none of them ever holds a secret. */
export interface HirekitErrorDetails {
  /** Vendor (or scheme) the error is about: `"sterling"`, `"zoho-recruit"`, … */
  vendor?: string | undefined;
  /** HTTP status of the answer, when there was one. */
  status?: number | undefined;
  /** The option or argument at fault, for `INVALID_OPTION`. */
  option?: string | undefined;
  /** The underlying error, already scrubbed of secrets. */
  cause?: unknown;
}

/**
 * The base of every error hirekit throws: `AuthError`, `RetryError`, `VendorApiError` and
 * each vendor's errors extend it. `code` is stable (switch on it, not on `message`), and
 * every package shares one vocabulary: `INVALID_OPTION` for a bad option or argument (with
 * `option` naming it, thrown before anything is sent), `INVALID_RESPONSE` for an answer
 * without the documented shape, `INVALID_PAYLOAD` for a webhook or callback body without
 * it, `HTTP_<status>` or the vendor's own code for an API failure. Messages are written from non-secret facts and server text passes through
 * `redact`; `toJSON` and `util.inspect` show only own, secret-free fields.
 *
 * @example
 * ```ts
 * try {
 *   await client.GET("/candidates/{id}", { params: { path: { id } } });
 * } catch (err) {
 *   if (isHirekitError(err)) console.warn(err.code, err.vendor, err.status);
 *   else throw err;
 * }
 * ```
 */
export class HirekitError<Code extends string = string, Details extends HirekitErrorDetails = HirekitErrorDetails> extends Error {
  override readonly name: string = "HirekitError";
  readonly code: Code;
  /** @internal */
  readonly [brand] = true;
  declare readonly vendor: string | undefined;
  declare readonly status: number | undefined;
  declare readonly option: string | undefined;

  constructor(code: Code, message: string, details: Details = {} as Details) {
    const { cause, ...fields } = details;
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    // The details become own fields, read by toJSON; callers pass only secret-free facts.
    Object.assign(this, fields);
  }

  /** A plain, secret-free view (every own field that is set), also used by `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    // `name`, `code` and the details are own fields; `cause` and `stack` are not enumerable.
    const out: Record<string, unknown> = { message: this.message };
    for (const [key, value] of Object.entries(this)) if (value !== undefined) out[key] = value;
    return out;
  }

  /** What `util.inspect` and `console.log` print: the stack and the `toJSON()` view. */
  [inspectSymbol](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n  ${JSON.stringify(this.toJSON())}`;
  }
}

/**
 * Whether `value` is a hirekit error, also one thrown by another copy of these packages
 * (where `instanceof` fails). Narrows to {@link HirekitError}.
 *
 * @example
 * ```ts
 * if (isHirekitError(err) && err.code === "INVALID_OPTION") console.error(`fix option ${err.option}`);
 * ```
 */
export function isHirekitError(value: unknown): value is HirekitError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * The error type of the auth layer: a stable `code`, the vendor, the HTTP status and
 * the OAuth `error` where there is one. Messages are written by us from non-secret facts,
 * and any text that comes from a server is scrubbed of every secret the scheme knows.
 *
 * @example
 * ```ts
 * try {
 *   await client.GET("/candidates/{id}", { params: { path: { id } } });
 * } catch (err) {
 *   if (err instanceof AuthError && err.code === "TOKEN_REJECTED") alertOps(err.oauthError);
 * }
 * ```
 */
export class AuthError extends HirekitError<AuthErrorCode, AuthErrorDetails> {
  override readonly name = "AuthError";
  declare readonly oauthError: string | undefined;
  declare readonly retryAfterMs: number | undefined;
}

/** Thrown at construction when an option is missing or malformed; names the option. */
export function invalidOption(vendor: string, option: string, problem: string): AuthError {
  return new AuthError("INVALID_OPTION", `${vendor}: option "${option}" ${problem}`, { vendor, option });
}
