import type { AuthScheme } from "../types.js";
import { secureUrl, trimSlash } from "../url.js";
import { apiKey } from "./api-key.js";
import { clientCredentials, refreshToken } from "./oauth.js";
import { oneOf, optionalString, requiredString, requireObject } from "./options.js";

/** SmartRecruiters hosts (smartrecruiters.md §1); the sandbox host is used by community clients. */
export const SMARTRECRUITERS_BASE_URLS = {
  production: "https://api.smartrecruiters.com",
  sandbox: "https://api.sandbox.smartrecruiters.com",
} as const;

/** Which SmartRecruiters host a credential belongs to. */
export type SmartRecruitersEnvironment = keyof typeof SMARTRECRUITERS_BASE_URLS;

interface SmartRecruitersCommon {
  /** Default `"production"`. */
  environment?: SmartRecruitersEnvironment;
  /** API base override (proxy, local fake); `http:` only for loopback hosts. */
  baseUrl?: string;
}

/** An API key, sent as `X-SmartToken`. */
export interface SmartRecruitersApiKeyOptions extends SmartRecruitersCommon {
  apiKey: string;
}

/** OAuth client credentials from the Credential Manager. */
export interface SmartRecruitersOAuthOptions extends SmartRecruitersCommon {
  clientId: string;
  clientSecret: string;
  /** Token endpoint override; default `{baseUrl}/identity/oauth/token`. */
  tokenUrl?: string;
}

/**
 * A user's OAuth grant (authorization code, e.g. from `hirekit auth smartrecruiters`): access
 * tokens minted from its refresh token. SmartRecruiters refresh tokens are single-use and
 * last 28 days (https://help.smartrecruiters.com/Marketplace_Partners/OAuth_2.0/Most_important_facts_about_OAuth_in_SmartRecruiters):
 * the current one lives in the token store, so share one store across processes.
 */
export interface SmartRecruitersUserOAuthOptions extends SmartRecruitersCommon {
  clientId: string;
  clientSecret: string;
  /** The grant's refresh token; seeds an empty store. Required unless `grantId` names a seeded grant. */
  refreshToken?: string;
  /** Stable name of the grant in the token store (see `seedGrant`). */
  grantId?: string;
  /** Called (at most `timeoutMs`) with each rotated refresh token, after it is in the store. */
  onRefreshToken?: (refreshToken: string) => void | Promise<void>;
  /** Token endpoint override; default `{baseUrl}/identity/oauth/token`. */
  tokenUrl?: string;
}

/** Options of {@link smartRecruitersAuth}: an API key, OAuth client credentials, or a user's OAuth grant. */
export type SmartRecruitersAuthOptions =
  | SmartRecruitersApiKeyOptions
  | SmartRecruitersOAuthOptions
  | SmartRecruitersUserOAuthOptions;

/**
 * SmartRecruiters credentials: `{ apiKey }` → `X-SmartToken: <key>`; or
 * `{ clientId, clientSecret }` → `POST /identity/oauth/token` with `client_id`,
 * `client_secret`, `grant_type=client_credentials` in a form body → `Authorization: Bearer`
 * (tokens live 1799 s); or `{ clientId, clientSecret, refreshToken | grantId }` → the same
 * endpoint with `grant_type=refresh_token`, rotation-safe across processes sharing a store.
 *
 * @example
 * ```ts
 * const byKey = createAuthMiddleware(smartRecruitersAuth({ apiKey: process.env.SR_API_KEY! }));
 * const byOAuth = createAuthMiddleware(
 *   smartRecruitersAuth({ clientId: process.env.SR_CLIENT_ID!, clientSecret: process.env.SR_CLIENT_SECRET! }),
 * );
 * ```
 */
export function smartRecruitersAuth(options: SmartRecruitersAuthOptions): AuthScheme {
  const vendor = "smartrecruiters";
  requireObject(options, vendor);
  const environment = oneOf(options, "environment", vendor, ["production", "sandbox"] as const, "production");
  const baseUrl = trimSlash(
    secureUrl(optionalString(options, "baseUrl", vendor) ?? SMARTRECRUITERS_BASE_URLS[environment], vendor, "baseUrl").href,
  );
  if ("apiKey" in options && options.apiKey !== undefined) {
    return apiKey({ vendor, header: "X-SmartToken", value: requiredString(options, "apiKey", vendor), apiBaseUrl: baseUrl });
  }
  const tokenUrlOption = optionalString(options, "tokenUrl", vendor);
  if ("refreshToken" in options || "grantId" in options) {
    const user = options as SmartRecruitersUserOAuthOptions;
    return refreshToken({
      vendor,
      tokenUrl: tokenUrlOption ?? `${baseUrl}/identity/oauth/token`,
      clientId: requiredString(user, "clientId", vendor),
      clientSecret: requiredString(user, "clientSecret", vendor),
      ...(user.refreshToken === undefined ? {} : { refreshToken: user.refreshToken }),
      ...(user.grantId === undefined ? {} : { grantId: user.grantId }),
      ...(user.onRefreshToken === undefined ? {} : { onRefreshToken: user.onRefreshToken }),
      clientAuthentication: "client_secret_post",
      apiBaseUrl: baseUrl,
    });
  }
  const oauth = options as SmartRecruitersOAuthOptions;
  return clientCredentials({
    vendor,
    tokenUrl: tokenUrlOption ?? `${baseUrl}/identity/oauth/token`,
    clientId: requiredString(oauth, "clientId", vendor),
    clientSecret: requiredString(oauth, "clientSecret", vendor),
    clientAuthentication: "client_secret_post",
    apiBaseUrl: baseUrl,
  });
}
