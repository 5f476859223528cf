import { type LooseRequest, type PaginateOptions, walkPages } from "@hirekit/vendor-kit";
import type {
  ZohoRecruitBulkInit,
  ZohoRecruitBulkMethod,
  ZohoRecruitBulkPath,
  ZohoRecruitBulkRecord,
  ZohoRecruitBulkResult,
} from "./bulk.js";
import { ZohoRecruitApiError, ZohoRecruitError } from "./errors.js";
import type { paths } from "./generated/schema.js";

type GetOperation<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;
type GetParameters<P extends keyof paths> = GetOperation<P> extends { parameters: infer R } ? R : never;
type GetJson<P extends keyof paths> =
  GetOperation<P> extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;
type ListOf<B> = B extends { data?: Array<infer I> } ? I : B extends { users?: Array<infer I> } ? I : never;

/**
 * Paths that page with `page` / `per_page` and `info.more_records`: every list, search,
 * association, notes, attachments, deleted-records and users call.
 */
export type ZohoRecruitPaginatedPath = {
  [P in keyof paths]: GetParameters<P> extends { query?: infer Q }
    ? "page" extends keyof NonNullable<Q>
      ? [ListOf<GetJson<P>>] extends [never]
        ? never
        : P
      : never
    : never;
}[keyof paths];

/** The item type `paginate(path)` yields: a `data` entry (a `users` entry for `/users`). */
export type ZohoRecruitPageItem<P extends ZohoRecruitPaginatedPath> = ListOf<GetJson<P>>;

type Param<P extends ZohoRecruitPaginatedPath, K extends string> = GetParameters<P> extends { [k in K]?: infer T } ? T : never;
type PathParams<P extends ZohoRecruitPaginatedPath> = NonNullable<Param<P, "path">>;
type Query<P extends ZohoRecruitPaginatedPath> = Omit<NonNullable<Param<P, "query">>, "page">;
type Header<P extends ZohoRecruitPaginatedPath> = Param<P, "header">;

/** The request of `paginate`: the query of the list call without `page`, which `paginate` drives. */
export type ZohoRecruitPaginateInit<P extends ZohoRecruitPaginatedPath> = [PathParams<P>] extends [never]
  ? { params?: { query?: Query<P>; header?: Header<P> } }
  : { params: { path: PathParams<P>; query?: Query<P>; header?: Header<P> } };

/** Options of `paginate`. */
export type ZohoRecruitPaginateOptions = PaginateOptions;

/** Arguments of `paginate` after the path: the init is required when the path has path parameters. */
export type ZohoRecruitPaginateArgs<P extends ZohoRecruitPaginatedPath> = [PathParams<P>] extends [never]
  ? [init?: ZohoRecruitPaginateInit<P>, options?: ZohoRecruitPaginateOptions]
  : [init: ZohoRecruitPaginateInit<P>, options?: ZohoRecruitPaginateOptions];

/** Zoho's page size ceiling and default (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html). */
export const ZOHO_MAX_PER_PAGE = 200;

/** Builds the `paginate` method of a client (see `ZohoRecruitClient.paginate`). */
export function createPaginate(request: LooseRequest) {
  return async function* paginate<P extends ZohoRecruitPaginatedPath>(
    path: P,
    ...[init, options]: ZohoRecruitPaginateArgs<P>
  ): AsyncGenerator<ZohoRecruitPageItem<P>> {
    const params = (init?.params ?? {}) as { path?: unknown; query?: Record<string, unknown>; header?: unknown };
    const query = { ...params.query };
    const perPage = query.per_page ?? ZOHO_MAX_PER_PAGE;
    if (typeof perPage !== "number" || !Number.isInteger(perPage) || perPage < 1 || perPage > ZOHO_MAX_PER_PAGE) {
      throw new ZohoRecruitError(
        "INVALID_OPTION",
        `paginate: "per_page" must be an integer from 1 to ${ZOHO_MAX_PER_PAGE}`,
        "per_page",
      );
    }
    yield* walkPages<ZohoRecruitPageItem<P>, number>(
      "zoho-recruit",
      {
        first: 1,
        async fetch(page) {
          const { data, error, response } = await request("GET", path, {
            params: { ...params, query: { ...query, page, per_page: perPage } },
          });
          // An empty page answers 204 with no body (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html), and an unchanged list
          // under If-Modified-Since may answer 304: both end the walk, neither is an error.
          if (response.status === 204 || response.status === 304) return { items: [] };
          if (!response.ok || error !== undefined)
            throw new ZohoRecruitApiError(response.status, error, `GET ${path} (page ${page})`);
          const body = (data ?? {}) as { data?: unknown; users?: unknown; info?: { more_records?: unknown } };
          const items = path === "/users" ? body.users : body.data;
          if (items === undefined) return { items: [] };
          if (!Array.isArray(items))
            throw new ZohoRecruitError("INVALID_RESPONSE", `GET ${path} (page ${page}) answered without a list`);
          // An empty page that still claims more records would loop forever: the kernel stops there.
          return { items, next: body.info?.more_records === true ? page + 1 : undefined };
        },
      },
      options,
    );
  };
}

/** Zoho Recruit's extra methods. */
export interface ZohoRecruitExtras {
  /**
   * Iterates over every item of a list, search or association call, page by page (`page`
   * from 1, `per_page` default 200, the maximum) while `info.more_records` is true. An
   * empty result (HTTP 204, no body) yields nothing. Stops after `maxItems` when given. A
   * failed page throws `ZohoRecruitApiError`.
   */
  paginate<P extends ZohoRecruitPaginatedPath>(
    path: P,
    ...args: ZohoRecruitPaginateArgs<P>
  ): AsyncGenerator<ZohoRecruitPageItem<P>>;
  /**
   * Inserts, updates or upserts any number of records, 100 per request (Zoho's limit), one
   * request after another, and returns one typed result per record. Records that Zoho
   * refuses (`MANDATORY_NOT_FOUND`, `DUPLICATE_DATA`, …) are `failed` entries, not
   * exceptions; a request that fails as a whole throws `ZohoRecruitBulkWriteError`.
   */
  bulkWrite<M extends ZohoRecruitBulkMethod, P extends ZohoRecruitBulkPath<M>>(
    method: M,
    path: P,
    init: ZohoRecruitBulkInit<M, P>,
  ): Promise<ZohoRecruitBulkResult<ZohoRecruitBulkRecord<M, P>>>;
}
