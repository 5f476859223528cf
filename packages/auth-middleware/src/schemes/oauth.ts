import { AuthError, type AuthErrorCode, invalidOption } from "../errors.js";
import { grantError, grantStateOf } from "../grant.js";
import type { RateLimiter } from "../rate-limit.js";
import { callTokenEndpoint, parseOAuthToken, type TokenEndpointAnswer } from "../token-endpoint.js";
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
  /**
   * The grant's refresh token. It only seeds an empty token store: once the store holds the
   * grant's current refresh token (after a rotation, or written by {@link seedGrant}), that
   * one is used. Required unless `grantId` names a grant already seeded in the store.
   */
  refreshToken?: string;
  /**
   * A stable name for the grant (for example the user it belongs to). The grant's state in
   * the store is keyed by it; without it, by the configured `refreshToken` (hashed), so
   * processes configured with the same refresh token share one grant.
   */
  grantId?: string;
  /** Text before the access token in `Authorization` (default `"Bearer "`). */
  authorizationPrefix?: string;
  /**
   * Called with the new refresh token when the server rotates it, after it is in the token
   * store and before the new access token is used; awaited for at most `timeoutMs`. For
   * persisting it elsewhere too: a fleet sharing a store needs no callback.
   */
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
  /**
   * Sends the refresh grant's fields itself, instead of as a form body to `tokenUrl`: for a
   * server that takes them in the URL's query at a URL found at run time (Bullhorn).
   */
  send?: (fields: URLSearchParams, ctx: SchemeContext, secrets: readonly string[]) => Promise<TokenEndpointAnswer>;
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
 * refresh token. Rotation-safe: the current refresh token is grant state, kept in the token
 * store beside the access token and read and replaced only under the store's refresh lock,
 * so no process ever sends a refresh token that another one has spent (RFC 9700 §4.14.2).
 * Keeps the old refresh token when the response omits one (a server that does not rotate).
 * An `invalid_grant` answer re-reads the store once (another holder may have rotated), then
 * fails with `GRANT_REVOKED`: the grant is lost and needs a new consent.
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(
 *   refreshToken({
 *     tokenUrl: "https://auth.example.org/oauth/token",
 *     clientId, clientSecret, refreshToken: process.env.REFRESH_TOKEN!,
 *   }),
 *   { tokenStore }, // shared by the fleet: it holds the current refresh token
 * );
 * ```
 */
export function refreshToken(options: RefreshTokenOptions, internals: OAuthSchemeInternals = {}): AuthScheme {
  return refreshGrant(options, internals, rotationSafe);
}

/**
 * The refresh token grant for a server whose refresh tokens never rotate (Zoho issues no new
 * refresh token on refresh, and its refresh tokens last until revoked:
 * https://www.zoho.com/recruit/developer-guide/apiv2/refresh.html):
 * the configured refresh token every time, no grant state in the store, a `refresh_token` in
 * an answer ignored. Smaller than {@link refreshToken}, for vendor schemes only.
 */
export function fixedRefreshToken(options: RefreshTokenOptions, internals: OAuthSchemeInternals): AuthScheme {
  return refreshGrant(options, internals, (grant) => async (ctx) => {
    const token = await grant.request(grant.seed as string, ctx);
    return { value: token.value, lifetimeMs: token.lifetimeMs };
  });
}

/** What an obtain strategy of {@link refreshGrant} is given. */
interface RefreshGrant {
  vendor: string;
  /** The configured refresh token; `undefined` with `grantId`. */
  seed: string | undefined;
  onRefreshToken: RefreshTokenOptions["onRefreshToken"];
  /** Sends `refreshToken` to the token endpoint and validates the answer. */
  request(refreshToken: string, ctx: SchemeContext): Promise<ReturnType<typeof parseOAuthToken>>;
  /** Adds the strategy's own secrets to what is scrubbed. */
  known: string[];
}

function refreshGrant(
  options: RefreshTokenOptions,
  internals: OAuthSchemeInternals,
  strategy: (grant: RefreshGrant) => AuthScheme["obtain"],
): AuthScheme {
  const vendor = options?.vendor ?? "refresh-token";
  requireObject(options, vendor);
  const tokenUrl = secureUrl(options.tokenUrl, vendor, "tokenUrl").href;
  const clientId = requiredString(options, "clientId", vendor);
  const clientSecret = requiredString(options, "clientSecret", vendor);
  const grantId = optionalString(options, "grantId", vendor);
  const seed =
    grantId === undefined ? requiredString(options, "refreshToken", vendor) : optionalString(options, "refreshToken", vendor);
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
  const grant: RefreshGrant = {
    vendor,
    seed,
    onRefreshToken,
    known: seed === undefined ? [] : [seed],
    async request(token, ctx) {
      const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: token, ...client.body });
      if (scope !== undefined) body.set("scope", scope);
      const call = () =>
        internals.send?.(body, ctx, secrets()) ??
        callTokenEndpoint({ vendor, url: tokenUrl, headers: client.headers, body, secrets: secrets(), ...internals }, ctx);
      const answer = await limited(internals.limiter, call, ctx, vendor);
      return parseOAuthToken(answer.body as Record<string, unknown>, vendor, answer.status);
    },
  };
  const secrets = () => [clientSecret, ...client.secrets, ...grant.known];

  return describeScheme(
    {
      vendor,
      header: "Authorization",
      prefix,
      apiOrigin,
      grantState: true,
      identity: () => `refresh-token|${tokenUrl}|${clientId}|${scope ?? ""}|${grantId === undefined ? seed : `grant:${grantId}`}`,
      secrets,
      obtain: strategy(grant),
    },
    { vendor, kind: "refresh-token", tokenUrl, clientId, scope, grantId, apiOrigin },
  );
}

/**
 * The rotation-safe strategy of {@link refreshToken}: the store's refresh token is the
 * fleet's newest; a rotated one is written to the store before the new access token is
 * used; a refresh token the server has answered for is never sent again.
 */
function rotationSafe(grant: RefreshGrant): AuthScheme["obtain"] {
  const { vendor, known } = grant;
  /** The newest refresh token this process knows. */
  let latest = grant.seed;
  /** Refresh tokens the server answered for (rotated away or refused), newest last: never sent again. */
  const spent: string[] = [];
  const remember = (token: string) => {
    if (!known.includes(token)) known.push(token);
    if (known.length > 16) known.shift();
  };
  const markSpent = (token: string) => {
    remember(token);
    if (spent.push(token) > 16) spent.shift();
  };
  return async (ctx) => {
    const state = grantStateOf(ctx, vendor, () => known);
    const stored = await state?.get();
    if (stored) remember(stored);
    // The store's token is the fleet's newest, unless this process has spent it: then the
    // store missed our last rotation (a failed write), and ours is newer.
    let sent = stored && !spent.includes(stored) ? stored : latest;
    if (sent === undefined) throw grantError("GRANT_MISSING", vendor);
    if (spent.includes(sent)) throw grantError("GRANT_REVOKED", vendor);
    if (stored !== undefined && stored !== sent) await state?.set(sent);
    // Once sent, a refresh token is spent: only the answer holds the next one. So dispose()
    // does not abort the exchange (its timeout still bounds it) but waits for it, and the
    // rotated token reaches the store (RFC 9700 §4.14.2: a spent one may revoke the grant).
    const exchange = { ...ctx, signal: new AbortController().signal };
    for (let reread = false; ; reread = true) {
      let token: Awaited<ReturnType<RefreshGrant["request"]>>;
      try {
        token = await grant.request(sent, exchange);
      } catch (err) {
        if (!(err instanceof AuthError && err.oauthError === "invalid_grant")) throw err;
        markSpent(sent);
        // Another holder may have rotated (its lock expired, or the store has no lock).
        const again = reread ? undefined : await state?.get();
        if (again === undefined || spent.includes(again)) throw grantError("GRANT_REVOKED", vendor, err, err.status);
        remember(again);
        sent = again;
        continue;
      }
      latest = sent;
      if (token.refreshToken !== undefined && token.refreshToken !== sent) {
        markSpent(sent);
        latest = token.refreshToken;
        remember(latest);
        // The rotated token reaches the store before the new access token is used.
        const stored = state === undefined ? false : await state.set(latest);
        ctx.emit({ type: "refresh_token_rotated", vendor, stored });
        await within(ctx.timeoutMs, grant.onRefreshToken, latest);
      }
      return { value: token.value, lifetimeMs: token.lifetimeMs };
    }
  };
}

/** Calls the user's persistence hook, waiting for it at most `ms`; its failure loses nothing we hold. */
async function within(ms: number, hook: ((token: string) => void | Promise<void>) | undefined, token: string) {
  if (hook === undefined) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([hook(token), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } catch {
    // The user's persistence failing must not lose the access token we already hold.
  } finally {
    clearTimeout(timer);
  }
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
