// Small, dependency-free measurement helpers shared by the benchmarks.
import { execFileSync, spawn } from "node:child_process";
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
 * The order of `n` contenders in round `r`: a Williams design. Over a full cycle (n rounds
 * for an even n, 2n for an odd one) every contender runs first equally often and follows
 * every other contender equally often, so that what one leaves behind (garbage to collect,
 * sockets warm or cold) weighs on all alike. A plain rotation lets each contender always
 * follow the same neighbour: a bias that no number of rounds removes.
 */
export function balancedOrder(n, r) {
  const first = [];
  for (let i = 0, low = 0, high = n - 1; i < n; i++) first.push(i % 2 === 0 ? low++ : high--);
  const row = first.map((x) => (x + r) % n);
  return n % 2 === 1 && Math.floor(r / n) % 2 === 1 ? row.reverse() : row;
}

/**
 * Interleaved micro-benchmark: every round runs each contender for `batch` sequential
 * operations, in a balanced order (balancedOrder), so that drift (GC, frequency, JIT) hits all alike.
 * Returns ops/s per round and per-op latency (batch time / batch) percentiles.
 */
export async function interleaved(contenders, { rounds = 30, batch = 2000, warmupRounds = 5 } = {}) {
  const names = Object.keys(contenders);
  const perRound = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmupRounds + rounds; r++) {
    // Measured rounds start a full cycle of the design; warm-up rounds take the cycle's end.
    const order = balancedOrder(names.length, r - warmupRounds + 2 * names.length * warmupRounds).map((i) => names[i]);
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
      return [n, { opsPerSec: 1000 / lat.p50, p50Ms: lat.p50, p99Ms: lat.p99, rounds, batch, perRound: perRound[n] }];
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

/**
 * 95 % bootstrap interval of {@link pairedRatio}: the rounds are resampled with replacement
 * (a fixed seed, so that the same data always gives the same interval).
 */
export function pairedRatioInterval(a, b, { resamples = 2000, seed = 1 } = {}) {
  const ratios = a.map((x, i) => x / b[i]);
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const medians = [];
  for (let r = 0; r < resamples; r++) medians.push(median(ratios.map(() => ratios[Math.floor(random() * ratios.length)])));
  medians.sort((x, y) => x - y);
  return { low: percentile(medians, 2.5), high: percentile(medians, 97.5) };
}

/**
 * Pins a process (all its threads) to `cpus` (a CPU list as taskset takes it: 1, or 0-1)
 * so that the benchmark client and the loopback server stop trading cores. Returns false
 * where taskset is missing; the figures are then taken unpinned, and say so.
 */
export function pinToCpu(cpus, pid = process.pid) {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(cpus), String(pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` with `inFlight` concurrent loops for `durationMs`; per-request latency percentiles and throughput. */
export async function closedLoop(fn, { inFlight, durationMs }) {
  const latencies = [];
  const deadline = now() + durationMs;
  const start = now();
  const cpuStart = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpuStart);
  const s = summarize(latencies);
  return {
    p50Ms: s.p50,
    p99Ms: s.p99,
    requests: s.n,
    throughput: (s.n / elapsed) * 1000,
    // This process's CPU time (user + system) per request, in µs: what the client spends,
    // apart from waiting on the server or for a core.
    cpuUsPerRequest: (cpu.user + cpu.system) / s.n,
    errors,
  };
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
  return { url, pid: child.pid, stats, stop };
}

export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
export const ratio = (a, b) => `${(a / b).toFixed(3)}×`;
