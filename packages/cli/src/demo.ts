import type { DemoSummary } from "@hirekit/testing";
import { CliError } from "./errors.js";
import type { CliIo } from "./io.js";

/** The slice of `@hirekit/testing` the demo needs. */
export interface DemoModule {
  runDemo(options?: { log?: (line: string) => void }): Promise<Partial<DemoSummary> | undefined>;
}

/** Loads `@hirekit/testing` when the demo runs, so other commands never pay for it. */
export const loadTestingPackage = async (): Promise<unknown> => import("@hirekit/testing");

/**
 * `hirekit demo`: runs `runDemo` of `@hirekit/testing` (the four vendors' fake servers on
 * loopback, driven through the real clients) and prints its lines.
 */
export async function demo(io: CliIo, load: () => Promise<unknown> = loadTestingPackage): Promise<void> {
  const mod = (await load()) as Partial<DemoModule>;
  if (typeof mod.runDemo !== "function") {
    throw new CliError("FAILED", "this build of @hirekit/testing has no runDemo(); update @hirekit/testing");
  }
  const started = Date.now();
  const summary = await mod.runDemo({ log: (line) => io.out(line) });
  // A request the fakes found off-spec means a client drifted from its OpenAPI document.
  const invalid = summary?.totals?.invalid ?? 0;
  if (invalid > 0) throw new CliError("FAILED", `${invalid} request(s) did not match the vendors' OpenAPI documents`);
  io.out(`Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
