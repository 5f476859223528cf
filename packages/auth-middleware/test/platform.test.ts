import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>;

describe("rule 10: no runtime dependency beyond the platform", () => {
  it("declares no dependencies (openapi-fetch is a peer, for types only)", () => {
    expect(pkg.dependencies).toBeUndefined();
    expect(Object.keys(pkg.peerDependencies as object)).toEqual(["openapi-fetch"]);
  });

  it("imports nothing at run time: the sources import openapi-fetch for types only, and no node: module", () => {
    const files = (readdirSync(join(dir, "src"), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      // Code only: doc comments may show Node usage (`process.env`) in examples.
      const text = readFileSync(join(dir, "src", file), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      const imports = [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gm)];
      for (const [, typeOnly, from] of imports) {
        if (from?.startsWith(".")) continue;
        expect(typeOnly, `${file} imports ${from} at run time`).toBeTruthy();
      }
      expect(text).not.toMatch(/from\s+"node:/);
      expect(text).not.toMatch(/\bBuffer\b|\bprocess\./);
    }
  });
});
