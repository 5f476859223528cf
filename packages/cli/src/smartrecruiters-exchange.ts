import { AuthError, clientCredentials, type SchemeContext } from "@hirekit/auth-middleware";
import { SMARTRECRUITERS_BASE_URLS } from "@hirekit/auth-middleware/smartrecruiters";

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
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let answer: Response | undefined;
  const ctx: SchemeContext = {
    // Keeps a copy of the answer: the scheme returns the access token, the refresh token is read here.
    fetch: async (input, init) => {
      const response = await baseFetch(input, init);
      answer = response.clone();
      return response;
    },
    signal: new AbortController().signal,
    timeoutMs: options.timeoutMs ?? 10_000,
    clock: Date.now,
    emit: () => undefined,
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
  Object.defineProperty(result, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => `SmartRecruitersAuthorization ${JSON.stringify(safe)}`,
  });
  Object.defineProperty(result, "toJSON", { value: () => safe });
  return result;
}
