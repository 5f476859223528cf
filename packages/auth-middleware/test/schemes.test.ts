import { inspect } from "node:util";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type AuthScheme,
  apiKey,
  clientCredentials,
  createAuthMiddleware,
  getAuthHint,
  pinOrigin,
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

describe("rule 9: every scheme's credential goes to one origin only, fixed, never re-derived per request", () => {
  /** Every scheme of schemesFor, plus the static ones (API keys). */
  const allSchemes = (url: string): Array<[string, () => AuthScheme]> => [
    ...schemesFor(url, url),
    ["apiKey", () => apiKey({ header: "X-Key", value: "generic-api-key-secret" })],
    ["smartRecruitersAuth (API key)", () => smartRecruitersAuth({ apiKey: "sr-api-key-secret", baseUrl: url })],
  ];
  const names = allSchemes("http://127.0.0.1").map(([name]) => name);

  it.each(names)("%s: a per-request baseUrl or an absolute URL in the path never receives it", async (name) => {
    const api = await vendorTokenServer(0);
    const other = await startServer((_req, res) => json(res, 200, {}));
    servers.push(other);
    const scheme = (allSchemes(api.url).find(([n]) => n === name) as [string, () => AuthScheme])[1]();
    const auth = createAuthMiddleware(scheme);
    const client = createClient<Record<string, never>>({ baseUrl: api.url });
    client.use(auth);
    const get = client.GET as (path: string, init?: object) => Promise<{ response: Response }>;

    expect((await get("/records")).response.status).toBe(200);
    expect(api.requests.at(-1)?.headers[scheme.header.toLowerCase()]).toBeTruthy();

    // openapi-fetch hands the middleware a per-request baseUrl as options.baseUrl.
    await expect(get("/records", { baseUrl: other.url })).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    // openapi-fetch 0.17 appends the path to baseUrl: an absolute URL in it makes no valid URL at all.
    await expect(get(`${other.url}/records`)).rejects.toThrow(/Failed to parse URL/);
    // Without a baseUrl it sends an absolute path as it is: refused too.
    const bare = createClient<Record<string, never>>();
    bare.use(auth);
    const bareGet = bare.GET as typeof get;
    await expect(bareGet(`${other.url}/records`)).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    expect(other.requests).toHaveLength(0);

    // The pinned origin is unchanged: its requests still carry the credential.
    expect((await get("/records")).response.status).toBe(200);
    expect((await bareGet(`${api.url}/records`)).response.status).toBe(200);
    await auth.dispose();
  });

  it("without apiBaseUrl a generic scheme is pinned by the first request's baseUrl (documented), then never moves", async () => {
    const first = await startApiServer();
    const second = await startApiServer();
    servers.push(first, second);
    const auth = createAuthMiddleware(apiKey({ header: "X-SmartToken", value: "first-pins-key-secret" }));
    const client = createClient<Record<string, never>>({ baseUrl: second.url });
    client.use(auth);
    const get = client.GET as (path: string, init?: object) => Promise<{ response: Response }>;
    expect((await get("/x", { baseUrl: first.url })).response.status).toBe(200);
    await expect(get("/x")).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    expect(second.requests).toHaveLength(0);
  });

  it("a request to no valid origin pins nothing: the next valid one still can", async () => {
    const api = await startApiServer();
    servers.push(api);
    const auth = createAuthMiddleware(apiKey({ header: "X-SmartToken", value: "no-pin-key-secret" }));
    const bare = createClient<Record<string, never>>();
    bare.use(auth);
    const get = bare.GET as (path: string, init?: object) => Promise<{ response: Response }>;
    await expect(get(`${api.url}/x`)).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    expect((await get("/x", { baseUrl: api.url })).response.status).toBe(200);
  });
});

describe("pinOrigin", () => {
  it("pins a scheme that names no origin, keeps one that names the same, refuses another", async () => {
    const api = await startApiServer();
    const other = await startApiServer();
    servers.push(api, other);
    const pinned = pinOrigin(apiKey({ header: "X-SmartToken", value: "pin-key-secret" }), `${api.url}/v1`);
    expect(pinned.apiOrigin).toBe(api.url);
    expect(JSON.stringify(pinned)).not.toContain("pin-key-secret");
    expect(inspect(pinned)).not.toContain("pin-key-secret");
    const client = createClient<Record<string, never>>({ baseUrl: other.url });
    client.use(createAuthMiddleware(pinned));
    // Pinned before any request: even the first request with another baseUrl is refused.
    await expect((client.GET as (p: string) => Promise<unknown>)("/x")).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    expect(other.requests).toHaveLength(0);

    const own = smartRecruitersAuth({ apiKey: "sr-pin-key-secret", baseUrl: api.url });
    expect(pinOrigin(own, api.url).apiOrigin).toBe(api.url);
    expect(() => pinOrigin(own, other.url)).toThrowError(expect.objectContaining({ code: "INVALID_OPTION", option: "auth" }));
    expect(() => pinOrigin(own, "http://api.example.org")).toThrowError(expect.objectContaining({ code: "INSECURE_URL" }));
  });
});
