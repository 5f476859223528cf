import { AuthError, invalidOption } from "./errors.js";

/** True for `localhost`, `127.0.0.0/8` and `[::1]`: the only hosts plain `http:` may reach. */
export function isLoopbackHost(hostname: string): boolean {
  // `localhost` and its subdomains (RFC 6761 §6.3), IPv4 127/8, IPv6 ::1 (bracketed as in a URL, or bare).
  return /^(?:(?:.*\.)?localhost|::1|\[::1\]|127(?:\.\d{1,3}){3})$/i.test(hostname);
}

/**
 * Parses a URL option and enforces rule 9: credentials travel over `https:` only, except to
 * loopback addresses (tests and local fakes). Throws `INVALID_OPTION` naming the option.
 */
export function secureUrl(value: unknown, vendor: string, option: string): URL {
  if (typeof value !== "string" || value.length === 0) {
    throw invalidOption(vendor, option, "must be a non-empty URL string");
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOption(vendor, option, "is not a valid absolute URL");
  }
  if (url.username || url.password) {
    throw invalidOption(vendor, option, "must not carry credentials in the URL");
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return url;
  if (url.protocol === "http:") {
    throw new AuthError(
      "INSECURE_URL",
      `${vendor}: option "${option}" uses plain http: to a non-loopback host (${url.host}); use https:`,
      { vendor, option },
    );
  }
  throw invalidOption(vendor, option, `must use https: (got ${url.protocol})`);
}

/** `https://host[:port]` + path without a trailing slash. */
export function trimSlash(url: string): string {
  return url.replace(/\/$/, "");
}

/** Origin and path of an endpoint, never its query (Zoho's revoke URL carries the token there). */
export function endpointName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
