#!/usr/bin/env node
import { writeFileSync } from "node:fs";
// `pnpm bench`: runs every benchmark, prints the tables and writes BENCHMARKS.md. Every
// figure is a ratio against a baseline measured in the same run, with the raw numbers.
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { measure as measureSizes } from "../scripts/size.mjs";
import { coldStart } from "./cold-start.mjs";
import { fleet } from "./fleet.mjs";
import { fmt, ratio, startServerProcess, table } from "./lib.mjs";
import { inProcess, loopback } from "./overhead.mjs";
import { refreshBoundary } from "./refresh-boundary.mjs";
import { measureTypeCost } from "./type-cost.mjs";

const quick = process.argv.includes("--quick");
const log = (s) => console.log(s);
const sections = [];
const section = (title, body) => {
  sections.push(`## ${title}\n\n${body}\n`);
  log(`\n== ${title}\n${body}`);
};

const FLOOR = "openapi-fetch + one-line header middleware";
const RAW = "openapi-fetch (no middleware)";
const OURS = ["openapi-fetch + auth-middleware (apiKey)", "openapi-fetch + auth-middleware (warm OAuth)"];
const targets = [];

// (a) in process, stubbed fetch
const a = await inProcess(quick ? { rounds: 10 } : { rounds: 60, batch: 2000 });
section(
  "Per-request overhead, in process (stubbed fetch, warm token cache)",
  `${table(
    ["contender", "ops/s (median round)", "vs no middleware", "vs one-line header", "per-op p50 µs", "per-op p99 µs"],
    Object.entries(a).map(([name, r]) => [
      name,
      fmt(r.opsPerSec, 0),
      ratio(a[RAW].p50Ms, r.p50Ms),
      ratio(a[FLOOR].p50Ms, r.p50Ms),
      fmt(r.p50Ms * 1000, 2),
      fmt(r.p99Ms * 1000, 2),
    ]),
  )}\n\nRatios are throughput relative to the named baseline (1.000× = as fast; 0.970× = 3 % slower). ${a[RAW].rounds} interleaved rounds of 2,000 sequential requests each; per-op figures are round medians / p99 of rounds.`,
);
for (const name of OURS) {
  const over = a[name].p50Ms / a[FLOOR].p50Ms - 1;
  targets.push([
    `in process: ${name.replace("openapi-fetch + ", "")} over the one-line header middleware`,
    "≤ 3 %",
    `${fmt(over * 100)} %`,
    over <= 0.03,
  ]);
}

// (b) loopback HTTP
const b = await loopback(quick ? { inFlights: [1, 16], durationMs: 500 } : { inFlights: [1, 16, 256], durationMs: 2000 });
const rowsB = [];
for (const [inFlight, results] of Object.entries(b.results)) {
  for (const [name, r] of Object.entries(results)) {
    rowsB.push([
      inFlight,
      name,
      fmt(r.throughput, 0),
      ratio(r.throughput, results[RAW].throughput),
      ratio(r.throughput, results[FLOOR].throughput),
      fmt(r.p50Ms, 3),
      fmt(r.p99Ms, 3),
      r.errors,
    ]);
  }
  for (const name of OURS) {
    const over = 1 - results[name].throughput / results[RAW].throughput;
    targets.push([
      `loopback, ${inFlight} in flight: ${name.replace("openapi-fetch + ", "")} vs raw openapi-fetch`,
      "≤ 2 % (noise)",
      `${fmt(over * 100)} %`,
      over <= 0.02,
    ]);
  }
}
section(
  "Per-request overhead, end to end on loopback HTTP (node:http server in another process)",
  `${table(["in flight", "contender", "req/s", "vs no middleware", "vs one-line header", "p50 ms", "p99 ms", "errors"], rowsB)}\n\nEach cell is the better of two interleaved ${quick ? 0.5 : 2} s runs after a warm-up; ${b.tokenRequests} token request(s) in total (the cache stayed warm).`,
);

// cold start
const cold = await coldStart(quick ? { sizes: [1, 100, 1000] } : {});
section(
  "Cold start (token endpoint with 50 ms latency)",
  table(
    ["concurrent first requests", "token requests", "time to last response ms", "vs N = 1", "succeeded"],
    cold.map((r) => [r.n, r.tokenRequests, fmt(r.lastResponseMs), ratio(r.lastResponseMs, cold[0].lastResponseMs), r.ok]),
  ),
);
targets.push([
  "cold start: token requests for any N",
  "exactly 1",
  cold.map((r) => r.tokenRequests).join(", "),
  cold.every((r) => r.tokenRequests === 1),
]);

// refresh boundary
const rb = await refreshBoundary(startServerProcess);
const rbRow = (label, r) => [
  label,
  fmt(r.steady.p99, 2),
  fmt(r.refresh.p99, 2),
  fmt(r.expiry.p99, 2),
  ratio(Math.max(r.refresh.p99, r.expiry.p99), r.steady.p99),
  fmt(Math.max(r.refresh.max, r.expiry.max), 2),
  fmt(r.steady.max, 2),
];
section(
  "Refresh boundary (16 in flight, 6 s tokens, 50 ms token endpoint)",
  `${table(
    [
      "",
      "steady second p99 ms",
      "refresh second p99 ms",
      "expiry second p99 ms",
      "worst boundary / steady",
      "boundary max ms",
      "steady max ms",
    ],
    [rbRow("refresh ahead (default window)", rb.withWindow), rbRow("no refresh ahead (refreshWindowMs: 0)", rb.without)],
  )}\n\nThe token is refreshed from 2.7 s and expires at 5.4 s (6 s minus the 10 % margin); with refresh ahead no request waits for it.`,
);
const worst = Math.max(rb.withWindow.refresh.p99, rb.withWindow.expiry.p99) / rb.withWindow.steady.p99 - 1;
targets.push([
  "refresh-boundary p99 vs steady p99",
  "within 10 %",
  `${worst >= 0 ? "+" : ""}${fmt(worst * 100)} %`,
  worst <= 0.1,
]);

// fleet
const fl = await fleet(quick ? { processes: [1, 4], requests: 100 } : {});
section(
  "Fleet: processes × requests → token requests (cold cache, real redis-server)",
  fl.skipped
    ? `skipped: ${fl.skipped}`
    : table(
        ["store", "processes", "requests", "succeeded", "token requests"],
        fl.rows.map((r) => [
          r.store === "redis" ? "@hirekit/token-store-redis" : "in-memory (each process alone)",
          r.processes,
          r.requests,
          r.ok,
          r.tokenRequests,
        ]),
      ),
);

// size
const sizes = await measureSizes();
section(
  "Size (min+gzip, esbuild)",
  table(
    ["package", "import", "min+gzip B", "min B", "budget B", "of budget"],
    sizes.map((s) => [s.pkg, `{ ${s.imports} }`, s.gzip, s.min, s.budget, `${fmt((s.gzip / s.budget) * 100)} %`]),
  ),
);
const core = sizes.find((s) => s.pkg === "@hirekit/auth-middleware" && s.imports === "createAuthMiddleware");
if (core) targets.push(["auth-middleware core, min+gzip", "≤ 4 kB (4000 B)", `${core.gzip} B`, core.gzip <= 4000]);

// type cost
const tc = measureTypeCost();
section(
  "Type cost (bench/types/consumer.ts: every vendor client, 20 typed calls)",
  `${table(
    ["instantiations", "memory", "check time", "total time"],
    [[tc.instantiations, `${fmt(tc.memoryKB / 1024)} MB`, `${tc.checkTimeMs} ms`, `${tc.totalTimeMs} ms`]],
  )}\n\nCI fails when any of instantiations, memory or check time doubles against bench/type-cost-baseline.json.`,
);

const header = `# Benchmarks

Written by \`pnpm bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${fmt(totalmem() / 2 ** 30, 0)} GiB.
Every figure is measured in one run, next to its baseline in the same run.

## Targets

${table(
  ["target", "goal", "achieved", "met"],
  targets.map(([t, g, v, ok]) => [t, g, v, ok ? "yes" : "no"]),
)}
`;
const out = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));
writeFileSync(out, `${header}\n${sections.join("\n")}`);
log(`\n${header}`);
log(`written: ${out}`);
