import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ACCESS,
  json,
  REFRESH,
  requireBuiltBin,
  SECRET,
  spawnCli,
  startFakeAuthorizationServer,
  startServer,
  type TestServer,
  transcript,
} from "./helpers.js";

// The executable as a user runs it: `node packages/cli/dist/bin.js …` in its own process,
// no terminal, real loopback servers, and a scripted browser following the consent redirect.
const servers: TestServer[] = [];
beforeAll(() => requireBuiltBin());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("the hirekit executable", () => {
  it("prints its help and exits 0", async () => {
    const run = spawnCli(["--help"], {});
    expect(await run.code).toBe(0);
    expect(run.out[0]).toBe("Usage: hirekit <command> [flags]");
  });

  it("exits 2 naming an unknown flag", async () => {
    const run = spawnCli(["auth", "check", "sterling", "--verbose"], {});
    expect(await run.code).toBe(2);
    expect(run.err).toEqual(['hirekit auth check: unknown flag "--verbose" (see "hirekit auth check --help")']);
  });

  it("auth zoho: consent in the browser, code exchanged, refresh token saved with mode 0600, no secret printed", async () => {
    const accounts = await startFakeAuthorizationServer({
      consentPath: "/oauth/v2/auth",
      tokenPath: "/oauth/v2/token",
      redirectExtras: (self) => ({ location: "eu", "accounts-server": self.url }),
    });
    servers.push(accounts);
    const file = join(await mkdtemp(join(tmpdir(), "hirekit-e2e-")), "zoho-refresh-token");
    const argv = ["auth", "zoho", "--region", "eu", "--client-id", "1000.ID", "--scope", "ZohoRecruit.modules.ALL"];
    const run = spawnCli(
      [...argv, "--accounts-url", accounts.url, "--out", file],
      { HIREKIT_ZOHO_CLIENT_SECRET: SECRET },
      accounts.url,
    );
    expect(await run.code).toBe(0);
    expect(run.pages.map((p) => p.status)).toEqual([200]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, "utf8")).toBe(`${REFRESH}\n`);
    expect(run.out.at(-1)).toBe(`Refresh token saved to ${file} (mode 0600).`);
    const text = transcript(run);
    for (const secret of [SECRET, REFRESH, ACCESS]) expect(text).not.toContain(secret);
  });

  it("auth zoho: without the secret variable and without a terminal, exits 2 naming the variable", async () => {
    const run = spawnCli(["auth", "zoho", "--region", "eu", "--client-id", "x", "--scope", "s"], {});
    expect(await run.code).toBe(2);
    expect(run.err).toEqual([
      "hirekit auth zoho: Zoho client secret is needed: set HIREKIT_ZOHO_CLIENT_SECRET (no terminal to ask on)",
    ]);
  });

  it("auth smartrecruiters: consent, exchange, refresh token printed; a forged state exits 3", async () => {
    const sr = await startFakeAuthorizationServer({ consentPath: "/identity/oauth/allow", tokenPath: "/identity/oauth/token" });
    servers.push(sr);
    const argv = [
      "auth",
      "smartrecruiters",
      "--client-id",
      "sr-client",
      "--scope",
      "candidates_read",
      "--consent-url",
      `${sr.url}/identity/oauth/allow`,
      "--token-url",
      `${sr.url}/identity/oauth/token`,
    ];
    const run = spawnCli(argv, { HIREKIT_SMARTRECRUITERS_CLIENT_SECRET: SECRET }, sr.url);
    expect(await run.code).toBe(0);
    expect(run.out.at(-1)).toBe(`Refresh token: ${REFRESH}`);
    expect(transcript(run)).not.toContain(SECRET);

    const forged = await startFakeAuthorizationServer({
      consentPath: "/identity/oauth/allow",
      tokenPath: "/identity/oauth/token",
      consent: "forged-state",
    });
    servers.push(forged);
    const argv2 = argv.map((a) => a.replace(sr.url, forged.url));
    const refused = spawnCli(argv2, { HIREKIT_SMARTRECRUITERS_CLIENT_SECRET: SECRET }, forged.url);
    expect(await refused.code).toBe(3);
    expect(refused.pages.map((p) => p.status)).toEqual([400]);
    expect(forged.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("auth check sterling: reports the lifetime without the token; a refused secret exits 1 with TOKEN_REJECTED", async () => {
    const server = await startServer((req, res) =>
      req.headers.authorization === `Basic ${btoa(`sid:${SECRET}`)}`
        ? json(res, 200, { access_token: "sterling-e2e-token", token_type: "bearer", expires_in: 600 })
        : json(res, 401, { error: "invalid_client" }),
    );
    servers.push(server);
    const env = {
      HIREKIT_STERLING_CLIENT_ID: "sid",
      HIREKIT_STERLING_CLIENT_SECRET: SECRET,
      HIREKIT_STERLING_ENVIRONMENT: "integration",
    };
    const run = spawnCli(["auth", "check", "sterling", "--base-url", `${server.url}/v2`], env);
    expect(await run.code).toBe(0);
    expect(run.out[1]).toMatch(/^sterling: lifetime 5[67]\d s: usable until \d{4}-\d\d-\d\dT/);
    expect(transcript(run)).not.toMatch(/sterling-e2e-token|s3cr3t/);

    const refused = spawnCli(["auth", "check", "sterling", "--base-url", `${server.url}/v2`], {
      ...env,
      HIREKIT_STERLING_CLIENT_SECRET: "wrong-secret",
    });
    expect(await refused.code).toBe(1);
    expect(refused.err[0]).toMatch(/^hirekit auth check: TOKEN_REJECTED: /);
    expect(transcript(refused)).not.toContain("wrong-secret");
  });

  it("demo: runs the five vendors' fakes end to end and finishes cleanly", { timeout: 60_000 }, async () => {
    const run = spawnCli(["demo"], {});
    expect(await run.code).toBe(0);
    expect(run.out.at(-1)).toMatch(/^Demo finished in \d+\.\d s\.$/);
    expect(run.err).toEqual([]);
    expect(run.out[0]).toContain("hirekit demo");
    expect(run.out.join("\n")).toMatch(/total +\d+ requests .* 0 spec violations/);
  });
});
