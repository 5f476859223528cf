import type { AuthScheme } from "@hirekit/auth-middleware";
import {
  SMARTRECRUITERS_BASE_URLS,
  type SmartRecruitersAuthOptions,
  type SmartRecruitersEnvironment,
  type SmartRecruitersUserOAuthOptions,
  smartRecruitersAuth,
  smartRecruitersUserAuth,
} from "@hirekit/auth-middleware/smartrecruiters";
import type { RetryOptions } from "@hirekit/retry";
import { defineVendorClient, isScheme, oneOf, type VendorClientOptions } from "@hirekit/vendor-kit";
import { checkLimits, limitsTransport, type SmartRecruitersLimits } from "./concurrency.js";
import type { SmartRecruitersCredentials } from "./credentials.js";
import type { paths } from "./generated/schema.js";
import { createPaginate, type SmartRecruitersExtras } from "./paginate.js";
import type { SmartRecruitersRateLimit } from "./rate-limit.js";

/** Options of {@link createSmartRecruitersClient}; the shared ones are documented on `VendorClientOptions`. */
export interface SmartRecruitersClientOptions
  extends VendorClientOptions<Exclude<SmartRecruitersCredentials, AuthScheme>>,
    SmartRecruitersLimits {
  /** `production` (default) or `sandbox`. */
  environment?: SmartRecruitersEnvironment;
  /** OAuth token endpoint override; default `{baseUrl}/identity/oauth/token`. */
  tokenUrl?: string;
}

/**
 * SmartRecruiters' retry defaults (https://developers.smartrecruiters.com/docs/rate-limiting): the quota is per second and
 * `Retry-After` is not documented, so a 429 waits at least one 1 s window plus jitter;
 * `Retry-After` and `X-RateLimit-Reset` are honoured when sent. Three retries, 30 s in all.
 */
export const SMARTRECRUITERS_RETRY_DEFAULTS: RetryOptions = {
  retries: 3,
  baseDelayMs: 500,
  rateLimitDelayMs: 1000,
  maxTotalDelayMs: 30_000,
};

/** The SmartRecruiters client: openapi-fetch's typed methods plus `paginate`, `rateLimit` and `dispose`. */
export type SmartRecruitersClient = ReturnType<typeof createSmartRecruitersClient>;

/**
 * A typed SmartRecruiters client with its credential handled: an API key is sent as
 * `X-SmartToken`; OAuth client credentials are exchanged for a bearer token, cached,
 * refreshed ahead of expiry and renewed after a 401. Requests queue rather than exceed the
 * documented concurrency (8, and 1 for candidate search).
 *
 * @example
 * ```ts
 * const sr = createSmartRecruitersClient({ auth: { apiKey: process.env.SR_API_KEY! } });
 * const { data: job } = await sr.GET("/jobs/{jobId}", { params: { path: { jobId: "3f1c2b9e" } } });
 * for await (const candidate of sr.paginate("/candidates", { params: { query: { jobId: ["3f1c2b9e"] } } })) {
 *   console.log(candidate.email);
 * }
 * await sr.dispose();
 * ```
 */
export const createSmartRecruitersClient = defineVendorClient<paths, SmartRecruitersClientOptions, SmartRecruitersExtras>({
  vendor: "smartrecruiters",
  credentials: "{ apiKey }, { clientId, clientSecret }, { clientId, clientSecret, refreshToken } or a scheme",
  retryDefaults: SMARTRECRUITERS_RETRY_DEFAULTS,
  configure(options, fail) {
    const { environment = "production", auth, tokenUrl } = options;
    checkLimits(options, fail);
    if (tokenUrl !== undefined && (isScheme(auth) || "apiKey" in auth)) {
      fail("tokenUrl", "applies only to OAuth credentials ({ clientId, clientSecret, refreshToken? })");
    }
    return oneOf(SMARTRECRUITERS_BASE_URLS, environment, "environment", fail);
  },
  scheme(auth, { environment = "production", tokenUrl }, baseUrl) {
    const options = { ...auth, environment, baseUrl, ...(tokenUrl === undefined ? {} : { tokenUrl }) };
    return "refreshToken" in auth || "grantId" in auth
      ? smartRecruitersUserAuth(options as SmartRecruitersUserOAuthOptions)
      : smartRecruitersAuth(options as SmartRecruitersAuthOptions);
  },
  // Lists repeat the parameter (`jobId=a&jobId=b`); object filters such as the postings'
  // `customFields` become one parameter per key (`custom_field.<id>=…`), as the spec says.
  querySerializer: { array: { style: "form", explode: true }, object: { style: "form", explode: true } },
  transport: limitsTransport,
  extend: ({ request, shared }) => ({
    paginate: createPaginate(request),
    rateLimit: () => shared.rateLimit as SmartRecruitersRateLimit | undefined,
  }),
});
