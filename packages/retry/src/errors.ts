import { HirekitError, type HirekitErrorDetails } from "@hirekit/auth-middleware";

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
export interface RetryErrorDetails extends HirekitErrorDetails {
  /** Attempts made before giving up, for `NETWORK_ERROR`. */
  attempts?: number | undefined;
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
export class RetryError extends HirekitError<RetryErrorCode, RetryErrorDetails> {
  override readonly name = "RetryError";
  declare readonly attempts: number | undefined;
}

/** Thrown at construction when an option is malformed; names the option. */
export function invalidOption(option: string, problem: string): RetryError {
  return new RetryError("INVALID_OPTION", `retry: option "${option}" ${problem}`, { option });
}
