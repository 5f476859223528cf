/**
 * The quota a SmartRecruiters response reports in its `X-RateLimit-*` headers
 * (https://developers.smartrecruiters.com/docs/rate-limiting). A field is `undefined` when the header is absent or not a number
 * (the public Posting API sends none).
 */
export interface SmartRecruitersRateLimit {
  /** `X-RateLimit-Limit`: requests allowed in the current window (documented: 10 per second, 2 on a few endpoints). */
  limit: number | undefined;
  /** `X-RateLimit-Remaining`: requests left in the window; the API answers 429 at 0. */
  remaining: number | undefined;
  /** `X-RateLimit-Concurrent-Limit`: in-flight requests allowed (documented: 8, and 1 on `GET /candidates`). */
  concurrentLimit: number | undefined;
  /** `X-RateLimit-Concurrent-Remaining`: in-flight requests that may still start. */
  concurrentRemaining: number | undefined;
}

const HEADERS = {
  limit: "x-ratelimit-limit",
  remaining: "x-ratelimit-remaining",
  concurrentLimit: "x-ratelimit-concurrent-limit",
  concurrentRemaining: "x-ratelimit-concurrent-remaining",
} as const;

/**
 * Reads the `X-RateLimit-*` headers of a response, or `undefined` when it carries none.
 *
 * @example
 * ```ts
 * const { data, response } = await sr.GET("/jobs/{jobId}", { params: { path: { jobId } } });
 * const quota = readRateLimit(response);
 * if (quota?.remaining === 0) await slowDown();
 * ```
 */
export function readRateLimit(response: Pick<Response, "headers">): SmartRecruitersRateLimit | undefined {
  const read = (name: string): number | undefined => {
    const raw = response.headers.get(name);
    if (raw === null || raw.trim() === "") return undefined;
    const value = Number(raw);
    return Number.isFinite(value) ? value : undefined;
  };
  const quota: SmartRecruitersRateLimit = {
    limit: read(HEADERS.limit),
    remaining: read(HEADERS.remaining),
    concurrentLimit: read(HEADERS.concurrentLimit),
    concurrentRemaining: read(HEADERS.concurrentRemaining),
  };
  return Object.values(quota).every((v) => v === undefined) ? undefined : quota;
}
