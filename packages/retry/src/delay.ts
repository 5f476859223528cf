/**
 * How long the server asked us to wait, in ms, or `undefined` when it said nothing usable.
 *
 * Reads, in order: `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3), then
 * `RateLimit-Reset` (draft-ietf-httpapi-ratelimit-headers: delta-seconds) and
 * `X-RateLimit-Reset` (delta-seconds, or epoch seconds when the value is past 2001-09-09).
 * Dates are measured against the response's own `Date` header when it has one, so a local
 * clock that is minutes ahead of or behind the server's changes nothing; without it,
 * against `now`.
 *
 * @example
 * ```ts
 * const response = new Response(null, { status: 429, headers: { "retry-after": "2" } });
 * serverDelayMs(response.headers, Date.now()); // 2000
 * ```
 */
export function serverDelayMs(headers: Headers, now: number): number | undefined {
  const serverNow = serverClock(headers, now);
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter !== undefined && retryAfter !== "") {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - serverNow);
  }
  for (const name of ["ratelimit-reset", "x-ratelimit-reset"]) {
    const raw = headers.get(name)?.trim();
    if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw)) continue;
    const value = Number(raw);
    // Epoch seconds (GitHub's style) are ≥ 1e9; anything smaller is a delta.
    return value >= 1e9 ? Math.max(0, value * 1000 - serverNow) : value * 1000;
  }
  return undefined;
}

/** The server's idea of "now": its `Date` header (RFC 9110 §6.6.1) when valid, else ours. */
function serverClock(headers: Headers, now: number): number {
  const date = headers.get("date");
  if (date === null) return now;
  const at = Date.parse(date);
  return Number.isNaN(at) ? now : at;
}

/**
 * "Full jitter" exponential backoff (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): a uniform draw in `[0, min(capMs, baseMs × 2^(retry-1))]`.
 *
 * @example
 * ```ts
 * fullJitterMs(3, 500, 20_000, Math.random); // somewhere in [0, 2000]
 * ```
 */
export function fullJitterMs(retry: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
