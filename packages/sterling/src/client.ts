import type { AuthScheme } from "@hirekit/auth-middleware";
import { STERLING_BASE_URLS, type SterlingEnvironment, sterlingAuth } from "@hirekit/auth-middleware/sterling";
import type { RetryOptions } from "@hirekit/retry";
import { defineVendorClient, type PageItem, type PaginateArgs, type VendorClientOptions, walkPages } from "@hirekit/vendor-kit";
import { SterlingApiError } from "./errors.js";
import type { paths } from "./generated/schema.js";

/** Sterling credentials: the OAuth client pair, or any scheme (e.g. for a proxy). */
export type SterlingCredentials =
  | { clientId: string; clientSecret: string; basicEncoding?: "form-urlencoded" | "raw" }
  | AuthScheme;

/** Options of {@link createSterlingClient}; the shared ones are documented on `VendorClientOptions`. */
export interface SterlingClientOptions extends VendorClientOptions<Exclude<SterlingCredentials, AuthScheme>> {
  /** `production`, `integration` (current hosts) or `legacy-production`, `legacy-integration`. */
  environment: SterlingEnvironment;
  /** Token endpoint override; default `{baseUrl}/oauth`. */
  tokenUrl?: string;
}

/**
 * Sterling's retry defaults: conservative, since no limits or rate headers are published and
 * throughput is contractual (https://sterling.readme.io/reference/introduction): two retries,
 * 1 s backoff base, a 429 waits at least 2 s, 30 s in all. `POST /screenings` with an
 * `idempotency-key` header is retried like a `GET`.
 */
export const STERLING_RETRY_DEFAULTS: RetryOptions = {
  retries: 2,
  baseDelayMs: 1000,
  rateLimitDelayMs: 2000,
  maxTotalDelayMs: 30_000,
};

/** Paths that list with `limit`/`offset` and answer a bare array. */
export type SterlingPaginatedPath = "/candidates" | "/screenings";

/** The Sterling client: openapi-fetch's typed methods plus `paginate` and `dispose`. */
export type SterlingClient = ReturnType<typeof createSterlingClient>;

const DEFAULT_PAGE_SIZE = 100;

/**
 * A typed Sterling client with OAuth handled: tokens are obtained with HTTP Basic client
 * authentication, cached for their 10-hour life, refreshed ahead of expiry and renewed after
 * a 401.
 *
 * @example
 * ```ts
 * const sterling = createSterlingClient({
 *   auth: { clientId: process.env.STERLING_CLIENT_ID!, clientSecret: process.env.STERLING_CLIENT_SECRET! },
 *   environment: "integration",
 * });
 * const { data: packages } = await sterling.GET("/packages");
 * ```
 */
export const createSterlingClient = defineVendorClient<paths, SterlingClientOptions, SterlingExtras>({
  vendor: "sterling",
  credentials: "{ clientId, clientSecret } or a scheme",
  retryDefaults: STERLING_RETRY_DEFAULTS,
  configure: ({ environment }, fail) =>
    Object.hasOwn(STERLING_BASE_URLS, environment)
      ? STERLING_BASE_URLS[environment]
      : fail("environment", `must be one of ${Object.keys(STERLING_BASE_URLS).join(", ")}`),
  scheme: (auth, { environment, tokenUrl }, baseUrl) =>
    sterlingAuth({ ...auth, environment, baseUrl, ...(tokenUrl === undefined ? {} : { tokenUrl }) }),
  extend: ({ request }) =>
    ({
      paginate: (path: string, init?: { params?: { query?: Record<string, unknown> } }, options?: { maxItems?: number }) => {
        const query = { ...init?.params?.query };
        const limit = typeof query.limit === "number" && query.limit > 0 ? query.limit : DEFAULT_PAGE_SIZE;
        // `limit`/`offset` paging; a page shorter than `limit` is the last (https://sterling.readme.io/reference/candidates).
        return walkPages(
          "sterling",
          {
            first: 0,
            fetch: async (offset: number) => {
              const { data, error, response } = await request("GET", path, { params: { query: { ...query, limit, offset } } });
              if (error !== undefined || !Array.isArray(data))
                throw new SterlingApiError(response.status, error ?? data, `GET ${path} (offset ${offset})`);
              return { items: data, next: data.length < limit ? undefined : offset + data.length };
            },
          },
          options,
        );
      },
    }) as SterlingExtras,
});

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
