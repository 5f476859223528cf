// Shared by every package's test/readme.test.ts: runs each README example (extracted by
// readme-examples.mjs) against nock interceptors that play the vendor, with stubbed
// environment variables, and checks what it printed and that every interceptor was used.
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { writeReadmeExamples } from "./readme-examples.mjs";

export function describeReadmeExamples({ packageDir, env = {}, scenarios, skip = false }) {
  const names = writeReadmeExamples(packageDir);

  beforeAll(() => {
    nock.disableNetConnect();
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
    vi.unstubAllEnvs();
  });

  describe.skipIf(skip)("README examples compile (tsc) and run", () => {
    it("every example has a scenario", () => {
      expect([...names].sort()).toEqual(Object.keys(scenarios).sort());
    });

    it.each(names)("%s", async (name) => {
      const scenario = scenarios[name];
      if (scenario === undefined) throw new Error(`no scenario for README example "${name}"`);
      scenario.arrange();
      const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
      try {
        await import(join(packageDir, "test", "readme", `${name}.ts`));
        expect(log.mock.calls).toEqual(scenario.logs);
        expect(nock.pendingMocks()).toEqual([]);
      } finally {
        log.mockRestore();
      }
    });
  });
}
