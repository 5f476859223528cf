import { CliError } from "./errors.js";
import type { CliIo } from "./io.js";

/**
 * Reads a secret from the environment variable `name`, else asks for it on the terminal
 * without echo. Never from a flag: flags land in shell history and `ps` output.
 */
export async function readSecret(io: CliIo, name: string, what: string): Promise<string> {
  const fromEnv = io.env[name];
  if (fromEnv !== undefined && fromEnv.trim() !== "") return fromEnv.trim();
  if (io.promptSecret === undefined) {
    throw new CliError("MISSING_SECRET", `${what} is needed: set ${name} (no terminal to ask on)`);
  }
  const answer = (await io.promptSecret(`${what} (input hidden): `)).trim();
  if (answer === "") throw new CliError("MISSING_SECRET", `${what} is needed: set ${name} or type it at the prompt`);
  return answer;
}
