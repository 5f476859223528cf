import { type LooseRequest, type PageItem, type PaginateArgs, type PaginateOptions, walkPages } from "@hirekit/vendor-kit";
import { BullhornApiError } from "./errors.js";
import type { paths } from "./generated/schema.js";

type ListPath = {
  [P in keyof paths]: P extends `/search/${string}` | `/query/${string}` ? ("get" extends keyof paths[P] ? P : never) : never;
}[keyof paths];

/** The lists `paginate` walks: `search/{Entity}` (Lucene) and `query/{Entity}` (a `where` clause). */
export type BullhornPaginatedPath = ListPath;

type ListBody<P extends BullhornPaginatedPath> = paths[P]["get"] extends {
  responses: { 200: { content: { "application/json": infer B } } };
}
  ? B
  : never;

/** The record type `paginate(path)` yields, e.g. a `Candidate` (with its search `_score`) for `/search/Candidate`. */
export type BullhornPageItem<P extends BullhornPaginatedPath> = PageItem<ListBody<P>, "data">;

/** Bullhorn's extra methods. */
export interface BullhornExtras {
  /**
   * Iterates over every record of a search or query, page by page (`start` advanced by the
   * records received, `count` default 500, the largest page), until `total` records have
   * arrived or a page comes back short or empty. Stops after `maxItems` when given. A failed
   * page throws `BullhornApiError`.
   */
  paginate<P extends BullhornPaginatedPath>(
    path: P,
    ...args: PaginateArgs<paths, P, "start">
  ): AsyncGenerator<BullhornPageItem<P>>;
}

/** The largest page Bullhorn serves (https://bullhorn.github.io/rest-api-docs/#get-search). */
export const BULLHORN_MAX_COUNT = 500;

/** Builds the `paginate` method of a client (see {@link BullhornExtras.paginate}). */
export function createPaginate(request: LooseRequest): BullhornExtras["paginate"] {
  return (path: string, ...[init, options]: [{ params?: { query?: Record<string, unknown> } }?, PaginateOptions?]) => {
    const query = { ...init?.params?.query };
    const count = typeof query.count === "number" && query.count > 0 ? query.count : BULLHORN_MAX_COUNT;
    // `start`/`count` paging with `total` (https://bullhorn.github.io/rest-api-docs/#get-search); query
    // calls report `total` only with `showTotalMatched`, so a short page also ends the walk.
    if (path.startsWith("/query/") && query.showTotalMatched === undefined) query.showTotalMatched = true;
    return walkPages(
      "bullhorn",
      {
        first: 0,
        async fetch(start: number) {
          const { data, error, response } = await request("GET", path, { params: { query: { ...query, start, count } } });
          const body = data as { data?: unknown; total?: unknown } | undefined;
          if (error !== undefined || !Array.isArray(body?.data)) {
            throw new BullhornApiError(response.status, error ?? data, `GET ${path} (start ${start})`);
          }
          const next = start + body.data.length;
          const more = typeof body.total === "number" ? next < body.total : body.data.length >= count;
          return { items: body.data, next: more ? next : undefined };
        },
      },
      options,
    );
  };
}
