import type { UserConfig } from "tsdown";

type Plugin = Extract<NonNullable<UserConfig["plugins"]>, { name: string }>;

// Rolldown's helper `__toESM(mod, isNodeMode)` reads a default import of a required
// module. With isNodeMode set, `default` is the whole `module.exports` (what Node does when
// real ESM imports CommonJS); without it, a module marked `__esModule` gives its
// `exports.default` (the convention of ESM compiled to CommonJS, TypeScript's
// `esModuleInterop`):
// https://www.typescriptlang.org/docs/handbook/modules/appendices/esm-cjs-interop.html
// Rolldown sets the flag for every file of a `"type": "module"` package, also in the CJS
// output (https://github.com/rolldown/rolldown/issues/10800). But our `.cjs` files are
// CommonJS: Node loads their `require()`d dependency as CommonJS, and openapi-fetch's CJS
// build puts `createClient` on `exports.default`, so node mode made
// `require("@hirekit/sterling").createSterlingClient()` throw "openapi_fetch.default is not
// a function". In CJS chunks the flag is therefore turned off. `0` has the length of `1`,
// so the source maps stay exact.
const NODE_MODE_IMPORT = /(__toESM\((?:[\w$]+|require\("[^"]+"\)), )1\)/g;
const ANY_NODE_MODE_IMPORT = /__toESM\([^\n]*?,\s*(?:1|true|!0)\s*\)/;

/** Makes default imports in the CommonJS output follow CommonJS interop, see above. */
function commonJsDefaultInterop(): Plugin {
  return {
    name: "hirekit:commonjs-default-interop",
    renderChunk(code, chunk, outputOptions) {
      if (outputOptions.format !== "cjs") return null;
      const fixed = code.replace(NODE_MODE_IMPORT, "$10)");
      // A form this rewrite does not know (a newer rolldown) fails the build instead of
      // shipping a CJS file that breaks at run time.
      const left = ANY_NODE_MODE_IMPORT.exec(fixed);
      if (left) throw new Error(`${chunk.fileName}: unhandled Node-mode interop call ${left[0]}`);
      return fixed === code ? null : { code: fixed, map: null };
    },
  };
}

/**
 * The build every publishable package shares: ESM and CJS with declarations for both,
 * from src/index.ts, checked by publint and arethetypeswrong, and run from both module
 * systems by scripts/consumer-check.mjs. Packages pass what differs.
 */
export function packageBuild(overrides: UserConfig = {}): UserConfig {
  const { plugins, ...rest } = overrides;
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    platform: "neutral",
    target: "es2022",
    tsconfig: "tsconfig.build.json",
    sourcemap: true,
    clean: true,
    plugins: [commonJsDefaultInterop(), plugins],
    ...rest,
  };
}
