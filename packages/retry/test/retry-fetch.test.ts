import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRetryFetch, RetryError, type RetryEvent } from "../src/index.js";
import { scripted, socketError } from "./stub.js";

const URL_ = "https://api.example.com/v2/jobs?secret=q";
const get = () => new Request(URL_, { headers: { authorization: "Bearer t-1" } });
const post = (headers: Record<string, string> = {}) =>
  new Request(URL_, { method: "POST", body: '{"name":"Jane"}', headers: { "content-type": "application/json", ...headers } });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  expect(vi.getTimerCount()).toBe(0);
  vi.useRealTimers();
});

/** Runs `call` while advancing fake time until it settles. */
async function settle<T>(call: Promise<T>): Promise<T> {
  let done = false;
  const tracked = call.finally(() => {
    done = true;
  });
  for (let i = 0; i < 1000 && !done; i++) await vi.advanceTimersByTimeAsync(100);
  return tracked;
}

describe("createRetryFetch", () => {
  it("retries a GET answered 503 and returns the success, with the same credential on each attempt", async () => {
    const fetch = scripted({ status: 503 }, { status: 503 }, { status: 200, body: "ok" });
    const events: RetryEvent[] = [];
    const retrying = createRetryFetch(fetch, { onRetry: (e) => events.push(e), random: () => 0.5 });
    const response = await settle(retrying(get()));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
    expect(fetch.seen.map((s) => s.authorization)).toEqual(["Bearer t-1", "Bearer t-1", "Bearer t-1"]);
    expect(events).toEqual([
      { retry: 1, delayMs: 250, method: "GET", url: "https://api.example.com/v2/jobs", status: 503 },
      { retry: 2, delayMs: 500, method: "GET", url: "https://api.example.com/v2/jobs", status: 503 },
    ]);
  });

  it.each([408, 429, 500, 502, 503, 504])("retries status %i by default", async (status) => {
    const fetch = scripted({ status }, { status: 204 });
    const response = await settle(createRetryFetch(fetch)(get()));
    expect(response.status).toBe(204);
    expect(fetch.seen).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])("returns status %i at once", async (status) => {
    const fetch = scripted({ status }, { status: 200 });
    const response = await createRetryFetch(fetch)(get());
    expect(response.status).toBe(status);
    expect(fetch.seen).toHaveLength(1);
  });

  it("returns the last answer when the retries run out", async () => {
    const fetch = scripted({ status: 502 });
    const response = await settle(createRetryFetch(fetch, { retries: 2 })(get()));
    expect(response.status).toBe(502);
    expect(fetch.seen).toHaveLength(3);
  });

  it("waits exactly Retry-After seconds before the next attempt", async () => {
    const fetch = scripted({ status: 429, headers: { "retry-after": "2" } }, { status: 200 });
    const pending = createRetryFetch(fetch)(get());
    await vi.advanceTimersByTimeAsync(1999);
    expect(fetch.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
    expect(fetch.seen).toHaveLength(2);
  });

  it.each([
    ["ahead of", 10 * 60_000],
    ["behind", -10 * 60_000],
  ])("measures a Retry-After date against the server's Date when the local clock is 10 minutes %s it", async (_, skew) => {
    const server = Date.parse("2026-11-27T10:00:00Z");
    const fetch = scripted(
      {
        status: 503,
        headers: { date: new Date(server).toUTCString(), "retry-after": new Date(server + 3000).toUTCString() },
      },
      { status: 200 },
    );
    const events: RetryEvent[] = [];
    const retrying = createRetryFetch(fetch, { clock: () => server + skew, onRetry: (e) => events.push(e) });
    expect((await settle(retrying(get()))).status).toBe(200);
    expect(events[0]?.delayMs).toBe(3000);
  });

  it("measures a Retry-After date against the local clock when the answer has no Date", async () => {
    const now = Date.parse("2026-11-27T10:00:00Z");
    const fetch = scripted({ status: 503, headers: { "retry-after": new Date(now + 4000).toUTCString() } }, { status: 200 });
    const events: RetryEvent[] = [];
    await settle(createRetryFetch(fetch, { clock: () => now, onRetry: (e) => events.push(e) })(get()));
    expect(events[0]?.delayMs).toBe(4000);
  });

  it.each([
    [{ "ratelimit-reset": "3" }, 3000],
    [{ "x-ratelimit-reset": "1.5" }, 1500],
    [{ "x-ratelimit-reset": String(Date.parse("2026-11-27T10:00:05Z") / 1000) }, 5000],
    [{ "retry-after": "soon", "x-ratelimit-reset": "2" }, 2000],
  ])("honours the rate-limit reset headers %o", async (headers, expected) => {
    const fetch = scripted({ status: 429, headers }, { status: 200 });
    const events: RetryEvent[] = [];
    const clock = () => Date.parse("2026-11-27T10:00:00Z");
    await settle(createRetryFetch(fetch, { clock, onRetry: (e) => events.push(e) })(get()));
    expect(events[0]?.delayMs).toBe(expected);
  });

  it("waits at least rateLimitDelayMs after a 429 without headers, plus the jitter", async () => {
    const fetch = scripted({ status: 429 }, { status: 429 }, { status: 200 });
    const events: RetryEvent[] = [];
    const retrying = createRetryFetch(fetch, { rateLimitDelayMs: 1000, random: () => 0, onRetry: (e) => events.push(e) });
    await settle(retrying(get()));
    expect(events.map((e) => e.delayMs)).toEqual([1000, 1000]);
  });

  it("returns a 429 at once when the server asks for a longer wait than maxDelayMs", async () => {
    const fetch = scripted({ status: 429, headers: { "retry-after": "3600" } }, { status: 200 });
    const response = await createRetryFetch(fetch, { maxDelayMs: 30_000 })(get());
    expect(response.status).toBe(429);
    expect(fetch.seen).toHaveLength(1);
  });

  it("stops when the next wait would pass maxTotalDelayMs", async () => {
    const fetch = scripted({ status: 503, headers: { "retry-after": "4" } });
    const response = await settle(createRetryFetch(fetch, { retries: 10, maxTotalDelayMs: 10_000 })(get()));
    expect(response.status).toBe(503);
    expect(fetch.seen).toHaveLength(3);
  });

  it("keeps the full-jitter wait within base × 2^n and maxDelayMs", async () => {
    const fetch = scripted({ status: 500 });
    const events: RetryEvent[] = [];
    const retrying = createRetryFetch(fetch, {
      retries: 5,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 0.999_999,
      onRetry: (e) => events.push(e),
    });
    await settle(retrying(get()));
    expect(events.map((e) => e.delayMs)).toEqual([99, 199, 399, 799, 999]);
  });

  it("does not retry a POST by default, and replays its body byte for byte when allowed", async () => {
    const once = scripted({ status: 503 }, { status: 201 });
    expect((await createRetryFetch(once)(post())).status).toBe(503);
    expect(once.seen).toHaveLength(1);

    const optedIn = scripted({ status: 503 }, { status: 201 });
    expect((await settle(createRetryFetch(optedIn, { retryNonIdempotent: true })(post()))).status).toBe(201);
    expect(optedIn.seen.map((s) => s.body)).toEqual(['{"name":"Jane"}', '{"name":"Jane"}']);

    const keyed = scripted({ status: 503 }, { status: 201 });
    expect((await settle(createRetryFetch(keyed)(post({ "idempotency-key": "k-1" })))).status).toBe(201);
    expect(keyed.seen.map((s) => s.body)).toEqual(['{"name":"Jane"}', '{"name":"Jane"}']);
  });

  it("retries a refused connection for any method, but a reset POST is not sent twice", async () => {
    const refused = scripted({ throw: socketError("ECONNREFUSED") }, { status: 201 });
    expect((await settle(createRetryFetch(refused)(post()))).status).toBe(201);
    expect(refused.seen).toHaveLength(2);

    const reset = scripted({ throw: socketError("ECONNRESET") }, { status: 201 });
    const error = await createRetryFetch(reset)(post()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryError);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", attempts: 1 });
    expect(reset.seen).toHaveLength(1);
  });

  it("throws NETWORK_ERROR with the attempts and the cause once network failures exhaust the retries", async () => {
    const fetch = scripted({ throw: socketError("ECONNRESET") });
    const error = (await settle(createRetryFetch(fetch, { retries: 2 })(get()).catch((e: unknown) => e))) as RetryError;
    expect(error).toMatchObject({ code: "NETWORK_ERROR", attempts: 3 });
    expect(error.message).toBe("GET https://api.example.com/v2/jobs failed after 3 attempt(s)");
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(JSON.stringify(error)).not.toContain("secret=q");
    expect(fetch.seen).toHaveLength(3);
  });

  it.each([
    ["a plain fetch failure", new TypeError("fetch failed")],
    ["an undici socket code", Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" })],
  ])("treats %s as a network error", async (_, thrown) => {
    const fetch = scripted({ throw: thrown }, { status: 200 });
    expect((await settle(createRetryFetch(fetch)(get()))).status).toBe(200);
  });

  it("throws a failure that is not the network's as it is, without retrying", async () => {
    const bug = new Error("bug in a fetch wrapper");
    const fetch = scripted({ throw: bug }, { status: 200 });
    await expect(createRetryFetch(fetch)(get())).rejects.toBe(bug);
    expect(fetch.seen).toHaveLength(1);
  });

  it("sends a body that cannot be cloned once", async () => {
    const body = new ReadableStream({ start: (c) => c.close() });
    const request = new Request(URL_, { method: "PUT", body, duplex: "half" } as RequestInit);
    request.body?.getReader(); // locked: neither clone() nor a second send is possible
    const fetch = scripted({ status: 503 }, { status: 200 });
    expect((await createRetryFetch(fetch)(request)).status).toBe(503);
    expect(fetch.seen).toHaveLength(1);
  });

  it("ends a wait as soon as the request is aborted, with its reason, and leaves no timer", async () => {
    const controller = new AbortController();
    const fetch = scripted({ status: 503, headers: { "retry-after": "10" } }, { status: 200 });
    const pending = createRetryFetch(fetch)(new Request(URL_, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(1);
    const reason = new Error("user cancelled");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(fetch.seen).toHaveLength(1);
  });

  it("rejects at once for a signal aborted before the first attempt", async () => {
    const fetch = scripted({ status: 200 });
    const reason = new Error("too late");
    await expect(createRetryFetch(fetch)(new Request(URL_, { signal: AbortSignal.abort(reason) }))).rejects.toBe(reason);
    expect(fetch.seen).toHaveLength(0);
  });

  it("rethrows the abort reason when the signal aborts during an attempt", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const fetch = async () => {
      controller.abort(reason);
      throw new TypeError("fetch failed");
    };
    await expect(createRetryFetch(fetch)(new Request(URL_, { signal: controller.signal }))).rejects.toBe(reason);
  });

  it("aborts an attempt without response headers after attemptTimeoutMs and retries it", async () => {
    let calls = 0;
    const fetch = (request: Request) => {
      calls++;
      if (calls > 1) return Promise.resolve(new Response("late but fine"));
      return new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    };
    const events: RetryEvent[] = [];
    const retrying = createRetryFetch(fetch, { attemptTimeoutMs: 5000, onRetry: (e) => events.push(e) });
    const response = await settle(retrying(get()));
    expect(await response.text()).toBe("late but fine");
    expect(events[0]).toMatchObject({ retry: 1, failure: "timeout" });
  });

  it("passes a failure of the attempt itself through the attempt timer", async () => {
    const fetch = scripted({ throw: new Error("not a network failure") });
    await expect(createRetryFetch(fetch, { attemptTimeoutMs: 5000 })(get())).rejects.toThrow("not a network failure");
  });

  it("stops retrying when the shared budget is spent, and earns it back with successes", async () => {
    const failing = scripted({ status: 503 });
    const retrying = createRetryFetch(failing, { retries: 1, budget: { capacity: 10, retryCost: 5, refund: 5 } });
    await settle(retrying(get()));
    await settle(retrying(get()));
    expect(failing.seen).toHaveLength(4);
    await retrying(get());
    expect(failing.seen).toHaveLength(5); // budget empty: no retry

    const ok = scripted({ status: 200 }, { status: 503 }, { status: 200 });
    const shared = createRetryFetch(ok, { retries: 1, budget: { capacity: 5, retryCost: 5, refund: 5 } });
    await shared(get());
    expect((await settle(shared(get()))).status).toBe(200);
    expect(ok.seen).toHaveLength(3);
  });

  it("charges a network failure more than a status", async () => {
    const fetch = scripted({ throw: socketError("ECONNRESET") });
    const retrying = createRetryFetch(fetch, { retries: 3, budget: { capacity: 10, networkErrorCost: 10 } });
    await settle(retrying(get()).catch(() => undefined));
    expect(fetch.seen).toHaveLength(2);
  });

  it("retries without limit of budget when the budget is off", async () => {
    const fetch = scripted({ status: 503 });
    const retrying = createRetryFetch(fetch, { retries: 1, budget: false });
    for (let i = 0; i < 3; i++) await settle(retrying(get()));
    expect(fetch.seen).toHaveLength(6);
  });

  it("is not disturbed by an observer that throws", async () => {
    const fetch = scripted({ status: 503 }, { status: 200 });
    const retrying = createRetryFetch(fetch, {
      onRetry: () => {
        throw new Error("observer bug");
      },
    });
    expect((await settle(retrying(get()))).status).toBe(200);
  });

  it("accepts a URL string as input", async () => {
    const fetch = scripted({ status: 200 });
    const retrying = createRetryFetch(fetch) as unknown as (input: string) => Promise<Response>;
    expect((await retrying("https://api.example.com/x")).status).toBe(200);
  });
});

describe("JSON answers read ahead", () => {
  it("keeps the status, headers, url and body of a JSON answer it buffered", async () => {
    const answer = Response.json({ items: [1] }, { status: 200, headers: { link: '</v2/jobs?page=2>; rel="next"' } });
    Object.defineProperty(answer, "url", { value: "https://api.example.com/v2/jobs" });
    const response = await createRetryFetch(async () => answer)(get());
    expect(response === answer).toBe(false);
    expect(response.url).toBe("https://api.example.com/v2/jobs");
    expect(response.headers.get("link")).toBe('</v2/jobs?page=2>; rel="next"');
    expect(await response.json()).toEqual({ items: [1] });
  });

  it("streams a non-JSON answer, a bodiless one and the answer to a last attempt untouched", async () => {
    const pdf = new Response(new Uint8Array([1, 2]), { headers: { "content-type": "application/pdf" } });
    expect(await createRetryFetch(async () => pdf)(get())).toBe(pdf);
    const empty = new Response(null, { status: 204, headers: { "content-type": "application/json" } });
    expect(await createRetryFetch(async () => empty)(get())).toBe(empty);
    const last = Response.json({ ok: true });
    expect(await createRetryFetch(async () => last, { retries: 0 })(get())).toBe(last);
  });
});
