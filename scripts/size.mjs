#!/usr/bin/env node
// Size budgets, checked in CI. For each package with `"hirekit": { "sizeBudgets": { … } }`
// in its package.json, each key names what a user imports from the built ESM entries (a
// comma-separated list of exports, or "*" for everything, from the root entry; parts joined
// by " + " may name a subpath entry first, as in "createAuthMiddleware + zoho-recruit:
// zohoRecruitAuth") and each value is the most bytes that import may cost once bundled,
// minified and gzipped (peers not counted). Exits 1 naming every import over budget.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");

/** The module a user writes for a budget key: one export statement per entry it names. */
function importStatements(dir, imports) {
  return imports
    .split(" + ")
    .map((part) => {
      const match = /^([a-z0-9-]+):\s*(.+)$/.exec(part.trim());
      const [file, names] = match === null ? ["index", part.trim()] : [match[1], match[2]];
      const entry = JSON.stringify(join(dir, "dist", `${file}.js`));
      return names === "*" ? `export * from ${entry};` : `export { ${names} } from ${entry};`;
    })
    .join("\n");
}

/** Bundled, minified and gzipped size of `imports` (a budget key) from the package in `dir`. */
export async function importCost(dir, imports, external) {
  const contents = importStatements(dir, imports);
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    external,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export async function measure() {
  const rows = [];
  for (const name of readdirSync(join(root, "packages")).sort()) {
    const dir = join(root, "packages", name);
    if (!existsSync(join(dir, "package.json"))) continue;
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const budgets = pkg.hirekit?.sizeBudgets;
    if (budgets === undefined) continue;
    const entry = join(dir, "dist", "index.js");
    if (!existsSync(entry)) throw new Error(`size: ${pkg.name}: dist/index.js is missing; run pnpm build first`);
    const external = Object.keys(pkg.peerDependencies ?? {});
    for (const [imports, budget] of Object.entries(budgets)) {
      const { min, gzip } = await importCost(dir, imports, external);
      rows.push({ pkg: pkg.name, imports, min, gzip, budget, ok: gzip <= budget });
    }
  }
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const rows = await measure();
  for (const r of rows) {
    console.log(
      `${r.ok ? "ok  " : "OVER"} ${r.pkg} { ${r.imports} }: ${r.gzip} B min+gzip (${r.min} B min), budget ${r.budget} B`,
    );
  }
  const over = rows.filter((r) => !r.ok);
  if (over.length > 0) {
    console.error(`size: ${over.length} import(s) over budget`);
    process.exit(1);
  }
}
