import { describe, expect, it } from "vitest";
import {
  createRetryFetch,
  DEFAULT_RETRY_OPTIONS,
  fullJitterMs,
  mergeRetryOptions,
  RetryError,
  serverDelayMs,
} from "../src/index.js";

const ok = async () => new Response(null);

describe("options", () => {
  it.each([
    ["retries", { retries: -1 }],
    ["retries", { retries: 1.5 }],
    ["baseDelayMs", { baseDelayMs: Number.NaN }],
    ["maxDelayMs", { maxDelayMs: -5 }],
    ["maxTotalDelayMs", { maxTotalDelayMs: "1s" }],
    ["rateLimitDelayMs", { rateLimitDelayMs: Number.POSITIVE_INFINITY }],
    ["statuses", { statuses: [503, 1000] }],
    ["statuses", { statuses: "503" }],
    ["statuses", { statuses: [401, 503] }],
    ["retryNonIdempotent", { retryNonIdempotent: "yes" }],
    ["attemptTimeoutMs", { attemptTimeoutMs: 0 }],
    ["budget", { budget: 5 }],
    ["budget.capacity", { budget: { capacity: -1 } }],
    ["onRetry", { onRetry: "log" }],
    ["clock", { clock: 0 }],
    ["random", { random: 4 }],
    ["options", "fast"],
  ])("rejects a malformed %s at construction, naming it", (option, options) => {
    let error: unknown;
    try {
      createRetryFetch(ok, options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RetryError);
    expect(error).toMatchObject({ code: "INVALID_OPTION", option });
    expect((error as Error).message).toContain(`"${option}"`);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "RetryError", code: "INVALID_OPTION", option });
  });

  it("refuses a fetch that is not a function", () => {
    expect(() => createRetryFetch(undefined as never)).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", option: "fetch" }),
    );
  });

  it("documents the defaults it applies", () => {
    expect(DEFAULT_RETRY_OPTIONS).toMatchObject({ retries: 3, baseDelayMs: 500, statuses: [408, 429, 500, 502, 503, 504] });
  });

  it("merges vendor defaults under the user's choice; false turns retrying off", () => {
    expect(mergeRetryOptions({ retries: 2, rateLimitDelayMs: 1000 }, { retries: 5 })).toEqual({
      retries: 5,
      rateLimitDelayMs: 1000,
    });
    expect(mergeRetryOptions({ retries: 2 }, undefined)).toEqual({ retries: 2 });
    expect(mergeRetryOptions({ retries: 2 }, false)).toBeUndefined();
    expect(() => mergeRetryOptions({}, "on" as never)).toThrow(expect.objectContaining({ option: "retry" }));
  });

  it("reads no delay from absent or unusable headers", () => {
    expect(serverDelayMs(new Headers(), 0)).toBeUndefined();
    expect(serverDelayMs(new Headers({ "retry-after": "" }), 0)).toBeUndefined();
    expect(serverDelayMs(new Headers({ "x-ratelimit-reset": "-1" }), 0)).toBeUndefined();
    expect(serverDelayMs(new Headers({ "retry-after": "Thu, 01 Jan 1970 00:00:00 GMT", date: "bad" }), 5000)).toBe(0);
  });

  it("draws the jitter from zero up to the ceiling", () => {
    expect(fullJitterMs(1, 500, 20_000, () => 0)).toBe(0);
    expect(fullJitterMs(0, 500, 20_000, () => 0.5)).toBe(250);
    expect(fullJitterMs(30, 500, 20_000, () => 0.5)).toBe(10_000);
  });
});
