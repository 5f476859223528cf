import { HirekitError } from "@hirekit/auth-middleware";
/** Stable codes of {@link FakeServerError}. */
export type FakeServerErrorCode = "INVALID_OPTION" | "SPEC_NOT_FOUND" | "CLOSED";

/**
 * Thrown by the fakes for a wrong option, a missing OpenAPI document, or use after `close()`.
 *
 * @example
 * ```ts
 * try {
 *   await startFakeSterling({ tokenLifetimeSeconds: -1 });
 * } catch (err) {
 *   if (err instanceof FakeServerError && err.code === "INVALID_OPTION") console.log(err.option);
 * }
 * ```
 */
export class FakeServerError extends HirekitError<FakeServerErrorCode> {
  override readonly name = "FakeServerError";

  constructor(code: FakeServerErrorCode, message: string, option?: string) {
    super(code, message, { option });
  }
}

/** An `INVALID_OPTION` error naming the option and what was wrong with it. */
export function invalidOption(vendor: string, option: string, problem: string): FakeServerError {
  return new FakeServerError("INVALID_OPTION", `${vendor} fake: option "${option}" ${problem}`, option);
}

/**
 * Checks that every value is a non-empty string, naming the first that is not (as
 * `${prefix}${name}`): the credentials every fake is started with.
 */
export function requireStrings(vendor: string, values: Record<string, unknown>, prefix = ""): void {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== "string" || value === "") throw invalidOption(vendor, `${prefix}${name}`, "must be a non-empty string");
  }
}
