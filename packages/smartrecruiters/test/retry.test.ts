import nock from "nock";
import { describe, expect, it, vi } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import { createSmartRecruitersClient, SMARTRECRUITERS_RATE, SMARTRECRUITERS_RETRY_DEFAULTS } from "../src/index.js";

const HOST = "https://api.smartrecruiters.com";
const KEY = "sr-test-api-key-0123456789abcdef";
const api = () => nock(HOST, { reqheaders: { "x-smarttoken": KEY } });
const noWait = { random: () => 0 };

useNock();

/** A fetch that answers every API call 200 and records when each started (fake time). */
function clockedFetch(status: (n: number) => number = () => 200) {
  const starts: number[] = [];
  const fetch = async () => {
    starts.push(Date.now());
    return Response.json({ id: "j" }, { status: status(starts.length) });
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, starts };
}

describe("retries (SMARTRECRUITERS_RETRY_DEFAULTS)", () => {
  it("retries a 429 after one rate window, honouring the quota headers it reads", async () => {
    api().get("/jobs/j1").reply(429, {}, { "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0" });
    api().get("/jobs/j1").reply(200, { id: "j1" }, { "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "9" });
    const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, retry: { ...noWait, rateLimitDelayMs: 0 } });
    const { data } = await sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } });
    expect(data?.id).toBe("j1");
    expect(sr.rateLimit()?.remaining).toBe(9);
  });

  it("waits at least one second after a bare 429 (the documented per-second window)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const h = clockedFetch((n) => (n === 1 ? 429 : 200));
      const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: h.fetch, retry: noWait });
      const pending = sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } });
      while (h.starts.length < 1) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(2000);
      expect((await pending).response.status).toBe(200);
      expect((h.starts[1] as number) - (h.starts[0] as number)).toBe(SMARTRECRUITERS_RETRY_DEFAULTS.rateLimitDelayMs);
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends once with retry: false", async () => {
    api().get("/jobs/j1").reply(503);
    const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, retry: false });
    expect((await sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } })).response.status).toBe(503);
  });
});

describe("client-side rate limit (requestsPerSecond)", () => {
  it("starts at most 10 requests in any second, so a bulk job of 25 never trips the quota", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const h = clockedFetch();
      const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: h.fetch });
      const t0 = Date.now();
      const all = Promise.all(
        Array.from({ length: 25 }, (_, i) => sr.GET("/jobs/{jobId}", { params: { path: { jobId: `j${i}` } } })),
      );
      while (h.starts.length < 10) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(3000);
      await all;
      const offsets = h.starts.map((t) => t - t0);
      expect(offsets).toHaveLength(25);
      for (const start of offsets) {
        expect(offsets.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(SMARTRECRUITERS_RATE.perSecond);
      }
      expect(Math.max(...offsets)).toBe(2000);
    } finally {
      vi.useRealTimers();
    }
  });

  it("honours a lower rate, and none with false", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const slow = clockedFetch();
      const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: slow.fetch, requestsPerSecond: 2 });
      const t0 = Date.now();
      const calls = Promise.all(Array.from({ length: 5 }, () => sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j" } } })));
      while (slow.starts.length < 2) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(3000);
      await calls;
      expect(slow.starts.map((t) => t - t0)).toEqual([0, 0, 1000, 1000, 2000]);

      const free = clockedFetch();
      const unlimited = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: free.fetch, requestsPerSecond: false });
      const t1 = Date.now();
      await Promise.all(Array.from({ length: 8 }, () => unlimited.GET("/jobs/{jobId}", { params: { path: { jobId: "j" } } })));
      expect(free.starts.every((t) => t === t1)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets a request waiting for the rate be aborted, leaving no timer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const h = clockedFetch();
      const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: h.fetch, requestsPerSecond: 1 });
      await sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j" } } });
      const controller = new AbortController();
      const waiting = sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j" } }, signal: controller.signal });
      await vi.advanceTimersByTimeAsync(100);
      controller.abort(new Error("bulk job cancelled"));
      await expect(waiting).rejects.toThrow("bulk job cancelled");
      expect(vi.getTimerCount()).toBe(0);
      expect(h.starts).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([0, 11, 2.5, "10"])("rejects requestsPerSecond %o, naming it", (requestsPerSecond) => {
    expect(() => createSmartRecruitersClient({ auth: { apiKey: KEY }, requestsPerSecond: requestsPerSecond as never })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", option: "requestsPerSecond" }),
    );
  });
});
