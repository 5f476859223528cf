import { afterEach, describe, expect, inject, it } from "vitest";
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
