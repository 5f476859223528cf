import type { AuthScheme } from "@hirekit/auth-middleware";
import { STERLING_BASE_URLS, type SterlingEnvironment, sterlingAuth } from "@hirekit/auth-middleware/sterling";
import type { RetryOptions } from "@hirekit/retry";
import { CONSERVATIVE_RETRY_DEFAULTS, defineVendorClient, oneOf, type VendorClientOptions } from "@hirekit/vendor-kit";
import type { paths } from "./generated/schema.js";
import { createPaginate, type SterlingExtras } from "./paginate.js";

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
export const STERLING_RETRY_DEFAULTS: RetryOptions = { ...CONSERVATIVE_RETRY_DEFAULTS };

/** The Sterling client: openapi-fetch's typed methods plus `paginate` and `dispose`. */
export type SterlingClient = ReturnType<typeof createSterlingClient>;

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
  configure: ({ environment }, fail) => oneOf(STERLING_BASE_URLS, environment, "environment", fail),
  scheme: (auth, { environment, tokenUrl }, baseUrl) =>
    sterlingAuth({ ...auth, environment, baseUrl, ...(tokenUrl === undefined ? {} : { tokenUrl }) }),
  extend: ({ request }) => ({ paginate: createPaginate(request) }),
});
