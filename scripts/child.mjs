// One child process, its output collected, killed after a timeout: shared by the checks in
// scripts/ that run other programs (consumer-check.mjs, runtime-matrix/matrix.mjs).
import { spawn } from "node:child_process";

/**
 * Runs `command args` to its end. Resolves (never rejects) with the exit code, or a string
 * saying it was killed after `timeoutMs` or failed to start, the outputs and the seconds taken.
 */
export function runChild(command, args, { cwd, env = process.env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    // A program that does not exit by itself left a timer or a socket open.
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      stderr += String(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const status = signal === null ? code : `killed after ${timeoutMs / 1000}s (it did not exit by itself)`;
      resolve({ code: status, stdout, stderr, seconds });
    });
  });
}
