// Entry of the smoke program for Node, Bun and Deno: the fixture comes in the environment,
// the report goes to standard output as one JSON line.
import { smoke } from "./smoke.mjs";

const fixture = globalThis.Deno?.env.get("HIREKIT_SMOKE_FIXTURE") ?? globalThis.process?.env.HIREKIT_SMOKE_FIXTURE;
console.log(JSON.stringify(await smoke(JSON.parse(fixture))));
