import {
  AuthError,
  type AuthMiddlewareOptions,
  type AuthScheme,
  createAuthMiddleware,
  pinOrigin,
} from "@hirekit/auth-middleware";
import { ZOHO_REGIONS, type ZohoRegion, zohoRecruitAuth, zohoRecruitBaseUrl } from "@hirekit/auth-middleware/zoho-recruit";
import { createRetryFetch, mergeRetryOptions, type RetryOptions } from "@hirekit/retry";
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import {
  createBulkWrite,
  type ZohoRecruitBulkInit,
  type ZohoRecruitBulkMethod,
  type ZohoRecruitBulkPath,
  type ZohoRecruitBulkRecord,
  type ZohoRecruitBulkResult,
} from "./bulk.js";
import {
  createPaginate,
  type ZohoRecruitPageItem,
  type ZohoRecruitPaginateArgs,
  type ZohoRecruitPaginatedPath,
} from "./paginate.js";
import type { ZohoRecruitPaths } from "./paths.js";
import { wrappedErrorMiddleware } from "./wrapped-error.js";

/** Zoho credentials: the OAuth client and its refresh token, or any scheme (e.g. for a proxy). */
export type ZohoRecruitCredentials = { clientId: string; clientSecret: string; refreshToken: string } | AuthScheme;

/** Options of {@link createZohoRecruitClient}. */
export interface ZohoRecruitClientOptions extends Omit<AuthMiddlewareOptions, "fetch"> {
  /** OAuth client id and secret with the refresh token from the code exchange (or a ready scheme). */
  auth: ZohoRecruitCredentials;
  /** Data centre of the Zoho account (`us`, `eu`, `in`, `au`, `jp`, `ca`, `sa`, `uk`, `cn`, `ae`, `sg`): picks the accounts server and the Recruit host. */
  region: ZohoRegion;
  /** API base override (proxy, local fake), default `https://recruit.zoho.{tld}/recruit/v2`; `http:` only for loopback hosts. */
  baseUrl?: string;
  /** Accounts server override (the `accounts-server` returned with the grant code). */
  accountsUrl?: string;
  /** Token endpoint override; default `{accountsUrl}/oauth/v2/token`. */
  tokenUrl?: string;
  /** `fetch` for API and token calls; default the global `fetch`, looked up at call time. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: ClientOptions["headers"];
  /**
   * Retries of failed API calls (network errors, 408, 429, 5xx), on top of
   * {@link ZOHO_RECRUIT_RETRY_DEFAULTS}; `false` turns them off.
   */
  retry?: false | RetryOptions;
}

/**
 * Zoho Recruit's retry defaults (https://www.zoho.com/recruit/developer-guide/apiv2/limits.html): a 429 (`TOO_MANY_REQUESTS`) covers both
 * the concurrency cap and the rolling 24-hour credit budget, and Zoho sends no rate-limit
 * headers, so a 429 waits at least a minute (minutes, not seconds, when credits run out);
 * two retries, at most 5 minutes in all. Set `retry: { rateLimitDelayMs }` lower for
 * interactive use.
 */
export const ZOHO_RECRUIT_RETRY_DEFAULTS: RetryOptions = {
  retries: 2,
  baseDelayMs: 1000,
  rateLimitDelayMs: 60_000,
  maxDelayMs: 150_000,
  maxTotalDelayMs: 300_000,
};

/** The Zoho Recruit client: openapi-fetch's typed methods plus `paginate`, `bulkWrite` and `dispose`. */
export type ZohoRecruitClient = Client<ZohoRecruitPaths> & {
  /**
   * Iterates over every item of a list, search or association call, page by page (`page`
   * from 1, `per_page` default 200, the maximum) while `info.more_records` is true. An
   * empty result (HTTP 204, no body) yields nothing. Stops after `maxItems` when given. A
   * failed page throws {@link ZohoRecruitApiError}.
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
  /** Stops token work; the client is unusable afterwards. */
  dispose(): Promise<void>;
};

/**
 * A typed Zoho Recruit client with OAuth handled: access tokens come from the refresh token
 * at the accounts server of `region`, are sent as `Zoho-oauthtoken`, cached for their hour,
 * refreshed ahead of expiry within Zoho's token-request limits and renewed after a 401.
 * Array query parameters (`fields`, `ids`, `candidate_statuses`) are sent comma-separated,
 * as Zoho expects.
 *
 * @example
 * ```ts
 * const zoho = createZohoRecruitClient({
 *   region: "eu",
 *   auth: {
 *     clientId: process.env.ZOHO_CLIENT_ID!,
 *     clientSecret: process.env.ZOHO_CLIENT_SECRET!,
 *     refreshToken: process.env.ZOHO_REFRESH_TOKEN!,
 *   },
 * });
 * const { data } = await zoho.GET("/Candidates/{recordId}", { params: { path: { recordId: "4150868000000225013" } } });
 * ```
 */
export function createZohoRecruitClient(options: ZohoRecruitClientOptions): ZohoRecruitClient {
  if (options === null || typeof options !== "object") {
    throw new AuthError("INVALID_OPTION", "zoho-recruit: options must be an object", { vendor: "zoho-recruit" });
  }
  const {
    auth,
    region,
    baseUrl: baseOverride,
    accountsUrl,
    tokenUrl,
    fetch: fetchOption,
    headers,
    retry,
    ...middlewareOptions
  } = options;
  const retryOptions = mergeRetryOptions(ZOHO_RECRUIT_RETRY_DEFAULTS, retry);
  if (typeof region !== "string" || !Object.hasOwn(ZOHO_REGIONS, region)) {
    throw new AuthError(
      "INVALID_OPTION",
      `zoho-recruit: option "region" must be one of ${Object.keys(ZOHO_REGIONS).join(", ")}`,
      {
        vendor: "zoho-recruit",
        option: "region",
      },
    );
  }
  if (auth === null || typeof auth !== "object") {
    throw new AuthError(
      "INVALID_OPTION",
      'zoho-recruit: option "auth" must be { clientId, clientSecret, refreshToken } or a scheme',
      {
        vendor: "zoho-recruit",
        option: "auth",
      },
    );
  }
  const baseUrl = (baseOverride ?? zohoRecruitBaseUrl(region)).replace(/\/+$/, "");
  const scheme =
    "obtain" in auth
      ? auth
      : zohoRecruitAuth({
          ...auth,
          region,
          baseUrl,
          ...(accountsUrl === undefined ? {} : { accountsUrl }),
          ...(tokenUrl === undefined ? {} : { tokenUrl }),
        });
  const fetchAtCallTime = fetchOption ?? ((input: Request) => globalThis.fetch(input));
  const middleware = createAuthMiddleware(pinOrigin(scheme, baseUrl), { ...middlewareOptions, fetch: fetchOption });
  // Zoho reads list parameters as one comma-separated value (`fields=Email,Last_Name`,
  // `ids=1,2`; https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html), not as repeated keys.
  const client = createClient<ZohoRecruitPaths>({
    baseUrl,
    // Below the middlewares: every attempt, the 401 replay included, carries the token the
    // middleware set (packages/retry/README.md).
    fetch: retryOptions === undefined ? fetchAtCallTime : createRetryFetch(fetchAtCallTime, retryOptions),
    headers,
    querySerializer: { array: { style: "form", explode: false } },
  });
  // Registered first so that its onResponse runs last, on the answer the auth middleware settled.
  client.use(wrappedErrorMiddleware);
  client.use(middleware);
  return Object.assign(client, {
    paginate: createPaginate(client),
    bulkWrite: createBulkWrite(client),
    dispose: () => middleware.dispose(),
  }) as ZohoRecruitClient;
}
