import type { Fail, Fetch, TransportContext } from "@hirekit/vendor-kit";
import { readRateLimit } from "./rate-limit.js";

/**
 * Documented in-flight limits per credential (https://developers.smartrecruiters.com/docs/rate-limiting): 8 requests at once,
 * and 1 on `GET /candidates` (candidate search must be serialised: https://developers.smartrecruiters.com/docs/rate-limiting). Exceeding them
 * answers 429.
 */
export const SMARTRECRUITERS_CONCURRENCY = { all: 8, "GET /candidates": 1 } as const;

/** A counting semaphore with a FIFO queue; waiting is abortable. */
class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async acquire(signal: AbortSignal | undefined): Promise<() => void> {
    if (this.active < this.size) {
      this.active++;
      return this.releaser();
    }
    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(signal?.reason);
      };
      this.waiting.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active--;
    };
  }
}

/**
 * Wraps `fetch` so that at most `maxConcurrent` requests of this client are in flight, and
 * at most one `GET /candidates`. A slot is held until the response headers arrive (or the
 * request fails); requests over the limit wait their turn in order.
 */
export function limitConcurrency(
  fetch: (request: Request) => Promise<Response>,
  { maxConcurrent, basePath }: { maxConcurrent: number; basePath: string },
): (request: Request) => Promise<Response> {
  const all = new Semaphore(maxConcurrent);
  const candidateSearch = new Semaphore(SMARTRECRUITERS_CONCURRENCY["GET /candidates"]);
  return async (request) => {
    const path = new URL(request.url).pathname.slice(basePath.length).replace(/\/+$/, "");
    // Take the per-endpoint slot first, so that a queued candidate search holds no general slot.
    const releaseSearch =
      request.method === "GET" && path === "/candidates" ? await candidateSearch.acquire(request.signal) : undefined;
    let releaseAll: (() => void) | undefined;
    try {
      releaseAll = await all.acquire(request.signal);
      return await fetch(request);
    } finally {
      releaseAll?.();
      releaseSearch?.();
    }
  };
}

/** Documented request rate per credential (https://developers.smartrecruiters.com/docs/rate-limiting): 10 requests a second; over it answers 429. */
export const SMARTRECRUITERS_RATE = { perSecond: 10 } as const;

/**
 * Wraps `fetch` so that at most `perSecond` requests start in any sliding second: a request
 * over the rate waits (abortably, its timer cleared on abort) until the oldest start in the
 * window is a second old. Starts are granted in arrival order.
 */
export function limitRate(
  fetch: (request: Request) => Promise<Response>,
  { perSecond, clock = Date.now }: { perSecond: number; clock?: () => number },
): (request: Request) => Promise<Response> {
  const WINDOW_MS = 1000;
  /** Start times granted (past or reserved in the future), oldest first; at most `perSecond` kept. */
  const starts: number[] = [];
  return async (request) => {
    const now = clock();
    // Reserve the earliest start that keeps `perSecond` starts per window: a slot is free
    // once the start `perSecond` places back is a window old.
    const at = starts.length < perSecond ? now : Math.max(now, (starts[starts.length - perSecond] as number) + WINDOW_MS);
    starts.push(at);
    if (starts.length > perSecond) starts.splice(0, starts.length - perSecond);
    if (at > now) await waitUntil(at - now, request.signal);
    return fetch(request);
  };
}

function waitUntil(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The client options that bound its traffic. */
export interface SmartRecruitersLimits {
  /**
   * Requests of this client in flight at once, 1–8 (default 8, the documented per-credential
   * limit; `GET /candidates` is always limited to 1). Further requests wait their turn.
   */
  maxConcurrentRequests?: number;
  /**
   * Requests (attempts, retries included) this client starts per second, at most 10 (default
   * 10, the documented limit per credential, https://developers.smartrecruiters.com/docs/rate-limiting), so a bulk job never
   * trips the 429. `false` turns the limiter off (e.g. when several processes share a
   * credential and a proxy limits them).
   */
  requestsPerSecond?: number | false;
}

/** Checks {@link SmartRecruitersLimits} when the client is built. */
export function checkLimits(options: SmartRecruitersLimits, fail: Fail): void {
  const { maxConcurrentRequests = SMARTRECRUITERS_CONCURRENCY.all, requestsPerSecond = SMARTRECRUITERS_RATE.perSecond } = options;
  if (
    !Number.isInteger(maxConcurrentRequests) ||
    maxConcurrentRequests < 1 ||
    maxConcurrentRequests > SMARTRECRUITERS_CONCURRENCY.all
  ) {
    fail("maxConcurrentRequests", `must be a whole number from 1 to ${SMARTRECRUITERS_CONCURRENCY.all}`);
  }
  const perSecond = requestsPerSecond === false ? 1 : requestsPerSecond;
  if (!Number.isInteger(perSecond) || perSecond < 1 || perSecond > SMARTRECRUITERS_RATE.perSecond) {
    fail("requestsPerSecond", `must be false or a whole number from 1 to ${SMARTRECRUITERS_RATE.perSecond}`);
  }
}

/**
 * The client's transport: middlewares → quota observer → concurrency slots → retries → rate
 * limit → fetch. A request keeps its slot while it backs off, and every attempt takes a rate
 * token, so retries cannot push the client over the per-second quota either. The latest
 * quota seen is kept in `shared.rateLimit` for `rateLimit()`.
 */
export const limitsTransport = {
  attempt: (
    fetch: Fetch,
    { options: { requestsPerSecond = SMARTRECRUITERS_RATE.perSecond } }: TransportContext<SmartRecruitersLimits>,
  ) => (requestsPerSecond === false ? fetch : limitRate(fetch, { perSecond: requestsPerSecond })),
  request(fetch: Fetch, { options, baseUrl, shared }: TransportContext<SmartRecruitersLimits>): Fetch {
    const { maxConcurrentRequests = SMARTRECRUITERS_CONCURRENCY.all } = options;
    const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
    const limited = limitConcurrency(fetch, { maxConcurrent: maxConcurrentRequests, basePath });
    return async (request) => {
      const response = await limited(request);
      shared.rateLimit = readRateLimit(response) ?? shared.rateLimit;
      return response;
    };
  },
};
