#!/usr/bin/env node
// Compares the names our hand-written spec gives each operation with the vendor's own names,
// committed as data under specs/reference/ (with the source they were read from), and fails
// when any operation listed there falls below the data's threshold, or is missing from our spec.
//
//   node scripts/check-reference-names.mjs            check every specs/reference/<vendor>.names.json
//   node scripts/check-reference-names.mjs --verbose  also print each operation's missing names
//   node scripts/check-reference-names.mjs --root DIR check DIR/specs instead of this repository's
//
// How names are counted is the data's own `method`: query and header parameters, request body
// properties and 2xx body properties, at the top level plus the items of a top-level array
// (`[].name`) or of a `content` array (`content[].name`).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const args = process.argv.slice(2);
const rootAt = args.indexOf("--root");
const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? ".") : resolve(dirname(fileURLToPath(import.meta.url)), "..");
const verbose = args.includes("--verbose");
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/** Follows local `$ref`s (`#/components/...`) to the node they point at. */
function deref(doc, node) {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === "string" && depth < 20; depth++) {
    current = current.$ref
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((at, key) => at?.[key], doc);
  }
  return current;
}

/** The property names of a schema at the top level: $ref, allOf, oneOf and anyOf resolved. */
function topLevel(doc, schema, seen = new Set()) {
  const s = deref(doc, schema);
  if (!s || typeof s !== "object" || seen.has(s)) return { props: new Map(), items: undefined };
  seen.add(s);
  const props = new Map();
  let items;
  for (const [name, value] of Object.entries(s.properties ?? {})) props.set(name, value);
  if (s.type === "array" || (Array.isArray(s.type) && s.type.includes("array")) || s.items) items = s.items;
  for (const part of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) {
    const inner = topLevel(doc, part, seen);
    for (const [name, value] of inner.props) if (!props.has(name)) props.set(name, value);
    items ??= inner.items;
  }
  return { props, items };
}

/** Names of a body schema, as the reference data counts them. */
function bodyNames(doc, schema) {
  const names = new Set();
  const { props, items } = topLevel(doc, schema);
  for (const [name, value] of props) {
    names.add(name);
    if (name === "content") {
      const content = topLevel(doc, value);
      if (content.items) for (const inner of topLevel(doc, content.items).props.keys()) names.add(`content[].${inner}`);
    }
  }
  if (items) for (const inner of topLevel(doc, items).props.keys()) names.add(`[].${inner}`);
  return names;
}

function mediaSchemas(doc, holder) {
  const content = deref(doc, holder)?.content ?? {};
  return Object.values(content)
    .map((media) => media?.schema)
    .filter(Boolean);
}

/** Our names for one operation: `{ query, header, body, response }` as sets. */
function ourNames(doc, pathItem, operation) {
  const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
  const query = new Set(params.filter((p) => p?.in === "query").map((p) => p.name));
  const header = new Set(params.filter((p) => p?.in === "header").map((p) => p.name.toLowerCase()));
  const body = new Set();
  if (operation.requestBody)
    for (const schema of mediaSchemas(doc, operation.requestBody)) for (const n of bodyNames(doc, schema)) body.add(n);
  const response = new Set();
  for (const [status, answer] of Object.entries(operation.responses ?? {})) {
    if (!/^2(\d\d|XX)$/i.test(status)) continue;
    for (const schema of mediaSchemas(doc, answer)) for (const n of bodyNames(doc, schema)) response.add(n);
  }
  return { query, header, body, response };
}

const percent = (found, total) => (total === 0 ? 100 : (100 * found) / total);

let failed = false;
const dir = join(root, "specs", "reference");
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".names.json"))
  .sort()) {
  const vendor = file.slice(0, -".names.json".length);
  const reference = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const doc = parse(readFileSync(join(root, "specs", `${vendor}.openapi.yaml`), "utf8"));
  const threshold = reference.threshold;
  const totals = { query: [0, 0], header: [0, 0], body: [0, 0], response: [0, 0] };
  const below = [];
  for (const entry of reference.operations) {
    const [method, path] = entry.ours.split(" ");
    const pathItem = doc.paths?.[path];
    const operation = pathItem?.[method.toLowerCase()];
    if (!operation || !METHODS.includes(method.toLowerCase())) {
      below.push(`${entry.ours} (official ${entry.official}): missing from specs/${vendor}.openapi.yaml`);
      continue;
    }
    const ours = ourNames(doc, pathItem, operation);
    let found = 0;
    let total = 0;
    const missing = [];
    for (const kind of ["query", "header", "body", "response"]) {
      for (const name of entry[kind]) {
        const has = ours[kind].has(kind === "header" ? name.toLowerCase() : name);
        totals[kind][1]++;
        total++;
        if (has) {
          totals[kind][0]++;
          found++;
        } else missing.push(`${kind}:${name}`);
      }
    }
    const share = percent(found, total);
    if (share < threshold * 100)
      below.push(`${entry.ours}: ${found}/${total} (${share.toFixed(1)} %), missing ${missing.join(", ")}`);
    else if (verbose && missing.length > 0) console.log(`  ${entry.ours}: missing ${missing.join(", ")}`);
  }
  const found = Object.values(totals).reduce((sum, [f]) => sum + f, 0);
  const total = Object.values(totals).reduce((sum, [, t]) => sum + t, 0);
  const parts = Object.entries(totals)
    .map(([kind, [f, t]]) => `${kind} ${f}/${t}`)
    .join(", ");
  console.log(
    `reference names: ${vendor}: ${found}/${total} (${percent(found, total).toFixed(1)} %) over ${reference.operations.length} operations (${parts}); source ${reference.source.repository} ${reference.source.path} @ ${reference.source.commit.slice(0, 12)}`,
  );
  if (below.length > 0) {
    failed = true;
    console.error(`reference names: ${vendor}: ${below.length} operation(s) below ${(threshold * 100).toFixed(0)} %:`);
    for (const line of below) console.error(`  ${line}`);
  }
}
process.exit(failed ? 1 : 0);
