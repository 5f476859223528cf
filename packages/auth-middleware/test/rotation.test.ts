import { afterEach, describe, expect, it } from "vitest";
import { type RotatingServer, type RotatingServerOptions, startRotatingServer } from "../../../scripts/rotating-token-server.mjs";
import {
  AuthError,
  type AuthMiddleware,
  apiKey,
  createAuthMiddleware,
  memoryTokenStore,
  refreshToken,
  seedGrant,
  type TokenStore,
} from "../src/index.js";
import { clientFor, eventLog, manualClock, sleep } from "./helpers.js";

const CLIENT_SECRET = "rotation-client-secret";
let server: RotatingServer | undefined;
const middlewares: AuthMiddleware[] = [];
afterEach(async () => {
  await Promise.all(middlewares.splice(0).map((m) => m.dispose()));
  await server?.close();
  server = undefined;
});

async function start(options: RotatingServerOptions = {}) {
  server = await startRotatingServer(options);
  return server;
}

function scheme(s: RotatingServer, extra: Partial<Parameters<typeof refreshToken>[0]> = {}) {
  return refreshToken({ tokenUrl: s.tokenUrl, clientId: "fleet-app", clientSecret: CLIENT_SECRET, refreshToken: "R1", ...extra });
}

function member(s: RotatingServer, options: Parameters<typeof createAuthMiddleware>[1], extra = {}) {
  const auth = createAuthMiddleware(scheme(s, extra), options);
  middlewares.push(auth);
  return { auth, client: clientFor(s.url, auth) };
}

/** A store whose named operations fail on grant keys (`…:grant`) while `failing` is true. */
function flakyGrantStore(ops: Array<"get" | "set">) {
  const inner = memoryTokenStore();
  const control = { failing: true };
  const store: TokenStore = {
    get: (key) => {
      if (control.failing && ops.includes("get") && key.endsWith(":grant")) throw new Error("store down");
      return inner.get(key);
    },
    set: (key, token, ttl) => {
      if (control.failing && ops.includes("set") && key.endsWith(":grant")) throw new Error("store down");
      return inner.set(key, token, ttl);
    },
    delete: (key) => inner.delete(key),
    lock: (key, ttl) => inner.lock?.(key, ttl),
  };
  return { store, inner, control };
}

describe("rotating refresh tokens shared through a token store", () => {
  it("two middlewares on one store, refreshing in turn, never send a refresh token twice", async () => {
    const s = await start({ lifetimeS: 3600 });
    const time = manualClock();
    const tokenStore = memoryTokenStore({ clock: time.clock });
    const a = member(s, { tokenStore, clock: time.clock });
    const b = member(s, { tokenStore, clock: time.clock });
    const statuses: number[] = [];
    for (const who of [a, b, a, b, a, b]) {
      statuses.push((await who.client.GET("/records")).response.status);
      time.advance(3600_000); // past expiry: the next request needs a new access token
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(s.state.sent).toEqual(["R1", "R2", "R3", "R4", "R5", "R6"]);
    expect(s.state.reused).toEqual([]);
    expect(s.state.rotations).toBe(6);
  });

  it("dispose() during a rotation waits for it: the rotated refresh token reaches the store, and the fleet never sends the spent one", async () => {
    const s = await start({ lifetimeS: 3600, latencyMs: 150 });
    const tokenStore = memoryTokenStore();
    const a = member(s, { tokenStore });
    const pending = a.client.GET("/records");
    await sleep(50); // R1 is at the server, which rotates it while the answer is on its way
    await a.auth.dispose();
    await expect(pending).rejects.toMatchObject({ code: "DISPOSED" });
    // A process started after the first one stopped takes over from the store.
    const b = member(s, { tokenStore });
    expect((await b.client.GET("/records")).response.status).toBe(200);
    expect(s.state.sent).toEqual(["R1", "R2"]);
    expect(s.state.reused).toEqual([]);
  });

  it("ten middlewares on one store: one token request per expiry, every request served, no reuse", async () => {
    const s = await start({ lifetimeS: 3600, latencyMs: 20 });
    const time = manualClock();
    const tokenStore = memoryTokenStore({ clock: time.clock });
    const fleet = Array.from({ length: 10 }, () => member(s, { tokenStore, clock: time.clock }));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(fleet.flatMap((m) => [m.client.GET("/a"), m.client.GET("/b")]));
      expect(results.map((r) => r.response.status)).toEqual(Array(20).fill(200));
      time.advance(3600_000);
    }
    expect(s.state.sent).toEqual(["R1", "R2", "R3"]);
    expect(s.state.reused).toEqual([]);
  });

  it("a middleware started later from the configuration (first refresh token) uses the store's current one", async () => {
    const s = await start();
    const time = manualClock();
    const tokenStore = memoryTokenStore({ clock: time.clock });
    const first = member(s, { tokenStore, clock: time.clock });
    for (let i = 0; i < 3; i++) {
      await first.client.GET("/r");
      time.advance(3600_000);
    }
    await first.auth.dispose();
    const restarted = member(s, { tokenStore, clock: time.clock }); // configured with R1, which is long spent
    expect((await restarted.client.GET("/r")).response.status).toBe(200);
    expect(s.state.sent).toEqual(["R1", "R2", "R3", "R4"]);
    expect(s.state.reused).toEqual([]);
  });

  it("writes the rotated refresh token to the store before the new access token is used, then awaits onRefreshToken", async () => {
    const s = await start();
    const inner = memoryTokenStore();
    const order: string[] = [];
    const tokenStore: TokenStore = {
      ...inner,
      set: (k, t, ttl) => {
        order.push(k.endsWith(":grant") ? `store grant ${t.value}` : `store access ${t.value}`);
        return inner.set(k, t, ttl);
      },
    };
    const { client } = member(
      s,
      { tokenStore },
      {
        onRefreshToken: async (next: string) => {
          await sleep(20);
          order.push(`hook ${next} after ${s.state.apiRequests} API calls`);
        },
      },
    );
    expect((await client.GET("/r")).response.status).toBe(200);
    expect(order).toEqual(["store grant R2", "hook R2 after 0 API calls", "store access A1"]);
  });

  it("an onRefreshToken that never settles delays a refresh by at most timeoutMs and loses nothing", async () => {
    const s = await start();
    const { client } = member(s, { timeoutMs: 200 }, { onRefreshToken: () => new Promise(() => undefined) });
    const started = Date.now();
    expect((await client.GET("/r")).response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(s.state.rotations).toBe(1);
  });

  it("on invalid_grant re-reads the store once: another holder rotated (a store without a lock)", async () => {
    const s = await start({ revokeOnReuse: false, latencyMs: 30 });
    const inner = memoryTokenStore();
    // No lock: both refresh at once, both read R1; the second answer is invalid_grant.
    const noLock: TokenStore = {
      get: (k) => inner.get(k),
      set: (k, t, ttl) => inner.set(k, t, ttl),
      delete: (k) => inner.delete(k),
    };
    const a = member(s, { tokenStore: noLock });
    const b = member(s, { tokenStore: noLock });
    const [ra, rb] = await Promise.all([a.client.GET("/r"), sleep(10).then(() => b.client.GET("/r"))]);
    expect([ra.response.status, rb.response.status]).toEqual([200, 200]);
    // b sent R1 (refused), re-read the store, found R2 from a, and refreshed with it.
    expect(s.state.sent).toEqual(["R1", "R1", "R2"]);
  });

  it("a refused refresh token with no newer one in the store is GRANT_REVOKED, and is never sent again", async () => {
    const s = await start();
    const log = eventLog();
    const time = manualClock();
    const { client } = member(s, { clock: time.clock, onEvent: log.onEvent });
    s.state.failNext = { status: 400, body: { error: "invalid_grant", error_description: "revoked by an admin" } };
    await expect(client.GET("/r")).rejects.toMatchObject({ code: "GRANT_REVOKED", oauthError: "invalid_grant", status: 400 });
    await expect(client.GET("/r")).rejects.toMatchObject({ code: "GRANT_REVOKED" });
    expect(s.state.sent).toEqual(["R1"]);
    const error = log.of("refresh_failed")[0];
    expect(error?.type === "refresh_failed" && error.error.code).toBe("GRANT_REVOKED");
    expect(JSON.stringify(log.events)).not.toContain(CLIENT_SECRET);
  });

  it("tells a lost grant (GRANT_REVOKED) from a transient failure (TOKEN_HTTP_ERROR, retried with the same token)", async () => {
    const s = await start();
    const { client } = member(s, {});
    s.state.failNext = { status: 503, body: { error: "temporarily_unavailable" } };
    const err = await client.GET("/r").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).code).not.toBe("GRANT_REVOKED");
    expect((await client.GET("/r")).response.status).toBe(200);
    expect(s.state.sent).toEqual(["R1", "R1"]);
    expect(s.state.reused).toEqual([]);
  });

  it("a store that cannot be read fails the refresh with GRANT_UNAVAILABLE and sends no refresh token", async () => {
    const s = await start();
    const { store, control } = flakyGrantStore(["get"]);
    const { client } = member(s, { tokenStore: store });
    await expect(client.GET("/r")).rejects.toMatchObject({ code: "GRANT_UNAVAILABLE" });
    expect(s.state.sent).toEqual([]);
    control.failing = false;
    expect((await client.GET("/r")).response.status).toBe(200);
    expect(s.state.sent).toEqual(["R1"]);
  });

  it("a store whose lock fails: GRANT_UNAVAILABLE, no refresh token sent", async () => {
    const s = await start();
    const inner = memoryTokenStore();
    const store: TokenStore = {
      get: (k) => inner.get(k),
      set: (k, t, ttl) => inner.set(k, t, ttl),
      delete: (k) => inner.delete(k),
      lock: () => {
        throw new Error("lock down");
      },
    };
    const { client } = member(s, { tokenStore: store });
    await expect(client.GET("/r")).rejects.toMatchObject({ code: "GRANT_UNAVAILABLE" });
    expect(s.state.sent).toEqual([]);
  });

  it("a failed store write keeps the rotated token in process, and the next refresh sends it and repairs the store", async () => {
    const s = await start();
    const time = manualClock();
    const log = eventLog();
    const { store, inner, control } = flakyGrantStore(["set"]);
    const { client } = member(s, { tokenStore: store, clock: time.clock, onEvent: log.onEvent });
    expect((await client.GET("/r")).response.status).toBe(200);
    expect(log.of("refresh_token_rotated")).toEqual([{ type: "refresh_token_rotated", vendor: "refresh-token", stored: false }]);
    expect(log.of("store_error").map((e) => e.type === "store_error" && e.operation)).toEqual(["set"]);
    control.failing = false;
    time.advance(3600_000);
    expect((await client.GET("/r")).response.status).toBe(200);
    expect(s.state.sent).toEqual(["R1", "R2"]);
    expect(s.state.reused).toEqual([]);
    // The store now holds R3: a restarted process configured with R1 sends R3.
    const restarted = member(s, { tokenStore: inner, clock: () => time.clock() + 7200_000 });
    expect((await restarted.client.GET("/r")).response.status).toBe(200);
    expect(s.state.sent).toEqual(["R1", "R2", "R3"]);
  });

  it("a non-rotating server (Zoho-like): the configured refresh token every time, nothing written for the grant", async () => {
    const s = await start({ rotate: false });
    const time = manualClock();
    const writes: string[] = [];
    const inner = memoryTokenStore({ clock: time.clock });
    const tokenStore: TokenStore = {
      ...inner,
      set: (k, t, ttl) => {
        writes.push(k);
        return inner.set(k, t, ttl);
      },
    };
    const log = eventLog();
    const a = member(s, { tokenStore, clock: time.clock, onEvent: log.onEvent });
    const b = member(s, { tokenStore, clock: time.clock });
    for (const who of [a, b, a]) {
      expect((await who.client.GET("/r")).response.status).toBe(200);
      time.advance(3600_000);
    }
    expect(s.state.sent).toEqual(["R1", "R1", "R1"]);
    expect(writes.filter((k) => k.endsWith(":grant"))).toEqual([]);
    expect(log.of("refresh_token_rotated")).toEqual([]);
  });

  it("grantId without a refresh token: GRANT_MISSING until the store is seeded; seedGrant starts the fleet", async () => {
    const s = await start({ seed: "Rseed" });
    const tokenStore = memoryTokenStore();
    const options = { tokenUrl: s.tokenUrl, clientId: "fleet-app", clientSecret: CLIENT_SECRET, grantId: "acme" };
    const auth = createAuthMiddleware(refreshToken(options), { tokenStore });
    middlewares.push(auth);
    const client = clientFor(s.url, auth);
    await expect(client.GET("/r")).rejects.toMatchObject({ code: "GRANT_MISSING" });
    expect(s.state.sent).toEqual([]);
    await seedGrant(tokenStore, refreshToken(options), "Rseed");
    expect((await client.GET("/r")).response.status).toBe(200);
    expect(s.state.sent).toEqual(["Rseed"]);
  });

  it("checks its options: refreshToken or grantId is required; seedGrant needs a grant scheme and a token", async () => {
    const base = { tokenUrl: "https://auth.example.org/token", clientId: "c", clientSecret: CLIENT_SECRET };
    expect(() => refreshToken(base)).toThrow(/option "refreshToken"/);
    expect(() => refreshToken({ ...base, grantId: 7 as never })).toThrow(/option "grantId"/);
    const store = memoryTokenStore();
    await expect(seedGrant(store, refreshToken({ ...base, grantId: "g" }), "")).rejects.toMatchObject({
      code: "INVALID_OPTION",
      option: "refreshToken",
    });
    await expect(seedGrant(store, apiKey({ header: "X-Key", value: "k-secret-value" }), "R")).rejects.toMatchObject({
      code: "INVALID_OPTION",
      option: "scheme",
    });
  });

  it("scrubs every refresh token it has held from errors and events", async () => {
    const s = await start({ prefix: "refresh-token-value-" });
    const time = manualClock();
    const log = eventLog();
    const { client } = member(s, { clock: time.clock, onEvent: log.onEvent }, { refreshToken: "refresh-token-value-1" });
    await client.GET("/r"); // 1 -> 2
    time.advance(3600_000);
    // The server echoes the presented token in its error text.
    s.state.failNext = {
      status: 400,
      body: { error: "invalid_request", error_description: "bad token refresh-token-value-2 and refresh-token-value-1" },
    };
    const err = (await client.GET("/r").catch((e: unknown) => e)) as AuthError;
    expect(err.code).toBe("TOKEN_REJECTED");
    const text = `${err.message} ${JSON.stringify(err)} ${JSON.stringify(log.events)}`;
    expect(text).toContain("[redacted]");
    expect(text).not.toContain("refresh-token-value-");
  });
});
