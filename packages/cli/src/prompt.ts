import { createInterface } from "node:readline";

/**
 * Asks `question` on `output` and reads one line from `input` without echoing it (for a
 * client secret typed at the terminal).
 *
 * @example
 * ```ts
 * const secret = await promptHidden("Client secret (input hidden): ");
 * ```
 */
export function promptHidden(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
  // readline swallows Ctrl-C in terminal mode; re-raising it ends the process as the user meant.
  onInterrupt: () => void = () => process.kill(process.pid, "SIGINT"),
): Promise<string> {
  const rl = createInterface({ input, output, terminal: true });
  // readline echoes through _writeToOutput: let the question through, then silence it so the
  // typed characters (and line redraws) never reach the terminal.
  const internals = rl as unknown as { _writeToOutput: (s: string) => void };
  const write = internals._writeToOutput.bind(rl);
  let muted = false;
  internals._writeToOutput = (s) => {
    if (!muted) write(s);
  };
  return new Promise((resolve) => {
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      output.write("\n");
      resolve(answer);
    });
    muted = true;
    rl.once("SIGINT", () => {
      rl.close();
      output.write("\n");
      onInterrupt();
    });
    rl.once("close", () => {
      if (!answered) resolve("");
    });
  });
}
