// Refresh boundary: steady load (16 in flight) against a loopback API across a token's
// refresh window and expiry. Token lifetime 6 s (expiry at 5.4 s after the 10 % margin,
// refresh from 2.7 s), token endpoint latency 50 ms. p99 per one-second bucket, pooled over
// runs: the seconds holding the refresh and the expiry against two steady seconds. The same run with
// refreshWindowMs: 0 (no refresh ahead) shows what refresh-ahead buys.
import createClient from "openapi-fetch";
import { clientCredentials, createAuthMiddleware } from "../packages/auth-middleware/dist/index.js";
import { balancedOrder, now, summarize } from "./lib.mjs";

async function run(server, refreshWindowMs, { inFlight = 16, durationMs = 7_000 } = {}) {
  const client = createClient({ baseUrl: server.url });
  const events = [];
  const auth = createAuthMiddleware(
    clientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: `rb-${refreshWindowMs}`,
      clientSecret: "s",
      clientAuthentication: "client_secret_basic",
    }),
    { refreshWindowMs, onEvent: (e) => e.type === "token_obtained" && events.push(now()) },
  );
  client.use(auth);
  await client.GET("/jobs/{id}", { params: { path: { id: "warm" } } });
  const t0 = events[0];
  // The first second warms the JIT and connections; the steady second is the next one.
  const samples = [];
  const deadline = now() + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (now() < deadline) {
        const t = now();
        await client.GET("/jobs/{id}", { params: { path: { id: "1" } } });
        samples.push([t - t0, now() - t]);
      }
    }),
  );
  await auth.dispose();
  const bucket = (from) => samples.filter(([at]) => at >= from && at < from + 1000).map(([, d]) => d);
  const refreshAt = 2_700;
  const expiryAt = 5_400;
  return {
    steady: bucket(1_000),
    // 4–5 s: after the refresh at 2.7 s, before the next one at ~5.45 s.
    steady2: bucket(4_000),
    refresh: bucket(Math.floor(refreshAt / 1000) * 1000),
    expiry: bucket(Math.floor(expiryAt / 1000) * 1000),
    tokenEvents: events.length,
  };
}

/**
 * Pools each second's samples over all runs before taking percentiles: the p99 of one
 * second at 16 in flight rests on its ~30 slowest requests and moves by tens of per cent
 * from one steady second to the next; pooled over runs it rests on hundreds.
 */
function pool(runs) {
  const of = (...buckets) => {
    const ms = runs.flatMap((r) => buckets.flatMap((b) => r[b]));
    // A request that waited for the token endpoint (50 ms) took at least that long.
    return { ...summarize(ms), waited: ms.filter((d) => d >= 45).length };
  };
  return {
    steady: of("steady", "steady2"),
    steady1: of("steady"),
    steady2: of("steady2"),
    refresh: of("refresh"),
    expiry: of("expiry"),
    runs: runs.length,
  };
}

export async function refreshBoundary(startServerProcess, { repeats = 6 } = {}) {
  const server = await startServerProcess("token", { TOKEN_LATENCY_MS: "50", EXPIRES_IN: "6" });
  // The control: the same load and seconds with a one-hour token, so no token event at all;
  // whatever its "refresh" and "expiry" seconds show is the machine's, not the middleware's.
  const control = await startServerProcess("token", { TOKEN_LATENCY_MS: "50", EXPIRES_IN: "3600" });
  const modes = [
    { samples: [], run: () => run(server, 120_000) },
    { samples: [], run: () => run(server, 0) },
    { samples: [], run: () => run(control, 120_000) },
  ];
  // One uncounted run first: it takes the compilations and the collection of what the
  // benchmarks before it left in the heap, which would otherwise land on one mode's run.
  await run(control, 120_000, { durationMs: 3_000 });
  for (let i = 0; i < repeats; i++) {
    // A balanced order: no mode always runs first (or after the same one).
    for (const m of balancedOrder(modes.length, i)) modes[m].samples.push(await modes[m].run());
  }
  const [withWindow, without, quiet] = modes.map((m) => m.samples);
  await server.stop();
  await control.stop();
  return { withWindow: pool(withWindow), without: pool(without), control: pool(quiet) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startServerProcess } = await import("./lib.mjs");
  console.log(JSON.stringify(await refreshBoundary(startServerProcess), null, 1));
}
