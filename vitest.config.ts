import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

const packages = readdirSync("packages", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/**
 * Tests run against the sources of every workspace package, not their builds: each package's
 * root entry, and the vendor subpaths of @hirekit/auth-middleware (`/zoho-recruit`, …).
 */
const alias = [
  { find: /^@hirekit\/auth-middleware\/([a-z-]+)$/, replacement: resolve("packages/auth-middleware/src/schemes/$1.ts") },
  ...packages.map((name) => ({ find: new RegExp(`^@hirekit/${name}$`), replacement: resolve(`packages/${name}/src/index.ts`) })),
];

export default defineConfig({
  test: {
    projects: packages.map((name) => ({
      resolve: { alias },
      test: {
        name,
        root: `packages/${name}`,
        include: ["test/**/*.test.ts"],
        ...(name === "token-store-redis" ? { globalSetup: ["test/global-setup.ts"] } : {}),
        testTimeout: 20_000,
        hookTimeout: 20_000,
      },
    })),
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
        "packages/sterling/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
        "packages/pcrecruiter/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
        "packages/smartrecruiters/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
        "packages/zoho-recruit/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
        "packages/retry/src/**": { lines: 95, branches: 95, functions: 95, statements: 95 },
        "packages/testing/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
        "packages/cli/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
        "packages/token-store-redis/src/**": { lines: 90, branches: 90, functions: 90, statements: 90 },
      },
    },
  },
});
