import { AuthError } from "@hirekit/auth-middleware";
import { SMARTRECRUITERS_CONCURRENCY } from "./concurrency.js";
import { SmartRecruitersApiError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { readRateLimit } from "./rate-limit.js";

/**
 * How each list endpoint pages (https://developers.smartrecruiters.com/docs/customer-overview):
 * - `cursor`: `limit` + `pageId`, next cursor in the body's `nextPageId` (jobs need `sort=job_id`);
 * - `offset`: `limit` + `offset` up to `totalFound` (postings, users);
 * - `link`: a bare array, next page only in the `Link` header (webhook subscriptions and logs).
 */
const PAGING = {
  "/jobs": { style: "cursor", fixed: { sort: "job_id" } },
  "/candidates": { style: "cursor", fixed: {} },
  "/v1/companies/{companyIdentifier}/postings": { style: "offset", fixed: {} },
  "/user-api/v201804/users": { style: "offset", fixed: {} },
  "/webhooks-api/v201907/subscriptions": { style: "link", fixed: {} },
  "/webhooks-api/v201907/subscriptions/{subscriptionId}/callbacks-log": { style: "link", fixed: {} },
} as const;

/** The list endpoints `paginate` walks. */
export type SmartRecruitersPaginatedPath = keyof typeof PAGING;

/** The page size `paginate` asks for when `limit` is not given: the documented maximum. */
const MAX_PAGE_SIZE = 100;

type GetOperation<P extends SmartRecruitersPaginatedPath> = paths[P]["get"];
/** Query parameters `paginate` owns and sets itself. */
type PagingKeys = "pageId" | "offset" | "sort";
type PaginateQuery<P extends SmartRecruitersPaginatedPath> = GetOperation<P>["parameters"] extends { query?: infer Q }
  ? Omit<NonNullable<Q>, PagingKeys>
  : never;
type PaginateParams<P extends SmartRecruitersPaginatedPath> = Omit<GetOperation<P>["parameters"], "query" | "cookie"> & {
  query?: PaginateQuery<P>;
};
/** What `paginate` accepts after the path: the endpoint's parameters minus the paging ones. */
export type SmartRecruitersPaginateInit<P extends SmartRecruitersPaginatedPath> =
  Partial<PaginateParams<P>> extends PaginateParams<P> ? { params?: PaginateParams<P> } : { params: PaginateParams<P> };

type OkBody<P extends SmartRecruitersPaginatedPath> = GetOperation<P>["responses"][200]["content"]["application/json"];
/** The item type `paginate` yields for a path (`JobSummary`, `CandidateSummary`, `Posting`, …). */
export type SmartRecruitersPageItem<P extends SmartRecruitersPaginatedPath> =
  OkBody<P> extends Array<infer I> ? I : OkBody<P> extends { content: Array<infer I> } ? I : never;

/** Options of `paginate`. */
export interface PaginateOptions {
  /** Stop after this many items (no further page is requested). Default: all. */
  maxItems?: number;
  /**
   * Offset-paged lists only (postings, users): pages requested at once once `totalFound` is
   * known, 1–8 (default 1). The client never has more than its `maxConcurrentRequests`
   * in flight, whatever this says. Cursor and `Link` paging are sequential by nature.
   */
  concurrency?: number;
}

/** Arguments of `paginate` after the path: `init` is required when the path has path parameters. */
export type SmartRecruitersPaginateArgs<P extends SmartRecruitersPaginatedPath> =
  Partial<PaginateParams<P>> extends PaginateParams<P>
    ? [init?: SmartRecruitersPaginateInit<P>, options?: PaginateOptions]
    : [init: SmartRecruitersPaginateInit<P>, options?: PaginateOptions];

/** An untyped view of `client.GET`, enough to walk pages. */
export type RawGet = (
  path: string,
  init: { params: Record<string, unknown>; baseUrl?: string },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

interface Page {
  items: unknown[];
  body: Record<string, unknown> | undefined;
  response: Response;
}

/**
 * Iterates over every item of a SmartRecruiters list, following its paging to the end.
 * A failed page throws {@link SmartRecruitersApiError}.
 */
export async function* paginate<P extends SmartRecruitersPaginatedPath>(
  get: RawGet,
  path: P,
  init: { params?: Record<string, unknown> } | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<SmartRecruitersPageItem<P>> {
  const paging = PAGING[path];
  if (paging === undefined) throw optionError("path", `is not a paginated list; use one of ${Object.keys(PAGING).join(", ")}`);
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  if (!(maxItems === Number.POSITIVE_INFINITY || (Number.isInteger(maxItems) && maxItems >= 0))) {
    throw optionError("maxItems", "must be a whole number ≥ 0");
  }
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > SMARTRECRUITERS_CONCURRENCY.all) {
    throw optionError("concurrency", `must be a whole number from 1 to ${SMARTRECRUITERS_CONCURRENCY.all}`);
  }
  const params = init?.params ?? {};
  const userQuery = (params.query ?? {}) as Record<string, unknown>;
  const limit = typeof userQuery.limit === "number" && userQuery.limit > 0 ? userQuery.limit : MAX_PAGE_SIZE;
  const query = { ...userQuery, ...paging.fixed, limit };

  const fetchPage = async (
    pageQuery: Record<string, unknown>,
    what: string,
    baseUrl?: string,
    rawPath?: string,
  ): Promise<Page> => {
    const request = { params: { ...params, query: pageQuery }, ...(baseUrl === undefined ? {} : { baseUrl }) };
    const { data, error, response } = await get(rawPath ?? path, request);
    const items = Array.isArray(data) ? data : (data as { content?: unknown } | undefined)?.content;
    if (error !== undefined || !response.ok || !Array.isArray(items)) {
      throw new SmartRecruitersApiError(response.status, error ?? data, `GET ${path} (${what})`, readRateLimit(response));
    }
    return { items, body: Array.isArray(data) ? undefined : (data as Record<string, unknown>), response };
  };

  let yielded = 0;
  function* take(items: unknown[]): Generator<SmartRecruitersPageItem<P>> {
    for (const item of items) {
      if (yielded >= maxItems) return;
      yielded++;
      yield item as SmartRecruitersPageItem<P>;
    }
  }
  if (maxItems === 0) return;

  if (paging.style === "cursor") {
    let pageId: string | undefined;
    const fetched = new Set<string>();
    for (;;) {
      const page = await fetchPage(
        pageId === undefined ? query : { ...query, pageId },
        pageId === undefined ? "first page" : `pageId ${pageId}`,
      );
      yield* take(page.items);
      const next = page.body?.nextPageId;
      // Stop on the last page, and on a cursor already fetched (a server cycling a → b → a).
      if (yielded >= maxItems || typeof next !== "string" || next === "" || next === pageId || page.items.length === 0) return;
      if (pageId !== undefined) fetched.add(pageId);
      if (fetched.has(next)) return;
      pageId = next;
    }
  }

  if (paging.style === "link") {
    let page = await fetchPage(query, "first page");
    for (;;) {
      yield* take(page.items);
      const next = nextLink(page.response.headers.get("link"), page.response.url);
      if (yielded >= maxItems || next === undefined || page.items.length === 0) return;
      // Follow the URL as given (its cursor parameter is named inconsistently across endpoints); the auth
      // middleware still refuses to send the credential to another origin.
      page = await fetchPage(searchToQuery(next.searchParams), `next link`, next.origin, next.pathname);
    }
  }

  // Offset paging: the first page tells `totalFound`; the rest may be requested in parallel.
  const first = await fetchPage({ ...query, offset: 0 }, "offset 0");
  yield* take(first.items);
  const total = typeof first.body?.totalFound === "number" ? first.body.totalFound : undefined;
  if (total === undefined) {
    // Without `totalFound` (users may omit it), walk until a short page.
    let offset = first.items.length;
    let last = first.items.length;
    while (yielded < maxItems && last >= limit) {
      const page = await fetchPage({ ...query, offset }, `offset ${offset}`);
      yield* take(page.items);
      last = page.items.length;
      offset += last;
    }
    return;
  }
  const end = Math.min(total, maxItems === Number.POSITIVE_INFINITY ? total : maxItems);
  const offsets: number[] = [];
  for (let offset = first.items.length; first.items.length > 0 && offset < end; offset += limit) offsets.push(offset);
  const inFlight: Array<Promise<Page>> = [];
  const launch = () => {
    const offset = offsets.shift();
    if (offset === undefined) return;
    const page = fetchPage({ ...query, offset }, `offset ${offset}`);
    // Awaited in order below; this only keeps an early failure from being reported as unhandled.
    page.catch(() => undefined);
    inFlight.push(page);
  };
  while (inFlight.length < concurrency && offsets.length > 0) launch();
  while (inFlight.length > 0) {
    const page = await (inFlight.shift() as Promise<Page>);
    launch();
    yield* take(page.items);
    if (yielded >= maxItems || page.items.length === 0) return;
  }
}

/** The `rel="next"` target of an RFC 8288 `Link` header, resolved against the response URL. */
export function nextLink(header: string | null, base: string): URL | undefined {
  if (header === null) return undefined;
  for (const link of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(link);
    if (match && /;\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(match[2] as string)) {
      try {
        return new URL(match[1] as string, base || undefined);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function searchToQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

function optionError(option: string, problem: string): AuthError {
  return new AuthError("INVALID_OPTION", `smartrecruiters: paginate option "${option}" ${problem}`, {
    vendor: "smartrecruiters",
    option,
  });
}
