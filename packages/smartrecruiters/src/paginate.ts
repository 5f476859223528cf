import {
  invalidOption,
  type PaginateOptions as KitPaginateOptions,
  type LooseRequest,
  readMaxItems,
  walkPages,
} from "@hirekit/vendor-kit";
import { SMARTRECRUITERS_CONCURRENCY } from "./concurrency.js";
import { SmartRecruitersApiError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { readRateLimit, type SmartRecruitersRateLimit } from "./rate-limit.js";

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

const VENDOR = "smartrecruiters";

/** Options of `paginate`. */
export interface PaginateOptions extends KitPaginateOptions {
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

/** Builds the `paginate` method of a client (see {@link SmartRecruitersExtras.paginate}). */
export function createPaginate(request: LooseRequest): SmartRecruitersExtras["paginate"] {
  return (path, ...[init, options]) =>
    paginate(request, path, init as { params?: Record<string, unknown> } | undefined, options as PaginateOptions | undefined);
}

/**
 * Iterates over every item of a SmartRecruiters list, following its paging to the end.
 * A failed page throws {@link SmartRecruitersApiError}.
 */
export async function* paginate<P extends SmartRecruitersPaginatedPath>(
  request: LooseRequest,
  path: P,
  init: { params?: Record<string, unknown> } | undefined,
  options: PaginateOptions = {},
): AsyncGenerator<SmartRecruitersPageItem<P>> {
  const paging = PAGING[path];
  if (paging === undefined)
    throw invalidOption(VENDOR, "path", `is not a paginated list; use one of ${Object.keys(PAGING).join(", ")}`);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > SMARTRECRUITERS_CONCURRENCY.all) {
    throw invalidOption(VENDOR, "concurrency", `must be a whole number from 1 to ${SMARTRECRUITERS_CONCURRENCY.all}`);
  }
  const params = init?.params ?? {};
  const userQuery = (params.query ?? {}) as Record<string, unknown>;
  const limit = typeof userQuery.limit === "number" && userQuery.limit > 0 ? userQuery.limit : MAX_PAGE_SIZE;
  const query = { ...userQuery, ...paging.fixed, limit };

  const fetchPage = async (pageQuery: Record<string, unknown>, what: string, next?: URL) => {
    const { data, error, response } = await request("GET", next?.pathname ?? path, {
      params: { ...params, query: pageQuery },
      ...(next === undefined ? {} : { baseUrl: next.origin }),
    });
    const items = Array.isArray(data) ? data : (data as { content?: unknown } | undefined)?.content;
    if (error !== undefined || !response.ok || !Array.isArray(items)) {
      throw new SmartRecruitersApiError(response.status, error ?? data, `GET ${path} (${what})`, readRateLimit(response));
    }
    return { items, body: (Array.isArray(data) ? undefined : data) as Record<string, unknown> | undefined, response };
  };

  if (paging.style === "cursor") {
    // `""` stands for the first page; the kernel stops on a cursor already fetched (a server cycling a → b → a).
    yield* walkPages<SmartRecruitersPageItem<P>, string>(
      VENDOR,
      {
        first: "",
        async fetch(pageId) {
          const page = await fetchPage(
            pageId === "" ? query : { ...query, pageId },
            pageId === "" ? "first page" : `pageId ${pageId}`,
          );
          const next = page.body?.nextPageId;
          return { items: page.items, next: typeof next === "string" && next !== "" ? next : undefined };
        },
      },
      options,
    );
    return;
  }
  if (paging.style === "link") {
    yield* walkPages<SmartRecruitersPageItem<P>, string>(
      VENDOR,
      {
        first: "",
        async fetch(link) {
          // Follow the URL as given (its cursor parameter is named inconsistently across endpoints); the auth
          // middleware still refuses to send the credential to another origin.
          const url = link === "" ? undefined : new URL(link);
          const page = await fetchPage(
            url === undefined ? query : searchToQuery(url.searchParams),
            url === undefined ? "first page" : "next link",
            url,
          );
          return { items: page.items, next: nextLink(page.response.headers.get("link"), page.response.url)?.href };
        },
      },
      options,
    );
    return;
  }
  // Offset paging: the first page tells `totalFound`, and the rest may then be requested in
  // parallel; without it (users may omit it), walk until a short page.
  const maxItems = readMaxItems(VENDOR, options);
  yield* walkPages<SmartRecruitersPageItem<P>, number>(
    VENDOR,
    {
      first: 0,
      concurrency,
      async fetch(offset) {
        const page = await fetchPage({ ...query, offset }, `offset ${offset}`);
        const total = page.body?.totalFound;
        if (offset === 0 && typeof total === "number") {
          const rest: number[] = [];
          for (let next = page.items.length; page.items.length > 0 && next < Math.min(total, maxItems); next += limit)
            rest.push(next);
          return { items: page.items, rest };
        }
        return { items: page.items, next: page.items.length >= limit ? offset + page.items.length : undefined };
      },
    },
    options,
  );
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

/** SmartRecruiters' extra methods. */
export interface SmartRecruitersExtras {
  /**
   * Iterates over every item of a list, following its paging to the end: `nextPageId` for
   * jobs (with `sort=job_id`) and candidates, `offset`/`totalFound` for postings and users, the
   * `Link` header for webhook subscriptions and their logs. `limit` defaults to 100. Stops
   * after `maxItems` when given. A failed page throws `SmartRecruitersApiError`.
   */
  paginate<P extends SmartRecruitersPaginatedPath>(
    path: P,
    ...args: SmartRecruitersPaginateArgs<P>
  ): AsyncGenerator<SmartRecruitersPageItem<P>>;
  /** The quota reported by the latest response that carried `X-RateLimit-*` headers. */
  rateLimit(): SmartRecruitersRateLimit | undefined;
}
