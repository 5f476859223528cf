#!/usr/bin/env node
// The release as it would happen, without uploading: `pnpm -r publish --dry-run` must list
// exactly the eleven public packages, and each tarball must hold every file its package.json
// names (exports, main, module, types, bin) and nothing that is not for users: no tests,
// fixtures or coverage, no source map of a file it does not ship, no map pointing at source
// it neither ships nor embeds.
//
//   node scripts/publish-check.mjs          (after pnpm build)
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { assertBuilt, cleanEnv, PUBLIC_PACKAGES, root, workspacePackages } from "./pack.mjs";

const NOT_FOR_USERS = [
  [/(^|\/)(test|tests|__tests__|fixtures?|__fixtures__|__mocks__|coverage)\//, "a test, fixture or coverage directory"],
  [/\.(test|spec|bench)\.[cm]?[jt]sx?$/, "a test file"],
  [/\.tsbuildinfo$|\.tgz$/, "a build artefact"],
];

/** `+ name@version` lines and, per package, the "Tarball Contents" npm printed. */
function dryRun() {
  const result = spawnSync("pnpm", ["-r", "publish", "--dry-run", "--no-git-checks"], {
    cwd: root,
    encoding: "utf8",
    env: cleanEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pnpm -r publish --dry-run failed:\n${result.stderr}${result.stdout}`);
  const output = `${result.stdout}\n${result.stderr}`;
  const published = [...output.matchAll(/^\+ (@?[^@\s]+)@(\S+)$/gm)].map((m) => m[1]);
  const contents = new Map();
  let current;
  let inContents = false;
  for (const line of result.stderr.split("\n")) {
    const header = /📦\s+(@?[^@\s]+)@\S+/.exec(line);
    if (header) {
      current = header[1];
      contents.set(current, []);
    } else if (/Tarball Contents/.test(line)) inContents = true;
    else if (/Tarball Details/.test(line)) inContents = false;
    else if (inContents && current) {
      const file = /^npm notice\s+[\d.]+[kMG]?B\s+(.+)$/.exec(line);
      if (file) contents.get(current).push(file[1].trim());
    }
  }
  return { published, contents };
}

/** Every file path a manifest names for consumers. */
function namedFiles(manifest) {
  const named = [];
  const walk = (value) => {
    if (typeof value === "string") named.push(value);
    else if (value && typeof value === "object") for (const v of Object.values(value)) walk(v);
  };
  walk(manifest.exports);
  for (const field of ["main", "module", "types", "typings"]) walk(manifest[field]);
  walk(typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : manifest.bin);
  return [...new Set(named.map((p) => p.replace(/^\.\//, "")))];
}

function checkPackage(dir, manifest, files) {
  const problems = [];
  const shipped = new Set(files);
  for (const file of namedFiles(manifest)) {
    if (file.includes("*")) problems.push(`${file}: pattern exports are not checked here; list files instead`);
    else if (!shipped.has(file)) problems.push(`${file} is named in package.json but not in the tarball`);
  }
  for (const file of files) {
    for (const [pattern, what] of NOT_FOR_USERS) if (pattern.test(file)) problems.push(`${file} is ${what}`);
    if (!file.endsWith(".map")) continue;
    const generated = file.slice(0, -".map".length);
    if (!shipped.has(generated)) problems.push(`${file} maps ${generated}, which the tarball does not hold`);
    const map = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const base = file.split("/").slice(0, -1);
    (map.sources ?? []).forEach((source, i) => {
      if (typeof map.sourcesContent?.[i] === "string") return;
      const resolved = [...base, ...source.split("/")].reduce((parts, part) => {
        if (part === "..") parts.pop();
        else if (part !== ".") parts.push(part);
        return parts;
      }, []);
      if (!shipped.has(resolved.join("/"))) problems.push(`${file} points at ${source}, neither shipped nor embedded`);
    });
  }
  return problems;
}

try {
  assertBuilt();
  const { published, contents } = dryRun();
  const failures = [];
  const expected = [...PUBLIC_PACKAGES].sort();
  if (JSON.stringify([...published].sort()) !== JSON.stringify(expected)) {
    failures.push(`the dry run lists ${published.join(", ") || "nothing"}; expected exactly ${expected.join(", ")}`);
  }
  const packages = new Map(workspacePackages().map((p) => [p.manifest.name, p]));
  console.log(`publish dry run: ${published.length} packages`);
  for (const name of published) {
    const files = contents.get(name) ?? [];
    const pkg = packages.get(name);
    const problems =
      pkg === undefined ? [`${name} is not a package under packages/`] : checkPackage(pkg.dir, pkg.manifest, files);
    if (files.length === 0) problems.push("no tarball contents were printed");
    console.log(`  ${problems.length === 0 ? "✓" : "✗"} ${name}: ${files.length} files (${files.join(", ")})`);
    for (const problem of problems) failures.push(`${name}: ${problem}`);
  }
  if (failures.length > 0) {
    for (const failure of failures) console.error(`  ✗ ${failure}`);
    throw new Error(`${failures.length} problem(s)`);
  }
  console.log("publish check passed");
} catch (error) {
  console.error(`publish check FAILED: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
