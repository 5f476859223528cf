import type { HeadersOptions } from "openapi-fetch";
import type { PaginateOptions } from "./pager.js";

type GetOperation<Paths, P> = P extends keyof Paths ? (Paths[P] extends { get: infer O } ? O : never) : never;

/** The parameters of a path's GET in openapi-typescript's `paths`. */
export type GetParams<Paths, P> = GetOperation<Paths, P> extends { parameters: infer X } ? X : never;

/** The JSON body of a path's GET 200 answer. */
export type GetJson<Paths, P> =
  GetOperation<Paths, P> extends {
    responses: { 200: { content: { "application/json": infer B } } };
  }
    ? B
    : never;

type Part<Paths, P, K extends string> = GetParams<Paths, P> extends { [k in K]?: infer T } ? T : never;
type PathParams<Paths, P> = NonNullable<Part<Paths, P, "path">>;

/**
 * The item type of a list body: an entry of the body when it is an array, else of its
 * array under one of `Key` (`"Results"`, `"data" | "users"`, `"content"`).
 */
export type PageItem<Body, Key extends string = never> = [Key] extends [never]
  ? Body extends ReadonlyArray<infer I>
    ? I
    : never
  : Key extends string
    ? Body extends { [K in Key]?: ReadonlyArray<infer I> | null }
      ? I
      : never
    : never;

/** What `paginate` takes after the path: the GET's parameters without the paging ones (`Owned`), which it drives. */
export type PaginateInit<Paths, P, Owned extends string = never> = {
  params?: {
    path?: PathParams<Paths, P>;
    query?: Omit<NonNullable<Part<Paths, P, "query">>, Owned>;
    header?: Part<Paths, P, "header">;
  };
  headers?: HeadersOptions;
  signal?: AbortSignal;
} & ([PathParams<Paths, P>] extends [never] ? unknown : { params: { path: PathParams<Paths, P> } });

/** `paginate`'s arguments after the path: `init` is required when the path has path parameters. */
export type PaginateArgs<Paths, P, Owned extends string = never, Options = PaginateOptions> = [PathParams<Paths, P>] extends [
  never,
]
  ? [init?: PaginateInit<Paths, P, Owned>, options?: Options]
  : [init: PaginateInit<Paths, P, Owned>, options?: Options];
