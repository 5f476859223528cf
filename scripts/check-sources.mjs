#!/usr/bin/env node
// Every operation and every named schema of specs/*.openapi.yaml names its source: `externalDocs`
// (the vendor page) or `x-source` (a page, or a client file and commit). Every node marked
// `x-unverified` says why in its description (which sources conflict, or what is old), and a
// description (or summary, or OAuth scope text) that calls something "unverified" belongs to a node
// marked `x-unverified: true`: the mark is machine-readable, prose alone is not. A source in a client
// repository is pinned: an `x-source` naming a repository file says `@ <commit>`, and an
// `externalDocs` URL on GitHub points at a commit (`/blob/<sha>/...`), so the reference cannot drift.
//
//   node scripts/check-sources.mjs [--root DIR]
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const args = process.argv.slice(2);
const rootAt = args.indexOf("--root");
const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? ".") : resolve(dirname(fileURLToPath(import.meta.url)), "..");
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
const named = (node) => node !== null && typeof node === "object" && (node["x-source"] !== undefined || node.externalDocs?.url);

/** Pointers of every `x-unverified` node without a description. */
function unexplained(node, pointer, out) {
  if (node === null || typeof node !== "object") return out;
  if (node["x-unverified"] === true && !(typeof node.description === "string" && node.description.trim() !== ""))
    out.push(pointer);
  for (const [key, value] of Object.entries(node))
    unexplained(value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
  return out;
}

const UNVERIFIED = /(?<!x-)\bunverified\b/i;
const PROSE = ["description", "summary"];

/** Pointers of every text that says "unverified" on a node not marked `x-unverified: true`. */
function unmarked(node, pointer, out) {
  if (node === null || typeof node !== "object") return out;
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (typeof value === "string" && UNVERIFIED.test(value)) {
      // Scope texts are values of a plain map that cannot carry the mark: they must not say it.
      if (pointer.endsWith("/scopes") || (PROSE.includes(key) && node["x-unverified"] !== true)) out.push(at);
    }
    unmarked(value, at, out);
  }
  return out;
}

const COMMIT = /\b[0-9a-f]{40}\b/;
const PINNED_URL = /^https:\/\/github\.com\/[^/]+\/[^/]+\/(?:blob|tree)\/[0-9a-f]{7,40}\//;

/** Whether one cited source is a vendor page or a client file pinned to a commit. */
function pinned(ref) {
  const text = ref.trim();
  if (/^https?:\/\//.test(text)) return !/^https?:\/\/(?:www\.)?github\.com\//.test(text) || PINNED_URL.test(text);
  return /@\s*[0-9a-f]{7,40}\b/.test(text) || COMMIT.test(text);
}

/** Pointers of every `x-source` part or `externalDocs` URL that cites a repository without a commit. */
function unpinned(node, pointer, out) {
  if (node === null || typeof node !== "object") return out;
  const source = node["x-source"];
  if (source !== undefined && (typeof source !== "string" || !source.split(";").every(pinned))) out.push(`${pointer}/x-source`);
  if (typeof node.externalDocs?.url === "string" && !pinned(node.externalDocs.url)) out.push(`${pointer}/externalDocs`);
  for (const [key, value] of Object.entries(node))
    unpinned(value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
  return out;
}

let problems = 0;
for (const file of readdirSync(join(root, "specs"))
  .filter((f) => f.endsWith(".openapi.yaml"))
  .sort()) {
  const doc = parse(readFileSync(join(root, "specs", file), "utf8"));
  const missing = [];
  for (const group of ["paths", "webhooks"]) {
    for (const [path, item] of Object.entries(doc[group] ?? {})) {
      for (const method of METHODS)
        if (item?.[method] && !named(item[method])) missing.push(`${group} ${method.toUpperCase()} ${path}`);
    }
  }
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) if (!named(schema)) missing.push(`schema ${name}`);
  const silent = unexplained(doc, "#", []);
  const prose = unmarked(doc, "#", []);
  const loose = unpinned(doc, "#", []);
  for (const what of missing) console.error(`sources: ${file}: ${what} names no source (externalDocs or x-source)`);
  for (const at of silent) console.error(`sources: ${file}: ${at} is x-unverified without a description saying why`);
  for (const at of prose) console.error(`sources: ${file}: ${at} says "unverified" on a node without x-unverified: true`);
  for (const at of loose) console.error(`sources: ${file}: ${at} cites a repository without a commit`);
  const found = missing.length + silent.length + prose.length + loose.length;
  problems += found;
  if (found === 0) console.log(`sources: ${file}: every operation and schema names its source; every unverified node is marked`);
}
process.exit(problems > 0 ? 1 : 0);
