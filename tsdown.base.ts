import type { UserConfig } from "tsdown";

/**
 * The build every publishable package shares: ESM and CJS with declarations for both,
 * from src/index.ts, checked by publint and arethetypeswrong. Packages pass what differs.
 */
export function packageBuild(overrides: UserConfig = {}): UserConfig {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    platform: "neutral",
    target: "es2022",
    tsconfig: "tsconfig.build.json",
    sourcemap: true,
    clean: true,
    ...overrides,
  };
}
