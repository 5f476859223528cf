import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HIREKIT_VENDORS } from "@hirekit/testing";
import { afterEach, describe, expect, it } from "vitest";

// `pnpm lint` runs scripts/check-reference-names.mjs: it compares our spec's names with the
// official ones committed under specs/reference/ and fails below the data's threshold.
const repo = resolve(import.meta.dirname, "../../..");
const run = (name: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(repo, "scripts", name), ...args], { encoding: "utf8" });
const check = (...args: string[]) => run("check-reference-names.mjs", ...args);

let copy: string | undefined;
afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
  copy = undefined;
});

/** A copy of specs/ whose SmartRecruiters document is edited by `edit`. */
function specsWith(edit: (yaml: string) => string): string {
  copy = mkdtempSync(join(tmpdir(), "hirekit-reference-"));
  cpSync(join(repo, "specs"), join(copy, "specs"), { recursive: true });
  const file = join(copy, "specs/smartrecruiters.openapi.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return copy;
}

describe("reference names check", () => {
  it("passes on this repository and reports the share of official names found", () => {
    const { status, stdout } = check();
    expect(status).toBe(0);
    expect(stdout).toMatch(/reference names: smartrecruiters: (\d+)\/\1 \(100\.0 %\) over \d+ operations/);
    expect(stdout).toContain("konfig-sdks/openapi-examples smartrecruiters/openapi.yaml @ 03ba507ab6c5");
  });

  it("fails, naming the operation and the name, when the spec loses an official name", () => {
    const root = specsWith((yaml) => yaml.replace("        secretKey:\n", "        secretKeyValue:\n"));
    const { status, stderr } = check("--root", root);
    expect(status).toBe(1);
    expect(stderr).toContain(
      "POST /webhooks-api/v201907/subscriptions/{subscriptionId}/secret-key: 0/1 (0.0 %), missing response:secretKey",
    );
  });

  it("fails when an operation of the reference data is missing from the spec", () => {
    const root = specsWith((yaml) =>
      yaml.replace("  /configuration/sources/{sourceType}/values:\n", "  /configuration/sources/{sourceType}/entries:\n"),
    );
    const { status, stderr } = check("--root", root);
    expect(status).toBe(1);
    expect(stderr).toContain(
      "GET /configuration/sources/{sourceType}/values (official GET /configuration/sources/{sourceType}/values): missing",
    );
  });
});

describe("sources check", () => {
  it("passes on this repository: every operation and named schema of every spec names its source", () => {
    const { status, stdout } = run("check-sources.mjs");
    expect(status).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(Object.keys(HIREKIT_VENDORS).length);
  });

  it("fails on a schema without a source and on an x-unverified mark that does not say why", () => {
    const root = specsWith((yaml) =>
      yaml
        .replace(/(\n {4}WebhookSecretKey:\n)( {6}x-source: >-\n(?: {8}.*\n)+)/, "$1")
        .replace("        secretKey:\n", "        secretKey:\n          x-unverified: true\n"),
    );
    const { status, stderr } = run("check-sources.mjs", "--root", root);
    expect(status).toBe(1);
    expect(stderr).toContain("smartrecruiters.openapi.yaml: schema WebhookSecretKey names no source");
    expect(stderr).toContain("#/components/schemas/WebhookSecretKey/properties/secretKey is x-unverified without a description");
  });

  it("fails on a description that says unverified on a node without the x-unverified mark", () => {
    const root = specsWith((yaml) =>
      yaml.replace(
        "      description: A secret key for verifying delivery signatures.\n",
        "      description: A secret key for verifying delivery signatures (unverified).\n",
      ),
    );
    const { status, stderr } = run("check-sources.mjs", "--root", root);
    expect(status).toBe(1);
    expect(stderr).toContain(
      '#/components/schemas/WebhookSecretKey/description says "unverified" on a node without x-unverified: true',
    );
  });

  it("accepts the same description once the node carries x-unverified: true", () => {
    const root = specsWith((yaml) =>
      yaml.replace(
        "      description: A secret key for verifying delivery signatures.\n",
        "      x-unverified: true\n      description: A secret key for verifying delivery signatures (unverified).\n",
      ),
    );
    expect(run("check-sources.mjs", "--root", root).status).toBe(0);
  });

  it("fails on a client repository cited without a commit", () => {
    const root = specsWith((yaml) =>
      yaml.replace(
        /(\n {4}WebhookSecretKey:\n {6}x-source: >-\n {8})https:\/\/developers\.smartrecruiters\.com\/docs\/webhooks-security;/,
        "$1https://github.com/smartrecruiters/public-api;",
      ),
    );
    const { status, stderr } = run("check-sources.mjs", "--root", root);
    expect(status).toBe(1);
    expect(stderr).toContain("#/components/schemas/WebhookSecretKey/x-source cites a repository without a commit");
  });
});

describe("spec fidelity sections", () => {
  // Each vendor README ends with a "Spec fidelity" section generated from its spec by
  // scripts/spec-fidelity.mjs: sources with counts, and the x-unverified marks by reason.
  it("match the specs, so a spec change cannot leave a README's figures behind", () => {
    const { status, stdout, stderr } = run("spec-fidelity.mjs", "--check");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(Object.keys(HIREKIT_VENDORS).length);
  });

  it("fail when a spec gains an x-unverified mark the README does not count", () => {
    const root = specsWith((yaml) =>
      yaml.replace(
        "      description: A secret key for verifying delivery signatures.\n",
        "      x-unverified: true\n      description: A secret key for verifying delivery signatures; no sample shows it.\n",
      ),
    );
    mkdirSync(join(root, "packages/smartrecruiters"), { recursive: true });
    cpSync(join(repo, "packages/smartrecruiters/README.md"), join(root, "packages/smartrecruiters/README.md"));
    const { status, stderr } = run("spec-fidelity.mjs", "--check", "--root", root, "smartrecruiters");
    expect(status).toBe(1);
    expect(stderr).toContain("packages/smartrecruiters/README.md is stale");
  });
});
