import { readdirSync } from "node:fs";
import { defineConfig } from "vitest/config";

const packages = readdirSync("packages", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default defineConfig({
  test: {
    projects: packages.map((name) => ({
      test: {
        name,
        root: `packages/${name}`,
        include: ["test/**/*.test.ts"],
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
      },
    },
  },
});
