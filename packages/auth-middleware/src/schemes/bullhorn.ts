/**
 * Bullhorn credentials (`@hirekit/auth-middleware/bullhorn`): data-centre discovery, the
 * rotation-safe OAuth refresh grant, and the REST session (`BhRestToken`) whose login decides
 * the API base.
 *
 * @module @hirekit/auth-middleware/bullhorn
 */
import { AuthError, invalidOption } from "../errors.js";
import { scrubCause } from "../redact.js";
import { mustRefresh, toStoredToken } from "../token-cycler.js";
import { callTokenEndpoint, parseOAuthToken, type TokenEndpointAnswer } from "../token-endpoint.js";
import type { AuthScheme, SchemeContext, StoredToken } from "../types.js";
import { endpointName, isLoopbackHost, secureUrl, trimSlash } from "../url.js";
import { refreshToken } from "./oauth.js";
import { describeScheme, optionalString, requiredString, requireObject, standaloneContext } from "./options.js";

/** Where every API user's data centre is looked up (https://bullhorn.github.io/rest-api-docs/#urls). */
export const BULLHORN_LOGIN_INFO_URL = "https://rest.bullhornstaffing.com/rest-services/loginInfo";

/**
 * The base a Bullhorn client is configured with. Every call is namespaced by the
 * corporation's `restUrl`, known only after login, so this placeholder stands for it: the
 * middleware sends each request aimed at it to the session's `restUrl` instead (give the
 * client the middleware's `Request` too, and requests are built there directly). Its
 * `{corpToken}` is written percent-encoded, as a request's URL spells it, so that openapi-fetch
 * does not take it for a path parameter.
 */
export const BULLHORN_BASE_URL = "https://rest.bullhornstaffing.com/rest-services/%7BcorpToken%7D";

/** "The access token is valid for 10 minutes" (https://bullhorn.github.io/Getting-Started-with-REST/). */
export const BULLHORN_ACCESS_TOKEN_LIFETIME_MS = 600_000;

/** Options of `bullhornAuth` (`@hirekit/auth-middleware/bullhorn`). */
export interface BullhornAuthOptions {
  /** The OAuth client id Bullhorn issued for the integration. */
  clientId: string;
  clientSecret: string;
  /** The API user's name: `loginInfo` finds that user's data centre by it. */
  username: string;
  /**
   * The grant's refresh token (from the authorization-code exchange). Bullhorn refresh tokens
   * are single-use: this one only seeds an empty token store; after each refresh the new one
   * is kept there. Required unless `grantId` names a grant already seeded (see `seedGrant`).
   */
  refreshToken?: string;
  /** A stable name for the grant in the token store (see `seedGrant`). */
  grantId?: string;
  /** Session lifetime in minutes, sent as the login's `ttl`; default: Bullhorn's. */
  ttl?: number;
  /** Discovery endpoint override (a local fake); default {@link BULLHORN_LOGIN_INFO_URL}. */
  loginInfoUrl?: string;
  /** The data centre's OAuth base (e.g. `https://auth-west.bullhornstaffing.com/oauth`); with `restUrl`, skips discovery. */
  oauthUrl?: string;
  /** The data centre's REST base (e.g. `https://rest-west.bullhornstaffing.com/rest-services`); with `oauthUrl`, skips discovery. */
  restUrl?: string;
  /** Called (at most `timeoutMs`) with each new refresh token, after it is in the token store. */
  onRefreshToken?: (refreshToken: string) => void | Promise<void>;
}

const vendor = "bullhorn";

/** The URLs `loginInfo` answers (https://bullhorn.github.io/rest-api-docs/#urls). */
interface DataCentre {
  oauth: string;
  rest: string;
}

/**
 * Bullhorn's two-stage credential (https://bullhorn.github.io/Getting-Started-with-REST/):
 *
 * 1. Data centre: `GET {loginInfoUrl}?username=` answers the user's `oauthUrl` and `restUrl`,
 *    looked up once for the scheme's life. A 307 (a call on the wrong data centre) is
 *    followed once, over https to a `*.bullhornstaffing.com` host only.
 * 2. OAuth: `POST {oauthUrl}/token?grant_type=refresh_token&refresh_token=…&client_id=…&client_secret=…`
 *    (the fields in the query, as Bullhorn documents). Refresh tokens are single-use, so the
 *    grant is rotation-safe: the newest refresh token lives in the token store and is replaced
 *    under its lock before the access token (10 minutes) is used.
 * 3. Session: `GET {restUrl}/login?version=*&access_token=…[&ttl=…]` answers `BhRestToken` and
 *    the corporation's `restUrl`. Requests carry the `BhRestToken` header and go to that
 *    `restUrl` (the client's placeholder {@link BULLHORN_BASE_URL} is replaced). A 401 (an
 *    expired session) logs in again, with a new access token when the old one has expired,
 *    and the request is replayed once. The access token is kept in the token store beside the
 *    grant, so that whichever process of a fleet logs in reuses it while it lives.
 *    `dispose()` sends `GET {restUrl}logout`.
 *
 * No URL's query (which carries the client secret, the refresh token or the access token)
 * appears in any error or event.
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(
 *   bullhornAuth({
 *     clientId: process.env.BH_CLIENT_ID!, clientSecret: process.env.BH_CLIENT_SECRET!,
 *     username: process.env.BH_API_USER!, grantId: "acme-bullhorn", // seeded with seedGrant()
 *   }),
 *   { tokenStore }, // shared by every process: it holds the current refresh token
 * );
 * // `Request: auth.Request` builds each request at the session's restUrl: no copy per request.
 * const client = createClient<paths>({ baseUrl: BULLHORN_BASE_URL, Request: auth.Request });
 * client.use(auth);
 * ```
 */
export function bullhornAuth(options: BullhornAuthOptions): AuthScheme {
  requireObject(options, vendor);
  const username = requiredString(options, "username", vendor);
  const clientId = requiredString(options, "clientId", vendor);
  const ttl = options.ttl;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) {
    throw invalidOption(vendor, "ttl", "must be a positive whole number of minutes");
  }
  const url = (name: "loginInfoUrl" | "oauthUrl" | "restUrl", fallback?: string) => {
    const value = optionalString(options, name, vendor) ?? fallback;
    return value === undefined ? undefined : trimSlash(secureUrl(value, vendor, name).href);
  };
  const loginInfoUrl = url("loginInfoUrl", BULLHORN_LOGIN_INFO_URL) as string;
  const oauthOverride = url("oauthUrl");
  const restOverride = url("restUrl");
  // Loopback answers (a local fake) are believed only when the scheme itself points at loopback.
  const local = [loginInfoUrl, oauthOverride, restOverride].some((u) => u !== undefined && isLoopbackHost(new URL(u).hostname));

  /** Session tokens and access tokens this scheme obtained, newest last (bounded): scrubbed from server text. */
  const issued: string[] = [];
  const issue = (token: string) => {
    if (issued.push(token) > 16) issued.shift();
    return token;
  };
  const grant = refreshToken(
    {
      vendor,
      // Named only in the grant's description: the token URL is discovered (see `send`).
      tokenUrl: `${oauthOverride ?? loginInfoUrl}/token`,
      clientId,
      clientSecret: options.clientSecret,
      refreshToken: options.refreshToken,
      grantId: options.grantId,
      onRefreshToken: options.onRefreshToken,
    },
    {
      // Bullhorn takes the grant's fields in the query (https://bullhorn.github.io/Getting-Started-with-REST/).
      send: async (fields, ctx, secrets) =>
        callTokenEndpoint({ vendor, url: `${(await dataCentre(ctx)).oauth}/token?${fields}`, secrets }, ctx),
    },
  );
  const secrets = () => [...grant.secrets(), ...issued];

  let found: Promise<DataCentre> | undefined;
  /** The user's data centre: the overrides; what they leave open looked up once (a failed lookup is tried again next time). */
  function dataCentre(ctx: SchemeContext): Promise<DataCentre> {
    if (oauthOverride !== undefined && restOverride !== undefined) {
      return Promise.resolve({ oauth: oauthOverride, rest: restOverride });
    }
    found ??= lookUp(ctx, { loginInfoUrl, username, local, secrets: secrets() })
      .then((answer) => ({ oauth: oauthOverride ?? answer.oauth, rest: restOverride ?? answer.rest }))
      .catch((err: unknown) => {
        found = undefined;
        throw err;
      });
    return found;
  }

  /** This process's newest access token (10 minutes), reused by a new login while it is valid. */
  let access: StoredToken | undefined;

  async function login(rest: string, accessToken: string, ctx: SchemeContext) {
    const query = new URLSearchParams({ version: "*", access_token: accessToken });
    if (ttl !== undefined) query.set("ttl", String(ttl));
    // GET, as the reference's example (https://bullhorn.github.io/rest-api-docs/#partner-login-using-oauth).
    const answer = await callTokenEndpoint({ vendor, url: `${rest}/login?${query}`, method: "GET", secrets: secrets() }, ctx);
    const token = answer.body?.BhRestToken;
    if (typeof token !== "string" || token.length === 0 || /\s/.test(token)) {
      throw new AuthError("INVALID_TOKEN_RESPONSE", `${vendor}: login answer has no "BhRestToken" string`, {
        vendor,
        status: answer.status,
      });
    }
    issue(token);
    // The corporation's base, with its trailing slash: requests are sent under it.
    const apiBase = `${bullhornUrl(answer.body?.restUrl, "login", "restUrl", answer.status, local)}/`;
    return { value: token, apiBase, lifetimeMs: ttl === undefined ? undefined : ttl * 60_000 };
  }

  const scheme: AuthScheme = {
    vendor,
    header: "BhRestToken",
    prefix: "",
    grantState: true,
    identity: () =>
      `bullhorn|${loginInfoUrl}|${oauthOverride ?? ""}|${restOverride ?? ""}|${clientId}|${username}|${
        options.grantId === undefined ? options.refreshToken : `grant:${options.grantId}`
      }`,
    secrets,
    async obtain(ctx) {
      const { rest } = await dataCentre(ctx);
      const shared = sharedAccess(ctx, secrets);
      // The fleet's newest access token, when the store has one: whichever process logs in
      // reuses it, and refreshes only once it has expired.
      const held = (await shared?.get()) ?? access;
      for (let reused = held !== undefined && !mustRefresh(held, ctx.clock()); ; reused = false) {
        if (reused) access = { ...(held as StoredToken), value: issue((held as StoredToken).value) };
        else {
          const sentAt = ctx.clock();
          const fresh = await grant.obtain(ctx);
          access = toStoredToken(
            { value: issue(fresh.value), lifetimeMs: fresh.lifetimeMs ?? BULLHORN_ACCESS_TOKEN_LIFETIME_MS },
            sentAt,
            0,
          );
          await shared?.set(access);
        }
        try {
          return await login(rest, (access as StoredToken).value, ctx);
        } catch (err) {
          // "Invalid or expired OAuth access token" (https://bullhorn.github.io/rest-api-docs/#partner-login-using-oauth):
          // a kept access token may have been revoked early; one more login with a new one.
          if (!(reused && err instanceof AuthError && err.code === "TOKEN_REJECTED")) throw err;
          access = undefined;
        }
      }
    },
    async end(value, ctx, token) {
      const base = token.apiBase;
      if (base === undefined || !bullhornHost(new URL(base), local)) {
        throw new AuthError("TOKEN_REQUEST_FAILED", `${vendor}: the session names no Bullhorn restUrl; not logged out`, {
          vendor,
        });
      }
      // https://bullhorn.github.io/rest-api-docs/#logout
      await callTokenEndpoint(
        {
          vendor,
          url: `${trimSlash(base)}/logout`,
          method: "GET",
          headers: { BhRestToken: value },
          secrets: [...secrets(), value],
        },
        ctx,
        true,
      );
    },
  };
  return describeScheme(scheme, {
    vendor,
    kind: "bullhorn",
    clientId,
    username,
    loginInfoUrl,
    oauthUrl: oauthOverride,
    restUrl: restOverride,
    ttl,
  });
}

/**
 * The access token in the token store beside the grant's refresh token (`{key}:access`), read
 * and written only under the refresh lock, as the grant is. A session may expire while its
 * access token still has minutes to live (Bullhorn's lives 10 minutes,
 * https://bullhorn.github.io/docs/oauth/; a session ends after inactivity or its `ttl`,
 * https://bullhorn.github.io/rest-api-docs/#partner-login-using-oauth): then a new session needs only a login, and
 * a process other than the one that refreshed must not spend the grant on a new access token.
 * A store that fails loses only that saving: reading, the process uses its own or refreshes; writing, it
 * reports `store_error`.
 */
function sharedAccess(ctx: SchemeContext, known: () => readonly string[]) {
  const { store, key, clock, emit } = ctx;
  if (store === undefined || key === undefined) return undefined;
  const name = `${key}:access`;
  return {
    async get() {
      try {
        const token = await store.get(name);
        return typeof token?.value === "string" ? token : undefined;
      } catch {
        return undefined;
      }
    },
    async set(token: StoredToken) {
      try {
        await store.set(name, token, Math.max(1, (token.expiresAt as number) - clock()));
      } catch (err) {
        emit({ type: "store_error", vendor, operation: "set", error: scrubCause(err, known()) });
      }
    },
  };
}

/** Where discovery looks, and what it may believe. */
interface LookUp {
  loginInfoUrl: string;
  username: string;
  /** Loopback answers are believed (the scheme itself points at loopback: a local fake). */
  local: boolean;
  /** Secrets to scrub from server text. */
  secrets: readonly string[];
}

/** `GET {loginInfoUrl}?username=`: the user's data centre, following one 307 to a Bullhorn host. */
async function lookUp(ctx: SchemeContext, { loginInfoUrl, username, local, secrets }: LookUp): Promise<DataCentre> {
  let target = `${loginInfoUrl}?${new URLSearchParams({ username })}`;
  let location: string | null = null;
  // The redirect's target is read from the response; callTokenEndpoint never follows one.
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await ctx.fetch(input, init);
    location = response.headers.get("location");
    return response;
  };
  let answer: TokenEndpointAnswer;
  for (let hops = 0; ; hops++) {
    try {
      answer = await callTokenEndpoint({ vendor, url: target, method: "GET", secrets }, { ...ctx, fetch });
      break;
    } catch (err) {
      // "If you do not use the correct URLs for a user, you will receive a 307 redirect to the
      // correct data center" (https://bullhorn.github.io/rest-api-docs/#urls): followed once,
      // to a Bullhorn host only, with the same query.
      if (!(err instanceof AuthError && err.status === 307 && location !== null)) throw err;
      const next = new URL(location, target);
      if (hops > 0 || !bullhornHost(next, local)) {
        throw new AuthError(
          "TOKEN_REDIRECT",
          `${vendor}: loginInfo ${endpointName(target)} redirected ${hops > 0 ? "a second time" : `to ${next.host}, not a Bullhorn host`}; not followed`,
          { vendor, status: 307 },
        );
      }
      next.search ||= new URL(target).search;
      target = next.href;
    }
  }
  return {
    oauth: bullhornUrl(answer.body?.oauthUrl, "loginInfo", "oauthUrl", answer.status, local),
    rest: bullhornUrl(answer.body?.restUrl, "loginInfo", "restUrl", answer.status, local),
  };
}

/** https to `bullhornstaffing.com` or one of its subdomains; loopback too when `local`. */
function bullhornHost({ protocol, hostname, username: user, password }: URL, local: boolean): boolean {
  if (user || password) return false;
  if (local && isLoopbackHost(hostname) && (protocol === "http:" || protocol === "https:")) return true;
  return protocol === "https:" && (hostname === "bullhornstaffing.com" || hostname.endsWith(".bullhornstaffing.com"));
}

/** A URL a Bullhorn answer names, checked against {@link bullhornHost}; without its trailing slash. */
function bullhornUrl(value: unknown, answer: string, field: string, status: number, local: boolean): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    // reported below
  }
  if (parsed === undefined || !bullhornHost(parsed, local)) {
    throw new AuthError("INVALID_TOKEN_RESPONSE", `${vendor}: ${answer} answer has no "${field}" on a Bullhorn https host`, {
      vendor,
      status,
    });
  }
  return trimSlash(parsed.href);
}

/** Options of {@link exchangeBullhornAuthorizationCode}. */
export interface BullhornCodeExchangeOptions {
  /** The OAuth client id Bullhorn issued. */
  clientId: string;
  /** The OAuth client secret. */
  clientSecret: string;
  /** The grant code from the consent redirect. */
  code: string;
  /** The redirect URI sent with the consent request, exactly. */
  redirectUri: string;
  /** The data centre's OAuth base (`…/oauth`), e.g. from {@link discoverBullhorn}. */
  oauthUrl: string;
  /** `fetch` for the token request; default the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Default 10 000. */
  timeoutMs?: number;
}

/** The tokens of a new Bullhorn grant. Logging it prints no token. */
export interface BullhornAuthorization {
  accessToken: string;
  /** Single-use: seed it into the clients' token store (`seedGrant`), which keeps the newest one. */
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}

/**
 * The API user's data centre (https://bullhorn.github.io/rest-api-docs/#urls): its OAuth base
 * (`…/oauth`, where the consent page and the token endpoint are) and its REST base.
 *
 * @example
 * ```ts
 * const { oauthUrl } = await discoverBullhorn({ username: "acme.api" });
 * const consent = `${oauthUrl}/authorize?client_id=${clientId}&response_type=code&redirect_uri=${redirectUri}`;
 * ```
 */
export async function discoverBullhorn(options: {
  username: string;
  loginInfoUrl?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}): Promise<{ oauthUrl: string; restUrl: string }> {
  requireObject(options, vendor);
  const username = requiredString(options, "username", vendor);
  const loginInfoUrl = trimSlash(
    secureUrl(optionalString(options, "loginInfoUrl", vendor) ?? BULLHORN_LOGIN_INFO_URL, vendor, "loginInfoUrl").href,
  );
  const local = isLoopbackHost(new URL(loginInfoUrl).hostname);
  const found = await lookUp(standaloneContext(options, vendor), { loginInfoUrl, username, local, secrets: [] });
  return { oauthUrl: found.oauth, restUrl: found.rest };
}

/**
 * Exchanges a Bullhorn grant code for tokens: `POST {oauthUrl}/token` with
 * `grant_type=authorization_code`, `code`, `client_id`, `client_secret` and `redirect_uri` in
 * the query, as Bullhorn documents (https://bullhorn.github.io/Getting-Started-with-REST/). The
 * call and the validation of the answer are the engine's (no redirect followed, a timeout,
 * error and HTML answers refused); no URL's query reaches an error.
 *
 * @example
 * ```ts
 * const { refreshToken } = await exchangeBullhornAuthorizationCode({ clientId, clientSecret, code, redirectUri, oauthUrl });
 * await seedGrant(tokenStore, bullhornAuth({ clientId, clientSecret, username, grantId: "acme" }), refreshToken);
 * ```
 */
export async function exchangeBullhornAuthorizationCode(options: BullhornCodeExchangeOptions): Promise<BullhornAuthorization> {
  requireObject(options, vendor);
  const fields = Object.fromEntries(
    (["clientId", "clientSecret", "code", "redirectUri", "oauthUrl"] as const).map((name) => [
      name,
      requiredString(options, name, vendor),
    ]),
  ) as Record<"clientId" | "clientSecret" | "code" | "redirectUri" | "oauthUrl", string>;
  const oauth = trimSlash(secureUrl(fields.oauthUrl, vendor, "oauthUrl").href);
  const query = new URLSearchParams({
    grant_type: "authorization_code",
    code: fields.code,
    client_id: fields.clientId,
    client_secret: fields.clientSecret,
    redirect_uri: fields.redirectUri,
  });
  const started = Date.now();
  const secrets = [fields.clientSecret, fields.code];
  const answer = await callTokenEndpoint({ vendor, url: `${oauth}/token?${query}`, secrets }, standaloneContext(options, vendor));
  const parsed = parseOAuthToken(answer.body ?? {}, vendor, answer.status);
  if (parsed.refreshToken === undefined) {
    throw new AuthError("INVALID_TOKEN_RESPONSE", `${vendor}: token response has no "refresh_token" string`, {
      vendor,
      status: answer.status,
    });
  }
  const result: BullhornAuthorization = {
    accessToken: parsed.value,
    refreshToken: parsed.refreshToken,
    expiresAt: started + (parsed.lifetimeMs ?? BULLHORN_ACCESS_TOKEN_LIFETIME_MS),
  };
  const safe = { expiresAt: result.expiresAt, accessToken: "[redacted]", refreshToken: "[redacted]" };
  return describeScheme(result, safe, "BullhornAuthorization");
}
