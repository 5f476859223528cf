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
export class FakeServerError extends Error {
  override readonly name = "FakeServerError";
  /** Stable code to branch on. */
  readonly code: FakeServerErrorCode;
  /** The option at fault, for `INVALID_OPTION`. */
  readonly option: string | undefined;

  constructor(code: FakeServerErrorCode, message: string, option?: string) {
    super(message);
    this.code = code;
    this.option = option;
  }
}

/** An `INVALID_OPTION` error naming the option and what was wrong with it. */
export function invalidOption(vendor: string, option: string, problem: string): FakeServerError {
  return new FakeServerError("INVALID_OPTION", `${vendor} fake: option "${option}" ${problem}`, option);
}
