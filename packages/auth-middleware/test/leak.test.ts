import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  type AuthEvent,
  apiKey,
  clientCredentials,
  createAuthMiddleware,
  getAuthHint,
  memoryTokenStore,
  refreshToken,
  type TokenStore,
} from "../src/index.js";
import { pcrecruiterSession } from "../src/schemes/pcrecruiter.js";
import { smartRecruitersAuth } from "../src/schemes/smartrecruiters.js";
import { sterlingAuth } from "../src/schemes/sterling.js";
import { exchangeZohoAuthorizationCode, revokeZohoToken, zohoRecruitAuth } from "../src/schemes/zoho-recruit.js";
import { clientFor, json, startServer, type TestServer } from "./helpers.js";

/** Every secret used below. Each is distinctive so that a partial echo is caught. */
const SECRETS = {
  clientSecret: "cs-SECRET-7f3a91d2",
  password: "pw-SECRET-c0ffee11",
  pcrApiKey: "ak-SECRET-5e5e5e5e",
  refresh: "rt-SECRET-0badf00d",
  smartToken: "st-SECRET-deadbeef",
  accessToken: "at-SECRET-feedface",
  sessionId: "sid-SECRET-abad1dea",
  code: "gc-SECRET-12345678",
};
const needles = Object.values(SECRETS).flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString("base64").slice(0, 12)]);

const seen: string[] = [];
function record(value: unknown): void {
  seen.push(inspect(value, { depth: 10, showHidden: true }));
  try {
    seen.push(JSON.stringify(value) ?? "");
  } catch {
    // circular: inspect covers it
  }
  if (value instanceof Error) {
    seen.push(value.message, value.stack ?? "");
    let cause = (value as { cause?: unknown }).cause;
    while (cause !== undefined) {
      record(cause);
      cause = cause instanceof Error ? (cause as { cause?: unknown }).cause : undefined;
    }
  }
}
const onEvent = (e: AuthEvent) => {
  record(e);
  if ("error" in e) record(e.error);
};

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** A hostile token endpoint: echoes every secret it receives back in its error text. */
async function echoingServer(mode: "error" | "html" | "ok" | "redirect" | "401-echo" | "content-type" | "token-type") {
  let issued = 0;
  const server = await startServer((req, res) => {
    const received = `${req.body.toString()} ${req.headers.authorization ?? ""} ${req.url}`;
    if (req.url.startsWith("/api")) {
      // The API rejects the first credential, to drive the replay path.
      return json(res, req.headers.authorization?.endsWith("-2") ? 200 : 401, { message: "no" });
    }
    if (mode === "ok") {
      // The first credential issued is refused by the API and the second accepted: one replay.
      issued++;
      if (req.url.includes("access-token")) return json(res, 200, { SessionId: `${SECRETS.sessionId}-${issued}` });
      return json(res, 200, { access_token: `${SECRETS.accessToken}-${issued}`, expires_in: 3600 });
    }
    if (mode === "html") return res.writeHead(500, { "content-type": "text/html" }).end(`<html>${received}</html>`);
    if (mode === "redirect") return res.writeHead(302, { location: `https://evil.example/?${received}` }).end();
    if (mode === "401-echo") return json(res, 401, { error: received, error_description: received, message: received });
    if (mode === "content-type") return res.writeHead(200, { "content-type": `text/plain; x=${received}` }).end("not json");
    if (mode === "token-type") return json(res, 200, { access_token: "t", token_type: received.trim() });
    json(res, 200, { error: `invalid ${received}`, error_description: `got ${received}` });
  });
  servers.push(server);
  return server;
}

function schemes(url: string) {
  return [
    clientCredentials({
      tokenUrl: `${url}/token`,
      clientId: "id",
      clientSecret: SECRETS.clientSecret,
      clientAuthentication: "client_secret_basic",
    }),
    clientCredentials({
      tokenUrl: `${url}/token`,
      clientId: "id",
      clientSecret: SECRETS.clientSecret,
      clientAuthentication: "client_secret_post",
    }),
    refreshToken({ tokenUrl: `${url}/token`, clientId: "id", clientSecret: SECRETS.clientSecret, refreshToken: SECRETS.refresh }),
    zohoRecruitAuth({
      region: "eu",
      accountsUrl: url,
      baseUrl: url,
      clientId: "id",
      clientSecret: SECRETS.clientSecret,
      refreshToken: SECRETS.refresh,
    }),
    sterlingAuth({ environment: "integration", baseUrl: url, clientId: "id", clientSecret: SECRETS.clientSecret }),
    smartRecruitersAuth({ baseUrl: url, clientId: "id", clientSecret: SECRETS.clientSecret }),
    smartRecruitersAuth({ baseUrl: url, apiKey: SECRETS.smartToken }),
    apiKey({ header: "X-Api-Key", value: SECRETS.smartToken }),
    pcrecruiterSession({
      baseUrl: url,
      username: "u",
      password: SECRETS.password,
      databaseId: "D.P",
      apiKey: SECRETS.pcrApiKey,
      appId: "app",
    }),
  ];
}

describe("no secret appears in any error, event, inspect or JSON output", () => {
  it("holds across failing, hostile and successful flows of every scheme", async () => {
    for (const mode of ["error", "html", "redirect", "401-echo", "content-type", "token-type", "ok"] as const) {
      const server = await echoingServer(mode);
      for (const scheme of schemes(server.url)) {
        record(scheme);
        const store = memoryTokenStore();
        record(store);
        const auth = createAuthMiddleware(scheme, { onEvent, tokenStore: store, timeoutMs: 2000 });
        record(auth);
        const client = clientFor(server.url, auth);
        try {
          const { response } = await client.GET("/api/x");
          record(getAuthHint(response));
        } catch (err) {
          record(err);
        }
        await auth.dispose();
      }
    }
  });

  it("holds for a store that fails with the token in its message", async () => {
    const server = await echoingServer("ok");
    const store: TokenStore = {
      get: () => undefined,
      set: (_k, t) => {
        throw new Error(`cannot write ${t.value}`);
      },
      delete: () => undefined,
    };
    const client = clientFor(server.url, createAuthMiddleware(schemes(server.url)[0] as never, { tokenStore: store, onEvent }));
    await client.GET("/api/x").catch(record);
  });

  it("holds for the Zoho helpers", async () => {
    const server = await echoingServer("error");
    for (const call of [
      () =>
        exchangeZohoAuthorizationCode({
          region: "eu",
          accountsUrl: server.url,
          clientId: "id",
          clientSecret: SECRETS.clientSecret,
          redirectUri: "http://localhost/cb",
          code: SECRETS.code,
        }),
      () => revokeZohoToken({ region: "eu", accountsUrl: server.url, token: SECRETS.refresh }),
    ]) {
      await call().then(record, record);
    }
    const ok = await startServer((_req, res) =>
      json(res, 200, { access_token: SECRETS.accessToken, refresh_token: SECRETS.refresh, expires_in: 3600 }),
    );
    servers.push(ok);
    const result = await exchangeZohoAuthorizationCode({
      region: "eu",
      accountsUrl: ok.url,
      clientId: "id",
      clientSecret: SECRETS.clientSecret,
      redirectUri: "http://localhost/cb",
      code: SECRETS.code,
    });
    record(result);
    expect(result.refreshToken).toBe(SECRETS.refresh); // the value is there for the caller to read…
  });

  it("…and none of it was printed", () => {
    expect(seen.length).toBeGreaterThan(200);
    const text = seen.join("\n");
    for (const needle of needles) {
      expect(text.includes(needle), `leaked ${needle.slice(0, 6)}…`).toBe(false);
    }
    // The scan is not vacuous: errors and events were really produced.
    expect(text).toContain("TOKEN_REJECTED");
    expect(text).toContain("TOKEN_REDIRECT");
    expect(text).toContain("token_obtained");
    expect(text).toContain("replayed");
  });
});
