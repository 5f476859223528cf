import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

// The package as installed: dist/ in its own Node process, OpenAPI documents read from the
// package's specs/ (copied there by the build), ESM and CJS entries.
const ESM = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const CJS = fileURLToPath(new URL("../dist/index.cjs", import.meta.url));
const SPECS = fileURLToPath(new URL("../specs/sterling.openapi.yaml", import.meta.url));

beforeAll(() => {
  for (const file of [ESM, CJS, SPECS]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "pnpm run build" in packages/testing`);
  }
});

const script = (load: string) => `
(async () => {
  const { startFakeSterling } = ${load};
  const fake = await startFakeSterling();
  const basic = Buffer.from(fake.credentials.clientId + ":" + fake.credentials.clientSecret).toString("base64");
  const token = await fetch(fake.url + "/oauth", {
    method: "POST",
    headers: { authorization: "Basic " + basic, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  }).then((r) => r.json());
  const res = await fetch(fake.url + "/candidates", {
    method: "POST",
    headers: { authorization: "Bearer " + token.access_token, "content-type": "application/json" },
    body: JSON.stringify({ givenName: "Jane" }),
  });
  process.stdout.write(JSON.stringify({ status: res.status, body: await res.json(), stats: fake.stats() }));
  await fake.close();
})();`;

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

describe("the built package", () => {
  it.each([
    ["ESM", ["--input-type=module", "-e", script(`await import(${JSON.stringify(ESM)})`)]],
    ["CJS", ["--input-type=commonjs", "-e", script(`require(${JSON.stringify(CJS)})`)]],
  ])("%s entry validates requests against the specs it ships", async (_name, args) => {
    const { code, out, err } = await run(args);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      status: 400,
      body: {
        errors: [
          { code: "400#familyName", message: '"familyName" is required' },
          { code: "400#email", message: '"email" is required' },
          // Required to create a candidate (https://sterling.readme.io/reference, step 3).
          { code: "400#clientReferenceId", message: '"clientReferenceId" is required' },
        ],
      },
      stats: { requests: 1, tokensIssued: 1, tokensRefused: 0, retries: 0, statuses: { 400: 1 }, invalid: 1 },
    });
  });
});
