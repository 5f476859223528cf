// The per-request contenders, each a function that performs one GET /jobs/{id} and reads
// the JSON body, built over a given fetch (a stub or the real one) and base URL.
import axios from "axios";
import createClient from "openapi-fetch";
import { apiKey, clientCredentials, createAuthMiddleware } from "../packages/auth-middleware/dist/index.js";

const TOKEN = "Bearer bench-fixed-token";

/** The fixed-header floor: the smallest possible openapi-fetch middleware. */
const fixedHeader = { onRequest: ({ request }) => void request.headers.set("Authorization", TOKEN) };

/**
 * The floor plus, one at a time and together, the two things a middleware that checks the
 * origin (rule 9) and replays a 401 (rule 5) cannot avoid: reading `request.url`, and
 * having an `onResponse` hook for openapi-fetch to call. Measured next to the auth
 * middleware, they split its overhead into the mechanism's part and its own code's.
 */
export function anatomyContenders({ baseUrl, fetch }) {
  const prefix = `${new URL(baseUrl).origin}/`;
  const checked = ({ request }) => {
    if (!request.url.startsWith(prefix)) throw new Error("origin");
    request.headers.set("Authorization", TOKEN);
  };
  const passThrough = ({ response }) => (response.status === 401 ? response : undefined);
  const client = (middleware) => {
    const c = createClient({ baseUrl, fetch });
    c.use(middleware);
    return (id) => c.GET("/jobs/{id}", { params: { path: { id } } });
  };
  return {
    "one-line header + request.url check": client({ onRequest: checked }),
    "one-line header + onResponse hook": client({ ...fixedHeader, onResponse: passThrough }),
    "one-line header + both": client({ onRequest: checked, onResponse: passThrough }),
  };
}

export async function buildContenders({ baseUrl, fetch, tokenUrl, axiosAdapter }) {
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
      "hand-written fetch + cached header": handWritten,
      "axios + request interceptor": async (id) => (await ax.get(`/jobs/${encodeURIComponent(id)}`)).data,
    },
    dispose: () => oauth.dispose(),
  };
}
