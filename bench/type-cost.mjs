#!/usr/bin/env node
// Type cost: tsc time and memory for bench/types/consumer.ts (every vendor client, 20 typed
// calls) against the built declarations. `--check` fails (exit 1) when any figure is more
// than twice the recorded baseline (bench/type-cost-baseline.json); `--record` rewrites it.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const baselinePath = fileURLToPath(new URL("./type-cost-baseline.json", import.meta.url));
const project = fileURLToPath(new URL("./types", import.meta.url));

export function measureTypeCost() {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const out = execFileSync(process.execPath, [tsc, "-p", project, "--extendedDiagnostics"], { encoding: "utf8" });
  const read = (label) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)(K|s)?`, "m").exec(out);
    if (!m) throw new Error(`type-cost: "${label}" missing from tsc output`);
    return m[2] === "s" ? Number(m[1]) * 1000 : Number(m[1]);
  };
  return {
    instantiations: read("Instantiations"),
    memoryKB: read("Memory used"),
    checkTimeMs: read("Check time"),
    totalTimeMs: read("Total time"),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const current = measureTypeCost();
  console.log(`type cost: ${JSON.stringify(current)}`);
  if (process.argv.includes("--record")) {
    writeFileSync(
      baselinePath,
      `${JSON.stringify({ recordedOn: new Date().toISOString().slice(0, 10), node: process.version, ...current }, null, 2)}\n`,
    );
    console.log(`type cost: baseline recorded in ${baselinePath}`);
  } else if (process.argv.includes("--check")) {
    const baseline = JSON.parse(readFileSync(baselinePath, "utf8"));
    const doubled = ["instantiations", "memoryKB", "checkTimeMs"].filter((k) => current[k] > 2 * baseline[k]);
    for (const k of doubled) console.error(`type cost: ${k} ${current[k]} is more than twice the baseline ${baseline[k]}`);
    if (doubled.length > 0) process.exit(1);
    console.log("type cost: within twice the baseline");
  }
}
