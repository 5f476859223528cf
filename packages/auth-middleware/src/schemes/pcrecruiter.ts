/**
 * PCRecruiter credentials (`@hirekit/auth-middleware/pcrecruiter`): the REST API session scheme.
 *
 * @module @hirekit/auth-middleware/pcrecruiter
 */
import { AuthError } from "../errors.js";
import { callTokenEndpoint } from "../token-endpoint.js";
import type { AuthScheme } from "../types.js";
import { secureUrl, trimSlash } from "../url.js";
import { requiredString, requireObject } from "./options.js";
import { session } from "./session.js";

/** PCRecruiter's hosted API (https://www.pcrecruiter.net/APIDOCS_V2/). */
export const PCRECRUITER_BASE_URL = "https://www2.pcrecruiter.net/rest/api";

/** Options of {@link pcrecruiterSession}. */
export interface PCRecruiterSessionOptions {
  /** PCRecruiter user name (an "API only" user is recommended). */
  username: string;
  password: string;
  /** `Database.Profile`, e.g. `"SampleDB.SampleProfile"`. */
  databaseId: string;
  /** API key from Main Sequence's developer portal. */
  apiKey: string;
  /** App ID from Main Sequence's developer portal. */
  appId: string;
  /** API base, default `https://www2.pcrecruiter.net/rest/api`. */
  baseUrl?: string;
}

/**
 * PCRecruiter session tokens: `POST {base}/access-token` with JSON `Username`, `Password`,
 * `DatabaseId`, `ApiKey`, `AppId` → `{ SessionId }`, sent as `Authorization: BEARER
 * {SessionId}` exactly as documented. The session has no stated lifetime (it ends after the
 * database's inactivity timeout, and every call resets it), so it is reused until a 401,
 * then one new login serves every failed request. `dispose()` sends
 * `DELETE {base}/access-token`.
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(
 *   pcrecruiterSession({
 *     username: process.env.PCR_USER!, password: process.env.PCR_PASSWORD!,
 *     databaseId: "SampleDB.SampleProfile",
 *     apiKey: process.env.PCR_API_KEY!, appId: process.env.PCR_APP_ID!,
 *   }),
 * );
 * ```
 */
export function pcrecruiterSession(options: PCRecruiterSessionOptions): AuthScheme {
  const vendor = "pcrecruiter";
  requireObject(options, vendor);
  const username = requiredString(options, "username", vendor);
  const password = requiredString(options, "password", vendor);
  const databaseId = requiredString(options, "databaseId", vendor);
  const apiKey = requiredString(options, "apiKey", vendor);
  const appId = requiredString(options, "appId", vendor);
  const baseUrl = trimSlash(secureUrl(options.baseUrl ?? PCRECRUITER_BASE_URL, vendor, "baseUrl").href);
  const tokenUrl = `${baseUrl}/access-token`;
  const secrets = [password, apiKey];
  const json = { "Content-Type": "application/json" };

  return session({
    vendor,
    authorizationPrefix: "BEARER ",
    apiBaseUrl: baseUrl,
    identity: `pcrecruiter|${baseUrl}|${databaseId}|${username}|${appId}`,
    secrets,
    async create(ctx) {
      const body = JSON.stringify({
        Username: username,
        Password: password,
        DatabaseId: databaseId,
        ApiKey: apiKey,
        AppId: appId,
      });
      const answer = await callTokenEndpoint({ vendor, url: tokenUrl, headers: json, body, secrets }, ctx);
      const id = answer.body?.SessionId;
      if (typeof id !== "string" || id.length === 0 || /\s/.test(id)) {
        throw new AuthError("INVALID_TOKEN_RESPONSE", `${vendor}: login response has no "SessionId" string`, {
          vendor,
          status: answer.status,
        });
      }
      return id;
    },
    async destroy(sessionId, ctx) {
      await callTokenEndpoint(
        {
          vendor,
          url: tokenUrl,
          method: "DELETE",
          headers: { ...json, Authorization: `BEARER ${sessionId}` },
          secrets: [...secrets, sessionId],
        },
        ctx,
        true,
      );
    },
  });
}
