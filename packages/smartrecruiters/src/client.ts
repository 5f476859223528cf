import {
  AuthError,
  type AuthMiddlewareOptions,
  type AuthScheme,
  createAuthMiddleware,
  pinOrigin,
} from "@hirekit/auth-middleware";
import {
  SMARTRECRUITERS_BASE_URLS,
  type SmartRecruitersAuthOptions,
  type SmartRecruitersCommon,
  type SmartRecruitersEnvironment,
  type SmartRecruitersUserOAuthOptions,
  smartRecruitersAuth,
  smartRecruitersUserAuth,
} from "@hirekit/auth-middleware/smartrecruiters";
import { createRetryFetch, mergeRetryOptions, type RetryOptions } from "@hirekit/retry";
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import { limitConcurrency, limitRate, SMARTRECRUITERS_CONCURRENCY, SMARTRECRUITERS_RATE } from "./concurrency.js";
import type { paths } from "./generated/schema.js";
import {
  type PaginateOptions,
  paginate,
  type RawGet,
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

/** Options of {@link createSmartRecruitersClient}. */
export interface SmartRecruitersClientOptions extends Omit<AuthMiddlewareOptions, "fetch"> {
  /** `{ apiKey }`, `{ clientId, clientSecret }`, or a ready scheme. */
  auth: SmartRecruitersCredentials;
  /** `production` (default) or `sandbox`. */
  environment?: SmartRecruitersEnvironment;
  /** API base override (proxy, local fake); `http:` only for loopback hosts. */
  baseUrl?: string;
  /** OAuth token endpoint override; default `{baseUrl}/identity/oauth/token`. */
  tokenUrl?: string;
  /** `fetch` for API and token calls; default the global `fetch`, looked up at call time. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: ClientOptions["headers"];
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
  /**
   * Retries of failed API calls (network errors, 408, 429, 5xx), on top of
   * {@link SMARTRECRUITERS_RETRY_DEFAULTS}; `false` turns them off.
   */
  retry?: false | RetryOptions;
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
export type SmartRecruitersClient = Client<paths> & {
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
  /** Stops token work; later requests fail with `DISPOSED`. */
  dispose(): Promise<void>;
};

const VENDOR = "smartrecruiters";
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
export function createSmartRecruitersClient(options: SmartRecruitersClientOptions): SmartRecruitersClient {
  if (options === null || typeof options !== "object") throw invalidOption("options", "must be an object");
  const {
    auth,
    environment = "production",
    baseUrl: baseOverride,
    tokenUrl,
    fetch: fetchOption,
    headers,
    maxConcurrentRequests = SMARTRECRUITERS_CONCURRENCY.all,
    requestsPerSecond = SMARTRECRUITERS_RATE.perSecond,
    retry,
    ...middlewareOptions
  } = options;
  const retryOptions = mergeRetryOptions(SMARTRECRUITERS_RETRY_DEFAULTS, retry);
  if (!ENVIRONMENTS.includes(environment)) {
    throw invalidOption("environment", `must be one of ${ENVIRONMENTS.map((e) => `"${e}"`).join(", ")}`);
  }
  if (auth === null || typeof auth !== "object") {
    throw invalidOption(
      "auth",
      "is required: { apiKey }, { clientId, clientSecret }, { clientId, clientSecret, refreshToken } or a scheme",
    );
  }
  if (
    !Number.isInteger(maxConcurrentRequests) ||
    maxConcurrentRequests < 1 ||
    maxConcurrentRequests > SMARTRECRUITERS_CONCURRENCY.all
  ) {
    throw invalidOption("maxConcurrentRequests", `must be a whole number from 1 to ${SMARTRECRUITERS_CONCURRENCY.all}`);
  }
  if (
    requestsPerSecond !== false &&
    (typeof requestsPerSecond !== "number" ||
      !Number.isInteger(requestsPerSecond) ||
      requestsPerSecond < 1 ||
      requestsPerSecond > SMARTRECRUITERS_RATE.perSecond)
  ) {
    throw invalidOption("requestsPerSecond", `must be false or a whole number from 1 to ${SMARTRECRUITERS_RATE.perSecond}`);
  }
  if (fetchOption !== undefined && typeof fetchOption !== "function") throw invalidOption("fetch", "must be a function");
  const isScheme = "obtain" in auth;
  if (tokenUrl !== undefined && (isScheme || "apiKey" in auth)) {
    throw invalidOption("tokenUrl", "applies only to OAuth credentials ({ clientId, clientSecret, refreshToken? })");
  }
  const baseUrl = (baseOverride ?? SMARTRECRUITERS_BASE_URLS[environment]).replace(/\/+$/, "");
  const schemeOptions = { ...auth, environment, baseUrl, ...(tokenUrl === undefined ? {} : { tokenUrl }) };
  const scheme = isScheme
    ? auth
    : "refreshToken" in auth || "grantId" in auth
      ? smartRecruitersUserAuth(schemeOptions as SmartRecruitersUserOAuthOptions)
      : smartRecruitersAuth(schemeOptions as SmartRecruitersAuthOptions);
  let basePath: string;
  try {
    basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  } catch {
    throw invalidOption("baseUrl", "is not a valid absolute URL");
  }

  let latest: SmartRecruitersRateLimit | undefined;
  const fetchAtCallTime = fetchOption ?? ((request: Request) => globalThis.fetch(request));
  // openapi-fetch → middlewares → quota observer → concurrency slots → retries → rate limit
  // → fetch: a request keeps its slot while it backs off, and every attempt takes a rate
  // token, so retries cannot push the client over the per-second quota either.
  const rated = requestsPerSecond === false ? fetchAtCallTime : limitRate(fetchAtCallTime, { perSecond: requestsPerSecond });
  const retrying = retryOptions === undefined ? rated : createRetryFetch(rated, retryOptions);
  const limited = limitConcurrency(retrying, { maxConcurrent: maxConcurrentRequests, basePath });
  const observed = async (request: Request) => {
    const response = await limited(request);
    latest = readRateLimit(response) ?? latest;
    return response;
  };
  const middleware = createAuthMiddleware(pinOrigin(scheme, baseUrl), { ...middlewareOptions, fetch: fetchOption });
  const client = createClient<paths>({
    baseUrl,
    fetch: observed,
    headers,
    // Lists repeat the parameter (`jobId=a&jobId=b`); object filters such as the postings'
    // `customFields` become one parameter per key (`custom_field.<id>=…`), as the spec says.
    querySerializer: { array: { style: "form", explode: true }, object: { style: "form", explode: true } },
  });
  client.use(middleware);

  const get = client.GET as unknown as RawGet;
  return Object.assign(client, {
    paginate<P extends SmartRecruitersPaginatedPath>(path: P, ...args: SmartRecruitersPaginateArgs<P>) {
      const [init, paginateOptions] = args as [{ params?: Record<string, unknown> } | undefined, PaginateOptions | undefined];
      return paginate(get, path, init, paginateOptions);
    },
    rateLimit: () => latest,
    dispose: () => middleware.dispose(),
  });
}

function invalidOption(option: string, problem: string): AuthError {
  return new AuthError("INVALID_OPTION", `${VENDOR}: option "${option}" ${problem}`, { vendor: VENDOR, option });
}
