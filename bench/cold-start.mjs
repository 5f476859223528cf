// Cold start: N concurrent first requests on a cold cache, against a token endpoint with
// 50 ms latency (a loopback server in another process). The API is a stubbed fetch so that
// only the token path is measured. Counts token requests and the time to the last response.
import createClient from "openapi-fetch";
import { clientCredentials, createAuthMiddleware } from "../packages/auth-middleware/dist/index.js";
import { now, startServerProcess } from "./lib.mjs";

export async function coldStart({ sizes = [1, 100, 10_000] } = {}) {
  const server = await startServerProcess("token", { TOKEN_LATENCY_MS: "50", EXPIRES_IN: "3600" });
  const stub = async () => new Response('{"ok":true}', { headers: { "content-type": "application/json" } });
  const rows = [];
  for (const n of sizes) {
    const before = (await server.stats()).tokenRequests;
    const client = createClient({ baseUrl: "https://api.bench.example", fetch: stub });
    const auth = createAuthMiddleware(
      clientCredentials({
        tokenUrl: `${server.url}/token`,
        clientId: `cold-${n}`,
        clientSecret: "s",
        clientAuthentication: "client_secret_basic",
      }),
    );
    client.use(auth);
    const start = now();
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => client.GET("/jobs/{id}", { params: { path: { id: String(i) } } })),
    );
    const elapsed = now() - start;
    const ok = results.filter((r) => r.response.status === 200).length;
    rows.push({ n, tokenRequests: (await server.stats()).tokenRequests - before, lastResponseMs: elapsed, ok });
    await auth.dispose();
  }
  await server.stop();
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await coldStart());
