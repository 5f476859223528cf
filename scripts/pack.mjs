// Packs every workspace package under packages/ with `pnpm pack` (workspace: ranges become
// versions, `files` and the npm ignore rules apply: the tarball npm publish would upload).
// Shared by scripts/consumer-check.mjs, publish-check.mjs and docs.mjs.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

/** The eleven packages hirekit publishes, in the README's order: a twelfth, or one missing, is a mistake. */
export const PUBLIC_PACKAGES = [
  "@hirekit/auth-middleware",
  "@hirekit/pcrecruiter",
  "@hirekit/zoho-recruit",
  "@hirekit/smartrecruiters",
  "@hirekit/sterling",
  "@hirekit/bullhorn",
  "@hirekit/vendor-kit",
  "@hirekit/retry",
  "@hirekit/token-store-redis",
  "@hirekit/testing",
  "@hirekit/cli",
];

/** package.json of each directory under packages/, with its directory. */
export function workspacePackages() {
  return readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, "packages", entry.name, "package.json")))
    .map((entry) => {
      const dir = join(root, "packages", entry.name);
      return { dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) };
    });
}

/**
 * Runs `pnpm pack` on every non-private package under packages/ into `destination`.
 * Returns `[{ name, version, filename, files: [path] }]` as pnpm reports it.
 */
export function packPackages(destination) {
  const result = spawnSync("pnpm", ["-r", "--filter", "./packages/*", "pack", "--pack-destination", destination, "--json"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pnpm pack failed:\n${result.stderr}${result.stdout}`);
  const packed = JSON.parse(result.stdout);
  return packed.map((p) => ({ ...p, files: p.files.map((f) => f.path) }));
}

/** Fails, naming what to run, when a package has not been built. */
export function assertBuilt() {
  const missing = workspacePackages().filter(({ dir }) => !existsSync(join(dir, "dist")));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.map(({ manifest }) => manifest.name).join(", ")} (run pnpm build first)`);
  }
}

/** The environment without the npm_* variables pnpm sets for a script, so npm runs as a user's would. */
export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, DO_NOT_TRACK: "1", ...extra };
}
