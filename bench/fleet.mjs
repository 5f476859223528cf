// Fleet: P processes × R concurrent requests on a cold cache → token requests, with the
// Redis token store and, as the baseline, with each process's own in-memory store. Uses
// the real worker process of @hirekit/token-store-redis's tests and a real redis-server.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startRotatingServer } from "../scripts/rotating-token-server.mjs";
import { freePort, startServerProcess } from "./lib.mjs";

const worker = fileURLToPath(new URL("../packages/token-store-redis/test/fixtures/worker.mjs", import.meta.url));
const rotatingWorker = fileURLToPath(new URL("../packages/token-store-redis/test/fixtures/rotating-worker.mjs", import.meta.url));

async function startWorker(id, env) {
  const child = spawn(process.execPath, [worker], {
    env: { ...process.env, ...env, WORKER_ID: id },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  await lines.next();
  return {
    round: async () => {
      child.stdin.write("go\n");
      return JSON.parse((await lines.next()).value);
    },
    exit: () =>
      new Promise((r) => {
        child.once("exit", r);
        child.stdin.write("exit\n");
      }),
  };
}

/**
 * P processes share one grant whose refresh tokens rotate on every use (2-second access
 * tokens, a server that revokes the grant on any reuse) through the encrypted Redis store,
 * each sending requests for `durationMs`. Every process is configured with the grant's
 * first refresh token, as a deployment would be.
 */
async function rotatingRow(p, port, durationMs) {
  const server = await startRotatingServer({ lifetimeS: 2, latencyMs: 20, prefix: "bench-rt-", accessPrefix: "bench-at-" });
  const env = {
    TOKEN_URL: server.tokenUrl,
    API_URL: server.url,
    REDIS_URL: `redis://127.0.0.1:${port}`,
    REDIS_PREFIX: `bench-rotating-${p}:`,
    ENCRYPTION_KEY: Buffer.alloc(32, p).toString("base64"),
    REFRESH_TOKEN: server.current(),
    DURATION_MS: String(durationMs),
    CONCURRENCY: "4",
  };
  try {
    const reports = await Promise.all(
      Array.from({ length: p }, (_, i) => {
        const child = spawn(process.execPath, [rotatingWorker], {
          env: { ...process.env, ...env, WORKER_ID: `w${i}` },
          stdio: ["ignore", "pipe", "inherit"],
        });
        const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
        return lines.next().then(async () => JSON.parse((await lines.next()).value));
      }),
    );
    const windows = reports.flatMap((r) => r.windows).sort((a, b) => a - b);
    return {
      processes: p,
      sent: reports.reduce((a, r) => a + r.sent, 0),
      served: reports.reduce((a, r) => a + r.served, 0),
      rotations: server.state.rotations,
      tokenRequests: server.state.sent.length,
      reused: server.state.reused.length,
      windowP50: windows[Math.floor(windows.length / 2)],
      windowMax: windows.at(-1),
    };
  } finally {
    await server.close();
  }
}

export async function fleet({ processes = [1, 2, 4, 8], requests = 250, rotating = [2, 4, 8], rotatingMs = 6000 } = {}) {
  const bin = process.env.REDIS_SERVER_BIN ?? "redis-server";
  if (spawnSync(bin, ["--version"]).status !== 0) return { skipped: "redis-server not found" };
  const port = await freePort();
  const redis = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await new Promise((r) => setTimeout(r, 300));
  const rows = [];
  const rotatingRows = [];
  try {
    for (const p of rotating) rotatingRows.push(await rotatingRow(p, port, rotatingMs));
    for (const store of ["redis", "memory"]) {
      for (const p of processes) {
        const server = await startServerProcess("token", { TOKEN_LATENCY_MS: "50", EXPIRES_IN: "3600" });
        const env = {
          TOKEN_URL: `${server.url}/token`,
          API_URL: server.url,
          REDIS_URL: `redis://127.0.0.1:${port}`,
          CONCURRENCY: String(requests),
          STORE: store,
        };
        const workers = await Promise.all(Array.from({ length: p }, (_, i) => startWorker(`w${i}`, env)));
        const results = await Promise.all(workers.map((w) => w.round()));
        await Promise.all(workers.map((w) => w.exit()));
        const stats = await server.stats();
        rows.push({
          store,
          processes: p,
          requests: p * requests,
          ok: results.reduce((a, r) => a + r.ok, 0),
          tokenRequests: stats.tokenRequests,
        });
        await server.stop();
      }
    }
  } finally {
    redis.kill();
  }
  return { rows, rotatingRows };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await fleet(), null, 1));
