/**
 * Fault injection against real loopback servers: a token endpoint and an API that fail in
 * the ways integrations fail at 3 a.m. Each test asserts the outcome (success after retry,
 * or a typed error within the timeout), how many requests each server received (none lost,
 * none sent twice when it must not be), and that no secret reached an error or an event.
 * The process-exit check (no leaked timer or socket) is in exit.test.ts.
 */
import { inspect } from "node:util";
import { AuthError, type AuthEvent, clientCredentials, createAuthMiddleware, getAuthHint } from "@hirekit/auth-middleware";
import createClient from "openapi-fetch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRetryFetch, RetryError, type RetryEvent, type RetryOptions } from "../../src/index.js";
import { FAULT_SECRETS } from "./secrets.js";
import { json, type LoopbackServer, loopback, reset } from "./servers.js";

type Call = (
  path: string,
  init?: { body?: unknown; headers?: Record<string, string> },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

let tokenServer: LoopbackServer;
let api: LoopbackServer;
let issued = 0;
let disposers: Array<() => Promise<void>> = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
/** Everything a user could see: errors, auth events, retry events. Scanned for secrets after each test. */
let observed: unknown[] = [];

beforeEach(async () => {
  issued = 0;
  observed = [];
  process.on("unhandledRejection", onUnhandled);
  tokenServer = await loopback((_, res) => {
    issued++;
    json(res, 200, { access_token: `${FAULT_SECRETS.accessTokenPrefix}${issued}`, token_type: "bearer", expires_in: 3600 });
  });
  api = await loopback((req, res) => json(res, 200, { auth: req.headers.authorization === undefined ? "none" : "bearer" }));
});

afterEach(async () => {
  for (const dispose of disposers) await dispose();
  disposers = [];
  await Promise.all([tokenServer.close(), api.close()]);
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
  const text = observed.map((o) => `${inspect(o, { depth: 5 })}\n${JSON.stringify(o)}\n${String(o)}`).join("\n");
  expect(text).not.toContain(FAULT_SECRETS.clientSecret);
  expect(text).not.toContain(FAULT_SECRETS.accessTokenPrefix);
  expect(text).not.toContain(Buffer.from(`${FAULT_SECRETS.clientId}:${FAULT_SECRETS.clientSecret}`).toString("base64"));
});

function client(retry: RetryOptions = {}, authOptions: { clock?: () => number } = {}) {
  const auth = createAuthMiddleware(
    clientCredentials({
      tokenUrl: `${tokenServer.url}/token`,
      clientId: FAULT_SECRETS.clientId,
      clientSecret: FAULT_SECRETS.clientSecret,
      clientAuthentication: "client_secret_basic",
      vendor: "faults",
    }),
    { timeoutMs: 300, onEvent: (e: AuthEvent) => observed.push(e), ...authOptions },
  );
  disposers.push(() => auth.dispose());
  const fetch = createRetryFetch((request) => globalThis.fetch(request), {
    baseDelayMs: 20,
    onRetry: (e: RetryEvent) => observed.push(e),
    ...retry,
  });
  const c = createClient<Record<string, never>>({ baseUrl: api.url, fetch });
  c.use(auth);
  const wrap = (call: unknown): Call => {
    const fn = call as Call;
    return async (path, init) => {
      try {
        return await fn(path, init);
      } catch (error) {
        observed.push(error);
        throw error;
      }
    };
  };
  return { GET: wrap(c.GET), POST: wrap(c.POST) };
}

async function timed<T>(work: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const start = performance.now();
  try {
    const value = await work;
    return { value, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

describe("token endpoint faults (the auth middleware calls it directly; outcomes are typed AuthErrors)", () => {
  it("500: TOKEN_HTTP_ERROR, the API never called; the next call succeeds once the endpoint recovers", async () => {
    tokenServer.handler = (_, res) => json(res, 500, { error: "server_error" });
    const c = client();
    const { error } = await timed(c.GET("/records"));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: "TOKEN_HTTP_ERROR", status: 500 });
    expect(api.seen).toEqual([]);
    tokenServer.handler = (_, res) => json(res, 200, { access_token: `${FAULT_SECRETS.accessTokenPrefix}x`, expires_in: 60 });
    expect((await c.GET("/records")).response.status).toBe(200);
    expect(tokenServer.seen).toHaveLength(2);
  });

  it("503 with Retry-After: a typed error at once, not a wait inside the caller's request", async () => {
    tokenServer.handler = (_, res) => json(res, 503, {}, { "retry-after": "120" });
    const { error, ms } = await timed(client().GET("/records"));
    expect(error).toMatchObject({ name: "AuthError", code: "TOKEN_HTTP_ERROR", status: 503 });
    expect(ms).toBeLessThan(1000);
    expect(api.seen).toEqual([]);
  });

  it("no answer: TOKEN_TIMEOUT within timeoutMs", async () => {
    tokenServer.handler = () => new Promise(() => undefined);
    const { error, ms } = await timed(client().GET("/records"));
    expect(error).toMatchObject({ code: "TOKEN_TIMEOUT" });
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(2000);
  });

  it("connection reset: TOKEN_REQUEST_FAILED", async () => {
    tokenServer.handler = (req) => reset(req);
    const { error } = await timed(client().GET("/records"));
    expect(error).toMatchObject({ code: "TOKEN_REQUEST_FAILED" });
    expect(api.seen).toEqual([]);
  });

  it("a body that trickles one byte every 100 ms: TOKEN_TIMEOUT, the read does not hang", async () => {
    tokenServer.handler = (_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
    };
    const { error, ms } = await timed(client().GET("/records"));
    expect(error).toMatchObject({ code: "TOKEN_TIMEOUT" });
    expect(ms).toBeLessThan(2000);
  });

  it("malformed JSON: INVALID_TOKEN_RESPONSE", async () => {
    tokenServer.handler = (_, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"access_token": "fau');
    const { error } = await timed(client().GET("/records"));
    expect(error).toMatchObject({ code: "INVALID_TOKEN_RESPONSE" });
  });

  it("an HTML error page: TOKEN_HTTP_ERROR for a 502, INVALID_TOKEN_RESPONSE for a 200", async () => {
    tokenServer.handler = (_, res) =>
      res.writeHead(502, { "content-type": "text/html" }).end("<html><h1>Bad Gateway</h1></html>");
    expect((await timed(client().GET("/records"))).error).toMatchObject({ code: "TOKEN_HTTP_ERROR", status: 502 });
    tokenServer.handler = (_, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>Sign in</html>");
    expect((await timed(client().GET("/records"))).error).toMatchObject({ code: "INVALID_TOKEN_RESPONSE" });
  });

  it("302 to another host: TOKEN_REDIRECT, and the other host receives nothing", async () => {
    const elsewhere = await loopback();
    try {
      tokenServer.handler = (_, res) => res.writeHead(302, { location: `${elsewhere.url}/steal` }).end();
      const { error } = await timed(client().GET("/records"));
      expect(error).toMatchObject({ code: "TOKEN_REDIRECT", status: 302 });
      expect(elsewhere.seen).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});

describe("API faults (the retry layer below the middlewares)", () => {
  it("a 401 storm: each request replayed once with a renewed token, never retried further, no loop", async () => {
    api.handler = (_, res) => json(res, 401, { error: "invalid_token" });
    const c = client();
    const results = await Promise.all(Array.from({ length: 20 }, () => c.GET("/records")));
    expect(results.map((r) => r.response.status)).toEqual(Array(20).fill(401));
    expect(results.every((r) => getAuthHint(r.response)?.code === "REPLAY_REJECTED")).toBe(true);
    expect(api.seen).toHaveLength(40);
    expect(tokenServer.seen.length).toBeLessThanOrEqual(3);
  });

  it("429 with Retry-After: 1: success after waiting one second", async () => {
    api.handler = (_, res, n) => (n === 1 ? json(res, 429, {}, { "retry-after": "1" }) : json(res, 200, { ok: true }));
    const { value, ms } = await timed(client().GET("/records"));
    expect(value?.response.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(api.seen).toHaveLength(2);
  });

  it("429 without Retry-After: success after a jittered backoff; a 429 that persists is returned after the retries", async () => {
    api.handler = (_, res, n) => (n === 1 ? json(res, 429, {}) : json(res, 200, { ok: true }));
    expect((await client().GET("/records")).response.status).toBe(200);
    expect(api.seen).toHaveLength(2);

    api.seen.length = 0;
    api.handler = (_, res) => json(res, 429, { error: "slow down" });
    const { response, error } = await client({ retries: 2 }).GET("/records");
    expect(response.status).toBe(429);
    expect(error).toEqual({ error: "slow down" });
    expect(api.seen).toHaveLength(3);
  });

  it("a reset before the answer: a GET is retried, a POST is not sent twice", async () => {
    api.handler = (req, res, n) => (n === 1 ? reset(req) : json(res, 200, { ok: true }));
    expect((await client().GET("/records")).response.status).toBe(200);
    expect(api.seen).toEqual(["GET /records", "GET /records"]);

    api.seen.length = 0;
    api.handler = (req) => reset(req);
    const { error } = await timed(client().POST("/records", { body: { name: "Jane" } }));
    expect(error).toBeInstanceOf(RetryError);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", attempts: 1 });
    expect(api.seen).toEqual(["POST /records"]);
  });

  it("a reset in the middle of a JSON answer: a GET is retried and gets the whole answer", async () => {
    api.handler = (req, res, n) => {
      if (n > 1) return json(res, 200, { items: [1, 2, 3] });
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"items": [1, ');
      setTimeout(() => req.socket.destroy(), 20);
    };
    const { data } = await client().GET("/records");
    expect(data).toEqual({ items: [1, 2, 3] });
    expect(api.seen).toHaveLength(2);
  });

  it("a reset in the middle of the answer to a POST: a rejection for the caller, sent once", async () => {
    api.handler = (req, res) => {
      res.writeHead(201, { "content-type": "application/json", "content-length": "100" });
      res.write('{"id": ');
      setTimeout(() => req.socket.destroy(), 20);
    };
    const { error } = await timed(client().POST("/records", { body: { name: "Jane" } }));
    expect(error).toBeInstanceOf(TypeError);
    expect(api.seen).toEqual(["POST /records"]);
  });

  it("an API that never answers: attemptTimeoutMs aborts the attempt and the retry gets through", async () => {
    api.handler = (_, res, n) => (n === 1 ? new Promise(() => undefined) : json(res, 200, { ok: true }));
    const { value, ms } = await timed(client({ attemptTimeoutMs: 200 }).GET("/records"));
    expect(value?.response.status).toBe(200);
    expect(ms).toBeLessThan(2000);
    expect(observed).toContainEqual(expect.objectContaining({ retry: 1, failure: "timeout" }));
  });

  it.each([
    ["ahead of", 10 * 60_000],
    ["behind", -10 * 60_000],
  ])(
    "local clock 10 minutes %s the server's Date: the token is used, Retry-After dates wait what the server meant",
    async (_, skew) => {
      const clock = () => Date.now() + skew;
      api.handler = (_, res, n) => {
        if (n > 1) return json(res, 200, { ok: true });
        const now = Math.floor(Date.now() / 1000) * 1000;
        json(res, 503, {}, { date: new Date(now).toUTCString(), "retry-after": new Date(now + 1000).toUTCString() });
      };
      const c = client({ clock }, { clock });
      const { value, ms } = await timed(c.GET("/records"));
      expect(value?.response.status).toBe(200);
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(3000);
      expect((await c.GET("/records")).data).toEqual({ ok: true });
      expect(tokenServer.seen).toHaveLength(1);
    },
  );
});
