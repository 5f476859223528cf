import { defineConfig } from "tsdown";
import { packageBuild } from "../../tsdown.base.ts";

/** The kit at the root entry; what every vendor package re-exports at `/common`. */
export default defineConfig(packageBuild({ entry: { index: "src/index.ts", common: "src/common.ts" } }));
