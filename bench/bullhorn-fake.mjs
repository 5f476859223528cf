// Bullhorn's three credential calls as the benchmarks' stubbed fetch and loopback server
// answer them, in the vendor's wire format (https://bullhorn.github.io/rest-api-docs/#urls,
// https://bullhorn.github.io/Getting-Started-with-REST/): data-centre discovery, the OAuth
// refresh grant and the REST login. Only enough to warm a session once; the session has no
// `ttl`, so the warm path never looks at a clock.

/** The corporation's base a login answers, under `host`: the session's `restUrl`. */
export const bullhornRestUrl = (host) => `${host}/rest-services/benchcorp/`;

let refreshed = 0;

/**
 * The JSON answer to a Bullhorn credential call on `url`, or undefined for any other URL.
 * `host` is the origin every answer points at (the stub's or the loopback server's own), so
 * that the session's `restUrl` reaches the same fake as every other contender's requests.
 */
export function bullhornAnswer(url, host) {
  const { pathname } = new URL(url, host);
  if (pathname === "/rest-services/loginInfo") return { oauthUrl: `${host}/oauth`, restUrl: `${host}/rest-services` };
  if (pathname === "/oauth/token") {
    refreshed++;
    // Single-use refresh tokens: every answer names the next one.
    return {
      access_token: `bench-access-${refreshed}`,
      token_type: "Bearer",
      expires_in: 600,
      refresh_token: `bench-rt-${refreshed + 1}`,
    };
  }
  if (pathname === "/rest-services/login") return { BhRestToken: "bench-session", restUrl: bullhornRestUrl(host) };
  return undefined;
}
