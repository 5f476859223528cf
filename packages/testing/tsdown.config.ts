import { defineConfig } from "tsdown";
import { packageBuild } from "../../tsdown.base.ts";

// The demo loads the vendor clients at run time; they are never bundled into the fakes.
export default defineConfig(packageBuild({ deps: { neverBundle: [/^@hirekit\//, "openapi-fetch", /^node:/] } }));
