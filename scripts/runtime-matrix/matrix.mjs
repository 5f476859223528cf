#!/usr/bin/env node
// The runtime matrix: one smoke program (smoke.mjs: token exchange, a typed call, a page and
// dispose on each vendor client, Bullhorn's discovery and login too, and a webhook signature check) on Node 20 (this process's
// node), Node 22, Node 24, Bun, Deno and workerd. The runtimes are the npm packages pinned in
// this directory's package.json. The @hirekit/testing fakes run here; each runtime's share of
// their request logs is checked as well as its report.
//
//   node scripts/runtime-matrix/matrix.mjs [runtime ...]      (after pnpm build)
import { createHmac } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  startFakeBullhorn,
  startFakePCRecruiter,
  startFakeSmartRecruiters,
  startFakeSterling,
  startFakeZohoRecruit,
} from "@hirekit/testing";
import { runChild } from "../child.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const bin = (path) => here(`node_modules/${path}`);
const RUNTIMES = {
  "node 20": [process.execPath, [here("smoke-cli.mjs")]],
  "node 22": [bin("node22/bin/node"), [here("smoke-cli.mjs")]],
  "node 24": [bin("node24/bin/node"), [here("smoke-cli.mjs")]],
  bun: [bin(".bin/bun"), [here("smoke-cli.mjs")]],
  deno: [bin(".bin/deno"), ["run", "--quiet", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", here("smoke-cli.mjs")]],
  workerd: [bin("node22/bin/node"), [here("workerd.mjs")]],
};

function run(command, args, env, timeoutMs) {
  const quiet = { DO_NOT_TRACK: "1", DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
  return runChild(command, args, { env: { ...process.env, ...env, ...quiet }, timeoutMs });
}

async function versionOf(name) {
  if (name === "workerd") {
    const fromMiniflare = createRequire(realpathSync(here("node_modules/miniflare/package.json")));
    const version = (pkg) => JSON.parse(readFileSync(fromMiniflare.resolve(`${pkg}/package.json`), "utf8")).version;
    return `workerd ${version("workerd")} (miniflare ${version("miniflare")})`;
  }
  const { stdout } = await run(RUNTIMES[name][0], ["--version"], {}, 20_000);
  return stdout
    .trim()
    .split("\n")[0]
    .replace(/ \(.*$/, "");
}

/** A SmartRecruiters delivery, signed as SmartRecruiters signs one (HMAC-SHA256, hex, `v1=`). */
function signedWebhook() {
  const secret = "smoke-webhook-secret";
  const body = JSON.stringify({ candidateId: "c-1", jobId: "j-1" });
  const headers = {
    "smartrecruiters-timestamp": String(Math.floor(Date.now() / 1000)),
    "event-id": "5f1c3a2e-0000-4000-8000-000000000001",
    "event-name": "application.status.updated",
    "event-version": "v201",
    link: '<https://api.smartrecruiters.com/candidates/c-1>; rel="self"',
  };
  const message = [
    headers["smartrecruiters-timestamp"],
    body,
    headers["event-id"],
    headers["event-name"],
    headers["event-version"],
    headers.link,
  ].join(".");
  const signature = `v1=${createHmac("sha256", secret).update(message).digest("hex")}`;
  return { secret, body, headers: { ...headers, "smartrecruiters-signature": signature } };
}

/**
 * A Bullhorn grant of the run's own: its refresh token is single-use ("A refresh token expires
 * after it is used once", https://bullhorn.github.io/docs/oauth/), so one seeded token would
 * serve only the first runtime. A consent's code, exchanged as the CLI does.
 */
async function bullhornGrant(fake) {
  const redirectUri = "http://127.0.0.1/callback";
  const { clientId, clientSecret } = fake.credentials;
  const query = new URLSearchParams({
    grant_type: "authorization_code",
    code: fake.issueAuthorizationCode(redirectUri),
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uri: redirectUri,
  });
  const response = await fetch(`${fake.dataCentre.oauthUrl}/token?${query}`, { method: "POST" });
  const { refresh_token: refreshToken } = await response.json();
  if (typeof refreshToken !== "string") throw new Error(`bullhorn: the code exchange answered ${response.status}`);
  return { ...fake.clientOptions, auth: { ...fake.clientOptions.auth, refreshToken } };
}

/** What one run must have done: a report as expected and, in the fakes' logs, its own traffic. */
function problemsOf(report, fakes, before) {
  const problems = [];
  for (const [key, fake, list] of [
    ["sterling", fakes.sterling, "/candidates"],
    ["pcrecruiter", fakes.pcrecruiter, "/candidatesV2"],
    ["zohoRecruit", fakes.zohoRecruit, "/Candidates"],
    ["smartRecruiters", fakes.smartRecruiters, "/candidates"],
    ["bullhorn", fakes.bullhorn, "/search/Candidate"],
  ]) {
    const seen = fake.requests.slice(before[key]);
    if (!report[key]?.created || !(report[key]?.paged >= 1)) problems.push(`${key}: report ${JSON.stringify(report[key])}`);
    if (!seen.some((r) => r.kind === "token" && r.status === 200 && !r.refused)) problems.push(`${key}: no token was issued`);
    if (!seen.some((r) => r.method === "GET" && r.operation === list && r.status === 200))
      problems.push(`${key}: no page of ${list}`);
    const invalid = seen.filter((r) => r.problems.length > 0);
    if (invalid.length > 0) problems.push(`${key}: ${invalid.length} request(s) broke the OpenAPI document`);
  }
  for (const key of ["pcrecruiter", "bullhorn"]) {
    if (!fakes[key].requests.slice(before[key]).some((r) => r.kind === "logout")) {
      problems.push(`${key}: dispose() did not end the session`);
    }
  }
  const bullhorn = fakes.bullhorn.requests.slice(before.bullhorn);
  for (const [kind, path] of [
    ["discovery", "/rest-services/loginInfo"],
    ["token", "/rest-services/login"],
  ]) {
    if (!bullhorn.some((r) => r.kind === kind && r.path === path && r.status === 200)) problems.push(`bullhorn: no ${path}`);
  }
  const { webhook } = report;
  if (webhook?.valid !== true || webhook?.tampered !== "SIGNATURE_MISMATCH" || webhook?.event !== "application.status.updated") {
    problems.push(`webhook: ${JSON.stringify(webhook)}`);
  }
  return problems;
}

const selected = process.argv.slice(2);
const names = selected.length > 0 ? selected : Object.keys(RUNTIMES);
for (const name of names)
  if (!(name in RUNTIMES)) throw new Error(`unknown runtime "${name}"; known: ${Object.keys(RUNTIMES).join(", ")}`);

const fakes = {
  sterling: await startFakeSterling(),
  pcrecruiter: await startFakePCRecruiter(),
  zohoRecruit: await startFakeZohoRecruit({ region: "eu" }),
  smartRecruiters: await startFakeSmartRecruiters(),
  bullhorn: await startFakeBullhorn(),
};
const fixture = (bullhorn) => ({
  sterling: { clientOptions: fakes.sterling.clientOptions },
  pcrecruiter: { clientOptions: fakes.pcrecruiter.clientOptions },
  zohoRecruit: { clientOptions: fakes.zohoRecruit.clientOptions },
  smartRecruiters: { clientOptions: fakes.smartRecruiters.clientOptions, jobId: fakes.smartRecruiters.jobId },
  bullhorn: { clientOptions: bullhorn },
  webhook: signedWebhook(),
});

console.log("runtime matrix: smoke.mjs (token exchange, typed call, a page, dispose on five vendors; webhook signature)");
let failed = 0;
try {
  for (const name of names) {
    const before = Object.fromEntries(Object.entries(fakes).map(([key, fake]) => [key, fake.requests.length]));
    const [command, args] = RUNTIMES[name];
    const HIREKIT_SMOKE_FIXTURE = JSON.stringify(fixture(await bullhornGrant(fakes.bullhorn)));
    const result = await run(command, args, { HIREKIT_SMOKE_FIXTURE }, 90_000);
    const { seconds } = result;
    let problems;
    if (result.code !== 0) problems = [`exit ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`];
    else {
      try {
        problems = problemsOf(JSON.parse(result.stdout.trim().split("\n").at(-1)), fakes, before);
      } catch (error) {
        problems = [`unreadable report (${error.message}): ${result.stdout}${result.stderr}`];
      }
    }
    const version = await versionOf(name).catch(() => "version unknown");
    if (problems.length === 0) console.log(`  ✓ ${name.padEnd(8)} ${version.padEnd(42)} passed in ${seconds}s`);
    else {
      failed++;
      console.log(`  ✗ ${name.padEnd(8)} ${version.padEnd(42)} FAILED in ${seconds}s`);
      for (const problem of problems) console.log(`      ${problem}`);
    }
  }
} finally {
  await Promise.all(Object.values(fakes).map((fake) => fake.close()));
}
console.log(`runtime matrix: ${names.length - failed} of ${names.length} runtimes passed`);
if (failed > 0) process.exitCode = 1;
