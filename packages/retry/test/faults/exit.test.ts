import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const child = fileURLToPath(new URL("./child.mjs", import.meta.url));
const built = ["../../dist/index.js", "../../../auth-middleware/dist/index.js"].every((p) =>
  existsSync(fileURLToPath(new URL(p, import.meta.url))),
);

describe("no leaked timer or socket", () => {
  // The child imports the built packages (`pnpm build` runs before the tests in CI).
  it.skipIf(!built && process.env.CI === undefined)(
    "a process that met a token timeout, a trickling body, an abort during a 30 s Retry-After and a reset exits within 1 s of its last line",
    async () => {
      const proc = spawn(process.execPath, [child], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      let doneAt = 0;
      proc.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
        if (stdout.includes("done")) doneAt ||= performance.now();
      });
      proc.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk;
      });
      const code = await new Promise<number | null>((resolve) => {
        const kill = setTimeout(() => proc.kill("SIGKILL"), 15_000);
        proc.on("exit", (c) => {
          clearTimeout(kill);
          resolve(c);
        });
      });
      const lingered = performance.now() - doneAt;
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout.trim()).toBe("done TOKEN_TIMEOUT TOKEN_TIMEOUT TimeoutError 200");
      expect(lingered).toBeLessThan(1000);
    },
  );
});
