// Copies the repository's OpenAPI documents into the package, so the published fakes can
// validate requests against them (resolved at run time next to dist/, see src/spec.ts).
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const from = join(here, "..", "..", "specs");
const to = join(here, "specs");
mkdirSync(to, { recursive: true });
const copied = readdirSync(from).filter((name) => name.endsWith(".openapi.yaml"));
for (const name of copied) copyFileSync(join(from, name), join(to, name));
process.stdout.write(`copy-specs: ${copied.length} OpenAPI documents -> specs/\n`);
