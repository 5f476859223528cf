import { type AuthErrorCode, invalidOption } from "../errors.js";
import type { RateLimiter } from "../rate-limit.js";
import { callTokenEndpoint, parseOAuthToken } from "../token-endpoint.js";
import type { AuthScheme, SchemeContext } from "../types.js";
import { secureUrl } from "../url.js";
import { base64, describeScheme, formEncode, oneOf, optionalString, requiredString, requireObject } from "./options.js";

/** How the client authenticates to the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthentication = "client_secret_basic" | "client_secret_post";

/** Options of {@link clientCredentials}. */
export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** `client_secret_basic`: HTTP Basic header; `client_secret_post`: id and secret in the form body. */
  clientAuthentication: ClientAuthentication;
  /** Space-separated scopes, sent as `scope`. */
  scope?: string;
  /** More form fields for the token request (`audience`, `resource`, …). */
  extraParams?: Record<string, string>;
  /**
   * How id and secret are encoded inside the Basic header: `"form-urlencoded"` (RFC 6749
   * §2.3.1, the default) or `"raw"` (joined as they are, for servers that do not decode).
   */
  basicEncoding?: "form-urlencoded" | "raw";
  /** The API this credential is for; requests to another origin are refused. Default: the client's `baseUrl`. */
  apiBaseUrl?: string;
  /** Name used in errors and events (default `"client-credentials"`). */
  vendor?: string;
}

/** Options of {@link refreshToken}. */
export interface RefreshTokenOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Text before the access token in `Authorization` (default `"Bearer "`). */
  authorizationPrefix?: string;
  /** Called with the new refresh token when the server rotates it: store it, the old one is dead. */
  onRefreshToken?: (refreshToken: string) => void | Promise<void>;
  /** Default `client_secret_post`. */
  clientAuthentication?: ClientAuthentication;
  scope?: string;
  /** The API this credential is for; requests to another origin are refused. Default: the client's `baseUrl`. */
  apiBaseUrl?: string;
  /** Name used in errors and events (default `"refresh-token"`). */
  vendor?: string;
}

/** What vendor schemes add to the generic OAuth schemes. */
export interface OAuthSchemeInternals {
  classifyError?: (oauthError: string, description: string | undefined) => AuthErrorCode | undefined;
  limiter?: RateLimiter;
}

const AUTH_CHOICES = ["client_secret_basic", "client_secret_post"] as const;

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4): one token per client, renewed
 * before it expires.
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(
 *   clientCredentials({
 *     tokenUrl: "https://auth.example.org/oauth/token",
 *     clientId: process.env.CLIENT_ID!,
 *     clientSecret: process.env.CLIENT_SECRET!,
 *     clientAuthentication: "client_secret_basic",
 *   }),
 * );
 * ```
 */
export function clientCredentials(options: ClientCredentialsOptions, internals: OAuthSchemeInternals = {}): AuthScheme {
  const vendor = options?.vendor ?? "client-credentials";
  requireObject(options, vendor);
  const tokenUrl = secureUrl(options.tokenUrl, vendor, "tokenUrl").href;
  const clientId = requiredString(options, "clientId", vendor);
  const clientSecret = requiredString(options, "clientSecret", vendor);
  const clientAuthentication = oneOf(options, "clientAuthentication", vendor, AUTH_CHOICES);
  const scope = optionalString(options, "scope", vendor);
  const basicEncoding = oneOf(options, "basicEncoding", vendor, ["form-urlencoded", "raw"] as const, "form-urlencoded");
  const extraParams = stringRecord(options.extraParams, vendor, "extraParams");
  const apiOrigin = apiOriginOf(options.apiBaseUrl, vendor);
  const client = clientAuth(clientAuthentication, clientId, clientSecret, basicEncoding);

  return describeScheme(
    {
      vendor,
      header: "Authorization",
      prefix: "Bearer ",
      apiOrigin,
      identity: () => `client-credentials|${tokenUrl}|${clientId}|${scope ?? ""}|${clientAuthentication}`,
      secrets: () => [clientSecret, ...client.secrets],
      async obtain(ctx: SchemeContext) {
        const body = new URLSearchParams({ grant_type: "client_credentials", ...client.body });
        if (scope !== undefined) body.set("scope", scope);
        for (const [k, v] of Object.entries(extraParams)) body.set(k, v);
        const request = () =>
          callTokenEndpoint(
            { vendor, url: tokenUrl, headers: client.headers, body, secrets: [clientSecret, ...client.secrets], ...internals },
            ctx,
          );
        const answer = await limited(internals.limiter, request, ctx, vendor);
        return parseOAuthToken(answer.body as Record<string, unknown>, vendor, answer.status);
      },
    },
    { vendor, kind: "client-credentials", tokenUrl, clientId, clientAuthentication, scope, apiOrigin },
  );
}

/**
 * OAuth 2.0 refresh token grant (RFC 6749 §6): access tokens minted from a long-lived
 * refresh token. Keeps the old refresh token when the response omits one; reports a
 * rotated one through `onRefreshToken`.
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(
 *   refreshToken({
 *     tokenUrl: "https://auth.example.org/oauth/token",
 *     clientId, clientSecret, refreshToken: stored.refreshToken,
 *     onRefreshToken: (next) => vault.save("refresh-token", next),
 *   }),
 * );
 * ```
 */
export function refreshToken(options: RefreshTokenOptions, internals: OAuthSchemeInternals = {}): AuthScheme {
  const vendor = options?.vendor ?? "refresh-token";
  requireObject(options, vendor);
  const tokenUrl = secureUrl(options.tokenUrl, vendor, "tokenUrl").href;
  const clientId = requiredString(options, "clientId", vendor);
  const clientSecret = requiredString(options, "clientSecret", vendor);
  const initialRefreshToken = requiredString(options, "refreshToken", vendor);
  const prefix = options.authorizationPrefix ?? "Bearer ";
  if (typeof prefix !== "string") throw invalidOption(vendor, "authorizationPrefix", "must be a string");
  const clientAuthentication = oneOf(options, "clientAuthentication", vendor, AUTH_CHOICES, "client_secret_post");
  const scope = optionalString(options, "scope", vendor);
  const onRefreshToken = options.onRefreshToken;
  if (onRefreshToken !== undefined && typeof onRefreshToken !== "function") {
    throw invalidOption(vendor, "onRefreshToken", "must be a function");
  }
  const apiOrigin = apiOriginOf(options.apiBaseUrl, vendor);
  const client = clientAuth(clientAuthentication, clientId, clientSecret, "form-urlencoded");
  let current = initialRefreshToken;
  const secrets = () => [clientSecret, initialRefreshToken, current, ...client.secrets];

  return describeScheme(
    {
      vendor,
      header: "Authorization",
      prefix,
      apiOrigin,
      identity: () => `refresh-token|${tokenUrl}|${clientId}|${scope ?? ""}|${initialRefreshToken}`,
      secrets,
      async obtain(ctx: SchemeContext) {
        const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: current, ...client.body });
        if (scope !== undefined) body.set("scope", scope);
        const request = () =>
          callTokenEndpoint({ vendor, url: tokenUrl, headers: client.headers, body, secrets: secrets(), ...internals }, ctx);
        const answer = await limited(internals.limiter, request, ctx, vendor);
        const token = parseOAuthToken(answer.body as Record<string, unknown>, vendor, answer.status);
        if (token.refreshToken !== undefined && token.refreshToken !== current) {
          current = token.refreshToken;
          try {
            await onRefreshToken?.(current);
          } catch {
            // The user's persistence failing must not lose the access token we already hold.
          }
        }
        return { value: token.value, lifetimeMs: token.lifetimeMs };
      },
    },
    { vendor, kind: "refresh-token", tokenUrl, clientId, scope, apiOrigin },
  );
}

interface ClientAuth {
  headers: Record<string, string>;
  body: Record<string, string>;
  /** Derived secrets (the Basic header value). */
  secrets: string[];
}

function clientAuth(
  method: ClientAuthentication,
  clientId: string,
  clientSecret: string,
  encoding: "form-urlencoded" | "raw",
): ClientAuth {
  if (method === "client_secret_post") {
    return { headers: {}, body: { client_id: clientId, client_secret: clientSecret }, secrets: [] };
  }
  const encode = encoding === "raw" ? (v: string) => v : formEncode;
  const basic = base64(`${encode(clientId)}:${encode(clientSecret)}`);
  return { headers: { Authorization: `Basic ${basic}` }, body: {}, secrets: [basic] };
}

function limited<T>(limiter: RateLimiter | undefined, task: () => Promise<T>, ctx: SchemeContext, vendor: string): Promise<T> {
  if (limiter === undefined) return task();
  return limiter.schedule(task, ctx.signal, (waitMs) => ctx.emit({ type: "token_request_queued", vendor, waitMs }));
}

function stringRecord(value: unknown, vendor: string, option: string): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Object.values(value).some((v) => typeof v !== "string")) {
    throw invalidOption(vendor, option, "must be an object of string values");
  }
  return value as Record<string, string>;
}

export function apiOriginOf(apiBaseUrl: unknown, vendor: string, option = "apiBaseUrl"): string | undefined {
  return apiBaseUrl === undefined ? undefined : secureUrl(apiBaseUrl, vendor, option).origin;
}
