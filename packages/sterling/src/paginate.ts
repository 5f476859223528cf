import { type LooseRequest, type PageItem, type PaginateArgs, type PaginateOptions, walkPages } from "@hirekit/vendor-kit";
import { SterlingApiError } from "./errors.js";
import type { paths } from "./generated/schema.js";

/** Paths that list with `limit`/`offset` and answer a bare array. */
export type SterlingPaginatedPath = "/candidates" | "/screenings";

/** Sterling's extra methods. */
export interface SterlingExtras {
  /**
   * Iterates over every item of a list, page by page (`limit`, default 100; `offset`
   * advanced by the page size), until a page comes back shorter than `limit`. Stops after
   * `maxItems` when given. A failed page throws {@link SterlingApiError}.
   */
  paginate<P extends SterlingPaginatedPath>(
    path: P,
    ...args: PaginateArgs<paths, P, "offset">
  ): AsyncGenerator<PageItem<paths[P]["get"]["responses"][200]["content"]["application/json"]>>;
}

const DEFAULT_PAGE_SIZE = 100;

/** Builds the `paginate` method of a client (see {@link SterlingExtras.paginate}). */
export function createPaginate(request: LooseRequest): SterlingExtras["paginate"] {
  return (path: string, ...[init, options]: [{ params?: { query?: Record<string, unknown> } }?, PaginateOptions?]) => {
    const query = { ...init?.params?.query };
    const limit = typeof query.limit === "number" && query.limit > 0 ? query.limit : DEFAULT_PAGE_SIZE;
    // `limit`/`offset` paging; a page shorter than `limit` is the last (https://sterling.readme.io/reference/candidates).
    return walkPages(
      "sterling",
      {
        first: 0,
        async fetch(offset: number) {
          const { data, error, response } = await request("GET", path, { params: { query: { ...query, limit, offset } } });
          if (error !== undefined || !Array.isArray(data)) {
            throw new SterlingApiError(response.status, error ?? data, `GET ${path} (offset ${offset})`);
          }
          return { items: data, next: data.length < limit ? undefined : offset + data.length };
        },
      },
      options,
    );
  };
}
