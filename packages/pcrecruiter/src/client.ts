import { PCRECRUITER_BASE_URL, type PCRecruiterSessionOptions, pcrecruiterSession } from "@hirekit/auth-middleware/pcrecruiter";
import type { RetryOptions } from "@hirekit/retry";
import { CONSERVATIVE_RETRY_DEFAULTS, defineVendorClient, type VendorClientOptions } from "@hirekit/vendor-kit";
import { type PCRecruiterExtras, type PCRecruiterTrackedPath, readChanges } from "./change-tracking.js";
import type { paths } from "./generated/schema.js";
import { paginateList } from "./paginate.js";

/** The legacy host of older clients and samples (same paths; prefer the default, https://www.pcrecruiter.net/APIDOCS_V2/). */
export const PCRECRUITER_LEGACY_BASE_URL = "https://www.pcrecruiter.net/rest/api";

/** PCRecruiter login: user and database, plus the App ID and API Key from Main Sequence's developer portal. */
export type PCRecruiterCredentials = Omit<PCRecruiterSessionOptions, "baseUrl">;

/**
 * Options of {@link createPCRecruiterClient}; the shared ones are documented on `VendorClientOptions`.
 * `baseUrl` defaults to `https://www2.pcrecruiter.net/rest/api`; also the legacy host
 * ({@link PCRECRUITER_LEGACY_BASE_URL}) or an on-premise install. `headers` may carry
 * `Accept-Language`, which formats custom-field values.
 */
export interface PCRecruiterClientOptions extends VendorClientOptions<PCRecruiterCredentials> {
  /** `ResultsPerPage` of `paginate` and `changes` when the call sets none (default 500). */
  pageSize?: number;
}

/**
 * PCRecruiter's retry defaults: conservative, since usage is metered in calls per day and
 * every retry counts (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Reference-Guide.html): two retries, 1 s backoff base, 30 s in all.
 */
export const PCRECRUITER_RETRY_DEFAULTS: RetryOptions = { ...CONSERVATIVE_RETRY_DEFAULTS };

/** The PCRecruiter client: openapi-fetch's typed methods plus `paginate`, `changes` and `dispose` (which ends the session). */
export type PCRecruiterClient = ReturnType<typeof createPCRecruiterClient>;

/**
 * A typed PCRecruiter client with the session handled: one login (`POST /access-token`)
 * serves every request, sent as `Authorization: BEARER {SessionId}`; after the database's
 * inactivity timeout the API answers 401, a new session is created and the request replayed
 * once; `dispose()` ends the session.
 *
 * @example
 * ```ts
 * const pcr = createPCRecruiterClient({
 *   auth: {
 *     username: process.env.PCR_USERNAME!, password: process.env.PCR_PASSWORD!,
 *     databaseId: "SampleDB.SampleProfile", apiKey: process.env.PCR_API_KEY!, appId: process.env.PCR_APP_ID!,
 *   },
 * });
 * const { data } = await pcr.GET("/candidatesV2/{CandidateId}", { params: { path: { CandidateId: 42 } } });
 * await pcr.dispose();
 * ```
 */
export const createPCRecruiterClient = defineVendorClient<paths, PCRecruiterClientOptions, PCRecruiterExtras>({
  vendor: "pcrecruiter",
  credentials: "the login ({ username, password, databaseId, apiKey, appId }) or an auth scheme",
  configure: ({ pageSize = 500 }, fail) =>
    Number.isInteger(pageSize) && pageSize >= 1 ? PCRECRUITER_BASE_URL : fail("pageSize", "must be a positive integer"),
  // The scheme validates the login and refuses plain http: to non-loopback hosts.
  scheme: (auth, _options, baseUrl) => pcrecruiterSession({ ...auth, baseUrl }),
  extend: ({ request, scheme, options: { pageSize = 500 } }) => {
    const pager = { request, pageSize, secrets: () => scheme.secrets() };
    return {
      paginate: (path: string, ...[init, options]: unknown[]) => paginateList(pager, path, init as never, options as never),
      changes: (path: PCRecruiterTrackedPath, options: unknown) => readChanges(pager, path, options as never),
    } as PCRecruiterExtras;
  },
});
