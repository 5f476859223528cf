import { inspect } from "node:util";
import nock from "nock";
import { afterAll, describe, expect, it } from "vitest";
import { leakedSecrets, useEchoServers } from "../../../scripts/test-leaks.mjs";
import { useNock } from "../../../scripts/test-nock.mjs";
import {
  type AuthEvent,
  type AuthScheme,
  createAuthMiddleware,
  memoryTokenStore,
  pinOrigin,
  seedGrant,
  type TokenStore,
} from "../src/index.js";
import {
  BULLHORN_BASE_URL,
  BULLHORN_LOGIN_INFO_URL,
  type BullhornAuthOptions,
  bullhornAuth,
  discoverBullhorn,
  exchangeBullhornAuthorizationCode,
} from "../src/schemes/bullhorn.js";
import { storeKey } from "../src/store-key.js";
import {
  clientFor,
  eventLog,
  json,
  manualClock,
  type Recorded,
  sessionClientFor,
  startServer,
  type TestServer,
} from "./helpers.js";

const CLIENT_SECRET = "bh-client-SECRET-5a5a5a";
const OPTIONS: BullhornAuthOptions = {
  clientId: "bh-client-id",
  clientSecret: CLIENT_SECRET,
  username: "api.user",
  refreshToken: "RT-1",
};
const DC = "https://rest-west.bullhornstaffing.com";
const AUTH = "https://auth-west.bullhornstaffing.com";
const CORP = "https://rest42.bullhornstaffing.com";
const REST_URL = `${CORP}/rest-services/e999/`;

/** The wire format of each stage, exactly as Bullhorn documents it. */
function discovery(host = "https://rest.bullhornstaffing.com") {
  return nock(host)
    .get("/rest-services/loginInfo")
    .query({ username: "api.user" })
    .reply(200, { oauthUrl: `${AUTH}/oauth`, restUrl: `${DC}/rest-services`, atsUrl: "https://cls.example" });
}
function refresh(sent: string, access: string, next: string) {
  return nock(AUTH)
    .post("/oauth/token")
    .query({ grant_type: "refresh_token", refresh_token: sent, client_id: "bh-client-id", client_secret: CLIENT_SECRET })
    .reply(200, { access_token: access, token_type: "Bearer", expires_in: 600, refresh_token: next });
}
function login(access: string, session: string, query: Record<string, string> = {}) {
  return nock(DC)
    .get("/rest-services/login")
    .query({ version: "*", access_token: access, ...query })
    .reply(200, { BhRestToken: session, restUrl: REST_URL });
}

describe("bullhornAuth: the wire format (nock)", () => {
  // Scoped to this block: the loopback tests below use the real network.
  useNock();

  it("discovers the data centre, refreshes, logs in, sends BhRestToken to the session's restUrl, logs out", async () => {
    const tokenStore = memoryTokenStore();
    const rotated: string[] = [];
    const scheme = bullhornAuth({ ...OPTIONS, onRefreshToken: (t) => void rotated.push(t) });
    const key = await storeKey("bullhorn", scheme.identity());
    discovery();
    refresh("RT-1", "AT-1", "RT-2");
    // At login, the new refresh token is already in the store and handed to the hook.
    let storedAtLogin: unknown;
    nock(DC)
      .get("/rest-services/login")
      .query({ version: "*", access_token: "AT-1" })
      .reply(() => {
        storedAtLogin = [tokenStore.get(`${key}:grant`), [...rotated]];
        return [200, { BhRestToken: "BH-1", restUrl: REST_URL }];
      });
    nock(CORP, { badheaders: ["authorization"] })
      .get("/rest-services/e999/search/Candidate")
      .query({ query: "lastName:Lovelace", fields: "id,firstName" })
      .matchHeader("bhresttoken", "BH-1")
      .reply(200, { total: 1, data: [{ id: 7, firstName: "Ada" }] });
    nock(CORP).get("/rest-services/e999/logout").matchHeader("bhresttoken", "BH-1").reply(200, { logout: "OK" });

    const log = eventLog();
    const auth = createAuthMiddleware(scheme, { tokenStore, onEvent: log.onEvent });
    const { data } = await clientFor(BULLHORN_BASE_URL, auth).GET("/search/Candidate", {
      params: { query: { query: "lastName:Lovelace", fields: "id,firstName" } },
    });
    expect(data).toEqual({ total: 1, data: [{ id: 7, firstName: "Ada" }] });
    expect(storedAtLogin).toEqual([{ value: "RT-2" }, ["RT-2"]]);
    expect(await tokenStore.get(`${key}:grant`)).toEqual({ value: "RT-2" });
    expect(scheme.secrets()).toEqual(expect.arrayContaining([CLIENT_SECRET, "RT-1", "RT-2", "AT-1", "BH-1"]));
    expect(await tokenStore.get(key)).toMatchObject({ value: "BH-1", apiBase: REST_URL });
    expect(log.of("refresh_token_rotated")).toEqual([{ type: "refresh_token_rotated", vendor: "bullhorn", stored: true }]);
    await auth.dispose();
    expect(log.of("session_ended")).toHaveLength(1);
  });

  it("sends ttl on login when configured, and renews the session before it runs out", async () => {
    discovery();
    refresh("RT-1", "AT-1", "RT-2");
    login("AT-1", "BH-1", { ttl: "60" });
    const time = manualClock();
    const log = eventLog();
    const auth = createAuthMiddleware(bullhornAuth({ ...OPTIONS, ttl: 60 }), { clock: time.clock, onEvent: log.onEvent });
    nock(CORP).get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-1").reply(200, { sessionExpires: 1 });
    await clientFor(BULLHORN_BASE_URL, auth).GET("/ping");
    const [obtained] = log.of("token_obtained") as Extract<AuthEvent, { type: "token_obtained" }>[];
    // 60 minutes less the engine's 30 s safety margin.
    expect(obtained?.expiresAt).toBe(time.clock() + 3_600_000 - 30_000);
    nock(CORP).get("/rest-services/e999/logout").reply(200, { logout: "OK" });
    await auth.dispose();
  });

  it("follows the loginInfo 307 once, to the right data centre, with the same query", async () => {
    nock("https://rest.bullhornstaffing.com")
      .get("/rest-services/loginInfo")
      .query({ username: "api.user" })
      .reply(307, "", { location: "https://rest-west.bullhornstaffing.com/rest-services/loginInfo" });
    discovery(DC);
    refresh("RT-1", "AT-1", "RT-2");
    login("AT-1", "BH-1");
    nock(CORP)
      .get("/rest-services/e999/entity/Candidate/7")
      .reply(200, { data: { id: 7 } });
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS));
    const { data } = await clientFor(BULLHORN_BASE_URL, auth).GET("/entity/Candidate/7");
    expect(data).toEqual({ data: { id: 7 } });
  });

  it.each([
    ["to a host that is not Bullhorn's", "https://rest.bullhornstaffing.com.evil.example/loginInfo", /not a Bullhorn host/],
    ["to plain http", "http://rest-west.bullhornstaffing.com/rest-services/loginInfo", /not a Bullhorn host/],
    ["with credentials in the URL", "https://u:p@rest-west.bullhornstaffing.com/loginInfo", /not a Bullhorn host/],
  ])("refuses a 307 %s, sending nothing there", async (_name, location, message) => {
    nock("https://rest.bullhornstaffing.com").get("/rest-services/loginInfo").query(true).reply(307, "", { location });
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS));
    const error = await clientFor(BULLHORN_BASE_URL, auth)
      .GET("/entity/Candidate/7")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TOKEN_REDIRECT", vendor: "bullhorn", status: 307 });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("username=");
  });

  it("refuses a second 307", async () => {
    nock("https://rest.bullhornstaffing.com")
      .get("/rest-services/loginInfo")
      .query(true)
      .reply(307, "", { location: `${DC}/rest-services/loginInfo?username=api.user` });
    nock(DC).get("/rest-services/loginInfo").query(true).reply(307, "", { location: "https://rest-east.bullhornstaffing.com/x" });
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS));
    const error = await clientFor(BULLHORN_BASE_URL, auth)
      .GET("/entity/Candidate/7")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TOKEN_REDIRECT", status: 307 });
    expect((error as Error).message).toMatch(/a second time/);
  });

  it("looks the data centre up once for the scheme's life, and again only after a failed lookup", async () => {
    nock("https://rest.bullhornstaffing.com").get("/rest-services/loginInfo").query(true).reply(503, "busy");
    discovery();
    refresh("RT-1", "AT-1", "RT-2");
    login("AT-1", "BH-1");
    login("AT-1", "BH-2");
    const api = nock(CORP);
    api.get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-1").reply(200, {});
    api.get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-1").reply(401, { errorMessage: "expired" });
    api.get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-2").reply(200, { again: true });
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS));
    const client = clientFor(BULLHORN_BASE_URL, auth);
    await expect(client.GET("/ping")).rejects.toMatchObject({ code: "TOKEN_HTTP_ERROR", status: 503 });
    expect((await client.GET("/ping")).response.status).toBe(200);
    // The session expired: one new login (the access token is still valid: no refresh), one replay.
    const { data, response } = await client.GET("/ping");
    expect([response.status, data]).toEqual([200, { again: true }]);
  });

  it("after the session and the access token expired: one refresh, one login, one replay", async () => {
    discovery();
    refresh("RT-1", "AT-1", "RT-2");
    login("AT-1", "BH-1");
    refresh("RT-2", "AT-2", "RT-3");
    login("AT-2", "BH-2");
    const api = nock(CORP);
    api.post("/rest-services/e999/entity/Note/5", { comments: "hi" }).matchHeader("bhresttoken", "BH-1").reply(200, {});
    api.post("/rest-services/e999/entity/Note/5", { comments: "again" }).matchHeader("bhresttoken", "BH-1").reply(401, {});
    api
      .post("/rest-services/e999/entity/Note/5", { comments: "again" })
      .matchHeader("bhresttoken", "BH-2")
      .reply(200, { changedEntityId: 5 });
    const time = manualClock();
    const log = eventLog();
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS), { clock: time.clock, onEvent: log.onEvent });
    const client = clientFor(BULLHORN_BASE_URL, auth);
    await client.POST("/entity/Note/5", { body: { comments: "hi" } });
    time.advance(11 * 60_000); // past the access token's 10 minutes
    const { data } = await client.POST("/entity/Note/5", { body: { comments: "again" } });
    expect(data).toEqual({ changedEntityId: 5 });
    expect(log.of("replayed")).toEqual([
      {
        type: "replayed",
        vendor: "bullhorn",
        method: "POST",
        url: `${CORP}/rest-services/e999/entity/Note/5`,
        status: 200,
      },
    ]);
  });

  it("a session that expires before its access token costs a fleet one login and no refresh, whichever process logs in", async () => {
    discovery();
    discovery(); // once per process
    refresh("RT-1", "AT-1", "RT-2"); // the only token request: a second one would find no interceptor
    login("AT-1", "BH-1");
    login("AT-1", "BH-2");
    const api = nock(CORP);
    api.get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-1").reply(200, { ok: 1 });
    // Each process meets the ended session once; the second to meet it finds the new one in the store.
    api.get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-1").times(2).reply(401, {});
    api.get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-2").times(2).reply(200, { ok: 2 });
    const time = manualClock();
    const tokenStore = memoryTokenStore({ clock: time.clock });
    const [first, second] = [0, 1].map(() =>
      clientFor(BULLHORN_BASE_URL, createAuthMiddleware(bullhornAuth(OPTIONS), { tokenStore, clock: time.clock })),
    );
    expect((await first?.GET("/ping"))?.data).toEqual({ ok: 1 });
    time.advance(5 * 60_000); // the session has ended; the access token has 5 of its 10 minutes left
    // The second process, which never refreshed, meets the 401 and logs in with the fleet's access token.
    expect((await second?.GET("/ping"))?.data).toEqual({ ok: 2 });
    expect((await first?.GET("/ping"))?.data).toEqual({ ok: 2 });
    // Written under the refresh lock beside the grant; no refresh token sent twice.
    const key = await storeKey("bullhorn", bullhornAuth(OPTIONS).identity());
    expect(tokenStore.get(`${key}:access`)).toMatchObject({ value: "AT-1" });
  });

  it("a store that cannot keep the access token costs only the saving: the request is served, the failure reported", async () => {
    discovery();
    refresh("RT-1", "AT-1", "RT-2");
    login("AT-1", "BH-1");
    nock(CORP).get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-1").reply(200, { ok: 1 });
    // Down for the access token's key only: reading it fails (the process refreshes), and so does writing it.
    const memory = memoryTokenStore();
    const working = (key: string) => {
      if (key.endsWith(":access")) throw new Error("store down, AT-1 not kept");
      return key;
    };
    const tokenStore: TokenStore = {
      ...memory,
      get: (key) => memory.get(working(key)),
      set: (key, token, ttlMs) => memory.set(working(key), token, ttlMs),
    };
    const log = eventLog();
    const client = clientFor(
      BULLHORN_BASE_URL,
      createAuthMiddleware(bullhornAuth(OPTIONS), { tokenStore, onEvent: log.onEvent }),
    );
    expect((await client.GET("/ping")).data).toEqual({ ok: 1 });
    expect(log.of("store_error")).toEqual([
      {
        type: "store_error",
        vendor: "bullhorn",
        operation: "set",
        error: expect.objectContaining({ message: expect.any(String) }),
      },
    ]);
    expect(inspect(log.events, { depth: 10 })).not.toContain("AT-1");
  });

  it("a kept access token refused at login is replaced once", async () => {
    discovery();
    refresh("RT-1", "AT-1", "RT-2");
    login("AT-1", "BH-1");
    nock(DC)
      .get("/rest-services/login")
      .query({ version: "*", access_token: "AT-1" })
      .reply(400, { errorCode: 400, errorMessage: "Invalid or expired OAuth access token.", errorMessageKey: "x" });
    refresh("RT-2", "AT-2", "RT-3");
    login("AT-2", "BH-2");
    const api = nock(CORP);
    api.get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-1").reply(401, {});
    api.get("/rest-services/e999/ping").matchHeader("bhresttoken", "BH-2").reply(200, { ok: 1 });
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS));
    const client = clientFor(BULLHORN_BASE_URL, auth);
    const { data } = await client.GET("/ping");
    expect(data).toEqual({ ok: 1 });
  });

  it("a refused refresh token (invalid_grant) is GRANT_REVOKED, and never sent again", async () => {
    discovery();
    nock(AUTH).post("/oauth/token").query(true).reply(400, { error: "invalid_grant", error_description: "spent" });
    const log = eventLog();
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS), { onEvent: log.onEvent });
    const client = clientFor(BULLHORN_BASE_URL, auth);
    const error = await client.GET("/ping").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "GRANT_REVOKED", vendor: "bullhorn", oauthError: "invalid_grant", status: 400 });
    await expect(client.GET("/ping")).rejects.toMatchObject({ code: "GRANT_REVOKED" });
    expect(inspect(log.events, { depth: 10 })).not.toContain(CLIENT_SECRET);
  });

  it("uses a grant seeded in the store under grantId", async () => {
    refresh("RT-seeded", "AT-1", "RT-next");
    login("AT-1", "BH-1");
    nock(CORP).get("/rest-services/e999/ping").reply(200, {});
    const tokenStore = memoryTokenStore();
    const options = { clientId: "bh-client-id", clientSecret: CLIENT_SECRET, username: "api.user", grantId: "acme" };
    const overrides = { oauthUrl: `${AUTH}/oauth/`, restUrl: `${DC}/rest-services/` };
    await seedGrant(tokenStore, bullhornAuth({ ...options, ...overrides }), "RT-seeded");
    const auth = createAuthMiddleware(bullhornAuth({ ...options, ...overrides }), { tokenStore });
    expect((await clientFor(BULLHORN_BASE_URL, auth).GET("/ping")).response.status).toBe(200);
  });

  it("an oauthUrl given alone wins over loginInfo's; restUrl is still looked up", async () => {
    nock("https://rest.bullhornstaffing.com")
      .get("/rest-services/loginInfo")
      .query({ username: "api.user" })
      .reply(200, { oauthUrl: "https://auth-east.bullhornstaffing.com/oauth", restUrl: `${DC}/rest-services/` });
    refresh("RT-1", "AT-1", "RT-2");
    login("AT-1", "BH-1");
    nock(CORP).get("/rest-services/e999/ping").reply(200, {});
    const auth = createAuthMiddleware(bullhornAuth({ ...OPTIONS, oauthUrl: `${AUTH}/oauth` }));
    expect((await clientFor(BULLHORN_BASE_URL, auth).GET("/ping")).response.status).toBe(200);
  });

  it("refuses a login answer whose restUrl is not a Bullhorn https URL", async () => {
    discovery();
    refresh("RT-1", "AT-1", "RT-2");
    nock(DC).get("/rest-services/login").query(true).reply(200, { BhRestToken: "BH-1", restUrl: "https://evil.example/rest/" });
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS));
    await expect(clientFor(BULLHORN_BASE_URL, auth).GET("/ping")).rejects.toMatchObject({
      code: "INVALID_TOKEN_RESPONSE",
      message: 'bullhorn: login answer has no "restUrl" on a Bullhorn https host',
    });
  });

  it.each([
    [{ oauthUrl: "https://evil.example/oauth", restUrl: `${DC}/rest-services` }, "oauthUrl"],
    [{ oauthUrl: `${AUTH}/oauth` }, "restUrl"],
    [{ oauthUrl: `${AUTH}/oauth`, restUrl: "not a url" }, "restUrl"],
  ])("refuses a loginInfo answer without Bullhorn URLs (%j)", async (answer, field) => {
    nock("https://rest.bullhornstaffing.com").get("/rest-services/loginInfo").query(true).reply(200, answer);
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS));
    await expect(clientFor(BULLHORN_BASE_URL, auth).GET("/ping")).rejects.toMatchObject({
      code: "INVALID_TOKEN_RESPONSE",
      message: `bullhorn: loginInfo answer has no "${field}" on a Bullhorn https host`,
    });
  });

  it("refuses a login answer without a BhRestToken", async () => {
    discovery();
    refresh("RT-1", "AT-1", "RT-2");
    nock(DC).get("/rest-services/login").query(true).reply(200, { BhRestToken: "has space", restUrl: REST_URL });
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS));
    await expect(clientFor(BULLHORN_BASE_URL, auth).GET("/ping")).rejects.toMatchObject({
      code: "INVALID_TOKEN_RESPONSE",
      message: 'bullhorn: login answer has no "BhRestToken" string',
    });
  });

  it("never sends the session to another origin", async () => {
    discovery();
    refresh("RT-1", "AT-1", "RT-2");
    login("AT-1", "BH-1");
    nock(CORP).get("/rest-services/e999/ping").reply(200, {});
    const auth = createAuthMiddleware(bullhornAuth(OPTIONS));
    const client = clientFor(BULLHORN_BASE_URL, auth);
    await client.GET("/ping");
    await expect(client.GET("/ping", { baseUrl: "https://evil.example/rest-services/x" })).rejects.toMatchObject({
      code: "ORIGIN_NOT_ALLOWED",
    });
    await expect(client.GET("/ping", { baseUrl: CORP })).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
  });
});

describe("bullhornAuth: options", () => {
  it.each([
    [{ ...OPTIONS, username: undefined }, "username"],
    [{ ...OPTIONS, clientId: "" }, "clientId"],
    [{ ...OPTIONS, clientSecret: undefined }, "clientSecret"],
    [{ ...OPTIONS, refreshToken: undefined }, "refreshToken"],
    [{ ...OPTIONS, ttl: 0 }, "ttl"],
    [{ ...OPTIONS, ttl: 1.5 }, "ttl"],
    [{ ...OPTIONS, restUrl: "ftp://rest.bullhornstaffing.com" }, "restUrl"],
  ])("names the option at fault (%#)", (options, option) => {
    expect(() => bullhornAuth(options as BullhornAuthOptions)).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION", option }),
    );
  });

  it("refuses plain http to a non-loopback host", () => {
    expect(() => bullhornAuth({ ...OPTIONS, loginInfoUrl: "http://rest.bullhornstaffing.com/x" })).toThrowError(
      expect.objectContaining({ code: "INSECURE_URL" }),
    );
    expect(() => bullhornAuth(null as unknown as BullhornAuthOptions)).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION" }),
    );
  });

  it("prints and serialises without a secret", () => {
    const scheme = bullhornAuth(OPTIONS);
    expect(inspect(scheme)).toContain('"kind":"bullhorn"');
    expect(`${inspect(scheme)} ${JSON.stringify(scheme)}`).not.toMatch(/SECRET|RT-1/);
    expect(scheme.secrets()).toEqual(expect.arrayContaining([CLIENT_SECRET, "RT-1"]));
    expect(BULLHORN_LOGIN_INFO_URL).toBe("https://rest.bullhornstaffing.com/rest-services/loginInfo");
  });
});

/**
 * A loopback Bullhorn on two servers: `dc` plays loginInfo, the OAuth server and the data
 * centre's login; `corp` the corporation's API, whose base the login returns. A client is
 * configured with a placeholder base on `dc`.
 */
async function loopbackBullhorn() {
  const state = { refreshTokens: ["RT-1"], sessions: [] as string[], sent: [] as string[], logins: 0, refreshes: 0 };
  let corp: TestServer | undefined;
  const dc = await startServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/rest-services/loginInfo") {
      return json(res, 200, { oauthUrl: `${dc.url}/oauth`, restUrl: `${dc.url}/rest-services` });
    }
    if (url.pathname === "/oauth/token") {
      const sent = url.searchParams.get("refresh_token") ?? "";
      state.sent.push(sent);
      // Single-use refresh tokens: only the newest is accepted.
      if (sent !== state.refreshTokens.at(-1)) return json(res, 400, { error: "invalid_grant" });
      state.refreshes++;
      state.refreshTokens.push(`RT-${state.refreshes + 1}`);
      return json(res, 200, {
        access_token: `AT-${state.refreshes}`,
        expires_in: 600,
        refresh_token: state.refreshTokens.at(-1),
      });
    }
    if (url.pathname === "/rest-services/login") {
      state.logins++;
      const session = `BH-${state.logins}`;
      state.sessions.push(session);
      return json(res, 200, { BhRestToken: session, restUrl: `${corp?.url}/rest-services/corp1/` });
    }
    json(res, 404, { errorMessage: "not here" });
  });
  corp = await startServer((req, res) => {
    const token = req.headers.bhresttoken;
    if (req.url.endsWith("/logout")) return json(res, 200, { logout: "OK" });
    if (token !== state.sessions.at(-1)) return json(res, 401, { errorMessage: "Bad 'BhRestToken' or timed-out." });
    json(res, 200, { url: req.url, token });
  });
  const placeholder = `${dc.url}/rest-services/{corpToken}`;
  const scheme = (extra: Partial<BullhornAuthOptions> = {}) =>
    bullhornAuth({ ...OPTIONS, loginInfoUrl: `${dc.url}/rest-services/loginInfo`, ...extra });
  const carried = (r: Recorded) => r.headers.bhresttoken !== undefined;
  return { dc, corp, state, placeholder, scheme, carried, close: () => Promise.all([dc.close(), corp?.close()]) };
}

describe("the session decides the API base (loopback servers)", () => {
  it("a request against the placeholder base reaches the session's restUrl; no other origin sees BhRestToken", async () => {
    const bh = await loopbackBullhorn();
    try {
      const auth = createAuthMiddleware(bh.scheme());
      const client = clientFor(bh.placeholder, auth);
      const { data } = await client.GET("/search/JobOrder", { params: { query: { query: "isOpen:1", count: 5 } } });
      expect(data).toEqual({ url: "/rest-services/corp1/search/JobOrder?query=isOpen%3A1&count=5", token: "BH-1" });
      await auth.dispose();
      expect(bh.dc.requests.filter(bh.carried)).toEqual([]);
      expect(bh.corp.requests.map((r) => [r.method, r.url, r.headers.bhresttoken])).toEqual([
        ["GET", "/rest-services/corp1/search/JobOrder?query=isOpen%3A1&count=5", "BH-1"],
        ["GET", "/rest-services/corp1/logout", "BH-1"],
      ]);
    } finally {
      await bh.close();
    }
  });

  it("with the middleware's Request, requests are built at the session's restUrl: only the one that logs in is copied", async () => {
    const bh = await loopbackBullhorn();
    try {
      const auth = createAuthMiddleware(bh.scheme());
      const seen = { built: [] as Request[], sent: [] as Request[] };
      // The placeholder as BULLHORN_BASE_URL writes it: `{corpToken}` percent-encoded.
      const client = sessionClientFor(`${bh.dc.url}/rest-services/%7BcorpToken%7D`, auth, seen);
      for (const id of [1, 2, 3]) {
        const { data } = await client.GET(`/entity/Candidate/${id}`, { params: { query: { fields: "id" } } });
        expect(data).toEqual({ url: `/rest-services/corp1/entity/Candidate/${id}?fields=id`, token: "BH-1" });
      }
      const corp = `${bh.corp.url}/rest-services/corp1/`;
      expect(seen.built.map((r) => r.url.startsWith(corp))).toEqual([false, true, true]);
      expect(seen.sent.map((r) => r.url.startsWith(corp))).toEqual([true, true, true]);
      // The same Request object openapi-fetch built is sent: no copy once the session is known.
      expect(seen.sent.map((r, i) => r === seen.built[i])).toEqual([false, true, true]);
      await auth.dispose();
      expect(bh.dc.requests.filter(bh.carried)).toEqual([]);
    } finally {
      await bh.close();
    }
  });

  it("a placeholder written with braces still works with the middleware's Request: each request is copied there", async () => {
    const bh = await loopbackBullhorn();
    try {
      const auth = createAuthMiddleware(bh.scheme());
      const seen = { built: [] as Request[], sent: [] as Request[] };
      const client = sessionClientFor(bh.placeholder, auth, seen);
      for (const id of [1, 2]) expect((await client.GET(`/entity/Candidate/${id}`)).response.status).toBe(200);
      expect(bh.corp.requests.map((r) => r.url)).toEqual([
        "/rest-services/corp1/entity/Candidate/1",
        "/rest-services/corp1/entity/Candidate/2",
      ]);
      expect(seen.sent.map((r, i) => r === seen.built[i])).toEqual([false, false]);
      await auth.dispose();
    } finally {
      await bh.close();
    }
  });

  it("BULLHORN_BASE_URL is written as a request's URL spells it, with nothing openapi-fetch takes for a path parameter", () => {
    expect(new URL(BULLHORN_BASE_URL).href).toBe(BULLHORN_BASE_URL);
    expect(BULLHORN_BASE_URL).not.toMatch(/[{}]/);
    expect(decodeURIComponent(BULLHORN_BASE_URL)).toBe("https://rest.bullhornstaffing.com/rest-services/{corpToken}");
  });

  it("a fleet sharing one store: one refresh and one login per expiry, no refresh token sent twice", async () => {
    const bh = await loopbackBullhorn();
    try {
      const time = manualClock();
      const tokenStore = memoryTokenStore({ clock: time.clock });
      const fleet = [0, 1, 2].map(() => createAuthMiddleware(bh.scheme(), { tokenStore, clock: time.clock }));
      const clients = fleet.map((auth) => clientFor(bh.placeholder, auth));
      for (let expiry = 1; expiry <= 3; expiry++) {
        const served = await Promise.all(clients.flatMap((c) => [c.GET("/ping"), c.GET("/ping")]));
        expect(served.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200, 200]);
        expect([bh.state.refreshes, bh.state.logins]).toEqual([expiry, expiry]);
        bh.state.sessions.push("ended-by-server"); // the session expires…
        time.advance(11 * 60_000); // …and so does the access token
      }
      expect(bh.state.sent).toEqual(["RT-1", "RT-2", "RT-3"]);
    } finally {
      await bh.close();
    }
  });

  it("a 401 never deletes the session another process has just stored: one login per expiry when two processes meet it in turn", async () => {
    const bh = await loopbackBullhorn();
    try {
      const memory = memoryTokenStore();
      // B's view of the shared store: once armed, it reports its first read, and any delete
      // waits until A has stored a new session (or 1 s), as a slow store round trip would.
      let armed = false;
      let bRead: () => void = () => undefined;
      const bReading = new Promise<void>((r) => (bRead = r));
      let aWrote: () => void = () => undefined;
      const aWriting = new Promise<void>((r) => (aWrote = r));
      const isSession = (key: string) => !/:(grant|access)$/.test(key);
      const aStore: TokenStore = {
        ...memory,
        set: (key, token, ttlMs) => {
          memory.set(key, token, ttlMs);
          if (armed && isSession(key)) aWrote();
        },
      };
      const bStore: TokenStore = {
        ...memory,
        get: (key) => {
          if (armed && isSession(key)) bRead();
          return memory.get(key);
        },
        delete: async (key) => {
          if (armed && isSession(key)) await Promise.race([aWriting, new Promise((r) => setTimeout(r, 1000))]);
          memory.delete(key);
        },
      };
      const a = clientFor(bh.placeholder, createAuthMiddleware(bh.scheme(), { tokenStore: aStore }));
      const b = clientFor(bh.placeholder, createAuthMiddleware(bh.scheme(), { tokenStore: bStore }));
      expect((await a.GET("/ping")).response.status).toBe(200);
      expect((await b.GET("/ping")).response.status).toBe(200); // B took A's session from the store
      bh.state.sessions.push("ended-by-server"); // the session expires; the access token lives on
      armed = true;
      const second = b.GET("/ping"); // B meets the 401 first…
      await bReading;
      const first = await a.GET("/ping"); // …A meets it while B is between its read and its write
      expect([(await second).response.status, first.response.status]).toEqual([200, 200]);
      expect([bh.state.refreshes, bh.state.logins]).toEqual([1, 2]);
    } finally {
      await bh.close();
    }
  });

  it.each([
    ["copied by the middleware", clientFor],
    ["built there by the middleware's Request", sessionClientFor],
  ])("the rewrite (%s) keeps path and query, and a request aimed elsewhere is refused before any login", async (_, make) => {
    const bh = await loopbackBullhorn();
    try {
      // Pinned to the placeholder's origin as a vendor client pins it (else the first request's baseUrl pins it).
      const auth = createAuthMiddleware(pinOrigin(bh.scheme(), bh.placeholder));
      const client = make(bh.placeholder, auth);
      await expect(client.GET("/ping", { baseUrl: bh.corp.url })).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
      expect(bh.dc.requests).toEqual([]);
      await client.GET("/entity/Candidate/1", { params: { query: { fields: "id,name" } } });
      // Same origin, another base path: not the configured base, so not rewritten and not sent.
      await expect(client.GET("/ping", { baseUrl: `${bh.dc.url}/other` })).rejects.toMatchObject({
        code: "ORIGIN_NOT_ALLOWED",
      });
      // A per-request baseUrl elsewhere is refused once the session is known, too.
      await expect(client.GET("/ping", { baseUrl: "https://rest9.bullhornstaffing.com/rest-services/x" })).rejects.toMatchObject({
        code: "ORIGIN_NOT_ALLOWED",
      });
      expect(bh.corp.requests.map((r) => r.url)).toEqual(["/rest-services/corp1/entity/Candidate/1?fields=id%2Cname"]);
      await auth.dispose();
    } finally {
      await bh.close();
    }
  });
});

describe("logout needs the session's base", () => {
  it("refuses to log out a session whose stored token lost its apiBase, sending nothing", async () => {
    const sent: string[] = [];
    const scheme = bullhornAuth(OPTIONS);
    const ctx = {
      fetch: (async (input: RequestInfo | URL) => {
        sent.push(String(input));
        return new Response("{}");
      }) as typeof fetch,
      signal: new AbortController().signal,
      timeoutMs: 1000,
      clock: Date.now,
      emit: () => undefined,
    };
    await expect(scheme.end?.("BH-1", ctx, { value: "BH-1" })).rejects.toMatchObject({ code: "TOKEN_REQUEST_FAILED" });
    await expect(scheme.end?.("BH-1", ctx, { value: "BH-1", apiBase: "https://evil.example/x/" })).rejects.toMatchObject({
      code: "TOKEN_REQUEST_FAILED",
    });
    expect(sent).toEqual([]);
    await scheme.end?.("BH-1", ctx, { value: "BH-1", apiBase: REST_URL });
    expect(sent).toEqual([`${REST_URL}logout`]);
  });
});

describe("the engine's apiBase rule (any scheme)", () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  /** A scheme whose login names `apiBase`. */
  const based = (apiBase: string): AuthScheme => ({
    vendor: "based",
    header: "X-Session",
    prefix: "",
    identity: () => `based|${apiBase}`,
    secrets: () => [],
    obtain: async () => ({ value: "S-1", apiBase }),
  });

  it("a new login that names another API base: the replay and later requests go there; the old base never sees the new credential", async () => {
    let ended = false;
    const old = await startServer((req, res) =>
      ended ? json(res, 401, {}) : json(res, 200, { at: "old", session: req.headers["x-session"] }),
    );
    const moved = await startServer((req, res) => json(res, 200, { at: "new", session: req.headers["x-session"] }));
    const home = await startServer((_req, res) => json(res, 200, {}));
    servers.push(old, moved, home);
    let logins = 0;
    const scheme: AuthScheme = {
      ...based(`${old.url}/corp/`),
      obtain: async () =>
        ++logins === 1 ? { value: "S-1", apiBase: `${old.url}/corp/` } : { value: "S-2", apiBase: `${moved.url}/corp/` },
    };
    const auth = createAuthMiddleware(scheme);
    const client = sessionClientFor(`${home.url}/v1`, auth);
    expect((await client.GET("/a")).data).toEqual({ at: "old", session: "S-1" });
    ended = true; // the corporation moved: the old base refuses its session
    expect((await client.GET("/b", { params: { query: { q: "1" } } })).data).toEqual({ at: "new", session: "S-2" });
    expect((await client.GET("/c")).data).toEqual({ at: "new", session: "S-2" });
    expect(old.requests.map((r) => [r.url, r.headers["x-session"]])).toEqual([
      ["/corp/a", "S-1"],
      ["/corp/b?q=1", "S-1"],
    ]);
    expect(moved.requests.map((r) => [r.url, r.headers["x-session"]])).toEqual([
      ["/corp/b?q=1", "S-2"],
      ["/corp/c", "S-2"],
    ]);
    expect(home.requests).toEqual([]);
    // A request still aimed at the old base (built before the move) goes to the new one.
    const { data } = await client.GET("/d", { baseUrl: `${old.url}/corp` });
    expect(data).toEqual({ at: "new", session: "S-2" });
    expect(old.requests).toHaveLength(2);
  });

  it("refuses an apiBase over plain http to a non-loopback host", async () => {
    const home = await startServer((_req, res) => json(res, 200, {}));
    servers.push(home);
    const auth = createAuthMiddleware(based("http://api.example.org/v1/"));
    await expect(clientFor(home.url, auth).GET("/x")).rejects.toMatchObject({ code: "INSECURE_URL" });
    expect(home.requests).toEqual([]);
  });

  it("keeps whatever a path holds on the apiBase's origin, even for a base without a path", async () => {
    const target = await startServer((req, res) => json(res, 200, { url: req.url }));
    const home = await startServer((_req, res) => json(res, 200, {}));
    servers.push(target, home);
    const auth = createAuthMiddleware(based(target.url));
    const client = clientFor(`${home.url}/v1`, auth);
    const { data } = await client.GET("/@evil.example/x");
    expect(data).toEqual({ url: "/@evil.example/x" });
    // Without the slash the URL is not under the configured base: refused, not rewritten.
    await expect(client.GET("@evil.example/x")).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    expect(home.requests).toEqual([]);
  });
});

describe("no Bullhorn secret in any error or event, against a server that echoes everything", () => {
  const startEchoServer = useEchoServers();
  const SECRETS = [CLIENT_SECRET, "RT-SECRET-aaaa1111", "AT-SECRET-bbbb2222", "BH-SECRET-cccc3333", "RT-SECRET-dddd4444"];

  it.each(["token", "login", "api", "logout"] as const)("when the %s call fails and echoes the request", async (failing) => {
    const events: AuthEvent[] = [];
    let base = "";
    const server = await startEchoServer((echo, seen, req) => {
      const all = `${echo} bhresttoken=${req.headers.bhresttoken ?? ""} ${seen.join(" ")}`;
      const url = req.url ?? "";
      const fail = (status: number) =>
        [status, { error: all, error_description: all, message: all, errorMessage: all }] as [number, unknown];
      if (url.startsWith("/loginInfo")) return [200, { oauthUrl: `${base}/oauth`, restUrl: `${base}/rest` }];
      if (url.startsWith("/oauth/token")) {
        return failing === "token" ? fail(500) : [200, { access_token: SECRETS[2], expires_in: 600, refresh_token: SECRETS[4] }];
      }
      if (url.startsWith("/rest/login"))
        return failing === "login" ? fail(401) : [200, { BhRestToken: SECRETS[3], restUrl: `${base}/corp/` }];
      if (url.startsWith("/corp/logout")) return fail(500);
      return failing === "api" ? fail(401) : [200, {}];
    });
    base = server.url;
    const scheme = bullhornAuth({ ...OPTIONS, refreshToken: SECRETS[1], loginInfoUrl: `${base}/loginInfo` });
    const auth = createAuthMiddleware(scheme, { onEvent: (e) => events.push(e) });
    const caught: unknown[] = [];
    const { response } = await clientFor(`${base}/placeholder`, auth)
      .GET("/ping")
      .catch((e: unknown) => {
        caught.push(e);
        return { response: undefined };
      });
    expect(response?.status).toBe(failing === "api" ? 401 : failing === "logout" ? 200 : undefined);
    await auth.dispose();
    for (const event of events) {
      caught.push(event, "error" in event ? event.error : undefined);
    }
    expect(caught.length).toBeGreaterThan(1);
    for (const item of caught) {
      expect(leakedSecrets(item, SECRETS)).toEqual([]);
      expect(inspect(item, { depth: 10 })).not.toMatch(/SECRET/);
    }
  });
});

describe("discoverBullhorn and exchangeBullhornAuthorizationCode", () => {
  useNock();

  it("finds the data centre, following one 307 to a Bullhorn host", async () => {
    nock("https://rest.bullhornstaffing.com")
      .get("/rest-services/loginInfo")
      .query({ username: "acme.api" })
      .reply(307, "", { location: "https://rest-west.bullhornstaffing.com/rest-services/loginInfo" });
    nock(DC)
      .get("/rest-services/loginInfo")
      .query({ username: "acme.api" })
      .reply(200, { oauthUrl: `${AUTH}/oauth/`, restUrl: `${DC}/rest-services` });
    await expect(discoverBullhorn({ username: "acme.api" })).resolves.toEqual({
      oauthUrl: `${AUTH}/oauth`,
      restUrl: `${DC}/rest-services`,
    });
    await expect(discoverBullhorn({ username: "" })).rejects.toMatchObject({ code: "INVALID_OPTION", option: "username" });
  });

  it("exchanges a code with its fields in the query, and never shows a token", async () => {
    nock(AUTH)
      .post("/oauth/token")
      .query({
        grant_type: "authorization_code",
        code: "the-code",
        client_id: "cid",
        client_secret: CLIENT_SECRET,
        redirect_uri: "http://127.0.0.1:9/cb",
      })
      .reply(200, { access_token: "bh-access-new", refresh_token: "bh-refresh-new", expires_in: 600 });
    const before = Date.now();
    const grant = await exchangeBullhornAuthorizationCode({
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      code: "the-code",
      redirectUri: "http://127.0.0.1:9/cb",
      oauthUrl: `${AUTH}/oauth`,
    });
    expect(grant.refreshToken).toBe("bh-refresh-new");
    expect(grant.expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(`${JSON.stringify(grant)} ${inspect(grant)}`).not.toMatch(/bh-access-new|bh-refresh-new/);
  });

  it("refuses an answer without a refresh token, and a refused code, without the secret or the code in the error", async () => {
    nock(AUTH).post("/oauth/token").query(true).reply(200, { access_token: "a", expires_in: "600" });
    nock(AUTH)
      .post("/oauth/token")
      .query(true)
      .reply(400, { error: "invalid_grant", error_description: `code the-code for ${CLIENT_SECRET}` });
    const exchange = () =>
      exchangeBullhornAuthorizationCode({
        clientId: "cid",
        clientSecret: CLIENT_SECRET,
        code: "the-code",
        redirectUri: "http://127.0.0.1:9/cb",
        oauthUrl: `${AUTH}/oauth`,
      });
    await expect(exchange()).rejects.toMatchObject({ code: "INVALID_TOKEN_RESPONSE" });
    const refused = await exchange().catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: "TOKEN_REJECTED", oauthError: "invalid_grant" });
    expect(`${(refused as Error).message} ${JSON.stringify(refused)}`).not.toMatch(new RegExp(`${CLIENT_SECRET}|the-code`));
  });
});
