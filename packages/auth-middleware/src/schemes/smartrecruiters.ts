/**
 * SmartRecruiters credentials (`@hirekit/auth-middleware/smartrecruiters`): API key, OAuth client credentials, and a user's rotation-safe grant.
 *
 * @module @hirekit/auth-middleware/smartrecruiters
 */
import { invalidOption } from "../errors.js";
import type { AuthScheme } from "../types.js";
import { secureUrl, trimSlash } from "../url.js";
import { apiKey } from "./api-key.js";
import { clientCredentials, refreshToken } from "./oauth.js";
import { oneOf, optionalString, requiredString, requireObject } from "./options.js";

/** SmartRecruiters hosts (https://developers.smartrecruiters.com/docs/get-started); the sandbox host is used by community clients. */
export const SMARTRECRUITERS_BASE_URLS = {
  production: "https://api.smartrecruiters.com",
  sandbox: "https://api.sandbox.smartrecruiters.com",
} as const;

/** Which SmartRecruiters host a credential belongs to. */
export type SmartRecruitersEnvironment = keyof typeof SMARTRECRUITERS_BASE_URLS;

/** Options every SmartRecruiters scheme takes: the host it is for. */
export interface SmartRecruitersCommon {
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

/** Options of {@link smartRecruitersUserAuth}: a user's OAuth grant. */
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

/** Options of {@link smartRecruitersAuth}: an API key or OAuth client credentials. */
export type SmartRecruitersAuthOptions = SmartRecruitersApiKeyOptions | SmartRecruitersOAuthOptions;

/**
 * SmartRecruiters application credentials: `{ apiKey }` → `X-SmartToken: <key>`; or
 * `{ clientId, clientSecret }` → `POST /identity/oauth/token` with `client_id`,
 * `client_secret`, `grant_type=client_credentials` in a form body → `Authorization: Bearer`
 * (tokens live 1799 s). A user's grant (a refresh token) is {@link smartRecruitersUserAuth}.
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
  const baseUrl = baseUrlOf(options);
  if ("apiKey" in options && options.apiKey !== undefined) {
    return apiKey({ vendor, header: "X-SmartToken", value: requiredString(options, "apiKey", vendor), apiBaseUrl: baseUrl });
  }
  if ("refreshToken" in options || "grantId" in options) {
    throw invalidOption(vendor, "refreshToken", "belongs to a user's grant: use smartRecruitersUserAuth()");
  }
  return clientCredentials({
    vendor,
    tokenUrl: tokenUrlOf(options as SmartRecruitersOAuthOptions, baseUrl),
    clientId: requiredString(options, "clientId", vendor),
    clientSecret: requiredString(options, "clientSecret", vendor),
    clientAuthentication: "client_secret_post",
    apiBaseUrl: baseUrl,
  });
}

/**
 * A SmartRecruiters user's OAuth grant (authorization code, e.g. from
 * `hirekit auth smartrecruiters`): `POST /identity/oauth/token` with
 * `grant_type=refresh_token`, `refresh_token`, `client_id` and `client_secret` in a form
 * body. SmartRecruiters refresh tokens are single-use and last 28 days
 * (https://help.smartrecruiters.com/Marketplace_Partners/OAuth_2.0/Most_important_facts_about_OAuth_in_SmartRecruiters):
 * the current one is kept in the token store and replaced under its lock, so processes
 * sharing a store never send a spent one.
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(
 *   smartRecruitersUserAuth({ clientId, clientSecret, grantId: "acme-sync" }), // seeded with seedGrant()
 *   { tokenStore }, // shared by every process
 * );
 * ```
 */
export function smartRecruitersUserAuth(options: SmartRecruitersUserOAuthOptions): AuthScheme {
  const baseUrl = baseUrlOf(options);
  return refreshToken({ ...options, vendor, tokenUrl: tokenUrlOf(options, baseUrl), apiBaseUrl: baseUrl });
}

const vendor = "smartrecruiters";

function baseUrlOf(options: SmartRecruitersCommon): string {
  requireObject(options, vendor);
  const environment = oneOf(options, "environment", vendor, ["production", "sandbox"] as const, "production");
  const url = optionalString(options, "baseUrl", vendor) ?? SMARTRECRUITERS_BASE_URLS[environment];
  return trimSlash(secureUrl(url, vendor, "baseUrl").href);
}

function tokenUrlOf(options: { tokenUrl?: string }, baseUrl: string): string {
  return optionalString(options, "tokenUrl", vendor) ?? `${baseUrl}/identity/oauth/token`;
}
