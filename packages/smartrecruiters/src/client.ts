import type { AuthScheme } from "@hirekit/auth-middleware";
import {
  SMARTRECRUITERS_BASE_URLS,
  type SmartRecruitersAuthOptions,
  type SmartRecruitersCommon,
  type SmartRecruitersEnvironment,
  type SmartRecruitersUserOAuthOptions,
  smartRecruitersAuth,
  smartRecruitersUserAuth,
} from "@hirekit/auth-middleware/smartrecruiters";
import type { RetryOptions } from "@hirekit/retry";
import { defineVendorClient, type VendorClientOptions } from "@hirekit/vendor-kit";
import { limitConcurrency, limitRate, SMARTRECRUITERS_CONCURRENCY, SMARTRECRUITERS_RATE } from "./concurrency.js";
import type { paths } from "./generated/schema.js";
import {
  type PaginateOptions,
  paginate,
  type SmartRecruitersPageItem,
  type SmartRecruitersPaginateArgs,
  type SmartRecruitersPaginatedPath,
} from "./paginate.js";
import { readRateLimit, type SmartRecruitersRateLimit } from "./rate-limit.js";

/**
 * SmartRecruiters credentials: an API key (`X-SmartToken`), an OAuth client id and secret
 * from the Credential Manager, a user's grant (`refreshToken` and/or `grantId`, rotation-safe
 * through the `tokenStore`; see `smartRecruitersUserAuth`), or any ready scheme (e.g. for a
 * proxy). https://developers.smartrecruiters.com/docs/authentication-oauth-authorization-code
 */
export type SmartRecruitersCredentials =
  | { apiKey: string }
  | { clientId: string; clientSecret: string }
  | Omit<SmartRecruitersUserOAuthOptions, keyof SmartRecruitersCommon | "tokenUrl">
  | AuthScheme;

/** Options of {@link createSmartRecruitersClient}; the shared ones are documented on `VendorClientOptions`. */
export interface SmartRecruitersClientOptions extends VendorClientOptions<Exclude<SmartRecruitersCredentials, AuthScheme>> {
  /** `production` (default) or `sandbox`. */
  environment?: SmartRecruitersEnvironment;
  /** OAuth token endpoint override; default `{baseUrl}/identity/oauth/token`. */
  tokenUrl?: string;
  /**
   * Requests of this client in flight at once, 1–8 (default 8, the documented per-credential
   * limit; `GET /candidates` is always limited to 1). Further requests wait their turn.
   */
  maxConcurrentRequests?: number;
  /**
   * Requests (attempts, retries included) this client starts per second, at most 10 (default
   * 10, the documented limit per credential, https://developers.smartrecruiters.com/docs/rate-limiting), so a bulk job never
   * trips the 429. `false` turns the limiter off (e.g. when several processes share a
   * credential and a proxy limits them).
   */
  requestsPerSecond?: number | false;
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

/** SmartRecruiters' extra methods. */
export interface SmartRecruitersExtras {
  /**
   * Iterates over every item of a list, following its paging to the end: `nextPageId` for
   * jobs (with `sort=job_id`) and candidates, `offset`/`totalFound` for postings and users, the
   * `Link` header for webhook subscriptions and their logs. `limit` defaults to 100. Stops
   * after `maxItems` when given. A failed page throws `SmartRecruitersApiError`.
   */
  paginate<P extends SmartRecruitersPaginatedPath>(
    path: P,
    ...args: SmartRecruitersPaginateArgs<P>
  ): AsyncGenerator<SmartRecruitersPageItem<P>>;
  /** The quota reported by the latest response that carried `X-RateLimit-*` headers. */
  rateLimit(): SmartRecruitersRateLimit | undefined;
}

/** The SmartRecruiters client: openapi-fetch's typed methods plus `paginate`, `rateLimit` and `dispose`. */
export type SmartRecruitersClient = ReturnType<typeof createSmartRecruitersClient>;

const ENVIRONMENTS = Object.keys(SMARTRECRUITERS_BASE_URLS) as SmartRecruitersEnvironment[];

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
    const { maxConcurrentRequests = SMARTRECRUITERS_CONCURRENCY.all, requestsPerSecond = SMARTRECRUITERS_RATE.perSecond } =
      options;
    if (!ENVIRONMENTS.includes(environment))
      fail("environment", `must be one of ${ENVIRONMENTS.map((e) => `"${e}"`).join(", ")}`);
    if (
      !Number.isInteger(maxConcurrentRequests) ||
      maxConcurrentRequests < 1 ||
      maxConcurrentRequests > SMARTRECRUITERS_CONCURRENCY.all
    ) {
      fail("maxConcurrentRequests", `must be a whole number from 1 to ${SMARTRECRUITERS_CONCURRENCY.all}`);
    }
    const perSecond = requestsPerSecond === false ? 1 : requestsPerSecond;
    if (!Number.isInteger(perSecond) || perSecond < 1 || perSecond > SMARTRECRUITERS_RATE.perSecond) {
      fail("requestsPerSecond", `must be false or a whole number from 1 to ${SMARTRECRUITERS_RATE.perSecond}`);
    }
    if (tokenUrl !== undefined && ("obtain" in auth || "apiKey" in auth)) {
      fail("tokenUrl", "applies only to OAuth credentials ({ clientId, clientSecret, refreshToken? })");
    }
    return SMARTRECRUITERS_BASE_URLS[environment];
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
  // middlewares → quota observer → concurrency slots → retries → rate limit → fetch: a request
  // keeps its slot while it backs off, and every attempt takes a rate token, so retries cannot
  // push the client over the per-second quota either.
  transport: {
    attempt: (fetch, { options: { requestsPerSecond = SMARTRECRUITERS_RATE.perSecond } }) =>
      requestsPerSecond === false ? fetch : limitRate(fetch, { perSecond: requestsPerSecond }),
    request(fetch, { options: { maxConcurrentRequests = SMARTRECRUITERS_CONCURRENCY.all }, baseUrl, shared }) {
      const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
      const limited = limitConcurrency(fetch, { maxConcurrent: maxConcurrentRequests, basePath });
      return async (request) => {
        const response = await limited(request);
        shared.rateLimit = readRateLimit(response) ?? shared.rateLimit;
        return response;
      };
    },
  },
  extend: ({ request, shared }) =>
    ({
      paginate: (path: SmartRecruitersPaginatedPath, ...[init, options]: unknown[]) =>
        paginate(request, path, init as { params?: Record<string, unknown> }, options as PaginateOptions),
      rateLimit: () => shared.rateLimit as SmartRecruitersRateLimit | undefined,
    }) as SmartRecruitersExtras,
});
