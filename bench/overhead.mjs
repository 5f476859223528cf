// Per-request overhead on a warm token cache: (a) in process with a stubbed fetch,
// (b) end to end against a loopback node:http server in another process.
import { cpus } from "node:os";
import { bullhornAnswer } from "./bullhorn-fake.mjs";
import { anatomyContenders, buildContenders } from "./contenders.mjs";
import { balancedOrder, closedLoop, interleaved, median, pinToCpu, startServerProcess } from "./lib.mjs";

const JSON_BODY = '{"ok":true}';
/** The stub's Bullhorn data centre: answers to a Bullhorn host, as a real login's `restUrl` must be. */
const BULLHORN_HOST = "https://rest9.bullhornstaffing.com";

/**
 * The contenders over a stubbed fetch (and a stubbed axios adapter): no I/O, only the
 * client's own work. `anatomy` adds the floor-plus-one-part contenders of anatomyContenders.
 */
export async function stubbedContenders({ anatomy = false } = {}) {
  const stubFetch = async (input) => {
    const url = typeof input === "string" ? input : input.url;
    // The API calls have no query; Bullhorn's credential calls all have one.
    const body = url.endsWith("/token")
      ? '{"access_token":"stub-token","token_type":"bearer","expires_in":3600}'
      : url.includes("?")
        ? JSON.stringify(bullhornAnswer(url, BULLHORN_HOST) ?? { ok: true })
        : JSON_BODY;
    return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  };
  const axiosAdapter = async (config) => ({
    data: JSON_BODY,
    status: 200,
    statusText: "OK",
    headers: { "content-type": "application/json" },
    config,
    request: {},
  });
  const baseUrl = "https://api.bench.example";
  const built = await buildContenders({
    baseUrl,
    fetch: stubFetch,
    tokenUrl: "https://auth.bench.example/token",
    axiosAdapter,
    bullhornHost: BULLHORN_HOST,
  });
  if (anatomy) Object.assign(built.contenders, anatomyContenders({ baseUrl, fetch: stubFetch, bullhornHost: BULLHORN_HOST }));
  return built;
}

export async function inProcess({ rounds = 40, batch = 2000 } = {}) {
  const { contenders, dispose } = await stubbedContenders();
  let n = 0;
  const wrapped = Object.fromEntries(Object.entries(contenders).map(([k, fn]) => [k, () => fn(String(n++ % 1000))]));
  const result = await interleaved(wrapped, { rounds, batch });
  await dispose();
  return result;
}

export async function loopback({ inFlights = [1, 16, 256], sliceMs = 150, rounds = 30 } = {}) {
  const server = await startServerProcess("token", { TOKEN_LATENCY_MS: "0", EXPIRES_IN: "86400" });
  // Client on CPU 0, server on CPU 1: neither waits for the other's core.
  const cpuCount = cpus().length;
  const pinned = cpuCount >= 2 && pinToCpu(1, server.pid) && pinToCpu(0);
  const { contenders, dispose } = await buildContenders({
    baseUrl: server.url,
    fetch: (input, init) => globalThis.fetch(input, init),
    tokenUrl: `${server.url}/token`,
    bullhornHost: server.url,
  });
  const names = Object.keys(contenders);
  const out = {};
  let n = 0;
  for (const inFlight of inFlights) {
    // Warm every contender's connections at this concurrency before measuring.
    for (const fn of Object.values(contenders)) await closedLoop(() => fn(String(n++ % 1000)), { inFlight, durationMs: 300 });
    const slices = Object.fromEntries(names.map((name) => [name, []]));
    // Short slices in a balanced order, so that drift and carry-over hit every contender
    // alike; ratios are then taken round by round (see pairedRatio).
    for (let r = 0; r < rounds; r++) {
      for (const i of balancedOrder(names.length, r)) {
        const name = names[i];
        slices[name].push(await closedLoop(() => contenders[name](String(n++ % 1000)), { inFlight, durationMs: sliceMs }));
      }
    }
    out[inFlight] = Object.fromEntries(
      names.map((name) => [
        name,
        {
          throughput: median(slices[name].map((x) => x.throughput)),
          p50Ms: median(slices[name].map((x) => x.p50Ms)),
          p99Ms: median(slices[name].map((x) => x.p99Ms)),
          errors: slices[name].reduce((a, x) => a + x.errors, 0),
          perRound: slices[name].map((x) => x.throughput),
          cpuUsPerRequest: median(slices[name].map((x) => x.cpuUsPerRequest)),
        },
      ]),
    );
  }
  await dispose();
  const stats = await server.stats();
  await server.stop();
  if (pinned) pinToCpu(`0-${cpuCount - 1}`);
  return { results: out, tokenRequests: stats.tokenRequests, bullhornCalls: stats.bullhornCalls, rounds, sliceMs, pinned };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await inProcess({ rounds: 10 }), null, 1));
}
