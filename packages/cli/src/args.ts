import { parseArgs } from "node:util";
import { CliError } from "./errors.js";

/** A flag of a command: `string` flags take a value, `boolean` flags do not. */
export interface FlagSpec {
  type: "string" | "boolean";
  short?: string;
}

/** The flags and positionals a command was given. */
export interface ParsedArgs {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Flags that would put a secret in shell history: refused with a pointer to the variable. */
const SECRET_FLAG = /secret|password|token$|refresh-token|api-key|apikey/i;

/**
 * Parses `argv` for one command (node:util parseArgs, strict). Unknown flags are errors
 * naming the flag and nothing else (an inline `--flag=value` never reaches a message).
 */
export function parseCommandArgs(
  command: string,
  argv: readonly string[],
  spec: Record<string, FlagSpec>,
  maxPositionals = 0,
): ParsedArgs {
  const known = new Set(Object.keys(spec).map((name) => `--${name}`));
  for (const s of Object.values(spec)) if (s.short) known.add(`-${s.short}`);
  for (const arg of argv) {
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-") continue;
    const name = arg.split("=", 1)[0] as string;
    if (known.has(name)) continue;
    if (SECRET_FLAG.test(name)) {
      throw new CliError(
        "USAGE",
        `unknown flag "${name}": secrets are never taken from flags (they would land in shell history); use the environment variable named in "${command} --help"`,
      );
    }
    throw new CliError("USAGE", `unknown flag "${name}" (see "${command} --help")`);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: spec, strict: true, allowPositionals: true });
  } catch (err) {
    // Only a missing or misplaced value is left here; node names the flag, never a value.
    throw new CliError("USAGE", `${(err as Error).message.split(". ")[0]}`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new CliError("USAGE", `unexpected argument "${parsed.positionals[maxPositionals]}"`);
  }
  return { flags: parsed.values as ParsedArgs["flags"], positionals: parsed.positionals };
}

/** A required string flag, or a usage error naming it. */
export function requiredFlag(args: ParsedArgs, name: string): string {
  const value = args.flags[name];
  if (typeof value !== "string" || value.trim() === "") throw new CliError("USAGE", `flag "--${name}" is required`);
  return value;
}

/** An optional string flag. */
export function optionalFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === "string" ? value : undefined;
}

/** A flag holding an integer in [min, max], or a usage error naming it. */
export function integerFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = optionalFlag(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new CliError("USAGE", `flag "--${name}" must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** A flag holding a positive number of seconds, returned in ms. */
export function secondsFlag(args: ParsedArgs, name: string, fallbackS: number): number {
  const raw = optionalFlag(args, name);
  if (raw === undefined) return fallbackS * 1000;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0)) {
    throw new CliError("USAGE", `flag "--${name}" must be a positive number of seconds`);
  }
  return value * 1000;
}
