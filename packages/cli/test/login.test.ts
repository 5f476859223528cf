import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuthMiddleware } from "@hirekit/auth-middleware";
import { smartRecruitersUserAuth } from "@hirekit/auth-middleware/smartrecruiters";
import { redisTokenStore } from "@hirekit/token-store-redis";
import { Redis } from "ioredis";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it } from "vitest";
import {
  ACCESS,
  CODE,
  REFRESH,
  runInProcess,
  SECRET,
  startFakeAuthorizationServer,
  startServer,
  type TestServer,
  transcript,
} from "./helpers.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function zohoAccounts(options: Partial<Parameters<typeof startFakeAuthorizationServer>[0]> = {}) {
  const server = await startFakeAuthorizationServer({
    consentPath: "/oauth/v2/auth",
    tokenPath: "/oauth/v2/token",
    redirectExtras: (self) => ({ location: "eu", "accounts-server": self.url }),
    tokenAnswer: {
      access_token: ACCESS,
      refresh_token: REFRESH,
      api_domain: "https://www.zohoapis.eu",
      token_type: "Bearer",
      expires_in: 3600,
    },
    ...options,
  });
  servers.push(server);
  return server;
}

const zohoArgs = (accounts: string, ...more: string[]) => [
  "auth",
  "zoho",
  "--region",
  "eu",
  "--client-id",
  "1000.CLIENTID",
  "--scope",
  "ZohoRecruit.modules.ALL",
  "--accounts-url",
  accounts,
  "--no-browser",
  ...more,
];
const env = { HIREKIT_ZOHO_CLIENT_SECRET: SECRET, HIREKIT_SMARTRECRUITERS_CLIENT_SECRET: SECRET };

describe("hirekit auth zoho", () => {
  it("prints Zoho's consent URL with offline access, forced consent, the loopback redirect and a state", async () => {
    const accounts = await zohoAccounts();
    const run = await runInProcess(zohoArgs(accounts.url), env, { consentPrefix: accounts.url });
    expect(run.code).toBe(0);
    const consent = accounts.requests.find((r) => r.url.pathname === "/oauth/v2/auth");
    const q = consent?.url.searchParams as URLSearchParams;
    expect(Object.fromEntries(q)).toEqual({
      scope: "ZohoRecruit.modules.ALL",
      client_id: "1000.CLIENTID",
      response_type: "code",
      access_type: "offline",
      prompt: "consent",
      redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/),
      state: expect.stringMatching(/^[\w-]{32}$/),
    });
    expect(run.pages).toEqual([
      { status: 200, text: expect.stringContaining("close this window"), location: expect.any(String) },
    ]);
    expect(run.pages[0]?.text).not.toContain(CODE);
    expect(run.opened).toEqual([]);
  });

  it("exchanges the code with the secret from the environment and prints the refresh token, and nothing secret else", async () => {
    const accounts = await zohoAccounts();
    const run = await runInProcess(zohoArgs(accounts.url), env, { consentPrefix: accounts.url });
    expect(run.code).toBe(0);
    const exchange = accounts.requests.find((r) => r.method === "POST");
    expect(Object.fromEntries(exchange?.form ?? [])).toEqual({
      grant_type: "authorization_code",
      client_id: "1000.CLIENTID",
      client_secret: SECRET,
      redirect_uri: accounts.requests[0]?.url.searchParams.get("redirect_uri"),
      code: CODE,
    });
    expect(run.out).toContain(`Refresh token: ${REFRESH}`);
    const text = transcript(run);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(ACCESS);
    expect(text).not.toContain(CODE);
  });

  it("saves the refresh token to --out with mode 0600 and prints only where", async () => {
    const accounts = await zohoAccounts();
    const dir = await mkdtemp(join(tmpdir(), "hirekit-cli-"));
    const file = join(dir, "zoho.token");
    await writeFile(file, "old contents, world-readable\n", { mode: 0o644 });
    const run = await runInProcess(zohoArgs(accounts.url, "--out", file), env, { consentPrefix: accounts.url });
    expect(run.code).toBe(0);
    expect(await readFile(file, "utf8")).toBe(`${REFRESH}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(run.out).toContain(`Refresh token saved to ${file} (mode 0600).`);
    expect(transcript(run)).not.toContain(REFRESH);
    expect(transcript(run)).not.toContain(SECRET);
  });

  it("exchanges the code at the accounts server named in the redirect when it is a loopback one", async () => {
    const dataCentre = await zohoAccounts();
    // The first server only shows the consent page and names the user's data centre.
    const front = await zohoAccounts({ redirectExtras: () => ({ location: "eu", "accounts-server": dataCentre.url }) });
    const run = await runInProcess(zohoArgs(front.url), env, { consentPrefix: front.url });
    expect(run.code).toBe(0);
    expect(front.requests.map((r) => r.method)).toEqual(["GET"]);
    expect(dataCentre.requests.map((r) => r.method)).toEqual(["POST"]);
    expect(dataCentre.requests[0]?.form.get("redirect_uri")).toBe(front.requests[0]?.url.searchParams.get("redirect_uri"));
    expect(run.err).toContain(`Zoho accounts server: ${dataCentre.url} (region eu).`);
  });

  it("ignores an accounts server that is neither a known Zoho one nor loopback", async () => {
    const accounts = await zohoAccounts({
      redirectExtras: () => ({ location: "eu", "accounts-server": "https://accounts.evil.example" }),
    });
    const run = await runInProcess(zohoArgs(accounts.url), env, { consentPrefix: accounts.url });
    expect(run.code).toBe(0);
    expect(accounts.requests.map((r) => r.method)).toEqual(["GET", "POST"]);
    expect(run.err.join("\n")).toContain('Ignoring unknown accounts-server "https://accounts.evil.example"');
  });

  it("opens a browser unless --no-browser is given", async () => {
    const accounts = await zohoAccounts();
    const argv = zohoArgs(accounts.url).filter((a) => a !== "--no-browser");
    const run = await runInProcess(argv, env, { consentPrefix: accounts.url });
    expect(run.code).toBe(0);
    expect(run.opened).toHaveLength(1);
    expect(run.opened[0]).toMatch(new RegExp(`^${accounts.url}/oauth/v2/auth\\?`));
  });

  it("refuses a redirect with a forged state (exit 3) and never exchanges a code", async () => {
    const accounts = await zohoAccounts({ consent: "forged-state" });
    const run = await runInProcess(zohoArgs(accounts.url), env, { consentPrefix: accounts.url });
    expect(run.code).toBe(3);
    expect(run.pages[0]?.status).toBe(400);
    expect(run.err.join("\n")).toContain("wrong or missing state");
    expect(accounts.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("reports a denied consent (exit 3)", async () => {
    const accounts = await zohoAccounts({ consent: "deny" });
    const run = await runInProcess(zohoArgs(accounts.url), env, { consentPrefix: accounts.url });
    expect(run.code).toBe(3);
    expect(run.err.join("\n")).toContain('error "access_denied"');
  });

  it("gives up when no redirect arrives before --timeout (exit 3)", async () => {
    const run = await runInProcess(zohoArgs("http://127.0.0.1:9", "--timeout", "0.2"), env);
    expect(run.code).toBe(3);
    expect(run.err.join("\n")).toContain("no redirect arrived within 0.2 s (--timeout)");
  });

  it("fails with Zoho's error code when the exchange is refused, without printing the secret", async () => {
    const accounts = await zohoAccounts();
    const run = await runInProcess(
      zohoArgs(accounts.url),
      { HIREKIT_ZOHO_CLIENT_SECRET: "wrong-secret-value" },
      {
        consentPrefix: accounts.url,
      },
    );
    expect(run.code).toBe(1);
    expect(run.err.join("\n")).toMatch(/TOKEN_REJECTED: .*invalid_client/);
    expect(transcript(run)).not.toContain("wrong-secret-value");
  });

  it("fails when Zoho issues no refresh token", async () => {
    const accounts = await zohoAccounts({ tokenAnswer: { access_token: ACCESS, expires_in: 3600 } });
    const run = await runInProcess(zohoArgs(accounts.url), env, { consentPrefix: accounts.url });
    expect(run.code).toBe(1);
    expect(run.err.join("\n")).toContain("without a refresh token");
  });

  it("asks for the client secret with a hidden prompt when the variable is unset", async () => {
    const accounts = await zohoAccounts();
    const questions: string[] = [];
    const run = await runInProcess(
      zohoArgs(accounts.url),
      {},
      {
        consentPrefix: accounts.url,
        promptSecret: async (q) => {
          questions.push(q);
          return SECRET;
        },
      },
    );
    expect(run.code).toBe(0);
    expect(questions).toEqual(["Zoho client secret (input hidden): "]);
  });

  it("fails naming the variable when there is neither the variable nor a terminal (exit 2)", async () => {
    const run = await runInProcess(zohoArgs("http://127.0.0.1:9"), {});
    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      "hirekit auth zoho: Zoho client secret is needed: set HIREKIT_ZOHO_CLIENT_SECRET (no terminal to ask on)",
    ]);
  });

  it("fails when the prompt is answered with nothing (exit 2)", async () => {
    const run = await runInProcess(zohoArgs("http://127.0.0.1:9"), {}, { promptSecret: async () => "  " });
    expect(run.code).toBe(2);
    expect(run.err.join("\n")).toContain("set HIREKIT_ZOHO_CLIENT_SECRET or type it at the prompt");
  });

  it("listens on the --redirect-port it is given, and fails clearly when the port is taken", async () => {
    const accounts = await zohoAccounts();
    const taken = await startServer((_req, res) => res.end());
    servers.push(taken);
    const port = new URL(taken.url).port;
    const run = await runInProcess(zohoArgs(accounts.url, "--redirect-port", port), env);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([`hirekit auth zoho: cannot listen on 127.0.0.1:${port}: EADDRINUSE`]);
  });

  it.each([
    [["--region", "mars"], 'flag "--region" must be one of us, eu'],
    [["--redirect-port", "70000"], 'flag "--redirect-port" must be an integer from 0 to 65535'],
    [["--timeout", "soon"], 'flag "--timeout" must be a positive number of seconds'],
    [["--accounts-url", "http://accounts.example"], 'flag "--accounts-url" must be an https: URL'],
  ])("rejects bad flags before listening: %j", async (bad, message) => {
    const argv = zohoArgs("http://127.0.0.1:9");
    const at = argv.indexOf(bad[0] as string);
    if (at >= 0) argv.splice(at, 2, ...bad);
    else argv.push(...bad);
    const run = await runInProcess(argv, env);
    expect(run.code).toBe(2);
    expect(run.err.join("\n")).toContain(message);
    expect(run.out).toEqual([]);
  });

  it("requires --client-id and --scope", async () => {
    const run = await runInProcess(["auth", "zoho", "--region", "eu"], env);
    expect(run.code).toBe(2);
    expect(run.err).toEqual(['hirekit auth zoho: flag "--client-id" is required']);
  });
});

async function smartRecruiters(options: Partial<Parameters<typeof startFakeAuthorizationServer>[0]> = {}) {
  const server = await startFakeAuthorizationServer({
    consentPath: "/identity/oauth/allow",
    tokenPath: "/identity/oauth/token",
    tokenAnswer: { access_token: ACCESS, refresh_token: REFRESH, token_type: "bearer", expires_in: 1800 },
    ...options,
  });
  servers.push(server);
  return server;
}

const srArgs = (server: string, ...more: string[]) => [
  "auth",
  "smartrecruiters",
  "--client-id",
  "sr-client",
  "--scope",
  "candidates_read jobs_read",
  "--consent-url",
  `${server}/identity/oauth/allow`,
  "--token-url",
  `${server}/identity/oauth/token`,
  "--no-browser",
  ...more,
];

describe("hirekit auth smartrecruiters", () => {
  it("sends SmartRecruiters' consent request and exchanges the code with grant_type=authorization_code", async () => {
    const sr = await smartRecruiters();
    const run = await runInProcess(srArgs(sr.url), env, { consentPrefix: sr.url });
    expect(run.code).toBe(0);
    const [consent, exchange] = sr.requests;
    expect(Object.fromEntries(consent?.url.searchParams ?? [])).toEqual({
      client_id: "sr-client",
      redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/),
      response_type: "code",
      scope: "candidates_read jobs_read",
      state: expect.any(String),
    });
    expect(exchange?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(exchange?.form ?? [])).toEqual({
      grant_type: "authorization_code",
      client_id: "sr-client",
      client_secret: SECRET,
      code: CODE,
      redirect_uri: consent?.url.searchParams.get("redirect_uri"),
    });
    expect(run.out).toContain(`Refresh token: ${REFRESH}`);
    expect(transcript(run)).not.toContain(SECRET);
    expect(transcript(run)).not.toContain(ACCESS);
  });

  it.each([
    [
      { access_token: ACCESS, token_type: "bearer", expires_in: 1800 },
      'INVALID_TOKEN_RESPONSE: smartrecruiters: token response has no "refresh_token" string',
    ],
    [
      { refresh_token: REFRESH, expires_in: 1800 },
      'INVALID_TOKEN_RESPONSE: smartrecruiters: token response has no "access_token" string',
    ],
    [{ error: "invalid_grant" }, "TOKEN_REJECTED: smartrecruiters: token endpoint"],
    [{ access_token: ACCESS, refresh_token: REFRESH, expires_in: "soon" }, 'has a non-numeric "expires_in"'],
  ])("validates the token answer like the engine: %j", async (answer, message) => {
    const sr = await smartRecruiters({ tokenAnswer: answer });
    const run = await runInProcess(srArgs(sr.url, "--out", join(tmpdir(), "never-written")), env, { consentPrefix: sr.url });
    expect(run.code).toBe(1);
    expect(run.err.join("\n")).toContain(message);
    expect(transcript(run)).not.toContain(SECRET);
  });

  it("refuses an answer that is an HTML page", async () => {
    const sr = await smartRecruiters();
    sr.handler = ((original) => (req, res, self) => {
      if (req.method === "POST") res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>");
      else return original(req, res, self);
    })(sr.handler);
    const run = await runInProcess(srArgs(sr.url), env, { consentPrefix: sr.url });
    expect(run.code).toBe(1);
    expect(run.err.join("\n")).toContain("INVALID_TOKEN_RESPONSE");
  });

  const redisUrl = process.env.HIREKIT_REDIS_URL;
  it.skipIf(!redisUrl)(
    "--grant-id writes the refresh token, encrypted, into the fleet's Redis store and prints none",
    async () => {
      const sr = await smartRecruiters();
      const grantId = `cli-grant-${Date.now()}`;
      const key = Buffer.alloc(32, 7).toString("base64");
      const fleetEnv = { ...env, HIREKIT_REDIS_URL: redisUrl as string, HIREKIT_TOKEN_ENCRYPTION_KEY: key };
      const run = await runInProcess(srArgs(sr.url, "--grant-id", grantId), fleetEnv, { consentPrefix: sr.url });
      expect(run.code).toBe(0);
      expect(run.out.join("\n")).toContain(`Refresh token stored in Redis for grant "${grantId}" (encrypted)`);
      expect(transcript(run)).not.toContain(REFRESH);
      expect(transcript(run)).not.toContain(SECRET);

      const redis = new Redis(redisUrl as string);
      try {
        const raw = await Promise.all((await redis.keys("hirekit:*")).map((k) => redis.get(k)));
        expect(raw.join("\n")).not.toContain(REFRESH);
        // A process of the fleet, configured with the grant id only, sends the stored refresh token.
        const sent: string[] = [];
        const auth = createAuthMiddleware(
          smartRecruitersUserAuth({
            clientId: "sr-client",
            clientSecret: SECRET,
            grantId,
            tokenUrl: `${sr.url}/identity/oauth/token`,
            baseUrl: sr.url,
          }),
          {
            tokenStore: redisTokenStore({ client: redis, encryptionKey: key }),
            fetch: async (_url, init) => {
              sent.push(new URLSearchParams(String(init?.body)).get("refresh_token") ?? "");
              return Response.json({ access_token: "fleet-access", token_type: "bearer", expires_in: 1800 });
            },
          },
        );
        const client = createClient<Record<string, never>>({ baseUrl: sr.url });
        client.use(auth);
        await (client as unknown as { GET(path: string): Promise<unknown> }).GET("/ping");
        await auth.dispose();
        expect(sent).toEqual([REFRESH]);
      } finally {
        redis.disconnect();
      }
    },
  );

  it("--grant-id without HIREKIT_REDIS_URL is a usage error, and --grant-id with --out is refused", async () => {
    const sr = await smartRecruiters();
    const run = await runInProcess(srArgs(sr.url, "--grant-id", "g"), env, { consentPrefix: sr.url });
    expect(run.code).toBe(2);
    expect(run.err.join("\n")).toContain("HIREKIT_REDIS_URL");
    expect(transcript(run)).not.toContain(REFRESH);
    const both = await runInProcess(srArgs(sr.url, "--grant-id", "g", "--out", join(tmpdir(), "x")), env);
    expect(both.code).toBe(2);
    expect(both.err.join("\n")).toContain('either "--grant-id" or "--out"');
  });

  it("rejects a non-loopback http: token URL before anything is sent (exit 2)", async () => {
    const run = await runInProcess(
      ["auth", "smartrecruiters", "--client-id", "c", "--scope", "s", "--token-url", "http://api.example/identity/oauth/token"],
      env,
    );
    expect(run.code).toBe(2);
    expect(run.err.join("\n")).toContain('flag "--token-url" must be an https: URL');
  });
});
