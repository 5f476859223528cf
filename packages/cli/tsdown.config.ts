import { defineConfig } from "tsdown";
import { packageBuild } from "../../tsdown.base.ts";

export default defineConfig([
  packageBuild({ platform: "node", fixedExtension: false }),
  // The executable: ESM only (it uses top-level await), with the shebang npm needs to link it.
  packageBuild({
    entry: { bin: "src/bin.ts" },
    format: ["esm"],
    dts: false,
    platform: "node",
    fixedExtension: false,
    clean: false,
    banner: { js: "#!/usr/bin/env node" },
  }),
]);
