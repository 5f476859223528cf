import type { AuthScheme } from "../types.js";
import { secureUrl } from "../url.js";
import { describeScheme, optionalString, requiredString, requireObject } from "./options.js";

/** Options of {@link apiKey}. */
export interface ApiKeyOptions {
  /** Header that carries the key, e.g. `"X-SmartToken"`. */
  header: string;
  /** The key. */
  value: string;
  /** Text before the key in the header (default none). */
  prefix?: string;
  /** The API this key is for; requests to another origin are refused. Default: the client's `baseUrl`. */
  apiBaseUrl?: string;
  /** Name used in errors and events (default `"api-key"`). */
  vendor?: string;
}

/**
 * A static header credential. Never written to a token store, never "refreshed": a 401
 * comes back to the caller with the `STATIC_CREDENTIAL` hint.
 *
 * @example
 * ```ts
 * const auth = createAuthMiddleware(apiKey({ header: "X-SmartToken", value: process.env.SR_API_KEY! }));
 * ```
 */
export function apiKey(options: ApiKeyOptions): AuthScheme {
  const vendor = options?.vendor ?? "api-key";
  requireObject(options, vendor);
  const header = requiredString(options, "header", vendor);
  const value = requiredString(options, "value", vendor);
  const prefix = options.prefix ?? "";
  const apiBaseUrl = optionalString(options, "apiBaseUrl", vendor);
  const apiOrigin = apiBaseUrl === undefined ? undefined : secureUrl(apiBaseUrl, vendor, "apiBaseUrl").origin;
  return describeScheme(
    {
      vendor,
      header,
      prefix,
      apiOrigin,
      static: true,
      identity: () => `api-key|${header}`,
      obtain: async () => ({ value }),
      secrets: () => [value],
    },
    { vendor, kind: "api-key", header, apiOrigin },
  );
}
