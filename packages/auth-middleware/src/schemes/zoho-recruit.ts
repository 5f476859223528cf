import { createRateLimiter, type RateLimiter } from "../rate-limit.js";
import { callTokenEndpoint, parseOAuthToken } from "../token-endpoint.js";
import type { AuthScheme } from "../types.js";
import { secureUrl, trimSlash } from "../url.js";
import { fixedRefreshToken } from "./oauth.js";
import { describeScheme, oneOf, optionalString, requiredString, requireObject, standaloneContext } from "./options.js";

/**
 * Zoho data centres: accounts server (tokens) and Recruit API host (https://www.zoho.com/recruit/developer-guide/apiv2/oauth-overview.html).
 * Zoho's `api_domain` (`www.zohoapis.*`) is not the Recruit host, so the host comes from here.
 */
export const ZOHO_REGIONS = {
  us: { accounts: "https://accounts.zoho.com", api: "https://recruit.zoho.com" },
  eu: { accounts: "https://accounts.zoho.eu", api: "https://recruit.zoho.eu" },
  in: { accounts: "https://accounts.zoho.in", api: "https://recruit.zoho.in" },
  au: { accounts: "https://accounts.zoho.com.au", api: "https://recruit.zoho.com.au" },
  jp: { accounts: "https://accounts.zoho.jp", api: "https://recruit.zoho.jp" },
  ca: { accounts: "https://accounts.zohocloud.ca", api: "https://recruit.zohocloud.ca" },
  sa: { accounts: "https://accounts.zoho.sa", api: "https://recruit.zoho.sa" },
  uk: { accounts: "https://accounts.zoho.uk", api: "https://recruit.zoho.uk" },
  cn: { accounts: "https://accounts.zoho.com.cn", api: "https://recruit.zoho.com.cn" },
  ae: { accounts: "https://accounts.zoho.ae", api: "https://recruit.zoho.ae" },
  sg: { accounts: "https://accounts.zoho.sg", api: "https://recruit.zoho.sg" },
} as const;

/** A Zoho data centre key. */
export type ZohoRegion = keyof typeof ZOHO_REGIONS;

/** Zoho Recruit API v2 base of a region, e.g. `https://recruit.zoho.eu/recruit/v2`. */
export function zohoRecruitBaseUrl(region: ZohoRegion): string {
  return `${ZOHO_REGIONS[region].api}/recruit/v2`;
}

/** Zoho Accounts: at most 10 access tokens per refresh token per 10 minutes (https://www.zoho.com/recruit/developer-guide/apiv2/oauth-overview.html). */
export const ZOHO_ACCESS_TOKEN_LIMIT = { limit: 10, windowMs: 600_000 } as const; // 10 minutes
/** Zoho Recruit: at most five refresh tokens generated per minute (seed: "Generating Tokens"). */
export const ZOHO_REFRESH_TOKEN_LIMIT = { limit: 5, windowMs: 60_000 } as const;

/** Limiters shared by every scheme in the process, keyed by accounts server and client (and refresh token). */
const limiters: Map<string, RateLimiter> = /* @__PURE__ */ new Map();
function limiterFor(key: string, spec: { limit: number; windowMs: number }): RateLimiter {
  let limiter = limiters.get(key);
  if (limiter === undefined) {
    limiter = createRateLimiter(spec.limit, spec.windowMs, Date.now);
    limiters.set(key, limiter);
  }
  return limiter;
}

/** Zoho answers throttling with HTTP 200 and `{"error":"Access Denied"}` (https://www.zoho.com/recruit/developer-guide/apiv2/access-refresh.html). */
function classifyZohoError(oauthError: string, description: string | undefined) {
  const text = `${oauthError} ${description ?? ""}`.toLowerCase();
  return text.includes("access denied") || text.includes("too many requests") ? ("TOKEN_RATE_LIMITED" as const) : undefined;
}

interface ZohoCommon {
  /** Data centre of the Zoho account (`us`, `eu`, `in`, `au`, `jp`, `ca`, `sa`, `uk`, `cn`, …). */
  region: ZohoRegion;
  /** Accounts server override (the `accounts-server` returned with the grant code, or a local fake). */
  accountsUrl?: string;
}

/** Options of {@link zohoRecruitAuth}. */
export interface ZohoRecruitAuthOptions extends ZohoCommon {
  clientId: string;
  clientSecret: string;
  /** The refresh token from {@link exchangeZohoAuthorizationCode}; Zoho refresh tokens do not expire. */
  refreshToken: string;
  /** Token endpoint override; default `{accountsUrl}/oauth/v2/token`. */
  tokenUrl?: string;
  /** API base override; default `https://recruit.zoho.{tld}/recruit/v2` of the region. */
  baseUrl?: string;
}

function accountsOf(options: ZohoCommon, vendor: string): { region: ZohoRegion; accounts: string } {
  const region = oneOf(options, "region", vendor, Object.keys(ZOHO_REGIONS) as ZohoRegion[]);
  const override = optionalString(options, "accountsUrl", vendor);
  const accounts = trimSlash(secureUrl(override ?? ZOHO_REGIONS[region].accounts, vendor, "accountsUrl").href);
  return { region, accounts };
}

/**
 * Zoho Recruit OAuth: access tokens from the refresh grant `POST {accounts}/oauth/v2/token`
 * (`grant_type=refresh_token`, `client_id`, `client_secret`, `refresh_token` as a form body),
 * sent as `Authorization: Zoho-oauthtoken {token}`; one hour each. Token requests are
 * queued so that no refresh token asks for more than 10 access tokens in 10 minutes, and
 * Zoho's HTTP-200 error answers are errors (`TOKEN_REJECTED`, or `TOKEN_RATE_LIMITED` for
 * its throttle).
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(
 *   zohoRecruitAuth({ region: "eu", clientId, clientSecret, refreshToken: process.env.ZOHO_REFRESH_TOKEN! }),
 * );
 * ```
 */
export function zohoRecruitAuth(options: ZohoRecruitAuthOptions): AuthScheme {
  const vendor = "zoho-recruit";
  requireObject(options, vendor);
  const { region, accounts } = accountsOf(options, vendor);
  const tokenUrl = optionalString(options, "tokenUrl", vendor) ?? `${accounts}/oauth/v2/token`;
  const clientId = requiredString(options, "clientId", vendor);
  const token = requiredString(options, "refreshToken", vendor);
  const baseUrl = optionalString(options, "baseUrl", vendor) ?? zohoRecruitBaseUrl(region);
  return fixedRefreshToken(
    {
      vendor,
      tokenUrl,
      clientId,
      clientSecret: requiredString(options, "clientSecret", vendor),
      refreshToken: token,
      authorizationPrefix: "Zoho-oauthtoken ",
      apiBaseUrl: trimSlash(secureUrl(baseUrl, vendor, "baseUrl").href),
    },
    {
      classifyError: classifyZohoError,
      limiter: limiterFor(`access|${tokenUrl}|${clientId}|${token}`, ZOHO_ACCESS_TOKEN_LIMIT),
    },
  );
}

/** Options of {@link exchangeZohoAuthorizationCode}. */
export interface ZohoCodeExchangeOptions extends ZohoCommon {
  clientId: string;
  clientSecret: string;
  /** The redirect URI registered for the client, exactly. */
  redirectUri: string;
  /** The grant code from the redirect (single use, valid about two minutes). */
  code: string;
  /** `fetch` for the call (default: the global one, looked up at call time). */
  fetch?: typeof globalThis.fetch;
  /** Timeout of the call in ms (default 10 000). */
  timeoutMs?: number;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/** The result of {@link exchangeZohoAuthorizationCode}. Logging it prints no token. */
export interface ZohoAuthorization {
  accessToken: string;
  /** Present when the user consented with `access_type=offline`; store it: it does not expire. */
  refreshToken: string | undefined;
  /** Zoho's `api_domain` (the shared `www.zohoapis.*` gateway, not the Recruit host). */
  apiDomain: string | undefined;
  /** Epoch ms when the access token expires. */
  expiresAt: number | undefined;
}

/**
 * Exchanges a grant code for tokens: `POST {accounts}/oauth/v2/token` with
 * `grant_type=authorization_code`. Queued to Zoho's five refresh tokens a minute.
 *
 * @example
 * ```ts
 * const { refreshToken } = await exchangeZohoAuthorizationCode({
 *   region: "eu", clientId, clientSecret, redirectUri: "http://localhost:8721/callback", code,
 * });
 * ```
 */
export async function exchangeZohoAuthorizationCode(options: ZohoCodeExchangeOptions): Promise<ZohoAuthorization> {
  const vendor = "zoho-recruit";
  requireObject(options, vendor);
  const { accounts } = accountsOf(options, vendor);
  const clientId = requiredString(options, "clientId", vendor);
  const clientSecret = requiredString(options, "clientSecret", vendor);
  const code = requiredString(options, "code", vendor);
  const redirectUri = requiredString(options, "redirectUri", vendor);
  const ctx = standaloneContext(options, vendor);
  const url = `${accounts}/oauth/v2/token`;
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uri: redirectUri,
    code,
  });
  const started = ctx.clock();
  const answer = await limiterFor(`refresh|${accounts}|${clientId}`, ZOHO_REFRESH_TOKEN_LIMIT).schedule(
    () => callTokenEndpoint({ vendor, url, body, secrets: [clientSecret, code], classifyError: classifyZohoError }, ctx),
    ctx.signal,
  );
  const parsed = parseOAuthToken(answer.body as Record<string, unknown>, vendor, answer.status);
  const apiDomain = answer.body?.api_domain;
  const result: ZohoAuthorization = {
    accessToken: parsed.value,
    refreshToken: parsed.refreshToken,
    apiDomain: typeof apiDomain === "string" ? apiDomain : undefined,
    expiresAt: parsed.lifetimeMs === undefined ? undefined : started + parsed.lifetimeMs,
  };
  const safe = {
    apiDomain: result.apiDomain,
    expiresAt: result.expiresAt,
    accessToken: "[redacted]",
    refreshToken: "[redacted]",
  };
  return describeScheme(result, safe);
}

/** Options of {@link revokeZohoToken}. */
export interface ZohoRevokeOptions extends ZohoCommon {
  /** The refresh token to revoke. */
  token: string;
  /** `fetch` for the call (default: the global one, looked up at call time). */
  fetch?: typeof globalThis.fetch;
  /** Timeout of the call in ms (default 10 000). */
  timeoutMs?: number;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/**
 * Revokes a refresh token: `POST {accounts}/oauth/v2/token/revoke?token=…` (Zoho puts it in
 * the query; no error or event ever shows that URL's query).
 *
 * @example
 * ```ts
 * await revokeZohoToken({ region: "eu", token: storedRefreshToken });
 * ```
 */
export async function revokeZohoToken(options: ZohoRevokeOptions): Promise<void> {
  const vendor = "zoho-recruit";
  requireObject(options, vendor);
  const { accounts } = accountsOf(options, vendor);
  const token = requiredString(options, "token", vendor);
  const url = `${accounts}/oauth/v2/token/revoke?${new URLSearchParams({ token })}`;
  await callTokenEndpoint(
    { vendor, url, secrets: [token], classifyError: classifyZohoError },
    standaloneContext(options, vendor),
    true,
  );
}
