/** What kind of call a logged request was (`discovery` and `consent`: Bullhorn's data-centre lookup and consent page). */
export type FakeRequestKind = "token" | "logout" | "revoke" | "api" | "discovery" | "consent";

/** One request as a fake recorded it. Holds no credential. */
export interface FakeRequest {
  /** 1, 2, … in arrival order. */
  seq: number;
  /** Time on the fake's clock (epoch ms). */
  at: number;
  method: string;
  /** Path relative to the server root, without the query. */
  path: string;
  /** The query string, without the `?`. */
  query: string;
  kind: FakeRequestKind;
  /** The OpenAPI path template the request matched, when it matched one. */
  operation: string | undefined;
  /** The status the fake answered. */
  status: number;
  /** A token call the fake refused (bad credentials, rate limit; Zoho answers those with 200). */
  refused: boolean;
  /** The answer was forced by the `failNext` knob (or a forced token expiry), not by the request. */
  forced: boolean;
  /** What the OpenAPI check found wrong with the request (empty when valid). */
  problems: readonly { in: string; field?: string; message: string }[];
}

/** Counts of one fake's request log. */
export interface FakeStats {
  /** API calls (not token calls), including the ones answered with an error. */
  requests: number;
  /** Token endpoint calls that issued a token or a session. */
  tokensIssued: number;
  /** Token endpoint calls refused (bad credentials, rate limit). */
  tokensRefused: number;
  /** API calls answered 401, 429 or 5xx that were sent again and then succeeded. */
  retries: number;
  /** Answers of each status among API calls. */
  statuses: Readonly<Record<number, number>>;
  /** API or token calls that broke the OpenAPI document. */
  invalid: number;
}

const retryable = (status: number) => status === 401 || status === 429 || status >= 500;

/**
 * Counts a fake's request log: how many API calls, tokens and retries happened. A retry is
 * an API call answered 401/429/5xx followed later by a successful call of the same method
 * and path (a replay after a new token, or a retry after `Retry-After`).
 *
 * @example
 * ```ts
 * const stats = summarizeRequests(fake.requests);
 * console.log(`${stats.requests} requests, ${stats.tokensIssued} tokens, ${stats.retries} retries`);
 * ```
 */
export function summarizeRequests(requests: readonly FakeRequest[]): FakeStats {
  const api = requests.filter((r) => r.kind === "api");
  const tokenCalls = requests.filter((r) => r.kind === "token");
  const statuses: Record<number, number> = {};
  for (const r of api) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  let retries = 0;
  api.forEach((r, i) => {
    if (!retryable(r.status)) return;
    const again = api.slice(i + 1).find((later) => later.method === r.method && later.path === r.path);
    if (again !== undefined && again.status < 400) retries++;
  });
  return {
    requests: api.length,
    tokensIssued: tokenCalls.filter((r) => r.status < 300 && !r.refused).length,
    tokensRefused: tokenCalls.filter((r) => r.refused).length,
    retries,
    statuses,
    invalid: requests.filter((r) => r.problems.length > 0).length,
  };
}
