import { afterEach, describe, expect, it } from "vitest";
import { HELP } from "../src/help.js";
import { json, runInProcess, startServer, type TestServer, transcript } from "./helpers.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("help and usage", () => {
  it.each([
    [["--help"], "hirekit"],
    [["-h"], "hirekit"],
    [["help"], "hirekit"],
    [["demo", "--help"], "demo"],
    [["auth", "--help"], "auth"],
    [["auth", "zoho", "--help"], "auth zoho"],
    [["auth", "smartrecruiters", "-h"], "auth smartrecruiters"],
    [["auth", "check", "--help"], "auth check"],
  ])("%j prints the help of %s and exits 0", async (argv, key) => {
    const run = await runInProcess(argv, {});
    expect(run.code).toBe(0);
    expect(run.out).toEqual([HELP[key]]);
    expect(run.out[0]).toContain("Exit codes:");
  });

  it("documents the secret variables, never a secret flag", () => {
    expect(HELP["auth zoho"]).toContain("HIREKIT_ZOHO_CLIENT_SECRET");
    expect(HELP["auth smartrecruiters"]).toContain("HIREKIT_SMARTRECRUITERS_CLIENT_SECRET");
    expect(HELP["auth check"]).toContain("HIREKIT_STERLING_CLIENT_SECRET");
    expect(HELP["auth check"]).toContain("HIREKIT_PCRECRUITER_PASSWORD");
    for (const text of Object.values(HELP)) expect(text).not.toMatch(/--(client-secret|password|refresh-token|api-key)/);
  });

  it("prints the overview and exits 2 when no command is given", async () => {
    const run = await runInProcess([], {});
    expect(run.code).toBe(2);
    expect(run.out).toEqual([HELP.hirekit]);
  });

  it("prints the auth overview on stderr and exits 2 for a bare or unknown auth command", async () => {
    const bare = await runInProcess(["auth"], {});
    expect(bare.code).toBe(2);
    expect(bare.err).toEqual([HELP.auth]);
    const unknown = await runInProcess(["auth", "okta"], {});
    expect(unknown.code).toBe(2);
    expect(unknown.err).toEqual(['hirekit auth: unknown command "okta"', HELP.auth]);
  });

  it("names an unknown command", async () => {
    const run = await runInProcess(["deploy"], {});
    expect(run.code).toBe(2);
    expect(run.err).toEqual(['hirekit: unknown command "deploy" (see "hirekit --help")']);
  });

  it("names an unknown flag and nothing of its value", async () => {
    const run = await runInProcess(["demo", "--fast=yes-please"], {});
    expect(run.code).toBe(2);
    expect(run.err).toEqual(['hirekit demo: unknown flag "--fast" (see "hirekit demo --help")']);
  });

  it.each(["--client-secret=hunter2-secret", "--password", "--refresh-token", "--api-key"])(
    "refuses the secret flag %s, pointing to the environment, without echoing a value",
    async (flag) => {
      const run = await runInProcess(["auth", "zoho", flag, "hunter2-secret"], {});
      expect(run.code).toBe(2);
      expect(run.err[0]).toContain(`unknown flag "${flag.split("=")[0]}": secrets are never taken from flags`);
      expect(transcript(run)).not.toContain("hunter2");
    },
  );

  it("reports a flag given without its value", async () => {
    const run = await runInProcess(["auth", "zoho", "--region"], {});
    expect(run.code).toBe(2);
    expect(run.err).toEqual(["hirekit auth zoho: Option '--region <value>' argument missing"]);
  });

  it("rejects extra arguments", async () => {
    const run = await runInProcess(["auth", "check", "sterling", "pcrecruiter"], {});
    expect(run.code).toBe(2);
    expect(run.err).toEqual(['hirekit auth check: unexpected argument "pcrecruiter"']);
  });
});

describe("hirekit demo", () => {
  it("prints every line of runDemo and a closing line", async () => {
    const seen: unknown[] = [];
    const run = await runInProcess(
      ["demo"],
      {},
      {
        cli: {
          loadTesting: async () => ({
            runDemo: async (options: { log: (line: string) => void }) => {
              seen.push(options);
              options.log("sterling: 2 packages");
              options.log("zoho-recruit: 3 candidates");
              return { ok: true };
            },
          }),
        },
      },
    );
    expect(run.code).toBe(0);
    expect(run.out.slice(0, 2)).toEqual(["sterling: 2 packages", "zoho-recruit: 3 candidates"]);
    expect(run.out[2]).toMatch(/^Demo finished in \d+\.\d s\.$/);
    expect(seen).toHaveLength(1);
  });

  it("fails (exit 1) when runDemo fails, with its message", async () => {
    const run = await runInProcess(
      ["demo"],
      {},
      {
        cli: { loadTesting: async () => ({ runDemo: async () => Promise.reject(new Error("fake server did not start")) }) },
      },
    );
    expect(run.code).toBe(1);
    expect(run.err).toEqual(["hirekit demo: failed: fake server did not start"]);
  });

  it("fails (exit 1) when the fakes saw requests that break the specs", async () => {
    const run = await runInProcess(
      ["demo"],
      {},
      {
        cli: {
          loadTesting: async () => ({
            runDemo: async () => ({ totals: { requests: 9, tokensFetched: 1, retries: 0, invalid: 2 } }),
          }),
        },
      },
    );
    expect(run.code).toBe(1);
    expect(run.err).toEqual(["hirekit demo: 2 request(s) did not match the vendors' OpenAPI documents"]);
  });

  it("fails (exit 1) when @hirekit/testing has no runDemo", async () => {
    const run = await runInProcess(["demo"], {}, { cli: { loadTesting: async () => ({}) } });
    expect(run.code).toBe(1);
    expect(run.err).toEqual(["hirekit demo: this build of @hirekit/testing has no runDemo(); update @hirekit/testing"]);
  });
});

const CLIENT_SECRET = "check-client-secret-123";

async function fake(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

describe("hirekit auth check", () => {
  const sterlingEnv = {
    HIREKIT_STERLING_CLIENT_ID: "sterling-id",
    HIREKIT_STERLING_CLIENT_SECRET: CLIENT_SECRET,
    HIREKIT_STERLING_ENVIRONMENT: "integration",
  };

  it("obtains a Sterling token with HTTP Basic and reports its lifetime, not the token", async () => {
    const server = await fake((req, res) =>
      req.url.pathname === "/v2/oauth" && req.headers.authorization === `Basic ${btoa(`sterling-id:${CLIENT_SECRET}`)}`
        ? json(res, 200, { access_token: "sterling-token-abc", token_type: "bearer", expires_in: "36000" })
        : json(res, 401, { error: "invalid_client" }),
    );
    const before = Date.now();
    const run = await runInProcess(["auth", "check", "sterling", "--base-url", `${server.url}/v2`], sterlingEnv);
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(run.out[0]).toMatch(
      new RegExp(`^sterling: credentials accepted by ${server.url}; a token was obtained in \\d+ ms \\(not shown\\)\\.$`),
    );
    const match = /^sterling: lifetime (\d+) s: usable until (\S+)\.$/.exec(run.out[1] ?? "");
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(35_960);
    expect(Number(match?.[1])).toBeLessThanOrEqual(35_970);
    const until = Date.parse(match?.[2] ?? "");
    expect(until - before).toBeGreaterThanOrEqual(35_970_000);
    expect(until - before).toBeLessThan(35_975_000);
    expect(transcript(run)).not.toContain("sterling-token-abc");
    expect(transcript(run)).not.toContain(CLIENT_SECRET);
  });

  it("exits 1 with the AuthError code when the credentials are refused, without the secret", async () => {
    const server = await fake((_req, res) =>
      json(res, 401, { error: "invalid_client", error_description: `unknown secret ${CLIENT_SECRET}` }),
    );
    const run = await runInProcess(["auth", "check", "sterling", "--base-url", `${server.url}/v2`], sterlingEnv);
    expect(run.code).toBe(1);
    expect(run.err[0]).toMatch(
      /^hirekit auth check: TOKEN_REJECTED: sterling: token endpoint .* refused the request: error "invalid_client"/,
    );
    expect(transcript(run)).not.toContain(CLIENT_SECRET);
    expect(run.out).toEqual([]);
  });

  it("exits 1 with TOKEN_TIMEOUT when the token endpoint does not answer within --timeout", async () => {
    const server = await fake(() => undefined);
    const run = await runInProcess(
      ["auth", "check", "sterling", "--base-url", `${server.url}/v2`, "--timeout", "0.2"],
      sterlingEnv,
    );
    expect(run.code).toBe(1);
    expect(run.err[0]).toContain("TOKEN_TIMEOUT");
  });

  it("names every missing variable (exit 2)", async () => {
    const run = await runInProcess(["auth", "check", "sterling"], { HIREKIT_STERLING_CLIENT_ID: "id" });
    expect(run.code).toBe(2);
    expect(run.err).toEqual(["hirekit auth check: set HIREKIT_STERLING_CLIENT_SECRET, HIREKIT_STERLING_ENVIRONMENT"]);
  });

  it("reports a malformed variable as the scheme's option error (exit 2)", async () => {
    const run = await runInProcess(["auth", "check", "sterling"], { ...sterlingEnv, HIREKIT_STERLING_ENVIRONMENT: "staging" });
    expect(run.code).toBe(2);
    expect(run.err[0]).toContain('INVALID_OPTION: sterling: option "environment" must be one of');
  });

  it("refuses plain http: to a non-loopback host (exit 2)", async () => {
    const run = await runInProcess(["auth", "check", "sterling", "--base-url", "http://sterling.example/v2"], sterlingEnv);
    expect(run.code).toBe(2);
    expect(run.err[0]).toContain("INSECURE_URL");
  });

  it("names the vendors when none or an unknown one is given", async () => {
    for (const argv of [
      ["auth", "check"],
      ["auth", "check", "workday"],
    ]) {
      const run = await runInProcess(argv, {});
      expect(run.code).toBe(2);
      expect(run.err[0]).toContain("name a vendor: sterling, smartrecruiters, zoho, bullhorn, pcrecruiter");
    }
  });

  it("refuses to check Bullhorn, whose single-use refresh token a check would spend, and says what to do", async () => {
    const run = await runInProcess(["auth", "check", "bullhorn"], {});
    expect(run.code).toBe(2);
    expect(run.err[0]).toContain("single-use");
    expect(run.err[0]).toContain("hirekit auth bullhorn --grant-id");
  });

  it("checks SmartRecruiters client credentials (form post) on the sandbox or a given host", async () => {
    const server = await fake((req, res) =>
      req.form.get("grant_type") === "client_credentials" && req.form.get("client_secret") === CLIENT_SECRET
        ? json(res, 200, { access_token: "sr-token", token_type: "bearer", expires_in: 1800 })
        : json(res, 400, { error: "invalid_request" }),
    );
    const run = await runInProcess(["auth", "check", "smartrecruiters", "--base-url", server.url], {
      HIREKIT_SMARTRECRUITERS_CLIENT_ID: "sr-id",
      HIREKIT_SMARTRECRUITERS_CLIENT_SECRET: CLIENT_SECRET,
      HIREKIT_SMARTRECRUITERS_ENVIRONMENT: "sandbox",
    });
    expect(run.code).toBe(0);
    expect(server.requests[0]?.url.pathname).toBe("/identity/oauth/token");
    expect(run.out[1]).toMatch(/^smartrecruiters: lifetime 17[67]\d s: usable until /);
    expect(transcript(run)).not.toContain("sr-token");
  });

  it("checks a Zoho refresh token at the given token URL (the zoho-recruit alias works too)", async () => {
    const server = await fake((req, res) =>
      req.form.get("grant_type") === "refresh_token" && req.form.get("refresh_token") === "1000.zoho-refresh"
        ? json(res, 200, { access_token: "zoho-access", expires_in: 3600, api_domain: "https://www.zohoapis.eu" })
        : json(res, 200, { error: "invalid_code" }),
    );
    const zohoEnv = {
      HIREKIT_ZOHO_REGION: "eu",
      HIREKIT_ZOHO_CLIENT_ID: "1000.ID",
      HIREKIT_ZOHO_CLIENT_SECRET: CLIENT_SECRET,
      HIREKIT_ZOHO_REFRESH_TOKEN: "1000.zoho-refresh",
    };
    const argv = ["--token-url", `${server.url}/oauth/v2/token`, "--base-url", `${server.url}/recruit/v2`];
    const run = await runInProcess(["auth", "check", "zoho-recruit", ...argv], zohoEnv);
    expect(run.code).toBe(0);
    expect(run.out[1]).toMatch(/^zoho: lifetime 35[67]\d s/);
    expect(transcript(run)).not.toMatch(/zoho-access|1000\.zoho-refresh|check-client-secret/);

    const refused = await runInProcess(["auth", "check", "zoho", ...argv], {
      ...zohoEnv,
      HIREKIT_ZOHO_REFRESH_TOKEN: "1000.revoked",
    });
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toContain("TOKEN_REJECTED: zoho-recruit: token endpoint");
    expect(refused.err[0]).toContain('"invalid_code"');
    expect(transcript(refused)).not.toContain("1000.revoked");
  });

  it("checks a PCRecruiter login, reports that sessions have no stated lifetime, and ends the session", async () => {
    const server = await fake((req, res) => {
      if (req.method === "POST") json(res, 200, { SessionId: "pcr-session-xyz" });
      else res.writeHead(204).end();
    });
    const run = await runInProcess(["auth", "check", "pcrecruiter", "--base-url", `${server.url}/rest/api`], {
      HIREKIT_PCRECRUITER_USERNAME: "api-user",
      HIREKIT_PCRECRUITER_PASSWORD: "pcr-password-value",
      HIREKIT_PCRECRUITER_DATABASE_ID: "SampleDB.SampleProfile",
      HIREKIT_PCRECRUITER_API_KEY: "pcr-api-key-value",
      HIREKIT_PCRECRUITER_APP_ID: "app-1",
    });
    expect(run.code).toBe(0);
    expect(server.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      "POST /rest/api/access-token",
      "DELETE /rest/api/access-token",
    ]);
    expect(run.out.slice(1)).toEqual([
      "pcrecruiter: no stated lifetime: the credential is reused until the API rejects it, then renewed.",
      "pcrecruiter: the session was ended.",
    ]);
    expect(transcript(run)).not.toMatch(/pcr-session-xyz|pcr-password-value|pcr-api-key-value/);
  });

  it("refuses --token-url for PCRecruiter, whose login has a fixed path", async () => {
    const run = await runInProcess(["auth", "check", "pcrecruiter", "--token-url", "https://x.example/t"], {});
    expect(run.code).toBe(2);
    expect(run.err[0]).toContain("pcrecruiter has no token URL");
  });
});
