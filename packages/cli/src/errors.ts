import { HirekitError } from "@hirekit/auth-middleware";
/**
 * Exit codes of the `hirekit` command. Scripts can rely on them.
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | success |
 * | 1 | the vendor refused or failed (an `AuthError`, whose `code` is printed), or the demo failed |
 * | 2 | usage error: unknown command or flag, missing or malformed option, missing secret |
 * | 3 | the browser consent did not complete: denied, wrong `state`, or no redirect before `--timeout` |
 *
 * @example
 * ```sh
 * hirekit auth check sterling || [ $? -eq 2 ] && echo "fix the environment variables"
 * ```
 */
export const EXIT_CODES = { ok: 0, failure: 1, usage: 2, consent: 3 } as const;

/** Stable codes of {@link CliError}. */
export type CliErrorCode = "USAGE" | "MISSING_SECRET" | "CONSENT_DENIED" | "STATE_MISMATCH" | "CONSENT_TIMEOUT" | "FAILED";

const EXIT_OF: Record<CliErrorCode, number> = {
  USAGE: EXIT_CODES.usage,
  MISSING_SECRET: EXIT_CODES.usage,
  CONSENT_DENIED: EXIT_CODES.consent,
  STATE_MISMATCH: EXIT_CODES.consent,
  CONSENT_TIMEOUT: EXIT_CODES.consent,
  FAILED: EXIT_CODES.failure,
};

/**
 * A failure of the command itself (not of the vendor): a typed `code` and the exit code it
 * maps to. Messages never hold a secret.
 *
 * @example
 * ```ts
 * throw new CliError("USAGE", 'unknown flag "--client-secret"');
 * ```
 */
export class CliError extends HirekitError<CliErrorCode> {
  override readonly name = "CliError";
  /** The process exit code for this error (see {@link EXIT_CODES}). */
  readonly exitCode: number;

  constructor(code: CliErrorCode, message: string) {
    super(code, message);
    this.exitCode = EXIT_OF[code];
  }
}
