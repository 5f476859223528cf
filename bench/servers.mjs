// Loopback servers for the benchmarks, run in their own process:
//   node servers.mjs api                              {"ok":true} to anything (and /__stats)
//   node servers.mjs token <latency ms> <expires_in>  an OAuth token endpoint at /token,
//          counting token requests (GET /__stats), Bullhorn's discovery, OAuth refresh and
//          login (bullhorn-fake.mjs, counted apart), plus the API on other paths
import { createServer } from "node:http";
import { bullhornAnswer } from "./bullhorn-fake.mjs";

const kind = process.argv[2];
const latency = Number(process.argv[3] ?? 50);
const expiresIn = Number(process.argv[4] ?? 3600);
let tokenRequests = 0;
let apiRequests = 0;
let bullhornCalls = 0;
const body = JSON.stringify({ ok: true });

const server = createServer((req, res) => {
  if (req.url === "/__stats") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ tokenRequests, apiRequests, bullhornCalls }));
    return;
  }
  if (kind === "token" && req.url === "/token") {
    tokenRequests++;
    const n = tokenRequests;
    req.resume();
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: `bench-token-${n}`, token_type: "bearer", expires_in: expiresIn }));
    }, latency);
    return;
  }
  const bullhorn = kind === "token" && req.url.includes("?") ? bullhornAnswer(req.url, `http://${req.headers.host}`) : undefined;
  if (bullhorn !== undefined) {
    bullhornCalls++;
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(bullhorn));
    return;
  }
  apiRequests++;
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
});
server.keepAliveTimeout = 60_000;
server.maxConnections = 20_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
