import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FAULT_SECRETS } from "./faults/secrets.js";

const SCRIPT = fileURLToPath(new URL("../../../scripts/leak-scan.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "leak-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scanText(text: string) {
  const file = join(dir, `out-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(file, text);
  return spawnSync(process.execPath, [SCRIPT, file], { encoding: "utf8" });
}

describe("scripts/leak-scan.mjs", () => {
  it("passes output that holds no registered secret", () => {
    const run = scanText("✓ retries a GET answered 503\nAuthError: TOKEN_HTTP_ERROR\n");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/leak-scan: \d+ registered test secrets, 1 file\(s\), 0 finding\(s\)/);
  });

  it.each([
    ["a secret of the explicit registry", FAULT_SECRETS.clientSecret],
    ["an issued token, by its registered prefix", `${FAULT_SECRETS.accessTokenPrefix}3`],
    ["a secret found by the naming convention (clientSecret in a vendor test)", "sterling-test-secret"],
    ["a secret found by the naming convention (const KEY)", "sr-test-api-key-0123456789abcdef"],
  ])("fails on %s, naming only its first 4 characters", (_, secret) => {
    const run = scanText(`line one\nError: refused Bearer ${secret} at https://api\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`secret "${secret.slice(0, 4)}…"`);
    expect(run.stderr).toMatch(/\.log:2\n/);
    expect(run.stderr + run.stdout).not.toContain(secret);
  });

  it("reads test names in a vitest report as source, but scans what the tests threw", () => {
    const secret = FAULT_SECRETS.clientSecret;
    const report = (failure: string) =>
      JSON.stringify({
        testResults: [
          {
            assertionResults: [
              {
                title: `sends ${secret}`,
                fullName: `basic sends ${secret}`,
                ancestorTitles: ["basic"],
                failureMessages: [failure],
              },
            ],
          },
        ],
      });
    expect(scanText(report("")).status).toBe(0);
    expect(scanText(report(`AuthError: ${secret}`)).status).toBe(1);
  });

  it("refuses to run without a file", () => {
    expect(spawnSync(process.execPath, [SCRIPT], { encoding: "utf8" }).status).toBe(2);
  });
});
