import type { AuthScheme } from "@hirekit/auth-middleware";
import { BULLHORN_BASE_URL, type BullhornAuthOptions, bullhornAuth } from "@hirekit/auth-middleware/bullhorn";
import type { RetryOptions } from "@hirekit/retry";
import { CONSERVATIVE_RETRY_DEFAULTS, defineVendorClient, type VendorClientOptions } from "@hirekit/vendor-kit";
import type { paths } from "./generated/schema.js";
import { type BullhornExtras, createPaginate } from "./paginate.js";

/**
 * Bullhorn credentials: the OAuth client, the API user and the grant's refresh token (or the
 * `grantId` of a grant seeded in the token store), or any ready scheme. Refresh tokens are
 * single-use: give every process of a fleet the same shared `tokenStore`.
 */
export type BullhornCredentials = BullhornAuthOptions | AuthScheme;

/**
 * Options of {@link createBullhornClient}; the shared ones are documented on `VendorClientOptions`.
 * `baseUrl` defaults to a placeholder for the corporation's REST base, which only the login
 * tells: requests aimed at it go to the session's `restUrl`.
 */
export type BullhornClientOptions = VendorClientOptions<BullhornAuthOptions>;

/**
 * Bullhorn's retry defaults: calls are limited per minute and per month
 * (https://bullhorn.github.io/rest-api-docs/#usage-limits), so retries are few and a 429 waits
 * at least 2 s: two retries, 1 s backoff base, 30 s in all.
 */
export const BULLHORN_RETRY_DEFAULTS: RetryOptions = { ...CONSERVATIVE_RETRY_DEFAULTS };

/** The Bullhorn client: openapi-fetch's typed methods plus `paginate` and `dispose` (which logs the session out). */
export type BullhornClient = ReturnType<typeof createBullhornClient>;

/**
 * A typed Bullhorn client with both stages of its credential handled: the data centre is
 * discovered from the API user, the single-use refresh token is rotated safely (through the
 * `tokenStore` across a fleet), a REST session is logged in with the access token, and every
 * request carries its `BhRestToken` to the corporation's `restUrl` the login returned. An
 * expired session is logged in again and the request replayed once; `dispose()` logs out.
 *
 * @example
 * ```ts
 * const bullhorn = createBullhornClient({
 *   auth: {
 *     clientId: process.env.BULLHORN_CLIENT_ID!,
 *     clientSecret: process.env.BULLHORN_CLIENT_SECRET!,
 *     username: process.env.BULLHORN_API_USER!,
 *     refreshToken: process.env.BULLHORN_REFRESH_TOKEN!,
 *   },
 * });
 * const { data } = await bullhorn.GET("/entity/Candidate/{id}", { params: { path: { id: 42 }, query: { fields: "id,firstName" } } });
 * await bullhorn.dispose();
 * ```
 */
export const createBullhornClient = defineVendorClient<paths, BullhornClientOptions, BullhornExtras>({
  vendor: "bullhorn",
  credentials: "{ clientId, clientSecret, username, refreshToken | grantId } or a scheme",
  configure: () => BULLHORN_BASE_URL,
  scheme: (auth) => bullhornAuth(auth),
  // `fields=id,firstName` is one comma-separated value (https://bullhorn.github.io/rest-api-docs/#fields).
  querySerializer: { array: { style: "form", explode: false } },
  extend: ({ request }) => ({ paginate: createPaginate(request) }),
});
