import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FakeRequest } from "../src/index.js";
import { summarizeRequests } from "../src/index.js";
import { specPath } from "../src/spec.js";

describe("spec location", () => {
  it("built code prefers the package's specs/ (what ships) and falls back to the repository's", () => {
    const root = mkdtempSync(join(tmpdir(), "hirekit-specs-"));
    const dist = join(root, "packages", "testing", "dist");
    mkdirSync(dist, { recursive: true });
    mkdirSync(join(root, "specs"));
    writeFileSync(join(root, "specs", "sterling.openapi.yaml"), "openapi: 3.1.0\n");
    expect(specPath("sterling", dist)).toBe(join(root, "specs", "sterling.openapi.yaml"));
    mkdirSync(join(root, "packages", "testing", "specs"));
    writeFileSync(join(root, "packages", "testing", "specs", "sterling.openapi.yaml"), "openapi: 3.1.0\n");
    expect(specPath("sterling", dist)).toBe(join(root, "packages", "testing", "specs", "sterling.openapi.yaml"));
    expect(() => specPath("zoho-recruit", dist)).toThrow(expect.objectContaining({ code: "SPEC_NOT_FOUND" }));
    // Sources read the repository's specs first, so an edited spec never meets a stale copy.
    expect(specPath("sterling", join(root, "packages", "testing", "src"))).toBe(join(root, "specs", "sterling.openapi.yaml"));
  });
});

describe("summarizeRequests", () => {
  const entry = (seq: number, over: Partial<FakeRequest>): FakeRequest => ({
    seq,
    at: 0,
    method: "GET",
    path: "/x",
    query: "",
    kind: "api",
    operation: "/x",
    status: 200,
    refused: false,
    forced: false,
    problems: [],
    ...over,
  });

  it("counts a failure as a retry only when the same call later succeeds", () => {
    const stats = summarizeRequests([
      entry(1, { kind: "token" }),
      entry(2, { status: 429, forced: true }),
      entry(3, { status: 503 }),
      entry(4, {}),
      entry(5, { path: "/y", status: 500 }),
      entry(6, { kind: "token", status: 200, refused: true }),
      entry(7, { status: 400, problems: [{ in: "body", message: "bad" }] }),
    ]);
    expect(stats).toEqual({
      requests: 5,
      tokensIssued: 1,
      tokensRefused: 1,
      retries: 1,
      statuses: { 200: 1, 400: 1, 429: 1, 500: 1, 503: 1 },
      invalid: 1,
    });
  });
});
