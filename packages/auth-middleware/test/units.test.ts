import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  AuthError,
  type AuthScheme,
  apiKey,
  clientCredentials,
  createAuthMiddleware,
  getAuthHint,
  memoryTokenStore,
  session,
} from "../src/index.js";
import { createRateLimiter, sleep, slidingWindow } from "../src/rate-limit.js";
import { redact, rememberSecrets, scrub, scrubCause } from "../src/redact.js";
import { pcrecruiterSession } from "../src/schemes/pcrecruiter.js";
import { parseRetryAfter } from "../src/token-endpoint.js";
import { endpointName } from "../src/url.js";
import { clientFor, eventLog, json, type LooseClient, startApiServer, startServer } from "./helpers.js";

describe("AuthError", () => {
  it("serialises every detail it has, and only those", () => {
    const full = new AuthError("TOKEN_RATE_LIMITED", "slow down", {
      vendor: "v",
      status: 429,
      oauthError: "slow",
      option: "o",
      retryAfterMs: 5,
    });
    expect(full.toJSON()).toEqual({
      name: "AuthError",
      code: "TOKEN_RATE_LIMITED",
      message: "slow down",
      vendor: "v",
      status: 429,
      oauthError: "slow",
      option: "o",
      retryAfterMs: 5,
    });
    expect(new AuthError("DISPOSED", "gone").toJSON()).toEqual({ name: "AuthError", code: "DISPOSED", message: "gone" });
    expect(inspect(full)).toContain('"code":"TOKEN_RATE_LIMITED"');
    const noStack = new AuthError("DISPOSED", "gone");
    noStack.stack = undefined;
    expect(inspect(noStack)).toContain("AuthError: gone");
  });
});

describe("redact", () => {
  it("replaces secrets and their URL-encoded form, ignoring values too short to be secrets", () => {
    expect(scrub("a=p@ss word&b=p%40ss%20word&c=abc", ["p@ss word", "abc"])).toBe("a=[redacted]&b=[redacted]&c=abc");
  });

  it("replaces the form-encoded and Base64 forms (padded or not), Bearer and Basic values in any case", () => {
    const secret = "p@ss word!";
    const b64 = Buffer.from(secret).toString("base64");
    expect(b64.endsWith("=")).toBe(true);
    expect(redact(`f=p%40ss+word%21 b=${b64} u=${b64.replace(/=+$/, "")}`, [secret])).toBe(
      "f=[redacted] b=[redacted]== u=[redacted]",
    );
    expect(redact('{"h":"BEARER abc.DEF-1","x":"basic  Zm9vOmJhcg==","y":"Bearer"}')).toBe(
      '{"h":"BEARER [redacted]","x":"basic [redacted]","y":"Bearer"}',
    );
  });

  it("bounds the length after scrubbing, so a cut never leaves part of a secret", () => {
    const secret = "cut-secret-0123456789";
    const text = `${"x".repeat(290)}${secret}${"y".repeat(100)}`;
    expect(redact(text, [secret])).toBe(`${"x".repeat(290)}[redacted]…`);
    expect(redact("z".repeat(1000))).toHaveLength(301);
  });

  it("scrubs what a live middleware registered, in every copy of the package in the process", async () => {
    const api = await startApiServer();
    const scheme = session({
      authorizationPrefix: "S ",
      create: async () => "registered-session-id",
      secrets: ["login-password-1"],
    });
    const auth = createAuthMiddleware(scheme);
    await clientFor(api.url, auth).GET("/x");
    await api.close();
    const echoed = "echo: registered-session-id / login-password-1 / cmVnaXN0ZXJlZC1zZXNzaW9uLWlk";
    expect(redact(echoed)).toBe("echo: [redacted] / [redacted] / [redacted]");
    // A second copy of the module (a duplicated dependency) sees the same registry.
    vi.resetModules();
    const copy = await import("../src/redact.js");
    expect(copy.redact).not.toBe(redact);
    expect(copy.redact(echoed)).toBe("echo: [redacted] / [redacted] / [redacted]");
    // What globalThis holds prints and serialises as a function, not as the secrets.
    const held = (globalThis as Record<symbol, unknown>)[Symbol.for("hirekit.redact.v1")];
    expect(typeof held).toBe("function");
    expect(inspect(held, { showHidden: true, depth: 8 })).not.toContain("registered-session-id");
  });

  it("keeps at most 1,000 secrets, dropping the least recently registered", () => {
    rememberSecrets(["oldest-secret-0001"]);
    rememberSecrets(Array.from({ length: 999 }, (_, i) => `filler-secret-${i}`));
    expect(redact("oldest-secret-0001")).toBe("[redacted]");
    rememberSecrets(["newest-secret-0001"]);
    expect(redact("oldest-secret-0001 newest-secret-0001 filler-secret-0")).toBe("oldest-secret-0001 [redacted] [redacted]");
  });

  it("copies causes without secrets, keeping name, code and nested causes", () => {
    const inner = new Error("inner has s3cret-value");
    const outer = Object.assign(new TypeError("outer has s3cret-value", { cause: inner }), { code: "ECONNRESET" });
    const copy = scrubCause(outer, ["s3cret-value"]) as Error & { code?: string; cause?: Error };
    expect(copy.name).toBe("TypeError");
    expect(copy.code).toBe("ECONNRESET");
    expect(copy.message).toBe("outer has [redacted]");
    expect(copy.cause?.message).toBe("inner has [redacted]");
    expect(scrubCause("plain s3cret-value", ["s3cret-value"]).message).toBe("plain [redacted]");
  });
});

describe("token-endpoint helpers", () => {
  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-11-27T10:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
  it("names an endpoint without its query", () => {
    expect(endpointName("https://accounts.zoho.eu/oauth/v2/token/revoke?token=abc")).toBe(
      "https://accounts.zoho.eu/oauth/v2/token/revoke",
    );
    expect(endpointName("::")).toBe("(invalid URL)");
  });
});

describe("rate limiter and sleep", () => {
  it("stops waiting when aborted", async () => {
    const limiter = createRateLimiter(1, 60_000, Date.now);
    const controller = new AbortController();
    await limiter.schedule(async () => 1, controller.signal);
    const waiting = limiter.schedule(async () => 2, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    await expect(sleep(10, controller.signal)).rejects.toThrow("stop");
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});

describe("middleware edges", () => {
  it("forgets a request that failed on the network", async () => {
    const tokens = await startServer((_req, res) => json(res, 200, { access_token: "t", expires_in: 3600 }));
    const dead = await startServer(() => undefined);
    const deadUrl = dead.url;
    await dead.close();
    const scheme = clientCredentials({
      tokenUrl: `${tokens.url}/t`,
      clientId: "c",
      clientSecret: "s",
      clientAuthentication: "client_secret_post",
    });
    await expect(clientFor(deadUrl, createAuthMiddleware(scheme)).GET("/x")).rejects.toThrow();
    await tokens.close();
  });

  it("refuses a request when the client has no valid base URL and the scheme no API origin", async () => {
    const scheme = session({ authorizationPrefix: "S ", create: async () => "id" });
    const auth = createAuthMiddleware(scheme);
    const request = new Request("https://api.example.org/x");
    // openapi-fetch awaits onRequest inside an async function: a throw becomes its rejection.
    await expect(
      (async () =>
        auth.onRequest?.({ request, id: "1", schemaPath: "/x", params: {}, options: { baseUrl: "not a url" } as never }))(),
    ).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
  });

  it("rejects at once, starting no token request, when the caller's signal is already aborted", async () => {
    const tokens = await startServer((_req, res) => json(res, 200, { access_token: "t", expires_in: 3600 }));
    const api = await startApiServer();
    const scheme = clientCredentials({
      tokenUrl: `${tokens.url}/t`,
      clientId: "c",
      clientSecret: "s",
      clientAuthentication: "client_secret_post",
    });
    const controller = new AbortController();
    controller.abort(new Error("already"));
    await expect(clientFor(api.url, createAuthMiddleware(scheme)).GET("/x", { signal: controller.signal })).rejects.toThrow(
      "already",
    );
    expect(tokens.requests).toHaveLength(0);
    await tokens.close();
    await api.close();
  });

  it("prints no state when inspected or serialised", () => {
    const auth = createAuthMiddleware(apiKey({ header: "X-K", value: "key-value-1234" }));
    expect(inspect(auth)).not.toContain("key-value-1234");
    expect(JSON.stringify(auth)).toBe("{}");
    const scheme = apiKey({ header: "X-K", value: "key-value-1234", apiBaseUrl: "https://api.example.org/v1" });
    expect(scheme.identity()).toBe("api-key|X-K");
    expect(scheme.secrets()).toEqual(["key-value-1234"]);
    expect(scheme.apiOrigin).toBe("https://api.example.org");
  });

  it("gives NOT_REPLAYABLE to a 401 on a body whose Request a later middleware replaced (the copy is keyed by ours)", async () => {
    let sessions = 0;
    const api = await startApiServer(() => false);
    const scheme = session({ authorizationPrefix: "S ", create: async () => `replaced-session-${++sessions}` });
    const { default: createClient } = await import("openapi-fetch");
    const client = createClient<Record<string, never>>({ baseUrl: api.url });
    client.use(createAuthMiddleware(scheme), { onRequest: ({ request }) => new Request(request) });
    const { response } = await (client as unknown as LooseClient).POST("/x", { body: { a: 1 } });
    expect(response.status).toBe(401);
    expect(getAuthHint(response)?.code).toBe("NOT_REPLAYABLE");
    expect(api.requests).toHaveLength(1);
    // A bodiless request is re-sent from itself, replaced or not.
    const { response: get } = await (client as unknown as LooseClient).GET("/x");
    expect(getAuthHint(get)?.code).toBe("REPLAY_REJECTED");
    await api.close();
  });

  it("leaves alone a 401 for a request that no longer carries its credential", async () => {
    const tokens = await startServer((_req, res) => json(res, 200, { access_token: "t", expires_in: 3600 }));
    const api = await startApiServer(() => false);
    const scheme = clientCredentials({
      tokenUrl: `${tokens.url}/t`,
      clientId: "c",
      clientSecret: "s",
      clientAuthentication: "client_secret_post",
    });
    const { default: createClient } = await import("openapi-fetch");
    const client = createClient<Record<string, never>>({ baseUrl: api.url });
    // A middleware after ours strips the header (as a misconfigured proxy layer might).
    client.use(createAuthMiddleware(scheme), { onRequest: ({ request }) => void request.headers.delete("authorization") });
    const { response } = await (client as unknown as LooseClient).GET("/x");
    expect(response.status).toBe(401);
    expect(getAuthHint(response)).toBeUndefined();
    expect(tokens.requests).toHaveLength(1); // no second token: the credential was never refused
    await tokens.close();
    await api.close();
  });

  it("a non-Error thrown by a scheme becomes TOKEN_REQUEST_FAILED", async () => {
    const api = await startApiServer();
    const scheme = session({
      authorizationPrefix: "S ",
      create: () => Promise.reject("string failure"),
    });
    await expect(clientFor(api.url, createAuthMiddleware(scheme)).GET("/x")).rejects.toMatchObject({
      code: "TOKEN_REQUEST_FAILED",
    });
    await api.close();
  });
});

describe("session end with a shared store", () => {
  it("removes the ended session from the store", async () => {
    const server = await startServer((req, res) => {
      if (req.url === "/access-token")
        return req.method === "POST" ? json(res, 200, { SessionId: "S-1" }) : res.writeHead(204).end();
      json(res, 200, { auth: req.headers.authorization });
    });
    const tokenStore = memoryTokenStore();
    const log = eventLog();
    const scheme = pcrecruiterSession({
      username: "u",
      password: "p-secret",
      databaseId: "D.P",
      apiKey: "k-secret",
      appId: "a",
      baseUrl: server.url,
    });
    const auth = createAuthMiddleware(scheme, { tokenStore, onEvent: log.onEvent });
    await clientFor(server.url, auth).GET("/candidates");
    const other = createAuthMiddleware(
      pcrecruiterSession({
        username: "u",
        password: "p-secret",
        databaseId: "D.P",
        apiKey: "k-secret",
        appId: "a",
        baseUrl: server.url,
      }),
      { tokenStore },
    );
    // A second client with the same login shares the session through the store.
    expect((await clientFor(server.url, other).GET("/candidates")).data.auth).toBe("BEARER S-1");
    await auth.dispose();
    expect(log.of("session_ended")).toHaveLength(1);
    expect(server.requests.filter((r) => r.url === "/access-token" && r.method === "POST")).toHaveLength(1);
    await server.close();
  });
});

describe("memory store lock release", () => {
  it("does not release a lock that expired and was taken by someone else", () => {
    let now = 0;
    const store = memoryTokenStore({ clock: () => now });
    const first = store.lock?.("k", 10) as () => void;
    now = 10;
    const second = store.lock?.("k", 10) as () => void;
    first(); // stale release: must not free the second holder's lock
    expect(store.lock?.("k", 10)).toBeUndefined();
    second();
    expect(store.lock?.("k", 10)).toBeTypeOf("function");
  });
});

describe("sleep and slidingWindow", () => {
  it("sleep resolves for no delay, and rejects at once for a signal already aborted", async () => {
    await expect(sleep(0)).resolves.toBeUndefined();
    const reason = new Error("gone");
    await expect(sleep(1000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it("slidingWindow books at most `limit` starts in any window, in call order", () => {
    const window = slidingWindow(3, 1000);
    expect([0, 0, 0, 0, 0, 0, 0].map(() => window.reserve(0))).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    // Starts already in the past leave room at once.
    expect(window.reserve(5000)).toBe(5000);
    expect(window.reserve(5100)).toBe(5100);
  });
});

describe("the default token store", () => {
  it("is the middleware's own: printing it shows no token, and another middleware does not share it", async () => {
    const stores: unknown[] = [];
    let issued = 0;
    const scheme = (): AuthScheme => ({
      vendor: "own",
      header: "X-Session",
      prefix: "",
      identity: () => "own|same",
      secrets: () => [],
      obtain: async (ctx) => {
        stores.push(ctx.store);
        return { value: `SESSION-TOKEN-${++issued}`, lifetimeMs: 60_000 };
      },
    });
    const server = await startServer((req, res) => json(res, 200, { session: req.headers["x-session"] }));
    try {
      const [a, b] = [createAuthMiddleware(scheme()), createAuthMiddleware(scheme())];
      expect((await clientFor(server.url, a).GET("/x")).data).toEqual({ session: "SESSION-TOKEN-1" });
      expect((await clientFor(server.url, b).GET("/x")).data).toEqual({ session: "SESSION-TOKEN-2" });
      expect((await clientFor(server.url, a).GET("/x")).data).toEqual({ session: "SESSION-TOKEN-1" });
      expect(stores[0]).not.toBe(stores[1]);
      expect(`${inspect(stores[0], { depth: 9 })} ${JSON.stringify(stores[0])}`).not.toContain("SESSION-TOKEN");
      await Promise.all([a.dispose(), b.dispose()]);
    } finally {
      await server.close();
    }
  });
});
