#!/usr/bin/env node
// Installs hirekit as a user does and uses it from both module systems: packs every package,
// installs the tarballs with plain npm into a fresh project, typechecks one consumer program
// (scripts/consumer-check/program.ts) with node16 and nodenext resolution (as ESM .mts and as
// CommonJS .cts) and with bundler resolution, then runs the ESM and the CommonJS build of it
// against the @hirekit/testing fakes, and runs the installed `hirekit` bin. publint and
// arethetypeswrong check types and resolution; this checks execution.
//
//   node scripts/consumer-check.mjs [--keep]     (after pnpm build; --keep leaves the project)
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { runChild } from "./child.mjs";
import { assertBuilt, cleanEnv, PUBLIC_PACKAGES, packPackages, root } from "./pack.mjs";

const keep = process.argv.includes("--keep");
const started = performance.now();
const ran = [];

/** Runs a command in a user's environment; resolves with its output, rejects unless it exits 0. */
async function run(label, command, args, { cwd, timeoutMs = 120_000 } = {}) {
  const { code, stdout, stderr, seconds } = await runChild(command, args, { cwd, env: cleanEnv(), timeoutMs });
  const output = stdout + stderr;
  if (code !== 0) throw new Error(`${label}: exit code ${code}\n$ ${command} ${args.join(" ")}\n${output}`);
  ran.push(`${label} (${seconds}s)`);
  return output;
}

const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "hirekit-consumer-"));
const project = join(work, "consumer");

try {
  assertBuilt();
  const packed = packPackages(join(work, "tarballs"));
  const names = packed.map((p) => p.name).sort();
  if (JSON.stringify(names) !== JSON.stringify([...PUBLIC_PACKAGES].sort())) {
    throw new Error(`packed ${names.join(", ")}; expected ${PUBLIC_PACKAGES.join(", ")}`);
  }
  ran.push(`pnpm pack: ${packed.length} tarballs`);

  mkdirSync(join(project, "src"), { recursive: true });
  const pin = (name) => rootManifest.devDependencies[name];
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify(
      {
        name: "hirekit-consumer",
        private: true,
        dependencies: Object.fromEntries(packed.map((p) => [p.name, `file:../tarballs/${basename(p.filename)}`])),
        devDependencies: { typescript: pin("typescript"), "@types/node": pin("@types/node") },
      },
      null,
      2,
    ),
  );
  await run(
    "npm install (tarballs; third-party dependencies from the registry or npm's cache)",
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
    { cwd: project, timeoutMs: 300_000 },
  );

  // One source, three module settings: the extension decides ESM (.mts) or CommonJS (.cts).
  const program = join(root, "scripts/consumer-check/program.ts");
  for (const ext of ["mts", "cts", "ts"]) copyFileSync(program, join(project, `src/program.${ext}`));
  // TypeScript's default lib (the target's, with DOM), as a project from `tsc --init` has.
  // With nodenext, skipLibCheck is off, so that our declaration files (.d.ts and .d.cts, and
  // what they pull in) are checked, not only used; TypeScript's own lib files are left out
  // (skipDefaultLibCheck). node16 and bundler check the program against the same files.
  const base = { target: "es2022", strict: true, skipLibCheck: true, types: ["node"] };
  const configs = {
    node16: { module: "node16", moduleResolution: "node16", noEmit: true, files: ["src/program.mts", "src/program.cts"] },
    nodenext: {
      module: "nodenext",
      moduleResolution: "nodenext",
      outDir: "out",
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      files: ["src/program.mts", "src/program.cts"],
    },
    bundler: { module: "preserve", moduleResolution: "bundler", noEmit: true, files: ["src/program.ts"] },
  };
  for (const [name, { files, ...options }] of Object.entries(configs)) {
    writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: { ...base, ...options }, files }));
  }
  const tsc = join(project, "node_modules/typescript/bin/tsc");
  await Promise.all([
    run("tsc, node16 resolution (ESM program.mts, CommonJS program.cts)", "node", [tsc, "-p", "tsconfig.node16.json"], {
      cwd: project,
    }),
    run(
      "tsc, nodenext resolution (ESM program.mts, CommonJS program.cts; declarations checked), emitting",
      "node",
      [tsc, "-p", "tsconfig.nodenext.json"],
      {
        cwd: project,
      },
    ),
    run("tsc, bundler resolution (program.ts)", "node", [tsc, "-p", "tsconfig.bundler.json"], { cwd: project }),
  ]);

  // The CommonJS build must load every package through require(), the ESM one through import.
  const cjs = readFileSync(join(project, "out/program.cjs"), "utf8");
  const mjs = readFileSync(join(project, "out/program.mjs"), "utf8");
  for (const name of PUBLIC_PACKAGES) {
    if (!cjs.includes(`require("${name}")`)) throw new Error(`out/program.cjs does not require("${name}")`);
    if (!mjs.includes(`from "${name}"`)) throw new Error(`out/program.mjs does not import "${name}"`);
  }
  const [esmOut, cjsOut] = await Promise.all([
    run(
      "node out/program.mjs (ESM: import of all eleven packages, five vendors against the fakes)",
      "node",
      ["out/program.mjs"],
      {
        cwd: project,
        timeoutMs: 60_000,
      },
    ),
    run(
      "node out/program.cjs (CommonJS: require of all eleven packages, five vendors against the fakes)",
      "node",
      ["out/program.cjs"],
      { cwd: project, timeoutMs: 60_000 },
    ),
  ]);
  await run("node_modules/.bin/hirekit --help (the installed bin)", join(project, "node_modules/.bin/hirekit"), ["--help"], {
    cwd: project,
  });

  console.log(`consumer check: ${process.version}, packages installed from tarballs with npm in ${project}`);
  for (const line of ran) console.log(`  ✓ ${line}`);
  console.log("ESM program:");
  console.log(esmOut.trimEnd());
  console.log("CommonJS program:");
  console.log(cjsOut.trimEnd());
  console.log(`consumer check passed in ${((performance.now() - started) / 1000).toFixed(1)}s`);
} catch (error) {
  for (const line of ran) console.error(`  ✓ ${line}`);
  console.error(`consumer check FAILED: ${error instanceof Error ? error.message : error}`);
  console.error(`(project kept in ${work})`);
  process.exitCode = 1;
} finally {
  if (process.exitCode !== 1 && !keep) rmSync(work, { recursive: true, force: true });
}
