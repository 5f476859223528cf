// The contract every vendor client keeps because the kit builds it: run for each vendor of
// the one vendor list (a vendor added there fails here until it has a case). Behaviour is
// driven through an injected `fetch` or the spec-validated fakes of @hirekit/testing.
import { spawnSync } from "node:child_process";
import { inspect } from "node:util";
import { AuthError, apiKey, HirekitError, isHirekitError } from "@hirekit/auth-middleware";
import { BULLHORN_RETRY_DEFAULTS, BullhornApiError, createBullhornClient } from "@hirekit/bullhorn";
import { createPCRecruiterClient, PCRECRUITER_RETRY_DEFAULTS, PCRecruiterApiError } from "@hirekit/pcrecruiter";
import { RetryError, type RetryOptions } from "@hirekit/retry";
import { createSmartRecruitersClient, SMARTRECRUITERS_RETRY_DEFAULTS, SmartRecruitersApiError } from "@hirekit/smartrecruiters";
import { createSterlingClient, STERLING_RETRY_DEFAULTS, SterlingApiError } from "@hirekit/sterling";
import {
  type FakeServerBase,
  HIREKIT_VENDORS,
  type HirekitVendor,
  startFakeBullhorn,
  startFakePCRecruiter,
  startFakeSmartRecruiters,
  startFakeSterling,
  startFakeZohoRecruit,
} from "@hirekit/testing";
import { createZohoRecruitClient, ZOHO_RECRUIT_RETRY_DEFAULTS, ZohoRecruitApiError } from "@hirekit/zoho-recruit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { VendorApiError } from "../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: each case adapts its own vendor's typed client.
type AnyClient = any;

interface ContractCase {
  /** The exported factory's name (checked in the built ESM and CJS entries). */
  factory: string;
  create(options: Record<string, unknown>): AnyClient;
  /** The exported retry defaults, which the client must apply. */
  retryDefaults: RetryOptions;
  /** The options a vendor requires besides `auth` (an environment, a region). */
  required: Record<string, unknown>;
  /** A GET without parameters. */
  path: string;
  /** A paged list, the query that makes its pages 2 long, and the vendor's API error. */
  paged: { path: string; smallPages: Record<string, unknown>; error: new (...args: never[]) => VendorApiError };
  /** A fake whose `clientOptions` the client takes, with at least 3 items in the paged list. */
  fake(): Promise<FakeServerBase & { clientOptions: Record<string, unknown> }>;
  /** Puts three more items in the paged list. */
  seed(client: AnyClient): Promise<void>;
}

const CASES: Record<HirekitVendor, ContractCase> = {
  bullhorn: {
    factory: "createBullhornClient",
    create: (options) => createBullhornClient(options as never),
    retryDefaults: BULLHORN_RETRY_DEFAULTS,
    required: {},
    path: "/ping",
    paged: {
      path: "/search/Candidate",
      smallPages: { query: "isDeleted:0", fields: "id,firstName", count: 2 },
      error: BullhornApiError,
    },
    fake: () => startFakeBullhorn(),
    seed: (client) => send(client, "PUT", "/entity/Candidate", (n) => ({ firstName: `C${n}`, lastName: "Contract" })),
  },
  pcrecruiter: {
    factory: "createPCRecruiterClient",
    create: (options) => createPCRecruiterClient(options as never),
    retryDefaults: PCRECRUITER_RETRY_DEFAULTS,
    required: {},
    path: "/candidatesV2",
    paged: { path: "/candidatesV2", smallPages: { ResultsPerPage: 2 }, error: PCRecruiterApiError },
    fake: () => startFakePCRecruiter(),
    seed: (client) =>
      send(client, "POST", "/candidatesV2", (n) => ({
        FirstName: `C${n}`,
        LastName: "Contract",
        EmailAddress: `c${n}@example.com`,
      })),
  },
  "zoho-recruit": {
    factory: "createZohoRecruitClient",
    create: (options) => createZohoRecruitClient(options as never),
    retryDefaults: ZOHO_RECRUIT_RETRY_DEFAULTS,
    required: { region: "eu" },
    path: "/Candidates",
    paged: { path: "/Candidates", smallPages: { per_page: 2 }, error: ZohoRecruitApiError },
    fake: () => startFakeZohoRecruit(),
    seed: (client) =>
      send(client, "POST", "/Candidates", (n) => ({
        data: [{ First_Name: `C${n}`, Last_Name: "Contract", Email: `c${n}@example.com` }],
      })),
  },
  smartrecruiters: {
    factory: "createSmartRecruitersClient",
    create: (options) => createSmartRecruitersClient(options as never),
    retryDefaults: SMARTRECRUITERS_RETRY_DEFAULTS,
    required: {},
    path: "/jobs",
    paged: { path: "/candidates", smallPages: { limit: 2 }, error: SmartRecruitersApiError },
    fake: () => startFakeSmartRecruiters(),
    seed: (client) =>
      send(client, "POST", "/candidates", (n) => ({ firstName: `C${n}`, lastName: "Contract", email: `c${n}@example.com` })),
  },
  sterling: {
    factory: "createSterlingClient",
    create: (options) => createSterlingClient(options as never),
    retryDefaults: STERLING_RETRY_DEFAULTS,
    required: { environment: "integration" },
    path: "/packages",
    paged: { path: "/candidates", smallPages: { limit: 2 }, error: SterlingApiError },
    fake: () => startFakeSterling(),
    seed: (client) =>
      send(client, "POST", "/candidates", (n) => ({
        givenName: `C${n}`,
        familyName: "Contract",
        email: `c${n}@example.com`,
        clientReferenceId: `ref-${n}`,
      })),
  },
};

/** Creates three records through the typed client, so that the list has more than one page of 2. */
async function send(client: AnyClient, method: "POST" | "PUT", path: string, body: (n: number) => unknown): Promise<void> {
  for (const n of [1, 2, 3]) {
    const { error } = await client[method](path, { body: body(n) });
    if (error !== undefined) throw new Error(`seeding ${path} failed: ${JSON.stringify(error)}`);
  }
}

const KEY = "contract-secret-key-7f3a9";
const scheme = () => apiKey({ header: "X-Contract-Key", value: KEY, vendor: "contract" });
type Recorded = { url: string; key: string | null };

/** A `fetch` that records each request and answers from `answers` in turn (the last one repeats). */
function recordingFetch(...answers: Array<() => Response>) {
  const calls: Recorded[] = [];
  const fetch = async (request: Request) => {
    calls.push({ url: request.url, key: request.headers.get("x-contract-key") });
    return (answers[Math.min(calls.length - 1, answers.length - 1)] as () => Response)();
  };
  return { calls, fetch };
}
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe.each(Object.keys(HIREKIT_VENDORS) as HirekitVendor[])("%s keeps the client contract", (vendor) => {
  const contract = CASES[vendor];
  const build = (options: Record<string, unknown>) => contract.create({ ...contract.required, ...options });

  it.each([
    ["options", null],
    ["auth", { auth: null }],
    ["baseUrl", { auth: scheme(), baseUrl: "not a url" }],
    ["baseUrl", { auth: scheme(), baseUrl: 443 }],
    ["fetch", { auth: scheme(), fetch: "fetch" }],
    ["headers", { auth: scheme(), headers: 5 }],
  ])("refuses a bad %s when built, naming it", (option, options) => {
    const attempt = () => (options === null ? contract.create(null as never) : build(options));
    expect(attempt).toThrow(HirekitError);
    expect(attempt).toThrow(expect.objectContaining({ code: "INVALID_OPTION", option, vendor }));
  });

  it("refuses bad retry options with RetryError INVALID_OPTION", () => {
    expect(() => build({ auth: scheme(), retry: "always" })).toThrow(RetryError);
    expect(() => build({ auth: scheme(), retry: { retries: -1 } })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", option: "retries" }),
    );
  });

  it("trims the base URL's trailing slashes and sends the credential only there", async () => {
    const { calls, fetch } = recordingFetch(json(200, []));
    const client = build({ auth: scheme(), baseUrl: "https://proxy.example.com/api//", fetch });
    await client.GET(contract.path, {});
    expect(calls).toEqual([{ url: `https://proxy.example.com/api${contract.path}`, key: KEY }]);
    await expect(client.GET(contract.path, { baseUrl: "https://elsewhere.example.com" })).rejects.toMatchObject({
      code: "ORIGIN_NOT_ALLOWED",
    });
    expect(calls).toHaveLength(1);
    await client.dispose();
  });

  it("applies its exported retry defaults: a GET that keeps failing is sent retries + 1 times", async () => {
    const failing = recordingFetch(json(503, {}, { "retry-after": "0" }));
    const client = build({ auth: scheme(), baseUrl: "https://api.example.com", fetch: failing.fetch, retry: { baseDelayMs: 0 } });
    expect((await client.GET(contract.path, {})).response.status).toBe(503);
    expect(failing.calls).toHaveLength((contract.retryDefaults.retries as number) + 1);
    await client.dispose();
  });

  it("retries below the middlewares: each attempt carries the credential; retry: false sends once", async () => {
    const retried = recordingFetch(json(503, {}, { "retry-after": "0" }), json(200, []));
    const client = build({ auth: scheme(), baseUrl: "https://api.example.com", fetch: retried.fetch, retry: { baseDelayMs: 0 } });
    const { response } = await client.GET(contract.path, {});
    expect(response.status).toBe(200);
    expect(retried.calls.map((call) => call.key)).toEqual([KEY, KEY]);

    const once = recordingFetch(json(503, {}, { "retry-after": "0" }));
    const noRetry = build({ auth: scheme(), baseUrl: "https://api.example.com", fetch: once.fetch, retry: false });
    expect((await noRetry.GET(contract.path, {})).response.status).toBe(503);
    expect(once.calls).toHaveLength(1);
    await Promise.all([client.dispose(), noRetry.dispose()]);
  });

  it("looks the global fetch up at call time", async () => {
    const client = build({ auth: scheme(), baseUrl: "https://api.example.com", retry: false });
    const late = recordingFetch(json(200, []));
    vi.stubGlobal("fetch", late.fetch);
    await client.GET(contract.path, {});
    expect(late.calls).toHaveLength(1);
    await client.dispose();
  });

  it("refuses requests after dispose with AuthError DISPOSED, and dispose twice is harmless", async () => {
    const { calls, fetch } = recordingFetch(json(200, []));
    const client = build({ auth: scheme(), baseUrl: "https://api.example.com", fetch });
    await client.dispose();
    await client.dispose();
    await expect(client.GET(contract.path, {})).rejects.toSatisfy(
      (error: unknown) => error instanceof AuthError && error.code === "DISPOSED",
    );
    expect(calls).toHaveLength(0);
  });

  it("throws its VendorApiError for a failed page, with no secret in message, JSON, inspect or stack", async () => {
    const echo = { message: `rejected X-Contract-Key: ${KEY}; Authorization: Bearer ${KEY}-b`, code: "BOOM" };
    const { fetch } = recordingFetch(json(500, echo));
    const client = build({ auth: scheme(), baseUrl: "https://api.example.com", fetch, retry: false });
    let caught: unknown;
    try {
      for await (const _ of client.paginate(contract.paged.path)) break;
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(contract.paged.error);
    expect(caught).toBeInstanceOf(VendorApiError);
    expect(isHirekitError(caught)).toBe(true);
    expect(caught).toMatchObject({ vendor, status: 500 });
    const error = caught as VendorApiError;
    const views = [error.message, error.stack ?? "", JSON.stringify(error), inspect(error), JSON.stringify(error.errors)];
    for (const view of views) expect(view).not.toContain(KEY);
    await client.dispose();
  });

  it("pages against its fake: maxItems is exact, 0 sends nothing, a bad one is INVALID_OPTION", async () => {
    const fake = await contract.fake();
    const client = contract.create(fake.clientOptions);
    try {
      await contract.seed(client);
      const before = fake.requests.length;
      const none: unknown[] = [];
      for await (const item of client.paginate(contract.paged.path, {}, { maxItems: 0 })) none.push(item);
      expect(none).toEqual([]);
      expect(fake.requests.length).toBe(before);

      const items: unknown[] = [];
      const init = { params: { query: contract.paged.smallPages } };
      for await (const item of client.paginate(contract.paged.path, init, { maxItems: 3 })) items.push(item);
      expect(items).toHaveLength(3);
      expect(new Set(items.map((item) => JSON.stringify(item))).size).toBe(3);
      expect(fake.stats().invalid).toBe(0);

      const bad = async () => {
        for await (const _ of client.paginate(contract.paged.path, {}, { maxItems: -1 })) break;
      };
      await expect(bad()).rejects.toMatchObject({ code: "INVALID_OPTION", option: "maxItems", vendor });
    } finally {
      await client.dispose();
      await fake.close();
    }
  });

  it("loads from its built ESM and CommonJS entries; isHirekitError knows the other copy's errors", () => {
    const dir = new URL(`../../${vendor}/dist/`, import.meta.url);
    const program = `
      const { createRequire } = await import("node:module");
      const esm = await import(${JSON.stringify(new URL("index.js", dir).href)});
      const cjs = createRequire(${JSON.stringify(new URL("index.cjs", dir).href)})(${JSON.stringify(new URL("index.cjs", dir).pathname)});
      let error;
      try { cjs[${JSON.stringify(contract.factory)}]({ auth: null }); } catch (e) { error = e; }
      console.log(JSON.stringify({
        esm: typeof esm[${JSON.stringify(contract.factory)}], cjs: typeof cjs[${JSON.stringify(contract.factory)}],
        vendorApiError: typeof esm.VendorApiError === "function" && typeof cjs.VendorApiError === "function",
        // Everything of @hirekit/vendor-kit/common, re-exported by both entries.
        common: ["AuthError", "HirekitError", "isHirekitError", "memoryTokenStore", "RetryError", "VendorApiError"].filter(
          (name) => typeof esm[name] !== "function" || typeof cjs[name] !== "function",
        ),
        code: error?.code, guard: esm.isHirekitError(error), sameClass: error instanceof esm.HirekitError,
      }));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", program], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      esm: "function",
      cjs: "function",
      vendorApiError: true,
      common: [],
      code: "INVALID_OPTION",
      guard: true,
      sameClass: false,
    });
  });
});
