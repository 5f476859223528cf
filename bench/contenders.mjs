// The per-request contenders, each a function that performs one GET /jobs/{id} and reads
// the JSON body, built over a given fetch (a stub or the real one) and base URL.
import axios from "axios";
import createClient from "openapi-fetch";
import { BULLHORN_BASE_URL, bullhornAuth } from "../packages/auth-middleware/dist/bullhorn.js";
import { apiKey, clientCredentials, createAuthMiddleware } from "../packages/auth-middleware/dist/index.js";
import { bullhornRestUrl } from "./bullhorn-fake.mjs";

const TOKEN = "Bearer bench-fixed-token";

/** The fixed-header floor: the smallest possible openapi-fetch middleware. */
const fixedHeader = { onRequest: ({ request }) => void request.headers.set("Authorization", TOKEN) };

/**
 * The floor plus, one at a time and together, the two things a middleware that checks the
 * origin (rule 9) and replays a 401 (rule 5) cannot avoid: reading `request.url`, and
 * having an `onResponse` hook for openapi-fetch to call. Measured next to the auth
 * middleware, they split its overhead into the mechanism's part and its own code's. The
 * "Request copy" floors do the same for a session that decides the API base (Bullhorn).
 */
export function anatomyContenders({ baseUrl, fetch, bullhornHost }) {
  const prefix = `${new URL(baseUrl).origin}/`;
  const checked = ({ request }) => {
    if (!request.url.startsWith(prefix)) throw new Error("origin");
    request.headers.set("Authorization", TOKEN);
  };
  const passThrough = ({ response }) => (response.status === 401 ? response : undefined);
  const client = (middleware, base = baseUrl) => {
    const c = createClient({ baseUrl: base, fetch });
    c.use(middleware);
    return (id) => c.GET("/jobs/{id}", { params: { path: { id } } });
  };
  // What a session that decides the API base (Bullhorn's restUrl) adds: the request, aimed at
  // the placeholder base, copied to the session's base (a Request's URL cannot be changed).
  const placeholder = new URL(`${BULLHORN_BASE_URL}/`).href;
  const restUrl = bullhornRestUrl(bullhornHost);
  const placeholderPrefix = `${new URL(BULLHORN_BASE_URL).origin}/`;
  const rebased =
    (check) =>
    ({ request }) => {
      if (check && !request.url.startsWith(placeholderPrefix)) throw new Error("origin");
      const copy = new Request(restUrl + request.url.slice(placeholder.length), request);
      copy.headers.set("BhRestToken", "bench-session");
      return copy;
    };
  return {
    "one-line header + request.url check": client({ onRequest: checked }),
    "one-line header + onResponse hook": client({ ...fixedHeader, onResponse: passThrough }),
    "one-line header + both": client({ onRequest: checked, onResponse: passThrough }),
    "one-line header + Request copy to restUrl": client({ onRequest: rebased(false) }, BULLHORN_BASE_URL),
    "one-line header + both + Request copy to restUrl": client(
      { onRequest: rebased(true), onResponse: passThrough },
      BULLHORN_BASE_URL,
    ),
  };
}

/**
 * The same GET /jobs/{id} through a Bullhorn client, set up as documented: openapi-fetch
 * configured with the placeholder BULLHORN_BASE_URL and the middleware's `Request`, which
 * builds each request at the session's `restUrl` (no copy), the middleware adding `BhRestToken`. `bullhornHost` is the fake
 * that answers discovery, the OAuth refresh and the login, and serves the API (see
 * bullhorn-fake.mjs); the session is warmed by one request, as warm OAuth's token is.
 */
async function bullhornContender({ fetch, bullhornHost }) {
  const auth = createAuthMiddleware(
    bullhornAuth({
      clientId: "bench",
      clientSecret: "bench-secret",
      username: "bench.api",
      refreshToken: "bench-rt-1",
      loginInfoUrl: `${bullhornHost}/rest-services/loginInfo`,
    }),
    { fetch },
  );
  const client = createClient({ baseUrl: BULLHORN_BASE_URL, fetch, Request: auth.Request });
  client.use(auth);
  // Warm the session, and check that the request measured is the rebased one: a per-request
  // middleware runs after the client's, so it sees what goes to fetch.
  let sent;
  const seen = {
    onRequest: ({ request }) => {
      sent = request;
    },
  };
  await client.GET("/jobs/{id}", { params: { path: { id: "warm" } }, middleware: [seen] });
  if (sent?.url !== `${bullhornRestUrl(bullhornHost)}jobs/warm` || sent.headers.get("BhRestToken") !== "bench-session") {
    throw new Error(`bench: the Bullhorn request went to ${sent?.url} without the session, not to the session's restUrl`);
  }
  return { client, dispose: () => auth.dispose() };
}

export async function buildContenders({ baseUrl, fetch, tokenUrl, axiosAdapter, bullhornHost }) {
  const raw = createClient({ baseUrl, fetch });
  const oneLine = createClient({ baseUrl, fetch });
  oneLine.use(fixedHeader);
  const withApiKey = createClient({ baseUrl, fetch });
  withApiKey.use(createAuthMiddleware(apiKey({ header: "Authorization", value: TOKEN })));
  const withOAuth = createClient({ baseUrl, fetch });
  const oauth = createAuthMiddleware(
    clientCredentials({ tokenUrl, clientId: "bench", clientSecret: "bench-secret", clientAuthentication: "client_secret_basic" }),
    { fetch },
  );
  withOAuth.use(oauth);
  await withOAuth.GET("/jobs/{id}", { params: { path: { id: "warm" } } }); // warm the token cache
  const bullhorn = await bullhornContender({ fetch, bullhornHost });

  const headers = { Authorization: TOKEN };
  const handWritten = async (id) => (await fetch(`${baseUrl}/jobs/${encodeURIComponent(id)}`, { headers })).json();

  const ax = axios.create({ baseURL: baseUrl, ...(axiosAdapter ? { adapter: axiosAdapter } : {}) });
  ax.interceptors.request.use((config) => {
    config.headers.set("Authorization", TOKEN);
    return config;
  });

  const get = (client) => (id) => client.GET("/jobs/{id}", { params: { path: { id } } });
  return {
    contenders: {
      "openapi-fetch (no middleware)": get(raw),
      "openapi-fetch + one-line header middleware": get(oneLine),
      "openapi-fetch + auth-middleware (apiKey)": get(withApiKey),
      "openapi-fetch + auth-middleware (warm OAuth)": get(withOAuth),
      "openapi-fetch + auth-middleware (Bullhorn session)": get(bullhorn.client),
      "hand-written fetch + cached header": handWritten,
      "axios + request interceptor": async (id) => (await ax.get(`/jobs/${encodeURIComponent(id)}`)).data,
    },
    dispose: async () => {
      await oauth.dispose();
      await bullhorn.dispose();
    },
  };
}
