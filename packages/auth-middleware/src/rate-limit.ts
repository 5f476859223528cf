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
  const starts: number[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  async function takeSlot(signal: AbortSignal, onWait?: (waitMs: number) => void): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const now = clock();
      while (starts.length > 0 && (starts[0] as number) <= now - windowMs) starts.shift();
      if (starts.length < limit) {
        starts.push(now);
        return;
      }
      const waitMs = (starts[0] as number) + windowMs - now;
      onWait?.(waitMs);
      await sleep(waitMs, signal);
    }
  }

  return {
    schedule(task, signal, onWait) {
      const slot = queue.then(() => takeSlot(signal, onWait));
      queue = slot.catch(() => undefined);
      return slot.then(task);
    },
  };
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
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
