/**
 * What a command needs from the outside world. `runCli` takes it whole, so tests run the
 * command in-process on real loopback servers while `bin.ts` wires it to the terminal.
 *
 * @example
 * ```ts
 * const io: CliIo = { out: console.log, err: console.error, env: process.env, openBrowser: () => undefined };
 * ```
 */
export interface CliIo {
  /** Writes one line to standard output. */
  out(line: string): void;
  /** Writes one line to standard error. */
  err(line: string): void;
  /** Environment variables (secrets come from here, never from flags). */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Asks for a secret without echoing it; `undefined` when there is no terminal to ask on
   * (the command then fails naming the environment variable to set).
   */
  promptSecret?: ((question: string) => Promise<string>) | undefined;
  /** Opens `url` in a browser when one exists; never throws. */
  openBrowser(url: string): void;
}
