/**
 * SmartRecruiters credentials (`@hirekit/auth-middleware/smartrecruiters`): API key, OAuth client credentials, a user's rotation-safe grant, and the
 * authorization-code exchange that starts one (beside Zoho Recruit's, at `/zoho-recruit`).
 *
 * @module @hirekit/auth-middleware/smartrecruiters
 */
import { AuthError, invalidOption } from "../errors.js";
import type { AuthScheme, SchemeContext } from "../types.js";
import { secureUrl, trimSlash } from "../url.js";
import { apiKey } from "./api-key.js";
import { clientCredentials, refreshToken } from "./oauth.js";
import { describeScheme, oneOf, optionalString, requiredString, requireObject, standaloneContext } from "./options.js";

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

/** Default token endpoint for SmartRecruiters' authorization-code grant (https://developers.smartrecruiters.com/docs/authentication-oauth-authorization-code). */
export const SMARTRECRUITERS_TOKEN_URL = `${SMARTRECRUITERS_BASE_URLS.production}/identity/oauth/token`;
/** SmartRecruiters' browser consent page (https://developers.smartrecruiters.com/docs/authentication-oauth-authorization-code). */
export const SMARTRECRUITERS_CONSENT_URL = "https://www.smartrecruiters.com/identity/oauth/allow";

/** Options of {@link exchangeSmartRecruitersAuthorizationCode}. */
export interface SmartRecruitersCodeExchangeOptions {
  /** The OAuth application's client id. */
  clientId: string;
  /** The OAuth application's client secret. */
  clientSecret: string;
  /** The grant code from the redirect. */
  code: string;
  /** The redirect URI sent with the consent request, exactly. */
  redirectUri: string;
  /** Token endpoint override (`http:` only for loopback); default {@link SMARTRECRUITERS_TOKEN_URL}. */
  tokenUrl?: string;
  /** `fetch` for the token request; default the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Default 10 000. */
  timeoutMs?: number;
}

/** The result of {@link exchangeSmartRecruitersAuthorizationCode}. Logging it prints no token. */
export interface SmartRecruitersAuthorization {
  accessToken: string;
  /** Single use, 28 days (https://developers.smartrecruiters.com/docs/authentication-oauth-authorization-code): store the newest one every time. */
  refreshToken: string;
  /** Epoch ms when the access token expires, when the answer states a lifetime. */
  expiresAt: number | undefined;
}

/**
 * Exchanges a SmartRecruiters grant code for tokens: `POST /identity/oauth/token` with
 * `grant_type=authorization_code`, `code`, `redirect_uri`, `client_id` and `client_secret` in
 * a form body (https://developers.smartrecruiters.com/docs/authentication-oauth-authorization-code). The call and the validation of the answer are the
 * engine's own (no redirect followed, a timeout, `{"error":…}` and HTML answers rejected,
 * `access_token`/`expires_in`/`refresh_token` checked): it is the client-credentials
 * scheme of `@hirekit/auth-middleware` with the grant fields replaced.
 *
 * @example
 * ```ts
 * const { refreshToken } = await exchangeSmartRecruitersAuthorizationCode({
 *   clientId, clientSecret, code, redirectUri: "http://127.0.0.1:8721/callback",
 * });
 * ```
 */
export async function exchangeSmartRecruitersAuthorizationCode(
  options: SmartRecruitersCodeExchangeOptions,
): Promise<SmartRecruitersAuthorization> {
  const vendor = "smartrecruiters";
  for (const name of ["code", "redirectUri"] as const) {
    if (typeof options[name] !== "string" || options[name].trim() === "") {
      throw new AuthError("INVALID_OPTION", `${vendor}: option "${name}" is required`, { vendor, option: name });
    }
  }
  const scheme = clientCredentials({
    vendor,
    tokenUrl: options.tokenUrl ?? SMARTRECRUITERS_TOKEN_URL,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuthentication: "client_secret_post",
    // The form body is built as grant_type=client_credentials, then these fields replace it (RFC 6749 §4.1.3).
    extraParams: { grant_type: "authorization_code", code: options.code, redirect_uri: options.redirectUri },
  });
  const standalone = standaloneContext(options, vendor);
  let answer: Response | undefined;
  const ctx: SchemeContext = {
    ...standalone,
    // Keeps a copy of the answer: the scheme returns the access token, the refresh token is read here.
    fetch: async (input, init) => {
      const response = await standalone.fetch(input, init);
      answer = response.clone();
      return response;
    },
  };
  const started = Date.now();
  const token = await scheme.obtain(ctx);
  // obtain() succeeded, so the answer was a JSON object and any refresh_token in it a non-empty string.
  const body = (await (answer as Response).json()) as Record<string, unknown>;
  const refreshToken = body.refresh_token;
  if (typeof refreshToken !== "string" || refreshToken.length === 0) {
    throw new AuthError("INVALID_TOKEN_RESPONSE", `${vendor}: token response has no "refresh_token" string`, {
      vendor,
      status: (answer as Response).status,
    });
  }
  const result: SmartRecruitersAuthorization = {
    accessToken: token.value,
    refreshToken,
    expiresAt: token.lifetimeMs === undefined ? undefined : started + token.lifetimeMs,
  };
  const safe = { expiresAt: result.expiresAt, accessToken: "[redacted]", refreshToken: "[redacted]" };
  return describeScheme(result, safe, "SmartRecruitersAuthorization");
}
