import { type AuthMiddlewareOptions, type AuthScheme, createAuthMiddleware, pinOrigin } from "@hirekit/auth-middleware";
import { STERLING_BASE_URLS, type SterlingEnvironment, sterlingAuth } from "@hirekit/auth-middleware/sterling";
import { createRetryFetch, mergeRetryOptions, type RetryOptions } from "@hirekit/retry";
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import { SterlingApiError } from "./errors.js";
import type { paths } from "./generated/schema.js";

/** Sterling credentials: the OAuth client pair, or any scheme (e.g. for a proxy). */
export type SterlingCredentials =
  | { clientId: string; clientSecret: string; basicEncoding?: "form-urlencoded" | "raw" }
  | AuthScheme;

/** Options of {@link createSterlingClient}. */
export interface SterlingClientOptions extends Omit<AuthMiddlewareOptions, "fetch"> {
  /** OAuth client id and secret issued for this environment (or a ready scheme). */
  auth: SterlingCredentials;
  /** `production`, `integration` (current hosts) or `legacy-production`, `legacy-integration`. */
  environment: SterlingEnvironment;
  /** API base override (proxy, local fake); `http:` only for loopback hosts. */
  baseUrl?: string;
  /** Token endpoint override; default `{baseUrl}/oauth`. */
  tokenUrl?: string;
  /** `fetch` for API and token calls; default the global `fetch`, looked up at call time. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: ClientOptions["headers"];
  /**
   * Retries of failed API calls (network errors, 408, 429, 5xx), on top of
   * {@link STERLING_RETRY_DEFAULTS}; `false` turns them off. `POST /screenings` with an
   * `idempotency-key` header is retried like a `GET`.
   */
  retry?: false | RetryOptions;
}

/**
 * Sterling's retry defaults: conservative, since no limits or rate headers are published and
 * throughput is contractual (https://sterling.readme.io/reference/introduction): two retries, 1 s backoff base, a 429 waits at
 * least 2 s, 30 s in all.
 */
export const STERLING_RETRY_DEFAULTS: RetryOptions = {
  retries: 2,
  baseDelayMs: 1000,
  rateLimitDelayMs: 2000,
  maxTotalDelayMs: 30_000,
};

/** Paths that list with `limit`/`offset` and answer a bare array. */
export type SterlingPaginatedPath = "/candidates" | "/screenings";

type ListInit<P extends SterlingPaginatedPath> = paths[P]["get"] extends { parameters: { query?: infer Q } }
  ? { params?: { query?: Omit<NonNullable<Q>, "offset"> } }
  : never;
type ListItem<P extends SterlingPaginatedPath> = paths[P]["get"] extends {
  responses: { 200: { content: { "application/json": Array<infer I> } } };
}
  ? I
  : never;

/** The Sterling client: openapi-fetch's typed methods plus `paginate` and `dispose`. */
export type SterlingClient = Client<paths> & {
  /**
   * Iterates over every item of a list, page by page (`limit`, default 100; `offset`
   * advanced by the page size), until a page comes back shorter than `limit`. Stops after
   * `maxItems` when given. A failed page throws {@link SterlingApiError}.
   */
  paginate<P extends SterlingPaginatedPath>(
    path: P,
    init?: ListInit<P>,
    options?: { maxItems?: number },
  ): AsyncGenerator<ListItem<P>>;
  /** Stops token work; the client is unusable afterwards. */
  dispose(): Promise<void>;
};

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
export function createSterlingClient(options: SterlingClientOptions): SterlingClient {
  const {
    auth,
    environment,
    baseUrl: baseOverride,
    tokenUrl,
    fetch: fetchOption,
    headers,
    retry,
    ...middlewareOptions
  } = options;
  const retryOptions = mergeRetryOptions(STERLING_RETRY_DEFAULTS, retry);
  const baseUrl = baseOverride ?? STERLING_BASE_URLS[environment];
  const scheme =
    auth !== null && typeof auth === "object" && "obtain" in auth
      ? auth
      : sterlingAuth({ ...auth, environment, baseUrl, ...(tokenUrl === undefined ? {} : { tokenUrl }) });
  const fetchAtCallTime = fetchOption ?? ((input: Request) => globalThis.fetch(input));
  const middleware = createAuthMiddleware(pinOrigin(scheme, baseUrl), { ...middlewareOptions, fetch: fetchOption });
  // Below the middlewares: every attempt, the auth middleware's 401 replay included, carries
  // the credential the middleware set (packages/retry/README.md).
  const fetch = retryOptions === undefined ? fetchAtCallTime : createRetryFetch(fetchAtCallTime, retryOptions);
  const client = createClient<paths>({ baseUrl, fetch, headers });
  client.use(middleware);

  async function* paginate<P extends SterlingPaginatedPath>(
    path: P,
    init?: ListInit<P>,
    { maxItems = Number.POSITIVE_INFINITY }: { maxItems?: number } = {},
  ): AsyncGenerator<ListItem<P>> {
    const query = { ...(init?.params?.query as Record<string, unknown> | undefined) };
    const limit = typeof query.limit === "number" && query.limit > 0 ? query.limit : DEFAULT_PAGE_SIZE;
    let offset = 0;
    let yielded = 0;
    while (yielded < maxItems) {
      const get = client.GET as (p: string, i: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
      const { data, error, response } = await get(path, { params: { query: { ...query, limit, offset } } });
      if (error !== undefined || !Array.isArray(data)) {
        throw new SterlingApiError(response.status, error ?? data, `GET ${path} (offset ${offset})`);
      }
      for (const item of data) {
        if (yielded >= maxItems) return;
        yielded++;
        yield item as ListItem<P>;
      }
      if (data.length < limit) return;
      offset += data.length;
    }
  }

  return Object.assign(client, { paginate, dispose: () => middleware.dispose() });
}
