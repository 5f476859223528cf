import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { HIREKIT_VENDORS } from "../src/index.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const vendors = Object.keys(HIREKIT_VENDORS).sort();

describe("the one vendor list", () => {
  it("names every spec the lint checks (redocly.yaml) and no other", () => {
    const redocly = parse(readFileSync(join(root, "redocly.yaml"), "utf8")) as { apis: Record<string, { root: string }> };
    const apis = Object.entries(redocly.apis).filter(([, api]) => !api.root.startsWith("specs/reference/"));
    expect(apis.map(([name]) => name).sort()).toEqual(vendors);
    for (const [name, api] of apis) {
      expect(api.root).toBe(`specs/${HIREKIT_VENDORS[name as keyof typeof HIREKIT_VENDORS].spec}`);
    }
  });

  it("names every spec under specs/ and every vendor package, each with its own package name", () => {
    const specs = readdirSync(join(root, "specs")).filter((file) => file.endsWith(".openapi.yaml"));
    expect(specs.sort()).toEqual(vendors.map((name) => HIREKIT_VENDORS[name as keyof typeof HIREKIT_VENDORS].spec).sort());
    for (const [name, vendor] of Object.entries(HIREKIT_VENDORS)) {
      const manifest = join(root, "packages", name, "package.json");
      expect(existsSync(manifest), `packages/${name}`).toBe(true);
      expect(JSON.parse(readFileSync(manifest, "utf8")).name).toBe(vendor.package);
    }
  });
});
