import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// Teed request bodies are released on every path a request can take (SECURITY.md #7).
// Measured in a child process under --expose-gc, against the built package (`pnpm test`
// builds first), so that garbage collection is forced and nothing of vitest's is counted.
const fixture = fileURLToPath(new URL("./fixtures/retained-bodies.mjs", import.meta.url));
const built = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const LIMIT = 5 * 1024 * 1024;

async function retainedAfter(mode: string): Promise<{ settled: number; retainedBytes: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", fixture, built, mode], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
  });
  return JSON.parse(stdout);
}

describe("teed request bodies: 300 POSTs of 100 KB leave less than 5 MB after GC", () => {
  it.each([
    ["answered by a later middleware from onRequest (our onResponse never runs)", "answered"],
    ["failed by a later middleware that throws in onRequest (no onError runs)", "thrown"],
    ["aborted by the caller while waiting for the transport", "aborted"],
    ["in flight when the middleware is disposed, then aborted", "disposed"],
    ["failed by the transport", "transport error"],
    ["answered 200 by the API", "ok"],
  ])("%s", async (_name, mode) => {
    const { settled, retainedBytes } = await retainedAfter(mode);
    expect(settled).toBe(300);
    expect(retainedBytes).toBeLessThan(LIMIT);
  });
});
