import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { FakeServerError } from "./errors.js";

/** The vendors whose OpenAPI documents the fakes validate requests against. */
export type SpecVendor = "pcrecruiter" | "zoho-recruit" | "smartrecruiters" | "sterling" | "bullhorn";

/** An OpenAPI 3.1 document as parsed from YAML. */
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

function moduleDir(): string {
  // CJS build: __dirname; ESM build and sources: import.meta.url.
  return typeof __dirname === "string" ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/**
 * Where `specs/<vendor>.openapi.yaml` lives. Built code (`dist/`) reads the copy the build
 * put next to it in `packages/testing/specs` (what the published package ships); sources
 * (`src/`, run by vitest) read the repository's `specs/` first, so an edited spec is checked
 * at once and not against a stale copy.
 */
export function specPath(vendor: SpecVendor, from: string = moduleDir()): string {
  const file = `${vendor}.openapi.yaml`;
  const packaged = join(from, "..", "specs", file);
  const repository = join(from, "..", "..", "..", "specs", file);
  const candidates = basename(from) === "src" ? [repository, packaged] : [packaged, repository];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new FakeServerError("SPEC_NOT_FOUND", `${vendor} fake: cannot find ${file} (looked in ${candidates.join(", ")})`);
  }
  return found;
}

const cache = new Map<SpecVendor, OpenApiDocument>();

/** Reads and parses a vendor's OpenAPI document once per process. */
export function loadSpec(vendor: SpecVendor): OpenApiDocument {
  let doc = cache.get(vendor);
  if (doc === undefined) {
    doc = parse(readFileSync(specPath(vendor), "utf8")) as OpenApiDocument;
    cache.set(vendor, doc);
  }
  return doc;
}
