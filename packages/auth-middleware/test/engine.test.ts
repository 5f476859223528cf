import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AuthError,
  type AuthScheme,
  clientCredentials,
  createAuthMiddleware,
  getAuthHint,
  memoryTokenStore,
  mustRefresh,
  type StoredToken,
  shouldRefresh,
  type TokenStore,
} from "../src/index.js";
import { toStoredToken } from "../src/token-cycler.js";
import {
  clientFor,
  eventLog,
  json,
  type LooseClient,
  manualClock,
  sleep,
  startApiServer,
  startServer,
  startTokenServer,
  type TestServer,
  until,
} from "./helpers.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function track<T extends TestServer>(server: Promise<T>): Promise<T> {
  const s = await server;
  servers.push(s);
  return s;
}

function cc(tokenUrl: string, extra: Partial<Parameters<typeof clientCredentials>[0]> = {}) {
  return clientCredentials({
    tokenUrl,
    clientId: "engine-client",
    clientSecret: "engine-secret-value",
    clientAuthentication: "client_secret_post",
    ...extra,
  });
}

describe("rule 1: a warm cache costs no I/O", () => {
  it("makes one token request for 50 sequential calls and never reads the store again", async () => {
    const tokens = await track(startTokenServer());
    const api = await track(startApiServer());
    const store = memoryTokenStore();
    const spy = { get: vi.spyOn(store, "get"), set: vi.spyOn(store, "set") };
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { tokenStore: store }));
    for (let i = 0; i < 50; i++) {
      const { data } = await client.GET("/things");
      expect(data.auth).toBe("Bearer tok-1");
    }
    expect(tokens.issued()).toBe(1);
    expect(spy.get).toHaveBeenCalledTimes(2); // cold: before the lock and after it
    expect(spy.set).toHaveBeenCalledTimes(1);
  });
});

describe("rule 2: single-flight", () => {
  it("refreshes once for 1,000 concurrent requests on a cold cache", async () => {
    const tokens = await track(startTokenServer({ latencyMs: 30 }));
    const api = await track(startApiServer());
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`)));
    const results = await Promise.all(Array.from({ length: 1000 }, () => client.GET("/things")));
    expect(results.every((r) => r.data?.auth === "Bearer tok-1")).toBe(true);
    expect(tokens.issued()).toBe(1);
  });

  it("refreshes once for 1,000 concurrent requests after the token expired", async () => {
    const time = manualClock();
    const tokens = await track(startTokenServer({ expiresIn: 600, latencyMs: 20 }));
    const api = await track(startApiServer());
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { clock: time.clock }));
    await client.GET("/things");
    time.advance(601_000);
    const results = await Promise.all(Array.from({ length: 1000 }, () => client.GET("/things")));
    expect(results.every((r) => r.data?.auth === "Bearer tok-2")).toBe(true);
    expect(tokens.issued()).toBe(2);
  });

  it("shares one token between middlewares that share a store", async () => {
    const tokens = await track(startTokenServer({ latencyMs: 20 }));
    const api = await track(startApiServer());
    const tokenStore = memoryTokenStore();
    const a = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { tokenStore }));
    const b = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { tokenStore }));
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).GET("/things")));
    expect(results.every((r) => r.data?.auth === "Bearer tok-1")).toBe(true);
    expect(tokens.issued()).toBe(1);
  });
});

describe("rule 3: refresh ahead", () => {
  it("keeps serving the old token inside the window while one background refresh runs", async () => {
    const time = manualClock();
    let release: () => void = () => undefined;
    let issued = 0;
    const tokens = await track(
      startServer(async (_req, res) => {
        issued++;
        if (issued === 2) await new Promise<void>((r) => (release = r));
        json(res, 200, { access_token: `tok-${issued}`, token_type: "bearer", expires_in: 3600 });
      }),
    );
    const api = await track(startApiServer());
    const log = eventLog();
    const client = clientFor(
      api.url,
      createAuthMiddleware(cc(`${tokens.url}/token`), { clock: time.clock, onEvent: log.onEvent }),
    );
    await client.GET("/things");
    // 3600 s lifetime, 30 s margin, 120 s window: the window opens at 3450 s.
    time.advance(3_451_000);
    const during = await Promise.all(Array.from({ length: 20 }, () => client.GET("/things")));
    expect(during.every((r) => r.data?.auth === "Bearer tok-1")).toBe(true);
    await until(() => issued === 2);
    release();
    await until(() => log.of("token_obtained").length === 2);
    const after = await client.GET("/things");
    expect(after.data.auth).toBe("Bearer tok-2");
    expect(issued).toBe(2);
  });

  it("caps the window at half the lifetime", () => {
    const t = toStoredToken({ value: "x", lifetimeMs: 60_000 }, 0, 120_000);
    // 60 s lifetime, 6 s margin (a tenth), 54 s usable, window 27 s.
    expect(t.expiresAt).toBe(54_000);
    expect(t.refreshAt).toBe(27_000);
    expect(shouldRefresh(t, 26_999)).toBe(false);
    expect(shouldRefresh(t, 27_000)).toBe(true);
    expect(mustRefresh(t, 53_999)).toBe(false);
    expect(mustRefresh(t, 54_000)).toBe(true);
  });

  it("makes only a request that would carry an expired token wait", async () => {
    const time = manualClock();
    const tokens = await track(startTokenServer({ expiresIn: 600 }));
    const api = await track(startApiServer());
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { clock: time.clock }));
    await client.GET("/things");
    time.advance(600_000); // past expiry (570 s)
    const { data } = await client.GET("/things");
    expect(data.auth).toBe("Bearer tok-2");
  });
});

describe("rule 4: a failed background refresh", () => {
  it("keeps the old token, backs off, and recovers", async () => {
    const time = manualClock();
    let failing = false;
    let issued = 0;
    const tokens = await track(
      startServer((_req, res) => {
        if (failing) return json(res, 503, { error: "temporarily_unavailable" });
        issued++;
        json(res, 200, { access_token: `tok-${issued}`, token_type: "bearer", expires_in: 3600 });
      }),
    );
    const api = await track(startApiServer());
    const log = eventLog();
    const client = clientFor(
      api.url,
      createAuthMiddleware(cc(`${tokens.url}/token`), { clock: time.clock, onEvent: log.onEvent }),
    );
    await client.GET("/things");
    failing = true;
    time.advance(3_460_000); // inside the window, still valid
    const r1 = await client.GET("/things");
    expect(r1.data.auth).toBe("Bearer tok-1");
    await until(() => log.of("refresh_failed").length === 1);
    const failed = log.of("refresh_failed")[0] as Extract<(typeof log.events)[number], { type: "refresh_failed" }>;
    expect(failed.background).toBe(true);
    expect(failed.error.code).toBe("TOKEN_HTTP_ERROR");
    expect(failed.retryInMs).toBeGreaterThanOrEqual(500);
    expect(failed.retryInMs).toBeLessThanOrEqual(1000);
    // Within the backoff no new attempt is made, and requests still succeed.
    const attempts = tokens.requests.length;
    const r2 = await client.GET("/things");
    expect(r2.data.auth).toBe("Bearer tok-1");
    expect(tokens.requests.length).toBe(attempts);
    // After the backoff the next request triggers one more attempt, which now succeeds.
    failing = false;
    time.advance(1_001);
    await client.GET("/things");
    await until(() => log.of("token_obtained").length === 2);
    expect((await client.GET("/things")).data.auth).toBe("Bearer tok-2");
  });

  it("doubles the backoff after each failure, up to a minute", async () => {
    const time = manualClock();
    let calls = 0;
    const tokens = await track(
      startServer((_req, res) => {
        calls++;
        if (calls > 1) return json(res, 500, {});
        json(res, 200, { access_token: "tok-1", token_type: "bearer", expires_in: 36000 });
      }),
    );
    const api = await track(startApiServer());
    const log = eventLog();
    const client = clientFor(
      api.url,
      createAuthMiddleware(cc(`${tokens.url}/token`), { clock: time.clock, onEvent: log.onEvent, refreshWindowMs: 3_600_000 }),
    );
    await client.GET("/things");
    time.advance(33_000_000); // a 10-hour token with a 1-hour window: inside the window, 49 minutes of validity left
    const ceilings: number[] = [];
    for (let i = 1; i <= 8; i++) {
      await client.GET("/things");
      await until(() => log.of("refresh_failed").length === i);
      const e = log.of("refresh_failed")[i - 1] as { retryInMs: number };
      ceilings.push(e.retryInMs);
      time.advance(e.retryInMs);
    }
    expect(ceilings.every((ms, i) => ms >= Math.min(60_000, 1000 * 2 ** i) / 2 && ms <= Math.min(60_000, 1000 * 2 ** i))).toBe(
      true,
    );
  });

  it("waits for a fresh attempt, and fails with the typed error, once the token has expired", async () => {
    const time = manualClock();
    let failing = false;
    const tokens = await track(
      startServer((_req, res) =>
        failing ? json(res, 400, { error: "invalid_client" }) : json(res, 200, { access_token: "tok-1", expires_in: 600 }),
      ),
    );
    const api = await track(startApiServer());
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { clock: time.clock }));
    await client.GET("/things");
    failing = true;
    time.advance(700_000);
    const err = await client.GET("/things").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).code).toBe("TOKEN_REJECTED");
    expect((err as AuthError).oauthError).toBe("invalid_client");
    expect((err as AuthError).status).toBe(400);
  });
});

describe("rule 5: replay after 401", () => {
  it("gets exactly one new token and replays each of 100 concurrent 401s once", async () => {
    const tokens = await track(startTokenServer());
    let valid = "Bearer tok-1";
    const api = await track(startApiServer((auth) => auth === valid));
    const log = eventLog();
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { onEvent: log.onEvent }));
    await client.GET("/warm");
    valid = "Bearer tok-2"; // the API revokes tok-1
    api.requests.length = 0;
    const results = await Promise.all(Array.from({ length: 100 }, () => client.GET("/things")));
    expect(results.every((r) => r.response.status === 200 && r.data.auth === "Bearer tok-2")).toBe(true);
    expect(tokens.issued()).toBe(2);
    expect(log.of("replayed")).toHaveLength(100);
    expect(api.requests).toHaveLength(200);
  });

  it("never loops: a replay that is rejected again comes back as 401 with a hint", async () => {
    const tokens = await track(startTokenServer());
    const api = await track(startApiServer(() => false));
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`)));
    const { response, error } = await client.GET("/things");
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: "unauthorized" });
    expect(getAuthHint(response)?.code).toBe("REPLAY_REJECTED");
    expect(api.requests).toHaveLength(2);
    expect(tokens.issued()).toBe(2);
  });

  it("does not replay when re-authentication returns the same credential", async () => {
    const tokens = await track(startServer((_req, res) => json(res, 200, { access_token: "same", token_type: "bearer" })));
    const api = await track(startApiServer(() => false));
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`)));
    const { response } = await client.GET("/things");
    expect(response.status).toBe(401);
    expect(getAuthHint(response)?.code).toBe("CREDENTIAL_UNCHANGED");
    expect(api.requests).toHaveLength(1);
  });

  it.each([
    ["JSON", { body: { name: "Ada", tags: ["x"] } }, "application/json"],
    [
      "form",
      {
        body: { a: "1", b: "two words" },
        bodySerializer: (b: Record<string, string>) => new URLSearchParams(b),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      },
      "application/x-www-form-urlencoded",
    ],
    [
      "multipart",
      {
        body: {},
        bodySerializer: () => {
          const form = new FormData();
          form.set("resume", new Blob([new Uint8Array([0, 1, 2, 255])], { type: "application/pdf" }), "cv.pdf");
          form.set("note", "hello");
          return form;
        },
      },
      "multipart/form-data",
    ],
  ])("replays a %s body byte for byte", async (_kind, init, contentType) => {
    const tokens = await track(startTokenServer());
    let valid = "Bearer tok-1";
    const api = await track(startApiServer((auth) => auth === valid));
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`)));
    await client.GET("/warm");
    valid = "Bearer tok-2";
    api.requests.length = 0;
    const { data, response } = await client.POST("/upload", init as never);
    expect(response.status).toBe(200);
    expect(data.auth).toBe("Bearer tok-2");
    expect(api.requests).toHaveLength(2);
    const [first, second] = api.requests as [(typeof api.requests)[0], (typeof api.requests)[0]];
    expect(first.body.length).toBeGreaterThan(0);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers["content-type"]).toBe(first.headers["content-type"]);
    expect(String(second.headers["content-type"])).toContain(contentType);
  });

  it("hands back the 401 with NOT_REPLAYABLE when the body cannot be copied", async () => {
    const tokens = await track(startTokenServer());
    let valid = "Bearer tok-1";
    const api = await track(startApiServer((auth) => auth === valid));
    const log = eventLog();
    class OneShotRequest extends Request {
      override clone(): Request {
        throw new TypeError("one-shot body");
      }
    }
    const { default: createClient } = await import("openapi-fetch");
    const raw = createClient<Record<string, never>>({ baseUrl: api.url, Request: OneShotRequest });
    raw.use(createAuthMiddleware(cc(`${tokens.url}/token`), { onEvent: log.onEvent }));
    const client = raw as unknown as LooseClient;
    await client.GET("/warm");
    valid = "Bearer tok-2";
    const { response } = await client.POST("/upload", { body: { a: 1 } });
    expect(response.status).toBe(401);
    expect(getAuthHint(response)).toEqual({
      code: "NOT_REPLAYABLE",
      message: expect.stringContaining("could not be copied for a replay"),
    });
    expect(log.of("replay_skipped")).toHaveLength(1);
  });

  it("surfaces a failed re-authentication as the typed error", async () => {
    let n = 0;
    const tokens = await track(
      startServer((_req, res) =>
        ++n === 1 ? json(res, 200, { access_token: "tok-1" }) : json(res, 401, { error: "invalid_client" }),
      ),
    );
    let valid = "Bearer tok-1";
    const api = await track(startApiServer((auth) => auth === valid));
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`)));
    await client.GET("/warm");
    valid = "nothing";
    await expect(client.GET("/things")).rejects.toMatchObject({
      code: "TOKEN_REJECTED",
      status: 401,
      oauthError: "invalid_client",
    });
  });
});

describe("rule 6: lifetimes", () => {
  it("reads expires_in given as a numeric string", async () => {
    const time = manualClock();
    const tokens = await track(startTokenServer({ expiresIn: "36000" }));
    const api = await track(startApiServer());
    const log = eventLog();
    const client = clientFor(
      api.url,
      createAuthMiddleware(cc(`${tokens.url}/token`), { clock: time.clock, onEvent: log.onEvent }),
    );
    await client.GET("/things");
    const obtained = log.of("token_obtained")[0] as { expiresAt: number };
    expect(obtained.expiresAt).toBe(time.clock() + 36_000_000 - 30_000);
  });

  it("reuses a token without a lifetime until the API rejects it", async () => {
    const time = manualClock();
    const tokens = await track(startTokenServer({ expiresIn: null }));
    let valid = "Bearer tok-1";
    const api = await track(startApiServer((auth) => auth === valid));
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { clock: time.clock }));
    await client.GET("/things");
    time.advance(365 * 24 * 3600_000);
    expect((await client.GET("/things")).data.auth).toBe("Bearer tok-1");
    expect(tokens.issued()).toBe(1);
    valid = "Bearer tok-2";
    expect((await client.GET("/things")).data.auth).toBe("Bearer tok-2");
    expect(tokens.issued()).toBe(2);
  });
});

describe("rule 9: credentials go only where they belong", () => {
  it("refuses a plain-http token URL to a non-loopback host at construction", () => {
    expect(() => cc("http://auth.example.org/token")).toThrowError(
      expect.objectContaining({ code: "INSECURE_URL", option: "tokenUrl" }),
    );
  });

  it("refuses to attach the credential to another origin than the scheme's API", async () => {
    const tokens = await track(startTokenServer());
    const api = await track(startApiServer());
    const other = await track(startApiServer());
    const auth = createAuthMiddleware(cc(`${tokens.url}/token`, { apiBaseUrl: api.url }));
    await expect(clientFor(other.url, auth).GET("/things")).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    expect(other.requests).toHaveLength(0);
    expect(tokens.issued()).toBe(0);
    expect((await clientFor(api.url, auth).GET("/things")).data.auth).toBe("Bearer tok-1");
  });

  it("refuses a client whose base URL is plain http to a remote host", async () => {
    const tokens = await track(startTokenServer());
    const seen: string[] = [];
    const fakeFetch = async (req: Request) => {
      seen.push(req.url);
      return new Response("{}");
    };
    const client = clientFor(
      "http://api.example.org",
      createAuthMiddleware(cc(`${tokens.url}/token`)),
      fakeFetch as typeof fetch,
    );
    await expect(client.GET("/things")).rejects.toMatchObject({ code: "INSECURE_URL" });
    expect(seen).toHaveLength(0);
  });
});

describe("abort, timeout and dispose", () => {
  it("lets a caller abort its own wait without cancelling the shared refresh", async () => {
    const tokens = await track(startTokenServer({ latencyMs: 200 }));
    const api = await track(startApiServer());
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`)));
    const controller = new AbortController();
    const aborted = client.GET("/things", { signal: controller.signal });
    const others = Array.from({ length: 10 }, () => client.GET("/things"));
    await sleep(20);
    controller.abort(new Error("user gave up"));
    await expect(aborted).rejects.toThrow("user gave up");
    const results = await Promise.all(others);
    expect(results.every((r) => r.data.auth === "Bearer tok-1")).toBe(true);
    expect(tokens.issued()).toBe(1);
  });

  it("times out a token endpoint that never answers", async () => {
    const tokens = await track(startServer(() => undefined));
    const api = await track(startApiServer());
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { timeoutMs: 100 }));
    await expect(client.GET("/things")).rejects.toMatchObject({ code: "TOKEN_TIMEOUT" });
  });

  it("fails requests after dispose and stops a token request in flight", async () => {
    const tokens = await track(startServer(() => undefined));
    const api = await track(startApiServer());
    const auth = createAuthMiddleware(cc(`${tokens.url}/token`), { timeoutMs: 5000 });
    const client = clientFor(api.url, auth);
    const pending = client.GET("/things");
    await until(() => tokens.requests.length === 1);
    await auth.dispose();
    await expect(pending).rejects.toMatchObject({ code: "DISPOSED" });
    await expect(client.GET("/things")).rejects.toMatchObject({ code: "DISPOSED" });
    await auth.dispose(); // idempotent
  });

  it("disposes when the shared signal aborts", async () => {
    const tokens = await track(startTokenServer());
    const api = await track(startApiServer());
    const controller = new AbortController();
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { signal: controller.signal }));
    await client.GET("/things");
    controller.abort();
    await expect(client.GET("/things")).rejects.toMatchObject({ code: "DISPOSED" });
    const already = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { signal: controller.signal }));
    await expect(already.GET("/things")).rejects.toMatchObject({ code: "DISPOSED" });
  });
});

describe("token stores", () => {
  function failingStore(): TokenStore {
    const fail = () => {
      throw new Error("store down");
    };
    return { get: fail, set: fail, delete: fail, lock: fail };
  }

  it("keeps working from the in-process cache when the store fails, and reports it", async () => {
    const tokens = await track(startTokenServer());
    let valid = "Bearer tok-1";
    const api = await track(startApiServer((a) => a === valid));
    const log = eventLog();
    const client = clientFor(
      api.url,
      createAuthMiddleware(cc(`${tokens.url}/token`), { tokenStore: failingStore(), onEvent: log.onEvent }),
    );
    const results = await Promise.all(Array.from({ length: 50 }, () => client.GET("/things")));
    expect(results.every((r) => r.data.auth === "Bearer tok-1")).toBe(true);
    valid = "Bearer tok-2";
    expect((await client.GET("/things")).data.auth).toBe("Bearer tok-2");
    expect(tokens.issued()).toBe(2);
    const ops = new Set(log.of("store_error").map((e) => (e as { operation: string }).operation));
    // After the 401 the store is read before deleting (never delete another process's new token); that read fails too.
    expect(ops).toEqual(new Set(["get", "lock", "set"]));
  });

  it("waits for another holder's token instead of requesting one", async () => {
    const tokens = await track(startTokenServer());
    const api = await track(startApiServer());
    const shared = new Map<string, StoredToken>();
    const store: TokenStore = {
      get: (k) => shared.get(k),
      set: (k, t) => void shared.set(k, t),
      delete: (k) => void shared.delete(k),
      lock: (k) => {
        // Another process holds the lock and will publish its token shortly.
        setTimeout(() => shared.set(k, { value: "from-elsewhere" }), 50);
        return undefined;
      },
    };
    const log = eventLog();
    const client = clientFor(
      api.url,
      createAuthMiddleware(cc(`${tokens.url}/token`), { tokenStore: store, onEvent: log.onEvent }),
    );
    expect((await client.GET("/things")).data.auth).toBe("Bearer from-elsewhere");
    expect(tokens.issued()).toBe(0);
    expect(log.of("token_obtained")[0]).toMatchObject({ source: "store" });
  });

  it("refreshes itself when the lock holder never publishes", async () => {
    const tokens = await track(startTokenServer());
    const api = await track(startApiServer());
    const store: TokenStore = { get: () => undefined, set: () => undefined, delete: () => undefined, lock: () => undefined };
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { tokenStore: store, timeoutMs: 100 }));
    // Lock TTL = 2 × timeoutMs + 1 s: two bounded waits (the lock is retried once), then the process refreshes on its own.
    expect((await client.GET("/things")).data.auth).toBe("Bearer tok-1");
    expect(tokens.issued()).toBe(1);
  }, 10_000);

  it("takes over the lock once a dead holder's lock has expired, still with one token request", async () => {
    const tokens = await track(startTokenServer());
    const api = await track(startApiServer());
    const inner = memoryTokenStore();
    let lockCalls = 0;
    const store: TokenStore = {
      get: (k) => inner.get(k),
      set: (k, t, ttl) => inner.set(k, t, ttl),
      delete: (k) => inner.delete(k),
      // The first answer: another process holds the lock (and then dies without publishing).
      lock: (k, ttl) => (++lockCalls === 1 ? undefined : inner.lock?.(k, ttl)),
    };
    const client = clientFor(api.url, createAuthMiddleware(cc(`${tokens.url}/token`), { tokenStore: store, timeoutMs: 100 }));
    const results = await Promise.all(Array.from({ length: 20 }, () => client.GET("/things")));
    expect(results.every((r) => r.data.auth === "Bearer tok-1")).toBe(true);
    expect(lockCalls).toBe(2);
    expect(tokens.issued()).toBe(1);
  });

  it("memory store: bounded, drops expired entries, locks exclusively", () => {
    const time = manualClock();
    const store = memoryTokenStore({ maxEntries: 2, clock: time.clock });
    store.set("a", { value: "1" }, 1000);
    store.set("b", { value: "2" }, undefined);
    store.set("c", { value: "3" }, undefined);
    expect(store.get("a")).toBeUndefined(); // evicted
    expect(store.get("b")).toEqual({ value: "2" });
    store.set("d", { value: "4" }, 10);
    time.advance(10);
    expect(store.get("d")).toBeUndefined(); // expired
    const release = store.lock?.("k", 100) as () => void;
    expect(release).toBeTypeOf("function");
    expect(store.lock?.("k", 100)).toBeUndefined();
    release();
    const again = store.lock?.("k", 100);
    expect(again).toBeTypeOf("function");
    time.advance(100);
    expect(store.lock?.("k", 100)).toBeTypeOf("function"); // an expired lock is free
    store.delete("b");
    expect(store.get("b")).toBeUndefined();
  });
});

describe("options are validated at construction", () => {
  const scheme = () =>
    clientCredentials({
      tokenUrl: "https://a.example/t",
      clientId: "i",
      clientSecret: "s",
      clientAuthentication: "client_secret_basic",
    });
  it.each([
    ["refreshWindowMs", { refreshWindowMs: -1 }],
    ["timeoutMs", { timeoutMs: 0 }],
    ["timeoutMs", { timeoutMs: Number.NaN }],
    ["fetch", { fetch: "nope" }],
    ["clock", { clock: 5 }],
    ["onEvent", { onEvent: {} }],
    ["tokenStore", { tokenStore: { get: () => undefined } }],
  ])("names %s", (option, options) => {
    expect(() => createAuthMiddleware(scheme(), options as never)).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION", option }),
    );
  });
  it("names the scheme when it is not one", () => {
    expect(() => createAuthMiddleware({} as AuthScheme)).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION", option: "scheme" }),
    );
  });
});
