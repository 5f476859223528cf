import { openBrowser } from "./browser.js";
import type { CliIo } from "./io.js";
import { promptHidden } from "./prompt.js";

/**
 * The terminal: stdout, stderr, `process.env`, a hidden prompt when stdin is a terminal,
 * and the platform's browser opener.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), nodeIo());
 * ```
 */
export function nodeIo(proc: NodeJS.Process = process): CliIo {
  return {
    out: (line) => proc.stdout.write(`${line}\n`),
    err: (line) => proc.stderr.write(`${line}\n`),
    env: proc.env,
    promptSecret: proc.stdin.isTTY ? (question) => promptHidden(question, proc.stdin, proc.stderr) : undefined,
    openBrowser: (url) => openBrowser(url, proc.platform),
  };
}
