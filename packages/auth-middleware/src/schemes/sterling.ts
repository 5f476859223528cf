/**
 * Sterling credentials (`@hirekit/auth-middleware/sterling`): OAuth client credentials with HTTP Basic, per environment.
 *
 * @module @hirekit/auth-middleware/sterling
 */
import type { AuthScheme } from "../types.js";
import { secureUrl, trimSlash } from "../url.js";
import { clientCredentials } from "./oauth.js";
import { oneOf, optionalString, requiredString, requireObject } from "./options.js";

/** Sterling environments (https://apidocs.sterlingcheck.app/): current `sterlingcheck.app` hosts and legacy `kennect.com` hosts. */
export type SterlingEnvironment = "production" | "integration" | "legacy-production" | "legacy-integration";

/** API base URL of each Sterling environment; the token endpoint is `{base}/oauth`. */
export const STERLING_BASE_URLS: Readonly<Record<SterlingEnvironment, string>> = {
  production: "https://api.us.sterlingcheck.app/v2",
  integration: "https://api.us.int.sterlingcheck.app/v2",
  "legacy-production": "https://api.kennect.com/v2",
  "legacy-integration": "https://api-int.kennect.com/v2",
};

/** Options of {@link sterlingAuth}. */
export interface SterlingAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Which Sterling environment the credential was issued for. */
  environment: SterlingEnvironment;
  /** API base override (proxy, local fake); `http:` only for loopback hosts. */
  baseUrl?: string;
  /** Token endpoint override; default `{baseUrl}/oauth`. */
  tokenUrl?: string;
  /**
   * Encoding of id and secret inside the Basic header. Default `"form-urlencoded"` (RFC 6749
   * §2.3.1). Sterling's own example joins them unencoded (`example@example.com:86753O9`):
   * choose `"raw"` if a client id with `@` or other reserved characters is refused.
   */
  basicEncoding?: "form-urlencoded" | "raw";
}

/**
 * Sterling OAuth client credentials with HTTP Basic: `POST {host}/v2/oauth` with
 * `Authorization: Basic base64(client_id:client_secret)` and `grant_type=client_credentials`;
 * the token (10 hours per the vendor; `expires_in` may arrive as a string) is cached until
 * it expires and sent as exactly `Bearer <token>` (Sterling answers 500 to anything else).
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(
 *   sterlingAuth({ clientId: process.env.STERLING_CLIENT_ID!, clientSecret: process.env.STERLING_CLIENT_SECRET!, environment: "integration" }),
 * );
 * ```
 */
export function sterlingAuth(options: SterlingAuthOptions): AuthScheme {
  const vendor = "sterling";
  requireObject(options, vendor);
  const environment = oneOf(options, "environment", vendor, Object.keys(STERLING_BASE_URLS) as SterlingEnvironment[]);
  const baseUrl = trimSlash(
    secureUrl(optionalString(options, "baseUrl", vendor) ?? STERLING_BASE_URLS[environment], vendor, "baseUrl").href,
  );
  return clientCredentials({
    vendor,
    tokenUrl: optionalString(options, "tokenUrl", vendor) ?? `${baseUrl}/oauth`,
    clientId: requiredString(options, "clientId", vendor),
    clientSecret: requiredString(options, "clientSecret", vendor),
    clientAuthentication: "client_secret_basic",
    basicEncoding: options.basicEncoding ?? "form-urlencoded",
    apiBaseUrl: baseUrl,
  });
}
