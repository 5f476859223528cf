/**
 * Stable error codes of {@link RetryError}. Switch on `code`, not on `message`.
 *
 * | code | meaning |
 * | --- | --- |
 * | `INVALID_OPTION` | a retry option is malformed (thrown at construction, names the option) |
 * | `NETWORK_ERROR` | every attempt allowed failed on the network (reset, refused, timed out); `cause` is the last failure |
 */
export type RetryErrorCode = "INVALID_OPTION" | "NETWORK_ERROR";

/** Details carried by a {@link RetryError}. None of them ever holds a secret. */
export interface RetryErrorDetails {
  /** The option at fault, for `INVALID_OPTION`. */
  option?: string | undefined;
  /** Attempts made before giving up, for `NETWORK_ERROR`. */
  attempts?: number | undefined;
  /** The last underlying failure. */
  cause?: unknown;
}

/**
 * The error type of `@hirekit/retry`. Messages name the method, origin and path of the
 * request, never its query or headers (where credentials travel).
 *
 * @example
 * ```ts
 * try {
 *   await client.GET("/jobs");
 * } catch (err) {
 *   if (err instanceof RetryError && err.code === "NETWORK_ERROR") console.warn(`gave up after ${err.attempts} attempts`);
 * }
 * ```
 */
export class RetryError extends Error {
  override readonly name = "RetryError";
  readonly code: RetryErrorCode;
  readonly option: string | undefined;
  readonly attempts: number | undefined;

  constructor(code: RetryErrorCode, message: string, details: RetryErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.option = details.option;
    this.attempts = details.attempts;
  }

  /** A plain, secret-free view, also used by `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    if (this.option !== undefined) out.option = this.option;
    if (this.attempts !== undefined) out.attempts = this.attempts;
    return out;
  }
}

/** Thrown at construction when an option is malformed; names the option. */
export function invalidOption(option: string, problem: string): RetryError {
  return new RetryError("INVALID_OPTION", `retry: option "${option}" ${problem}`, { option });
}
