import { AuthError, redact } from "@hirekit/auth-middleware";
import { type FlagSpec, parseCommandArgs } from "./args.js";
import { BULLHORN_LOGIN_FLAGS, bullhornLogin } from "./bullhorn-login.js";
import { authCheck, CHECK_FLAGS } from "./check.js";
import { demo, loadTestingPackage } from "./demo.js";
import { CliError, EXIT_CODES } from "./errors.js";
import { HELP } from "./help.js";
import type { CliIo } from "./io.js";
import { SMARTRECRUITERS_LOGIN_FLAGS, smartRecruitersLogin } from "./smartrecruiters-login.js";
import { ZOHO_LOGIN_FLAGS, zohoLogin } from "./zoho-login.js";

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Loads `@hirekit/testing` for `hirekit demo` (tests substitute it). */
  loadTesting?: () => Promise<unknown>;
}

type Command = (io: CliIo, args: ReturnType<typeof parseCommandArgs>) => Promise<void>;

const HELP_ONLY: Record<string, FlagSpec> = { help: { type: "boolean", short: "h" } };

const COMMANDS: Record<string, { flags: Record<string, FlagSpec>; positionals: number; run: Command | undefined }> = {
  demo: { flags: HELP_ONLY, positionals: 0, run: undefined },
  "auth zoho": { flags: ZOHO_LOGIN_FLAGS, positionals: 0, run: zohoLogin },
  "auth smartrecruiters": { flags: SMARTRECRUITERS_LOGIN_FLAGS, positionals: 0, run: smartRecruitersLogin },
  "auth bullhorn": { flags: BULLHORN_LOGIN_FLAGS, positionals: 0, run: bullhornLogin },
  "auth check": { flags: CHECK_FLAGS, positionals: 1, run: authCheck },
};

/** Secrets the command may know, scrubbed from any error text before it is printed. */
function knownSecrets(io: CliIo): string[] {
  return Object.entries(io.env)
    .filter(([name, value]) => /SECRET|PASSWORD|TOKEN|API_KEY/.test(name) && value !== undefined)
    .map(([, value]) => value as string);
}

/**
 * Runs the `hirekit` command with `argv` (without `node` and the script) and returns the
 * exit code. Everything it prints goes through `io`; no secret ever does, except the
 * refresh token that `auth zoho`/`auth smartrecruiters` print when no `--out` is given.
 *
 * @example
 * ```ts
 * const code = await runCli(["auth", "check", "sterling"], {
 *   out: console.log, err: console.error, env: process.env, openBrowser: () => undefined,
 * });
 * process.exitCode = code;
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo, options: RunCliOptions = {}): Promise<number> {
  const [first, second] = argv;
  const top = first === "auth" && second !== undefined && !second.startsWith("-") ? `auth ${second}` : first;
  if (top === undefined || top === "--help" || top === "-h" || top === "help") {
    io.out(HELP.hirekit as string);
    return top === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
  }
  const command = COMMANDS[top];
  if (command === undefined) {
    if (first === "auth") {
      const help = second === "--help" || second === "-h";
      if (!help && second !== undefined && !second.startsWith("-")) {
        io.err(`hirekit auth: unknown command "${second.slice(0, 60)}"`);
      }
      io[help ? "out" : "err"](HELP.auth as string);
      return help ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    io.err(`hirekit: unknown command "${top.slice(0, 60)}" (see "hirekit --help")`);
    return EXIT_CODES.usage;
  }
  const rest = argv.slice(top.split(" ").length);
  try {
    const args = parseCommandArgs(`hirekit ${top}`, rest, command.flags, command.positionals);
    if (args.flags.help === true) {
      io.out(HELP[top] as string);
      return EXIT_CODES.ok;
    }
    if (command.run === undefined) await demo(io, options.loadTesting ?? loadTestingPackage);
    else await command.run(io, args);
    return EXIT_CODES.ok;
  } catch (err) {
    return report(io, `hirekit ${top}`, err);
  }
}

function report(io: CliIo, command: string, err: unknown): number {
  const secrets = knownSecrets(io);
  if (err instanceof CliError) {
    io.err(redact(`${command}: ${err.message}`, secrets));
    return err.exitCode;
  }
  if (err instanceof AuthError) {
    io.err(redact(`${command}: ${err.code}: ${err.message}`, secrets));
    const config = err.code === "INVALID_OPTION" || err.code === "INSECURE_URL";
    return config ? EXIT_CODES.usage : EXIT_CODES.failure;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(redact(`${command}: failed: ${message}`, secrets));
  return EXIT_CODES.failure;
}
