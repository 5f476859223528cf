import type { AuthScheme } from "@hirekit/auth-middleware";
import { ZOHO_REGIONS, type ZohoRegion, zohoRecruitAuth, zohoRecruitBaseUrl } from "@hirekit/auth-middleware/zoho-recruit";
import type { RetryOptions } from "@hirekit/retry";
import { defineVendorClient, oneOf, type VendorClientOptions } from "@hirekit/vendor-kit";
import { createBulkWrite } from "./bulk.js";
import { createPaginate, type ZohoRecruitExtras } from "./paginate.js";
import type { ZohoRecruitPaths } from "./paths.js";
import { wrappedErrorMiddleware } from "./wrapped-error.js";

/** Zoho credentials: the OAuth client and its refresh token, or any scheme (e.g. for a proxy). */
export type ZohoRecruitCredentials = { clientId: string; clientSecret: string; refreshToken: string } | AuthScheme;

/**
 * Options of {@link createZohoRecruitClient}; the shared ones are documented on `VendorClientOptions`.
 * `baseUrl` defaults to `https://recruit.zoho.{tld}/recruit/v2` for the region.
 */
export interface ZohoRecruitClientOptions extends VendorClientOptions<Exclude<ZohoRecruitCredentials, AuthScheme>> {
  /** Data centre of the Zoho account (`us`, `eu`, `in`, `au`, `jp`, `ca`, `sa`, `uk`, `cn`, `ae`, `sg`): picks the accounts server and the Recruit host. */
  region: ZohoRegion;
  /** Accounts server override (the `accounts-server` returned with the grant code). */
  accountsUrl?: string;
  /** Token endpoint override; default `{accountsUrl}/oauth/v2/token`. */
  tokenUrl?: string;
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
export type ZohoRecruitClient = ReturnType<typeof createZohoRecruitClient>;

/**
 * A typed Zoho Recruit client with OAuth handled: access tokens come from the refresh token
 * at the accounts server of `region`, are sent as `Zoho-oauthtoken`, cached for their hour,
 * refreshed ahead of expiry within Zoho's token-request limits and renewed after a 401.
 * Array query parameters (`fields`, `ids`, `candidate_statuses`) are sent comma-separated,
 * as Zoho expects (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html).
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
export const createZohoRecruitClient = defineVendorClient<ZohoRecruitPaths, ZohoRecruitClientOptions, ZohoRecruitExtras>({
  vendor: "zoho-recruit",
  credentials: "{ clientId, clientSecret, refreshToken } or a scheme",
  retryDefaults: ZOHO_RECRUIT_RETRY_DEFAULTS,
  configure({ region }, fail) {
    oneOf(ZOHO_REGIONS, region, "region", fail);
    return zohoRecruitBaseUrl(region);
  },
  scheme: (auth, { region, accountsUrl, tokenUrl }, baseUrl) =>
    zohoRecruitAuth({
      ...auth,
      region,
      baseUrl,
      ...(accountsUrl === undefined ? {} : { accountsUrl }),
      ...(tokenUrl === undefined ? {} : { tokenUrl }),
    }),
  querySerializer: { array: { style: "form", explode: false } },
  // Before the auth middleware, so that its onResponse runs last, on the answer that one settled.
  middleware: [wrappedErrorMiddleware],
  extend: ({ request }) => ({ paginate: createPaginate(request), bulkWrite: createBulkWrite(request) }) as ZohoRecruitExtras,
});
