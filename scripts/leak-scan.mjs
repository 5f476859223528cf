#!/usr/bin/env node
// Leak scan: fails (exit 1) when any test secret appears in the given files, e.g. the
// captured stdout/stderr of the test run and reports/vitest.json (SECURITY.md).
//
//   node scripts/leak-scan.mjs reports/test-output.log reports/vitest.json
//
// Which strings are test secrets (the registry):
//   1. every string literal of 8+ characters that a test under packages/*/test/ (or a README
//      example's env in test/readme.test.ts) gives to a credential-named key: clientSecret,
//      client_secret, password, apiKey, api_key, refreshToken, refresh_token, access_token,
//      accessToken, SessionId, secret, and env names ending in SECRET, PASSWORD, API_KEY,
//      TOKEN or KEY (`const KEY = …` included) — the naming convention a test follows when it makes up a credential;
//   2. the strings of EXTRA_SECRETS below, for secrets a test builds some other way.
// A finding names the secret by its first 4 characters only, the file and the line, never
// the line itself, so the scan's own output leaks nothing.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const MIN_LENGTH = 8;

/** Secrets not caught by the naming convention (built at run time, or under another key). */
export const EXTRA_SECRETS = [
  "fault-test-client-secret-7f3a", // packages/retry/test/faults/secrets.ts
  "fault-access-token-", // prefix of every token the fault suite's endpoint issues
  "child-test-client-secret-91c2", // packages/retry/test/faults/child.mjs
  "prop-test-client-secret-5d1e", // packages/auth-middleware/test/properties.test.ts
];

const KEY =
  /(?:^|[\s{,(])["']?(clientSecret|client_secret|password|Password|apiKey|ApiKey|api_key|refreshToken|refresh_token|access_token|accessToken|SessionId|secret|[A-Z_]*(?:SECRET|PASSWORD|API_KEY|TOKEN|KEY))["']?\s*[:=]\s*(["'`])([^"'`\n\\$]{8,200})\2/g;

function* testFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* testFiles(path);
    else if (/\.(ts|mts|mjs|js)$/.test(entry.name)) yield path;
  }
}

/** The registry: secret → where it was declared. */
export function collectSecrets(root = ROOT) {
  const secrets = new Map();
  for (const s of EXTRA_SECRETS) secrets.set(s, "scripts/leak-scan.mjs");
  const packages = join(root, "packages");
  for (const pkg of readdirSync(packages)) {
    const tests = join(packages, pkg, "test");
    if (!statSync(tests, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const file of testFiles(tests)) {
      if (file.includes(`${join("test", "readme")}/`)) continue; // generated from the README
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(KEY)) {
        const value = match[3];
        if (value.length >= MIN_LENGTH && !secrets.has(value)) secrets.set(value, relative(root, file));
      }
    }
  }
  return secrets;
}

/**
 * Test names, read from the vitest JSON reports among `files`: a name is test source, not
 * output, so it is blanked out before scanning (a test may be named after the value it
 * feeds in). What the code under test printed or threw is still scanned in full.
 */
function testNames(files) {
  const names = new Set();
  for (const file of files) {
    let report;
    try {
      report = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      continue;
    }
    for (const suite of report?.testResults ?? []) {
      for (const test of suite.assertionResults ?? []) {
        for (const name of [test.fullName, test.title, ...(test.ancestorTitles ?? [])]) {
          if (typeof name === "string" && name.length > 0) {
            names.add(name);
            names.add(JSON.stringify(name).slice(1, -1));
          }
        }
      }
    }
  }
  return [...names].sort((a, b) => b.length - a.length);
}

/** Findings `{ secret, file, line }` for every registered secret in `files`. */
export function scan(files, secrets = collectSecrets()) {
  const findings = [];
  // Only a name that holds a registered secret can hide one: blanking any other name could at
  // most splice a false finding across the gap it leaves. Blanking the ~2,000 names of a full
  // run one by one in a 1 MB report took 12 s of CI.
  const registered = [...secrets.keys()];
  const names = testNames(files).filter((name) => registered.some((secret) => name.includes(secret)));
  for (const file of files) {
    let text = readFileSync(file, "utf8");
    for (const name of names) text = text.split(name).join("");
    const lines = text.split("\n");
    for (const [secret, declaredIn] of secrets) {
      lines.forEach((line, i) => {
        if (line.includes(secret)) findings.push({ secret, declaredIn, file, line: i + 1 });
      });
    }
  }
  return findings;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: node scripts/leak-scan.mjs <file>...");
    process.exit(2);
  }
  const secrets = collectSecrets();
  const findings = scan(files, secrets);
  for (const f of findings) {
    console.error(`leak-scan: secret "${f.secret.slice(0, 4)}…" (declared in ${f.declaredIn}) appears in ${f.file}:${f.line}`);
  }
  console.log(`leak-scan: ${secrets.size} registered test secrets, ${files.length} file(s), ${findings.length} finding(s)`);
  process.exit(findings.length === 0 ? 0 : 1);
}
