// Run by exit.test.ts in a child process, against the built packages: a few faults, then
// "done". It never calls process.exit(): it ends only once no timer or socket is left.
import { createServer } from "node:http";
import { createRetryFetch } from "@hirekit/retry";
import createClient from "openapi-fetch";
import { clientCredentials, createAuthMiddleware } from "../../../auth-middleware/dist/index.js";

const listen = (handler) =>
  new Promise((resolve) => {
    let n = 0;
    const server = createServer((req, res) => {
      n++;
      req.resume();
      req.on("end", () => handler(req, res, n));
    });
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });

let tokenMode = "hang";
const token = await listen((_req, res) => {
  if (tokenMode === "hang") return;
  if (tokenMode === "trickle") {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("{");
    const t = setInterval(() => res.write(" "), 50);
    res.on("close", () => clearInterval(t));
    return;
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ access_token: "child-access-token-1", token_type: "bearer", expires_in: 3600 }));
});
let apiMode = "retry-after";
const api = await listen((req, res, n) => {
  if (apiMode === "retry-after") return res.writeHead(503, { "retry-after": "30" }).end();
  if (apiMode === "reset" && n % 2 === 0) return req.socket.destroy();
  res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
});

const auth = createAuthMiddleware(
  clientCredentials({
    tokenUrl: `${token.url}/token`,
    clientId: "child-client",
    clientSecret: "child-test-client-secret-91c2",
    clientAuthentication: "client_secret_basic",
  }),
  { timeoutMs: 200 },
);
const client = createClient({ baseUrl: api.url, fetch: createRetryFetch((r) => fetch(r), { maxDelayMs: 60_000 }) });
client.use(auth);
const outcome = async (work) => {
  try {
    const { response } = await work;
    return String(response.status);
  } catch (e) {
    return typeof e.code === "string" ? e.code : e.name;
  }
};

const results = [];
results.push(await outcome(client.GET("/records")));
tokenMode = "trickle";
results.push(await outcome(client.GET("/records")));
tokenMode = "ok";
results.push(await outcome(client.GET("/records", { signal: AbortSignal.timeout(150) })));
apiMode = "reset";
results.push(await outcome(client.GET("/records")));
await auth.dispose();
token.server.closeAllConnections();
api.server.closeAllConnections();
token.server.close();
api.server.close();
console.log(`done ${results.join(" ")}`);
