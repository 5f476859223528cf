import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { type RotatingServer, startRotatingServer } from "../../../scripts/rotating-token-server.mjs";
import { startFleetServer, startWorker, type TokenServer, type Worker } from "./fleet.js";

const url = inject("redisUrl");
let workers: Worker[] = [];
let server: TokenServer | undefined;
afterEach(async () => {
  await Promise.all(workers.map((w) => w.exit().catch(() => undefined)));
  workers = [];
  await server?.close();
});

async function fleet(n: number, env: Record<string, string>) {
  workers = await Promise.all(Array.from({ length: n }, (_, i) => startWorker(`w${i + 1}`, env)));
  return workers;
}

describe.skipIf(!url)("a fleet of processes behaves like one client", () => {
  it("4 processes × 250 concurrent requests on a cold cache → 1 token request; again after the token expires → 1 more", async () => {
    server = await startFleetServer({ lifetimeS: 4, latencyMs: 100 });
    const env = { TOKEN_URL: `${server.url}/token`, API_URL: server.url, REDIS_URL: `${url}`, CONCURRENCY: "250" };
    // A unique credential per test run: a fresh token server URL makes a fresh cache key.
    const procs = await fleet(4, env);
    const cold = await Promise.all(procs.map((w) => w.round()));
    expect(cold.map((r) => r.ok)).toEqual([250, 250, 250, 250]);
    expect(cold.flatMap((r) => r.credentials)).toEqual(["Bearer fleet-1", "Bearer fleet-1", "Bearer fleet-1", "Bearer fleet-1"]);
    expect(server.requests).toHaveLength(1);
    // 4 s lifetime - 0.4 s margin: expired after 3.6 s.
    await new Promise((r) => setTimeout(r, 3_800));
    const expired = await Promise.all(procs.map((w) => w.round()));
    expect(expired.map((r) => r.ok)).toEqual([250, 250, 250, 250]);
    expect(new Set(expired.flatMap((r) => r.credentials))).toEqual(new Set(["Bearer fleet-2"]));
    expect(server.requests).toHaveLength(2);
  }, 30_000);

  it("a lock holder killed mid-refresh: another process takes over within the lock TTL and no request fails", async () => {
    server = await startFleetServer({ lifetimeS: 3600, latencyMs: 20 });
    const env = {
      TOKEN_URL: `${server.url}/token`,
      API_URL: server.url,
      REDIS_URL: `${url}`,
      CONCURRENCY: "100",
      TIMEOUT_MS: "1000",
    };
    const procs = await fleet(4, env);
    let holder: string | undefined;
    // The first process to ask for a token holds the lock: it never gets an answer, and is killed.
    server.hang = (worker) => {
      if (holder !== undefined) return false;
      holder = worker;
      const victim = procs.find((w) => w.id === worker);
      setTimeout(() => victim?.child.kill("SIGKILL"), 100);
      return true;
    };
    const started = Date.now();
    const rounds = await Promise.allSettled(procs.map((w) => w.round()));
    const elapsed = Date.now() - started;
    const survivors = rounds.filter(
      (r): r is PromiseFulfilledResult<Awaited<ReturnType<Worker["round"]>>> => r.status === "fulfilled",
    );
    expect(rounds.filter((r) => r.status === "rejected")).toHaveLength(1); // the killed holder
    expect(survivors.map((r) => r.value.ok)).toEqual([100, 100, 100]);
    expect(new Set(survivors.flatMap((r) => r.value.credentials))).toEqual(new Set(["Bearer fleet-1"]));
    // One hung request from the dead holder, one from the process that took over.
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]).not.toBe(holder);
    // Lock TTL = 2 × TIMEOUT_MS + 1 s = 3 s; the takeover happens within it (plus polling slack).
    expect(elapsed).toBeLessThan(3_000 + 1_500);
  }, 30_000);
});

// One file with the fleet tests above: vitest runs files in parallel, and these processes
// would compete for the same two cores.
const script = fileURLToPath(new URL("./fixtures/rotating-worker.mjs", import.meta.url));

interface Report {
  worker: string;
  sent: number;
  served: number;
  failures: Record<string, number>;
  rotations: number;
  windows: number[];
}

interface Proc {
  id: string;
  child: ChildProcess;
  /** Resolves with the worker's final report; rejects if it dies first. */
  report: Promise<Report>;
}

const procs: Proc[] = [];
let rotating: RotatingServer | undefined;
afterEach(async () => {
  for (const p of procs.splice(0)) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  await rotating?.close();
  rotating = undefined;
});

async function startProc(id: string, env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env, WORKER_ID: id },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const report = new Promise<Report>((resolve, reject) => {
    lines.on("line", (line) => {
      const parsed = JSON.parse(line) as Report & { ready?: string };
      if (parsed.ready !== undefined) ready();
      else resolve(parsed);
    });
    child.once("exit", (code, signal) => reject(new Error(`worker ${id} exited (${code ?? signal}) before its report`)));
  });
  report.catch(() => undefined);
  const proc = { id, child, report };
  procs.push(proc);
  await isReady;
  return proc;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

describe.skipIf(!url)("a fleet sharing one grant whose refresh tokens rotate on every use", () => {
  it("3 processes, 2-second access tokens, one SIGKILLed and one started from the configuration: every request served, no refresh token reused", async () => {
    rotating = await startRotatingServer({
      lifetimeS: 2,
      latencyMs: 20,
      prefix: "rt-fleet-rotating-",
      accessPrefix: "at-fleet-rotating-",
    });
    const s = rotating;
    const prefix = `hirekit-rotation-${randomBytes(6).toString("hex")}:`;
    const env = {
      TOKEN_URL: s.tokenUrl,
      API_URL: s.url,
      REDIS_URL: url,
      REDIS_PREFIX: prefix,
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      REFRESH_TOKEN: s.current(), // the grant's first refresh token, as every process is configured
      DURATION_MS: "11000",
      CONCURRENCY: "4",
    };
    const started = Date.now();
    const [w1, w2, w3] = await Promise.all(["w1", "w2", "w3"].map((id) => startProc(id, env)));
    // A new process joins at about 1.5 s, configured with the first refresh token only, which
    // the fleet spent on its first request.
    await new Promise((r) => setTimeout(r, 1500));
    const w4 = await startProc("w4", { ...env, DURATION_MS: "10000" });
    // Kill w2 at about 4 s, outside a token exchange: no token request in flight, and the last
    // answer long enough ago that its holder has written the rotated token.
    await new Promise((r) => setTimeout(r, Math.max(0, started + 4000 - Date.now())));
    while (s.state.tokenInflight > 0 || Date.now() - s.state.lastTokenAnswerAt < 100) {
      await new Promise((r) => setTimeout(r, 5));
    }
    w2?.child.kill("SIGKILL");
    const reports = await Promise.all([w1, w3, w4].map((p) => (p as Proc).report));
    const elapsed = Date.now() - started;
    await expect(w2?.report).rejects.toThrow(/exited \(SIGKILL\)/);

    const sent = reports.reduce((n, r) => n + r.sent, 0);
    const served = reports.reduce((n, r) => n + r.served, 0);
    const rotations = reports.reduce((n, r) => n + r.rotations, 0);
    const windows = reports.flatMap((r) => r.windows);
    const diagnosis = JSON.stringify({ sent: s.state.sent, reused: s.state.reused, reports });
    expect(
      reports.map((r) => r.failures),
      diagnosis,
    ).toEqual([{}, {}, {}]);
    expect(served).toBe(sent);
    expect(s.state.reused, diagnosis).toEqual([]);
    expect(s.state.revoked).toBe(false);
    // Exactly one token request per rotation across the fleet (none wasted, none repeated).
    expect(s.state.sent.length).toBe(s.state.rotations);
    expect(new Set(s.state.sent).size).toBe(s.state.sent.length);
    // 11 s of traffic with tokens refreshed about every second: many rotations, several processes.
    expect(s.state.rotations).toBeGreaterThanOrEqual(8);
    // The survivors' own count of rotations (w2's died with it) matches the server's.
    expect(rotations).toBeLessThanOrEqual(s.state.rotations);
    expect(reports.filter((r) => r.rotations > 0).length).toBeGreaterThanOrEqual(2);
    // w4 started from the first refresh token and never sent it.
    expect(s.state.sent.filter((t) => t === env.REFRESH_TOKEN)).toHaveLength(1);

    // At rest in Redis: the grant and the access token exist, and neither is readable.
    const redis = new Redis(url);
    try {
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.some((k) => k.endsWith(":grant"))).toBe(true);
      const values = await Promise.all(keys.map((k) => redis.get(k)));
      const raw = values.join("\n");
      expect(raw).not.toMatch(/rt-fleet-rotating-|at-fleet-rotating-/);
      console.log(
        `rotation fleet: ${elapsed} ms, requests served ${served}/${sent}, rotations ${s.state.rotations} ` +
          `(by process: ${reports.map((r) => `${r.worker}=${r.rotations}`).join(" ")}), token requests ${s.state.sent.length}, ` +
          `refresh tokens reused ${s.state.reused.length}, crash window (answer received -> rotated token in Redis) ` +
          `p50 ${percentile(windows, 50).toFixed(2)} ms, p99 ${percentile(windows, 99).toFixed(2)} ms, ` +
          `max ${Math.max(...windows).toFixed(2)} ms over ${windows.length} rotations; Redis keys scanned ${keys.length}, plaintext tokens 0`,
      );
    } finally {
      redis.disconnect();
    }
  }, 40_000);
});
