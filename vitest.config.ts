import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { HIREKIT_VENDORS } from "./packages/testing/src/vendor-list.ts";

const packages = readdirSync("packages", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/**
 * Tests run against the sources of every workspace package, not their builds: each package's
 * root entry, the vendor subpaths of @hirekit/auth-middleware (`/zoho-recruit`, …) and
 * @hirekit/vendor-kit's `/common`.
 */
const alias = [
  { find: /^@hirekit\/auth-middleware\/([a-z-]+)$/, replacement: resolve("packages/auth-middleware/src/schemes/$1.ts") },
  { find: /^@hirekit\/vendor-kit\/([a-z-]+)$/, replacement: resolve("packages/vendor-kit/src/$1.ts") },
  ...packages.map((name) => ({ find: new RegExp(`^@hirekit/${name}$`), replacement: resolve(`packages/${name}/src/index.ts`) })),
];

/**
 * Fleets of real child processes whose assertions depend on timing (lock TTLs, takeovers,
 * expiries): they run last, one file at a time, with the machine to themselves. Every other
 * file runs first, one worker per CPU.
 */
const ALONE: Record<string, string[]> = {
  "token-store-redis": ["test/fleet.test.ts", "test/outage.test.ts"],
  bullhorn: ["test/fleet.test.ts"],
};

const project = (name: string, files: { include: string[]; exclude?: string[] }, alone: boolean) => ({
  resolve: { alias },
  test: {
    name: alone ? `${name} (alone)` : name,
    root: `packages/${name}`,
    ...files,
    ...(name === "token-store-redis" ? { globalSetup: ["test/global-setup.ts"] } : {}),
    ...(alone ? { maxWorkers: 1 } : {}),
    sequence: { groupOrder: alone ? 1 : 0 },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      ...packages.map((name) =>
        project(name, { include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, ...(ALONE[name] ?? [])] }, false),
      ),
      ...Object.entries(ALONE).map(([name, include]) => project(name, { include }, true)),
    ],
    maxWorkers: availableParallelism(),
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts"],
      exclude: ["**/src/generated/**", "**/*.d.ts", "**/src/index.ts"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "reports/coverage",
      thresholds: {
        "packages/auth-middleware/src/**": { lines: 95, branches: 95, functions: 95, statements: 95 },
        // Every vendor's floor comes from the one vendor list.
        ...Object.fromEntries(
          Object.keys(HIREKIT_VENDORS).map((name) => {
            const floor = HIREKIT_VENDORS[name as keyof typeof HIREKIT_VENDORS].coverage;
            return [`packages/${name}/src/**`, { lines: floor, branches: floor, functions: floor, statements: floor }];
          }),
        ),
        "packages/vendor-kit/src/**": { lines: 95, branches: 95, functions: 95, statements: 95 },
        "packages/retry/src/**": { lines: 95, branches: 95, functions: 95, statements: 95 },
        "packages/testing/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
        "packages/cli/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
        "packages/token-store-redis/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
      },
    },
  },
});
