#!/usr/bin/env node
// README examples are code: every ```ts block of a package's README.md is written to
// test/readme/<name>.ts (git-ignored), so that `tsc` typechecks it and the package's
// readme test runs it. A block is named by an info string: ```ts example=sterling
//
//   node scripts/readme-examples.mjs packages/auth-middleware
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Returns [{ name, code }] for every ```ts example=NAME block of `readmePath`. */
export function readmeExamples(readmePath) {
  const text = readFileSync(readmePath, "utf8");
  const blocks = [];
  const fence = /^```ts[^\n]*\bexample=([\w-]+)[^\n]*\n([\s\S]*?)^```$/gm;
  for (const match of text.matchAll(fence)) blocks.push({ name: match[1], code: match[2] });
  const names = new Set();
  for (const { name } of blocks) {
    if (names.has(name)) throw new Error(`${readmePath}: two examples are named "${name}"`);
    names.add(name);
  }
  return blocks;
}

/** Writes the examples of `packageDir`'s README to test/readme/, replacing what was there. */
export function writeReadmeExamples(packageDir) {
  const out = join(packageDir, "test", "readme");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const examples = readmeExamples(join(packageDir, "README.md"));
  for (const { name, code } of examples) {
    writeFileSync(
      join(out, `${name}.ts`),
      `// Extracted from README.md by scripts/readme-examples.mjs: edit the README, not this file.\n${code}export {};\n`,
    );
  }
  return examples.map(({ name }) => name);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const dir of process.argv.slice(2)) {
    const names = writeReadmeExamples(resolve(dir));
    console.log(`readme-examples: ${dir}: ${names.length} example(s)${names.length ? ` (${names.join(", ")})` : ""}`);
  }
}
