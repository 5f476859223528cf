// Small, dependency-free measurement helpers shared by the benchmarks.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const now = () => Number(process.hrtime.bigint()) / 1e6; // ms, monotonic

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    n: sorted.length,
  };
}

export const median = (xs) => summarize(xs).p50;

/**
 * Interleaved micro-benchmark: every round runs each contender for `batch` sequential
 * operations, in a rotating order, so that drift (GC, frequency, JIT) hits all alike.
 * Returns ops/s per round and per-op latency (batch time / batch) percentiles.
 */
export async function interleaved(contenders, { rounds = 30, batch = 2000, warmupRounds = 5 } = {}) {
  const names = Object.keys(contenders);
  const perRound = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmupRounds + rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const name of order) {
      const fn = contenders[name];
      const start = now();
      for (let i = 0; i < batch; i++) await fn();
      const elapsed = now() - start;
      if (r >= warmupRounds) perRound[name].push(elapsed / batch);
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const lat = summarize(perRound[n]);
      return [n, { opsPerSec: 1000 / lat.p50, p50Ms: lat.p50, p99Ms: lat.p99, rounds, perRound: perRound[n] }];
    }),
  );
}

/**
 * Median of per-round ratios `a[i] / b[i]` of two contenders measured in the same rounds:
 * pairing cancels the drift both saw in that round, which medians of each alone do not.
 */
export function pairedRatio(a, b) {
  return median(a.map((x, i) => x / b[i]));
}

/** Runs `fn` with `inFlight` concurrent loops for `durationMs`; per-request latency percentiles and throughput. */
export async function closedLoop(fn, { inFlight, durationMs }) {
  const latencies = [];
  const deadline = now() + durationMs;
  const start = now();
  let errors = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (now() < deadline) {
        const t = now();
        try {
          await fn();
        } catch {
          errors++;
        }
        latencies.push(now() - t);
      }
    }),
  );
  const elapsed = now() - start;
  const s = summarize(latencies);
  return { p50Ms: s.p50, p99Ms: s.p99, requests: s.n, throughput: (s.n / elapsed) * 1000, errors };
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts bench/servers.mjs in a child process (so the server does not share the event loop). */
export async function startServerProcess(kind, { TOKEN_LATENCY_MS = "50", EXPIRES_IN = "3600" } = {}) {
  const script = fileURLToPath(new URL("./servers.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, kind, TOKEN_LATENCY_MS, EXPIRES_IN], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once("data", (d) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  const stats = async () => (await fetch(`${url}/__stats`)).json();
  const stop = () =>
    new Promise((r) => {
      child.once("exit", r);
      child.kill();
    });
  return { url, stats, stop };
}

export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
export const ratio = (a, b) => `${(a / b).toFixed(3)}×`;
