// Runs the smoke program on workerd through Miniflare (run with Node 22+, Miniflare's floor).
// The worker is bundled as wrangler would (esbuild, the workerd/worker/browser conditions),
// without nodejs_compat: the packages must need only the platform. The fakes stay in Node;
// the worker reaches them over loopback, which Miniflare lets a worker fetch.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

const bundle = await build({
  entryPoints: [fileURLToPath(new URL("smoke-worker.mjs", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["browser", "module", "main"],
  write: false,
  logLevel: "error",
});
const mf = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: "2026-07-01",
  bindings: { FIXTURE: process.env.HIREKIT_SMOKE_FIXTURE },
});
try {
  const response = await mf.dispatchFetch("http://localhost/");
  const text = await response.text();
  if (!response.ok) throw new Error(`worker answered ${response.status}: ${text}`);
  console.log(text);
} finally {
  await mf.dispose();
}
