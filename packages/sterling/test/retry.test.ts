import nock from "nock";
import { describe, expect, it, vi } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import { createSterlingClient, RetryError, STERLING_RETRY_DEFAULTS } from "../src/index.js";

const HOST = "https://api.us.int.sterlingcheck.app";
const auth = { clientId: "test-client", clientSecret: "sterling-test-secret" };

useNock();

function token(value: string) {
  nock(HOST)
    .post("/v2/oauth", "grant_type=client_credentials")
    .once()
    .reply(200, { access_token: value, token_type: "bearer", expires_in: "36000" });
}
const api = (value: string) => nock(HOST, { reqheaders: { authorization: `Bearer ${value}` } });
const noWait = { random: () => 0 };

describe("retries (STERLING_RETRY_DEFAULTS)", () => {
  it("retries a GET answered 503 with the same token and returns the success", async () => {
    token("t1");
    api("t1").get("/v2/packages").reply(503, "busy");
    api("t1")
      .get("/v2/packages")
      .reply(200, [{ id: "1", title: "Basic", active: true }]);
    const { data } = await createSterlingClient({ auth, environment: "integration", retry: noWait }).GET("/packages");
    expect(data?.[0]?.id).toBe("1");
  });

  it("retries the auth middleware's 401 replay too, with the renewed token on every attempt", async () => {
    token("t1");
    api("t1").get("/v2/packages").reply(401);
    token("t2");
    api("t2").get("/v2/packages").reply(503);
    api("t2").get("/v2/packages").reply(200, []);
    const { response } = await createSterlingClient({ auth, environment: "integration", retry: noWait }).GET("/packages");
    expect(response.status).toBe(200);
  });

  it("retries POST /screenings only when it carries an idempotency-key, so no order is placed twice", async () => {
    token("t1");
    const body = { candidateId: "c-1", packageId: "p-1" };
    api("t1").post("/v2/screenings").reply(503);
    const client = createSterlingClient({ auth, environment: "integration", retry: noWait });
    const plain = await client.POST("/screenings", { body } as never);
    expect(plain.response.status).toBe(503);

    api("t1").post("/v2/screenings", body).matchHeader("idempotency-key", "order-1").times(2).reply(503);
    api("t1").post("/v2/screenings", body).matchHeader("idempotency-key", "order-1").reply(201, { id: "9" });
    const keyed = await client.POST("/screenings", { body, headers: { "idempotency-key": "order-1" } } as never);
    expect(keyed.response.status).toBe(201);
  });

  it("gives up after the default two retries and returns the last answer", async () => {
    token("t1");
    api("t1").get("/v2/packages").times(3).reply(502);
    const { response } = await createSterlingClient({ auth, environment: "integration", retry: noWait }).GET("/packages");
    expect(response.status).toBe(502);
    expect(STERLING_RETRY_DEFAULTS.retries).toBe(2);
  });

  it("sends once with retry: false", async () => {
    token("t1");
    api("t1").get("/v2/packages").reply(503);
    const { response } = await createSterlingClient({ auth, environment: "integration", retry: false }).GET("/packages");
    expect(response.status).toBe(503);
  });

  it("waits at least the vendor's rateLimitDelayMs after a bare 429", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const calls: string[] = [];
      const fetch = async (input: RequestInfo | URL) => {
        const url = input instanceof Request ? input.url : String(input);
        calls.push(new URL(url).pathname);
        if (url.endsWith("/oauth")) return Response.json({ access_token: "t1", token_type: "bearer", expires_in: 36000 });
        return new Response("[]", { status: calls.length === 2 ? 429 : 200, headers: { "content-type": "application/json" } });
      };
      const pending = createSterlingClient({
        auth,
        environment: "integration",
        fetch: fetch as typeof globalThis.fetch,
        retry: noWait,
      }).GET("/packages");
      // The token comes first (hashing its store key is real async work): wait for the 429.
      while (calls.length < 2) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync((STERLING_RETRY_DEFAULTS.rateLimitDelayMs as number) - 1);
      expect(calls).toEqual(["/v2/oauth", "/v2/packages"]);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).response.status).toBe(200);
      expect(calls).toEqual(["/v2/oauth", "/v2/packages", "/v2/packages"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("throws RetryError NETWORK_ERROR when the API stays unreachable", async () => {
    token("t1");
    api("t1")
      .get("/v2/packages")
      .times(3)
      .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    const client = createSterlingClient({ auth, environment: "integration", retry: noWait });
    const error = await client.GET("/packages").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryError);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", attempts: 3 });
  });

  it("rejects a malformed retry option at construction", () => {
    expect(() => createSterlingClient({ auth, environment: "integration", retry: { retries: -1 } })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", option: "retries" }),
    );
    expect(() => createSterlingClient({ auth, environment: "integration", retry: "yes" as never })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", option: "retry" }),
    );
  });
});
