import { AuthError, invalidOption } from "../errors.js";
import type { AuthScheme, SchemeContext } from "../types.js";
import { apiOriginOf } from "./oauth.js";
import { describeScheme, requireObject } from "./options.js";

/** Options of {@link session}. */
export interface SessionOptions {
  /** Logs in and returns the opaque session id. Use `ctx.fetch` and `ctx.signal`. */
  create: (ctx: SchemeContext) => Promise<string>;
  /** Ends the session on `dispose()`. */
  destroy?: (sessionId: string, ctx: SchemeContext) => Promise<void>;
  /** Text before the session id in `Authorization`, e.g. `"BEARER "`. */
  authorizationPrefix: string;
  /** The API this session is for; requests to another origin are refused. Default: the client's `baseUrl`. */
  apiBaseUrl?: string;
  /** What identifies the login (user, database, …) for sharing the session through a store; default: not shared. */
  identity?: string;
  /** Secrets `create` uses, so that server text echoing them is scrubbed. */
  secrets?: readonly string[];
  /** Name used in errors and events (default `"session"`). */
  vendor?: string;
}

/**
 * A login that returns an opaque session id with no stated lifetime: reused until the API
 * answers 401, then one new login for all failed requests, each replayed once.
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(
 *   session({
 *     authorizationPrefix: "Session ",
 *     create: async ({ fetch, signal }) => (await (await fetch(loginUrl, { method: "POST", body, signal })).json()).id,
 *   }),
 * );
 * ```
 */
export function session(options: SessionOptions): AuthScheme {
  const vendor = options?.vendor ?? "session";
  requireObject(options, vendor);
  const { create, destroy } = options;
  if (typeof create !== "function") throw invalidOption(vendor, "create", "must be a function returning the session id");
  if (destroy !== undefined && typeof destroy !== "function") throw invalidOption(vendor, "destroy", "must be a function");
  if (typeof options.authorizationPrefix !== "string") {
    throw invalidOption(vendor, "authorizationPrefix", 'is required (e.g. "Bearer ")');
  }
  const identity = options.identity ?? `session|${crypto.randomUUID()}`;
  const secrets = [...(options.secrets ?? [])];
  const apiOrigin = apiOriginOf(options.apiBaseUrl, vendor);
  const scheme: AuthScheme = {
    vendor,
    header: "Authorization",
    prefix: options.authorizationPrefix,
    apiOrigin,
    identity: () => identity,
    secrets: () => secrets,
    async obtain(ctx) {
      const id = await create(ctx);
      if (typeof id !== "string" || id.length === 0) {
        throw new AuthError("INVALID_TOKEN_RESPONSE", `${vendor}: create() did not resolve to a session id string`, { vendor });
      }
      return { value: id };
    },
  };
  if (destroy !== undefined) scheme.end = (id, ctx) => destroy(id, ctx);
  return describeScheme(scheme, { vendor, kind: "session", apiOrigin });
}
