import { invalidOption } from "./errors.js";
import type { AuthScheme } from "./types.js";
import { secureUrl } from "./url.js";

/**
 * The scheme, pinned to the origin of `apiBaseUrl` (architecture rule 9): the middleware
 * then sends its credential to that origin only, whatever `baseUrl` a request names.
 * Returns the scheme itself when it already names that origin, a pinned view of it when it
 * names none, and throws `INVALID_OPTION` (option `auth`) when it names another one, or
 * `INSECURE_URL` for plain `http:` to a non-loopback host. Every vendor client factory
 * passes its `auth` scheme through it; without it, a scheme that names no origin is pinned
 * by the client's `baseUrl` on the first request.
 *
 * @example
 * ```ts
 * import createClient from "openapi-fetch";
 * import { apiKey, createAuthMiddleware, pinOrigin } from "@hirekit/auth-middleware";
 *
 * const baseUrl = "https://api.smartrecruiters.com";
 * const client = createClient({ baseUrl });
 * client.use(createAuthMiddleware(pinOrigin(apiKey({ header: "X-SmartToken", value: key }), baseUrl)));
 * // client.GET("/jobs", { baseUrl: "https://elsewhere.example" }) now rejects with ORIGIN_NOT_ALLOWED.
 * ```
 */
export function pinOrigin(scheme: AuthScheme, apiBaseUrl: string): AuthScheme {
  const apiOrigin = secureUrl(apiBaseUrl, scheme.vendor, "baseUrl").origin;
  if ((scheme.apiOrigin ?? apiOrigin) !== apiOrigin) {
    throw invalidOption(scheme.vendor, "auth", `is a scheme for ${scheme.apiOrigin}`);
  }
  // A view that adds the origin: the secrets stay in the scheme's closures, its printing stays its own.
  return Object.create(scheme, { apiOrigin: { value: apiOrigin } });
}
