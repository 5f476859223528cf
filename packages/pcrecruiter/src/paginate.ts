import { invalidOption, type LooseRequest, type PaginateOptions, readMaxItems, walkPages } from "@hirekit/vendor-kit";
import type { HeadersOptions } from "openapi-fetch";
import { PCRecruiterApiError, PCRecruiterError } from "./errors.js";
import type { paths } from "./generated/schema.js";

/** The list envelope of every search: `{ TotalRecords, Results }`. */
export interface PCRecruiterPage<T> {
  /** Matching records over all pages. */
  TotalRecords: number;
  /** This page's records. */
  Results: T[];
}

type GetOf<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;
type ParamsOf<P extends keyof paths> = GetOf<P> extends { parameters: infer X } ? X : never;
type QueryOf<P extends keyof paths> = NonNullable<ParamsOf<P> extends { query?: infer Q } ? Q : never>;
type PathParamsOf<P extends keyof paths> = ParamsOf<P> extends { path: infer X } ? X : never;
/** The header parameters of a path's GET. */
export type HeaderOf<P extends keyof paths> = ParamsOf<P> extends { header?: infer H } ? H : never;

/** Paths whose GET lists with `Page` / `ResultsPerPage` and answers `{ TotalRecords, Results }`. */
export type PCRecruiterPagedPath = {
  [P in keyof paths]: "Page" extends keyof QueryOf<P>
    ? GetOf<P> extends { responses: { 200: { content: { "application/json": { Results: unknown[] } } } } }
      ? P
      : never
    : never;
}[keyof paths];

/** The item type of a paged path, e.g. `Candidate` for `/candidatesV2`. */
export type PCRecruiterListItem<P extends PCRecruiterPagedPath> =
  GetOf<P> extends {
    responses: { 200: { content: { "application/json": { Results: Array<infer I> } } } };
  }
    ? I
    : never;

type PathPart<P extends keyof paths> = [PathParamsOf<P>] extends [never] ? { path?: never } : { path: PathParamsOf<P> };

/** What `paginate` takes besides the path: the list parameters without `Page`, which it drives. */
export interface PCRecruiterListInit<P extends PCRecruiterPagedPath> {
  params?: PathPart<P> & { query?: Omit<QueryOf<P>, "Page">; header?: HeaderOf<P> };
  headers?: HeadersOptions;
  signal?: AbortSignal;
}

/** Options of `paginate`. */
export type { PaginateOptions } from "@hirekit/vendor-kit";

/** `paginate`'s arguments after the path: `init` is required when the path has path parameters. */
export type PaginateArgs<P extends PCRecruiterPagedPath> = [PathParamsOf<P>] extends [never]
  ? [init?: PCRecruiterListInit<P>, options?: PaginateOptions]
  : [init: PCRecruiterListInit<P> & { params: { path: PathParamsOf<P> } }, options?: PaginateOptions];

/** What the pager needs from the client. */
export interface PagerContext {
  /** The client's untyped `request`. */
  request: LooseRequest;
  /** `ResultsPerPage` when the caller sets none. */
  pageSize: number;
  /** The client's secrets, removed from server text. */
  secrets: () => readonly string[];
}

/**
 * Pages through a list: `Page` = 1, 2, … with `ResultsPerPage` (the caller's, else
 * `pageSize`), until as many items as `TotalRecords` announced have arrived or a page comes
 * back empty (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Search-References.html). Counting items rather than computing
 * `ceil(TotalRecords / ResultsPerPage)` stays right if the server caps the page size.
 * Without `TotalRecords`, a short page is the last one.
 */
export async function* paginateList(
  context: PagerContext,
  path: string,
  init: { params?: { query?: Record<string, unknown>; [key: string]: unknown }; [key: string]: unknown } = {},
  options?: PaginateOptions,
): AsyncGenerator<unknown> {
  const maxItems = readMaxItems("pcrecruiter", options);
  const query = { ...init.params?.query };
  delete query.Page;
  const asked = query.ResultsPerPage;
  if (asked !== undefined && !(Number.isInteger(asked) && (asked as number) > 0)) {
    throw invalidOption("pcrecruiter", "ResultsPerPage", "must be a positive integer");
  }
  // Every call is billed (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Reference-Guide.html): ask for no more than the caller will take.
  const perPage = (asked as number | undefined) ?? Math.max(1, Math.min(context.pageSize, maxItems));
  let received = 0;
  yield* walkPages(
    "pcrecruiter",
    {
      first: 1,
      async fetch(page: number) {
        const params = { ...init.params, query: { ...query, Page: page, ResultsPerPage: perPage } };
        const { data, error, response } = await context.request("GET", path, { ...init, params });
        if (error !== undefined || !response.ok)
          throw new PCRecruiterApiError(response.status, error, `GET ${path} (page ${page})`, context.secrets());
        const body = data as { TotalRecords?: unknown; Results?: unknown } | undefined;
        if (body === null || typeof body !== "object" || !Array.isArray(body.Results)) {
          throw new PCRecruiterError(
            "INVALID_RESPONSE",
            `pcrecruiter: GET ${path} (page ${page}) answered without a Results array`,
            {
              status: response.status,
            },
          );
        }
        received += body.Results.length;
        const total = typeof body.TotalRecords === "number" ? body.TotalRecords : undefined;
        const last = total === undefined ? body.Results.length < perPage : received >= total;
        return { items: body.Results, next: last ? undefined : page + 1 };
      },
    },
    options,
  );
}
