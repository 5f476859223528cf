// Run under callgrind by index.mjs: the in-process contenders (stubbed fetch) in interleaved
// rounds, each batch of requests between a zero() and a dump("<round>:<contender>"), so that
// every batch gets its own instruction count. Prints the contender names as JSON on stdout.
import { createRequire } from "node:module";
import { balancedOrder } from "../lib.mjs";
import { stubbedContenders } from "../overhead.mjs";

const [addonPath, rounds, batch, warmupRounds] = [process.argv[2], ...process.argv.slice(3).map(Number)];
const counter = createRequire(import.meta.url)(addonPath);
if (!counter.running()) throw new Error("in-process.mjs counts instructions only under valgrind --tool=callgrind");

const { contenders, dispose } = await stubbedContenders({ anatomy: true });
const names = Object.keys(contenders);
let n = 0;
// Warm-up rounds run the same interleaving uncounted: the JIT settles on code that has seen
// every contender (openapi-fetch's own code is shared by four of them).
for (let round = -warmupRounds; round < rounds; round++) {
  for (const index of balancedOrder(names.length, round + 2 * names.length * warmupRounds)) {
    const fn = contenders[names[index]];
    // Every batch starts from an empty young generation (the semi-space is sized to hold a
    // whole batch) and pays, inside its count, for collecting its own garbage.
    globalThis.gc({ type: "minor", execution: "sync" });
    counter.zero();
    for (let j = 0; j < batch; j++) await fn(String(n++ % 1000));
    globalThis.gc({ type: "minor", execution: "sync" });
    if (round >= 0) counter.dump(`${round}:${index}`);
  }
}
await dispose();
process.stdout.write(JSON.stringify(names));
