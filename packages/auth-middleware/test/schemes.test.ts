import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type AuthScheme,
  apiKey,
  clientCredentials,
  createAuthMiddleware,
  getAuthHint,
  refreshToken,
  session,
} from "../src/index.js";
import { pcrecruiterSession } from "../src/schemes/pcrecruiter.js";
import { smartRecruitersAuth } from "../src/schemes/smartrecruiters.js";
import { sterlingAuth } from "../src/schemes/sterling.js";
import { ZOHO_ACCESS_TOKEN_LIMIT, zohoRecruitAuth } from "../src/schemes/zoho-recruit.js";
import { clientFor, eventLog, json, startApiServer, startServer, type TestServer, until } from "./helpers.js";

const servers: TestServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** One loopback server that plays every vendor's token endpoint and counts the calls. */
async function vendorTokenServer(latencyMs = 25) {
  let count = 0;
  const server = await startServer(async (req, res) => {
    // The same loopback origin also plays the API, so that session schemes (whose API and login share a base) fit.
    if (req.url.startsWith("/records")) return json(res, 200, { auth: req.headers.authorization });
    await new Promise((r) => setTimeout(r, latencyMs));
    count++;
    if (req.url.endsWith("/access-token") && req.method === "POST") return json(res, 200, { SessionId: `S-${count}` });
    if (req.url.endsWith("/access-token") && req.method === "DELETE") return json(res, 200, { Success: true });
    json(res, 200, { access_token: `T-${count}`, token_type: "Bearer", expires_in: 3600 });
  });
  servers.push(server);
  return Object.assign(server, { count: () => count });
}

const schemesFor = (url: string, apiUrl: string): Array<[string, () => AuthScheme]> => [
  [
    "pcrecruiterSession",
    () =>
      pcrecruiterSession({
        username: "u",
        password: "p-secret",
        databaseId: "D.P",
        apiKey: "k-secret",
        appId: "a",
        baseUrl: url,
      }),
  ],
  [
    "zohoRecruitAuth",
    () =>
      zohoRecruitAuth({
        region: "us",
        clientId: "c",
        clientSecret: "z-secret",
        refreshToken: `rt-${url}`,
        accountsUrl: url,
        baseUrl: apiUrl,
      }),
  ],
  [
    "smartRecruitersAuth (OAuth)",
    () =>
      smartRecruitersAuth({ clientId: "c", clientSecret: "sr-secret", baseUrl: apiUrl, tokenUrl: `${url}/identity/oauth/token` }),
  ],
  [
    "sterlingAuth",
    () =>
      sterlingAuth({
        clientId: "c",
        clientSecret: "st-secret",
        environment: "integration",
        baseUrl: apiUrl,
        tokenUrl: `${url}/v2/oauth`,
      }),
  ],
  [
    "clientCredentials",
    () =>
      clientCredentials({
        tokenUrl: `${url}/token`,
        clientId: "c",
        clientSecret: "cc-secret",
        clientAuthentication: "client_secret_basic",
      }),
  ],
  [
    "refreshToken",
    () => refreshToken({ tokenUrl: `${url}/token`, clientId: "c", clientSecret: "rt-secret", refreshToken: "r-secret" }),
  ],
  [
    "session",
    () =>
      session({
        authorizationPrefix: "Session ",
        create: async ({ fetch, signal }) =>
          ((await (await fetch(`${url}/access-token`, { method: "POST", signal })).json()) as { SessionId: string }).SessionId,
      }),
  ],
];

describe("every scheme: 1,000 concurrent requests on a cold cache → exactly 1 token request", () => {
  it.each([
    "pcrecruiterSession",
    "zohoRecruitAuth",
    "smartRecruitersAuth (OAuth)",
    "sterlingAuth",
    "clientCredentials",
    "refreshToken",
    "session",
  ])("%s", async (name) => {
    const tokens = await vendorTokenServer();
    const scheme = (schemesFor(tokens.url, tokens.url).find(([n]) => n === name) as [string, () => AuthScheme])[1]();
    const client = clientFor(tokens.url, createAuthMiddleware(scheme));
    const results = await Promise.all(Array.from({ length: 1000 }, () => client.GET("/records")));
    const creds = new Set(results.map((r) => r.data.auth));
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(creds.size).toBe(1);
    expect(tokens.count()).toBe(1);
  });
});

describe("apiKey", () => {
  it("sends the header, never touches a store, and marks a 401 as STATIC_CREDENTIAL", async () => {
    const api = await startApiServer((a) => a === "good-key");
    servers.push(api);
    const store = { get: vi.fn(), set: vi.fn(), delete: vi.fn() };
    const client = clientFor(
      api.url,
      createAuthMiddleware(apiKey({ header: "X-SmartToken", value: "good-key" }), { tokenStore: store }),
    );
    expect((await client.GET("/ok")).data.auth).toBe("good-key");
    const bad = clientFor(api.url, createAuthMiddleware(apiKey({ header: "X-SmartToken", value: "bad-key" })));
    const { response } = await bad.GET("/ok");
    expect(response.status).toBe(401);
    expect(getAuthHint(response)?.code).toBe("STATIC_CREDENTIAL");
    expect(store.get).not.toHaveBeenCalled();
    expect(store.set).not.toHaveBeenCalled();
  });
});

describe("refreshToken", () => {
  it("keeps the old refresh token when the answer omits one, reports a rotated one", async () => {
    const seen: string[] = [];
    let n = 0;
    const tokens = await startServer((req, res) => {
      seen.push(new URLSearchParams(req.body.toString()).get("refresh_token") ?? "");
      n++;
      json(
        res,
        200,
        n === 2
          ? { access_token: `a${n}`, refresh_token: "r-rotated", expires_in: 3600 }
          : { access_token: `a${n}`, expires_in: 3600 },
      );
    });
    servers.push(tokens);
    let valid = "Bearer a1";
    const api = await startApiServer((a) => a === valid);
    servers.push(api);
    const rotated: string[] = [];
    const client = clientFor(
      api.url,
      createAuthMiddleware(
        refreshToken({
          tokenUrl: `${tokens.url}/t`,
          clientId: "c",
          clientSecret: "s",
          refreshToken: "r-initial",
          onRefreshToken: (t) => void rotated.push(t),
        }),
      ),
    );
    await client.GET("/a");
    valid = "Bearer a2";
    await client.GET("/a");
    valid = "Bearer a3";
    await client.GET("/a");
    expect(seen).toEqual(["r-initial", "r-initial", "r-rotated"]);
    expect(rotated).toEqual(["r-rotated"]);
  });
});

describe("PCRecruiter session lifecycle on loopback", () => {
  it("ends the session with DELETE on dispose, carrying the session", async () => {
    const tokens = await vendorTokenServer(0);
    const api = await startApiServer();
    servers.push(api);
    const log = eventLog();
    const auth = createAuthMiddleware(
      pcrecruiterSession({
        username: "u",
        password: "p-secret",
        databaseId: "D.P",
        apiKey: "k-secret",
        appId: "a",
        baseUrl: tokens.url,
      }),
      { onEvent: log.onEvent },
    );
    await clientFor(tokens.url, auth).GET("/candidates");
    await auth.dispose();
    const del = tokens.requests.find((r) => r.method === "DELETE");
    expect(del?.url).toBe("/access-token");
    expect(del?.headers.authorization).toBe("BEARER S-1");
    expect(log.of("session_ended")).toHaveLength(1);
  });

  it("reports a failed logout without throwing", async () => {
    const tokens = await startServer((req, res) =>
      req.method === "POST" ? json(res, 200, { SessionId: "S" }) : json(res, 500, {}),
    );
    servers.push(tokens);
    const log = eventLog();
    const auth = createAuthMiddleware(
      pcrecruiterSession({
        username: "u",
        password: "p-secret",
        databaseId: "D.P",
        apiKey: "k-secret",
        appId: "a",
        baseUrl: tokens.url,
      }),
      { onEvent: log.onEvent },
    );
    await clientFor(tokens.url, auth).GET("/candidates");
    await auth.dispose();
    expect(log.of("session_end_failed")[0]).toMatchObject({ error: { code: "TOKEN_HTTP_ERROR" } });
  });
});

describe("Zoho token-request cap", () => {
  it(`queues the ${ZOHO_ACCESS_TOKEN_LIMIT.limit + 1}th access-token request until the ${ZOHO_ACCESS_TOKEN_LIMIT.windowMs / 60000}-minute window allows it`, async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    let issued = 0;
    const fetchStub = (async () => {
      issued++;
      return new Response(JSON.stringify({ access_token: `z${issued}`, expires_in: 3600 }), { status: 200 });
    }) as typeof fetch;
    const log = eventLog();
    const scheme = zohoRecruitAuth({ region: "eu", clientId: "c", clientSecret: "s", refreshToken: "rt-cap-test" });
    const ctx = { fetch: fetchStub, signal: new AbortController().signal, timeoutMs: 1000, clock: Date.now, emit: log.onEvent };
    for (let i = 0; i < ZOHO_ACCESS_TOKEN_LIMIT.limit; i++) await scheme.obtain(ctx);
    expect(issued).toBe(10);
    let done = false;
    const eleventh = scheme.obtain(ctx).then((t) => {
      done = true;
      return t;
    });
    await vi.advanceTimersByTimeAsync(ZOHO_ACCESS_TOKEN_LIMIT.windowMs - 1);
    expect(done).toBe(false);
    expect(log.of("token_request_queued")[0]).toMatchObject({ vendor: "zoho-recruit" });
    await vi.advanceTimersByTimeAsync(1);
    expect((await eleventh).value).toBe("z11");
    expect(issued).toBe(11);
  });
});

describe("options name what is wrong", () => {
  const base = { clientId: "c", clientSecret: "s" };
  it.each([
    ["sterling", "environment", () => sterlingAuth({ ...base, environment: "staging" as never })],
    ["sterling", "clientSecret", () => sterlingAuth({ clientId: "c", environment: "production" } as never)],
    ["sterling", "baseUrl", () => sterlingAuth({ ...base, environment: "production", baseUrl: "not a url" })],
    ["zoho-recruit", "region", () => zohoRecruitAuth({ ...base, refreshToken: "r", region: "mars" as never })],
    ["zoho-recruit", "refreshToken", () => zohoRecruitAuth({ ...base, region: "eu" } as never)],
    ["smartrecruiters", "environment", () => smartRecruitersAuth({ apiKey: "k", environment: "qa" as never })],
    ["smartrecruiters", "clientId", () => smartRecruitersAuth({ clientSecret: "s" } as never)],
    ["pcrecruiter", "databaseId", () => pcrecruiterSession({ username: "u", password: "p", apiKey: "k", appId: "a" } as never)],
    [
      "client-credentials",
      "clientAuthentication",
      () => clientCredentials({ ...base, tokenUrl: "https://a.b/t", clientAuthentication: "jwt" as never }),
    ],
    [
      "client-credentials",
      "extraParams",
      () =>
        clientCredentials({
          ...base,
          tokenUrl: "https://a.b/t",
          clientAuthentication: "client_secret_post",
          extraParams: { a: 1 } as never,
        }),
    ],
    [
      "client-credentials",
      "tokenUrl",
      () => clientCredentials({ ...base, tokenUrl: "ftp://a.b/t", clientAuthentication: "client_secret_post" }),
    ],
    [
      "refresh-token",
      "onRefreshToken",
      () => refreshToken({ ...base, tokenUrl: "https://a.b/t", refreshToken: "r", onRefreshToken: "x" as never }),
    ],
    ["session", "create", () => session({ authorizationPrefix: "B " } as never)],
    ["session", "authorizationPrefix", () => session({ create: async () => "x" } as never)],
    ["api-key", "header", () => apiKey({ value: "v" } as never)],
    ["api-key", "value", () => apiKey({ header: "X-K", value: "  " })],
    ["api-key", "options", () => apiKey(null as never)],
    [
      "client-credentials",
      "scope",
      () => clientCredentials({ ...base, tokenUrl: "https://a.b/t", clientAuthentication: "client_secret_post", scope: "" }),
    ],
    [
      "client-credentials",
      "extraParams",
      () =>
        clientCredentials({
          ...base,
          tokenUrl: "https://a.b/t",
          clientAuthentication: "client_secret_post",
          extraParams: null as never,
        }),
    ],
    [
      "client-credentials",
      "tokenUrl",
      () => clientCredentials({ ...base, tokenUrl: 5 as never, clientAuthentication: "client_secret_post" }),
    ],
    [
      "refresh-token",
      "authorizationPrefix",
      () => refreshToken({ ...base, tokenUrl: "https://a.b/t", refreshToken: "r", authorizationPrefix: 1 as never }),
    ],
    ["session", "destroy", () => session({ authorizationPrefix: "B ", create: async () => "x", destroy: "no" as never })],
  ])("%s: %s", (vendor, option, build) => {
    expect(build).toThrowError(expect.objectContaining({ code: "INVALID_OPTION", vendor, option }));
  });

  it("refuses credentials embedded in a URL", () => {
    expect(() =>
      clientCredentials({ ...base, tokenUrl: "https://u:p@a.b/t", clientAuthentication: "client_secret_post" }),
    ).toThrowError(expect.objectContaining({ option: "tokenUrl" }));
  });

  it("accepts loopback http overrides for local fakes", () => {
    expect(() => sterlingAuth({ ...base, environment: "integration", baseUrl: "http://127.0.0.1:9999/v2" })).not.toThrow();
    expect(() => sterlingAuth({ ...base, environment: "integration", baseUrl: "http://localhost:9999/v2" })).not.toThrow();
    expect(() => sterlingAuth({ ...base, environment: "integration", baseUrl: "http://[::1]:9999/v2" })).not.toThrow();
  });
});

describe("zoho helpers validate too", () => {
  it("names timeoutMs", async () => {
    const { exchangeZohoAuthorizationCode } = await import("../src/schemes/zoho-recruit.js");
    await expect(
      exchangeZohoAuthorizationCode({
        region: "eu",
        clientId: "c",
        clientSecret: "s",
        redirectUri: "http://localhost/cb",
        code: "g",
        timeoutMs: 0,
      }),
    ).rejects.toMatchObject({ code: "INVALID_OPTION", option: "timeoutMs" });
  });
});

describe("dispose while a login is in flight", () => {
  it("does not adopt a session that arrives after dispose, and reports DISPOSED", async () => {
    const api = await startApiServer();
    servers.push(api);
    let finish: (id: string) => void = () => undefined;
    const auth = createAuthMiddleware(
      session({ authorizationPrefix: "S ", create: () => new Promise<string>((r) => (finish = r)) }),
    );
    const pending = clientFor(api.url, auth).GET("/x");
    await until(() => finish.name !== "");
    await new Promise((r) => setTimeout(r, 10));
    await auth.dispose();
    finish("late-session");
    await expect(pending).rejects.toMatchObject({ code: "DISPOSED" });
    expect(api.requests).toHaveLength(0);
  });

  it("reports DISPOSED when a login fails because dispose aborted it", async () => {
    const api = await startApiServer();
    servers.push(api);
    const auth = createAuthMiddleware(
      session({
        authorizationPrefix: "S ",
        create: ({ signal }) =>
          new Promise<string>((_r, reject) => signal.addEventListener("abort", () => reject(new Error("aborted login")))),
      }),
    );
    const pending = clientFor(api.url, auth).GET("/x");
    await new Promise((r) => setTimeout(r, 20));
    await auth.dispose();
    await expect(pending).rejects.toMatchObject({ code: "DISPOSED" });
  });
});

describe("session create() that misbehaves", () => {
  it("turns a non-string session id into INVALID_TOKEN_RESPONSE and a thrown error into TOKEN_REQUEST_FAILED", async () => {
    const api = await startApiServer();
    servers.push(api);
    const empty = clientFor(api.url, createAuthMiddleware(session({ authorizationPrefix: "S ", create: async () => "" })));
    await expect(empty.GET("/x")).rejects.toMatchObject({ code: "INVALID_TOKEN_RESPONSE" });
    const throws = clientFor(
      api.url,
      createAuthMiddleware(
        session({
          authorizationPrefix: "S ",
          secrets: ["hunter2-password"],
          create: async () => {
            throw new Error("login failed for hunter2-password");
          },
        }),
      ),
    );
    const err = await throws.GET("/x").catch((e: Error) => e);
    expect(err).toMatchObject({ code: "TOKEN_REQUEST_FAILED" });
    expect((err as Error).message).not.toContain("hunter2-password");
    await until(() => true);
  });
});
