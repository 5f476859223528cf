/**
 * A FIFO sliding-window limiter: at most `limit` starts in any `windowMs`. Calls over the
 * limit wait their turn instead of failing (Zoho caps token requests, see
 * https://www.zoho.com/recruit/developer-guide/apiv2/oauth-overview.html).
 */
export interface RateLimiter {
  /** Runs `task` when the window allows; `onWait` is told how long it will wait. */
  schedule<T>(task: () => Promise<T>, signal: AbortSignal, onWait?: (waitMs: number) => void): Promise<T>;
}

export function createRateLimiter(limit: number, windowMs: number, clock: () => number): RateLimiter {
  const window = slidingWindow(limit, windowMs);
  return {
    async schedule(task, signal, onWait) {
      signal.throwIfAborted();
      const now = clock();
      const waitMs = window.reserve(now) - now;
      if (waitMs > 0) {
        onWait?.(waitMs);
        await sleep(waitMs, signal);
      }
      return task();
    },
  };
}

/** A booking of starts within a sliding window, see {@link slidingWindow}. */
export interface SlidingWindow {
  /** Books the earliest start at or after `now` that the window allows, and returns it. */
  reserve(now: number): number;
}

/**
 * A sliding-window rate limit: at most `limit` starts in any `windowMs`. `reserve(now)`
 * books the earliest allowed start (`now` when the window has room, else the moment the
 * start `limit` places back is a window old), so callers start in the order they asked and
 * nothing over the rate is ever sent: the caller waits `reserve(now) - now` ms first.
 *
 * @example
 * ```ts
 * const perSecond = slidingWindow(10, 1000);
 * const limited = async (request: Request) => {
 *   const now = Date.now();
 *   await sleep(perSecond.reserve(now) - now, request.signal);
 *   return fetch(request);
 * };
 * ```
 */
export function slidingWindow(limit: number, windowMs: number): SlidingWindow {
  /** Starts booked (past or future), oldest first; at most `limit` kept. */
  const starts: number[] = [];
  return {
    reserve(now) {
      const at = starts.length < limit ? now : Math.max(now, (starts[starts.length - limit] as number) + windowMs);
      starts.push(at);
      if (starts.length > limit) starts.splice(0, starts.length - limit);
      return at;
    },
  };
}

/**
 * Resolves after `ms` (on the next timer tick for 0), or rejects with the signal's reason as soon as
 * it aborts; the timer is cleared on abort, so nothing keeps the process alive.
 *
 * @example
 * ```ts
 * await sleep(250, AbortSignal.timeout(1000));
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
