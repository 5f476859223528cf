// Instructions per request, counted by valgrind's callgrind: a cost that does not move
// with the machine's load, frequency or neighbours, where a wall-clock difference of a few
// per cent is lost in noise (the approach of iai-callgrind and CodSpeed). V8 runs in its
// predictable mode (fixed seeds, no background threads), so a batch's count depends only
// on the code it ran. Needs valgrind, a C compiler and Node's headers; without them the
// benchmark says so and reports wall-clock figures only.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const NODE_FLAGS = [
  "--expose-gc",
  "--predictable",
  "--random-seed=1",
  "--hash-seed=1",
  "--min-semi-space-size=64",
  "--max-semi-space-size=64",
];

/** Why the counter cannot run here, or undefined when it can. */
export function unavailable() {
  if (process.platform !== "linux") return `callgrind needs Linux (this is ${process.platform})`;
  for (const [cmd, args] of [
    ["valgrind", ["--version"]],
    ["cc", ["--version"]],
  ]) {
    try {
      execFileSync(cmd, args, { stdio: "ignore" });
    } catch {
      return `${cmd} is not installed`;
    }
  }
  if (!existsSync(join(nodeIncludeDir(), "node_api.h"))) return `Node's headers are not in ${nodeIncludeDir()}`;
  if (!existsSync("/usr/include/valgrind/callgrind.h")) return "valgrind's headers (callgrind.h) are not installed";
  return undefined;
}

function nodeIncludeDir() {
  return join(dirname(dirname(process.execPath)), "include", "node");
}

function buildAddon() {
  const out = join(here, "..", ".cache", `instructions-${process.versions.modules}.node`);
  mkdirSync(dirname(out), { recursive: true });
  execFileSync("cc", ["-O2", "-shared", "-fPIC", `-I${nodeIncludeDir()}`, "-o", out, join(here, "addon.c")], {
    stdio: "inherit",
  });
  return out;
}

/**
 * Runs the in-process contenders under callgrind: `rounds` interleaved rounds of `batch`
 * sequential requests each, after `warmupRounds` uncounted ones. Returns, per contender,
 * the instructions per request of each round (in round order, for paired ratios), and the
 * plan.
 */
export async function countInstructions({ rounds = 18, batch = 200, warmupRounds = 9 } = {}) {
  const addon = buildAddon();
  const dir = mkdtempSync(join(tmpdir(), "hirekit-callgrind-"));
  try {
    const args = [
      "--tool=callgrind",
      "--smc-check=all-non-file", // V8 writes and rewrites machine code at run time
      "--dump-instr=no",
      "--dump-line=no",
      `--callgrind-out-file=${join(dir, "cg.out")}`,
      process.execPath,
      ...NODE_FLAGS,
      join(here, "in-process.mjs"),
      addon,
      String(rounds),
      String(batch),
      String(warmupRounds),
    ];
    const child = spawn("valgrind", args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`callgrind run failed (exit ${code}):\n${stderr.slice(-2000)}`);
    const names = JSON.parse(stdout);
    const perRound = names.map(() => new Array(rounds));
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8");
      const label = /^desc: Trigger: Client Request: (\d+):(\d+)$/m.exec(text);
      if (label === null) continue; // the final dump at exit
      const total = /^(?:summary|totals): (\d+)/m.exec(text);
      if (total === null) throw new Error(`callgrind dump ${file} has no total`);
      perRound[Number(label[2])][Number(label[1])] = Number(total[1]) / batch;
    }
    const contenders = Object.fromEntries(
      names.map((name, i) => {
        if (perRound[i].some((x) => x === undefined)) throw new Error(`callgrind: a batch of ${name} was not counted`);
        return [name, perRound[i]];
      }),
    );
    return { contenders, rounds, batch, warmupRounds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
