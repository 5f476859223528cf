import type { AuthScheme } from "../types.js";
import { secureUrl, trimSlash } from "../url.js";
import { apiKey } from "./api-key.js";
import { clientCredentials } from "./oauth.js";
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

/** Options of {@link smartRecruitersAuth}: an API key or OAuth client credentials. */
export type SmartRecruitersAuthOptions = SmartRecruitersApiKeyOptions | SmartRecruitersOAuthOptions;

/**
 * SmartRecruiters credentials: `{ apiKey }` → `X-SmartToken: <key>`; or
 * `{ clientId, clientSecret }` → `POST /identity/oauth/token` with `client_id`,
 * `client_secret`, `grant_type=client_credentials` in a form body → `Authorization: Bearer`
 * (tokens live 1799 s).
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
  const oauth = options as SmartRecruitersOAuthOptions;
  return clientCredentials({
    vendor,
    tokenUrl: optionalString(oauth, "tokenUrl", vendor) ?? `${baseUrl}/identity/oauth/token`,
    clientId: requiredString(oauth, "clientId", vendor),
    clientSecret: requiredString(oauth, "clientSecret", vendor),
    clientAuthentication: "client_secret_post",
    apiBaseUrl: baseUrl,
  });
}
