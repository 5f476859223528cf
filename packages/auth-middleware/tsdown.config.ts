import { defineConfig } from "tsdown";
import { packageBuild } from "../../tsdown.base.ts";

/** The engine at the root entry; each vendor's scheme at a subpath of its own. */
export default defineConfig(
  packageBuild({
    entry: {
      index: "src/index.ts",
      bullhorn: "src/schemes/bullhorn.ts",
      pcrecruiter: "src/schemes/pcrecruiter.ts",
      smartrecruiters: "src/schemes/smartrecruiters.ts",
      sterling: "src/schemes/sterling.ts",
      "zoho-recruit": "src/schemes/zoho-recruit.ts",
    },
  }),
);
