// A consumer of the published packages, as a user writes it. scripts/consumer-check.mjs
// copies this one source into a project that installed the packed tarballs with npm, as
// program.mts (ESM), program.cts (CommonJS: every import becomes require()) and program.ts
// (bundler resolution), typechecks each, then runs the ESM and the CommonJS build. Every
// check throws; the process exits 0 only when all of them held.
import { createAuthMiddleware } from "@hirekit/auth-middleware";
import { sterlingAuth } from "@hirekit/auth-middleware/sterling";
import { createBullhornClient } from "@hirekit/bullhorn";
import { EXIT_CODES, runCli } from "@hirekit/cli";
import { createPCRecruiterClient } from "@hirekit/pcrecruiter";
import { createRetryFetch } from "@hirekit/retry";
import { createSmartRecruitersClient } from "@hirekit/smartrecruiters";
import { createSterlingClient, SterlingApiError, type paths as SterlingPaths } from "@hirekit/sterling";
import {
  type FakeServerBase,
  startFakeBullhorn,
  startFakePCRecruiter,
  startFakeSmartRecruiters,
  startFakeSterling,
  startFakeZohoRecruit,
} from "@hirekit/testing";
import { redisTokenStore } from "@hirekit/token-store-redis";
import { isHirekitError, VendorApiError } from "@hirekit/vendor-kit";
import { createZohoRecruitClient } from "@hirekit/zoho-recruit";
import createClient from "openapi-fetch";

const PEOPLE = [
  ["Ada", "Lovelace"],
  ["Grace", "Hopper"],
  ["Alan", "Turing"],
] as const;
const email = (first: string, last: string) => `${first}.${last}@example.com`.toLowerCase();

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

/**
 * Token exchange happened, every request matched the OpenAPI document, and more than one
 * page of `listOperation` (the OpenAPI path the fake matched) was read.
 */
function checkFake(vendor: string, fake: FakeServerBase, listOperation: string): void {
  const stats = fake.stats();
  check(stats.tokensIssued >= 1, `${vendor}: a token (or session) was issued`);
  check(stats.invalid === 0, `${vendor}: no request broke the OpenAPI document (${stats.invalid} did)`);
  const pages = fake.requests.filter((r) => r.method === "GET" && r.operation === listOperation && r.status === 200).length;
  check(pages >= 2, `${vendor}: paging read ${pages} page(s) of ${listOperation}, expected at least 2`);
}

/** Runs `scenario` against a started fake and closes the fake whatever happens. */
async function withFake<F extends FakeServerBase>(fake: F, scenario: (fake: F) => Promise<string>): Promise<string> {
  try {
    return await scenario(fake);
  } finally {
    await fake.close();
  }
}

/** A Redis stand-in that speaks the four commands the store sends, for a client-shaped object without a server. */
function memoryRedis() {
  const data = new Map<string, string>();
  return {
    data,
    async sendCommand([command, key = "", ...rest]: string[]): Promise<unknown> {
      if (command === "GET") return data.get(key) ?? null;
      if (command === "DEL") return data.delete(key) ? 1 : 0;
      if (command === "SET") {
        if (rest.includes("NX") && data.has(key)) return null;
        data.set(key, rest[0] as string);
        return "OK";
      }
      // The store's compare-and-delete release script: EVAL script 1 key owner.
      if (command === "EVAL") {
        const [, lockKey = "", owner] = rest;
        if (data.get(lockKey) !== owner) return 0;
        data.delete(lockKey);
        return 1;
      }
      throw new Error(`memoryRedis: unexpected command ${command}`);
    },
  };
}

async function sterling(): Promise<string> {
  return withFake(await startFakeSterling(), async (fake) => {
    const redis = memoryRedis();
    const client = createSterlingClient({ ...fake.clientOptions, tokenStore: redisTokenStore({ client: redis }) });
    try {
      const { data: packages } = await client.GET("/packages");
      check(Array.isArray(packages) && packages.length > 0, "sterling: GET /packages returned the packages");
      for (const [givenName, familyName] of PEOPLE) {
        const { data, error } = await client.POST("/candidates", {
          // clientReferenceId: one of Sterling's minimum fields for a new candidate, unique per candidate.
          body: { givenName, familyName, email: email(givenName, familyName), clientReferenceId: `consumer-${givenName}` },
        });
        check(data?.id !== undefined, `sterling: POST /candidates created a candidate (${JSON.stringify(error)})`);
      }
      let listed = 0;
      for await (const _ of client.paginate("/candidates", { params: { query: { limit: 2 } } })) listed++;
      check(listed === PEOPLE.length, `sterling: paginate listed ${listed} candidates, expected ${PEOPLE.length}`);
      const stored = [...redis.data.keys()].filter((key) => key.startsWith("hirekit:token:"));
      check(stored.length === 1, "sterling: the token went through @hirekit/token-store-redis");
    } finally {
      await client.dispose();
    }
    checkFake("sterling", fake, "/candidates");
    return "sterling: token (stored through token-store-redis), GET /packages, 3 candidates, paginate, dispose";
  });
}

async function bullhorn(): Promise<string> {
  return withFake(await startFakeBullhorn(), async (fake) => {
    const client = createBullhornClient(fake.clientOptions);
    try {
      for (const [firstName, lastName] of PEOPLE) {
        const { data, error } = await client.PUT("/entity/Candidate", {
          body: { firstName, lastName, email: email(firstName, lastName) },
        });
        check(
          data?.changedEntityId !== undefined,
          `bullhorn: PUT /entity/Candidate created a candidate (${JSON.stringify(error)})`,
        );
      }
      let listed = 0;
      const query = { query: "isDeleted:0", fields: "id,lastName", count: 2 };
      for await (const _ of client.paginate("/search/Candidate", { params: { query } })) listed++;
      // The fake starts with five candidates of its own.
      check(listed === PEOPLE.length + 5, `bullhorn: paginate listed ${listed} candidates, expected ${PEOPLE.length + 5}`);
    } finally {
      await client.dispose();
    }
    checkFake("bullhorn", fake, "/search/Candidate");
    return "bullhorn: discovery, rotating refresh token, REST login to restUrl, 3 candidates, paginate, logout";
  });
}

async function pcrecruiter(): Promise<string> {
  return withFake(await startFakePCRecruiter(), async (fake) => {
    const client = createPCRecruiterClient(fake.clientOptions);
    try {
      for (const [FirstName, LastName] of PEOPLE) {
        const { response } = await client.POST("/candidatesV2", {
          body: { FirstName, LastName, EmailAddress: email(FirstName, LastName), Status: "New" },
        });
        check(response.ok, `pcrecruiter: POST /candidatesV2 answered ${response.status}`);
      }
      let listed = 0;
      for await (const _ of client.paginate("/candidatesV2", { params: { query: { ResultsPerPage: 2 } } })) listed++;
      check(listed === PEOPLE.length, `pcrecruiter: paginate listed ${listed} candidates, expected ${PEOPLE.length}`);
    } finally {
      await client.dispose();
    }
    checkFake("pcrecruiter", fake, "/candidatesV2");
    check(
      fake.requests.some((r) => r.kind === "logout"),
      "pcrecruiter: dispose() ended the session (DELETE /access-token)",
    );
    return "pcrecruiter: session login, 3 candidates, paginate, dispose (session deleted)";
  });
}

async function zohoRecruit(): Promise<string> {
  return withFake(await startFakeZohoRecruit({ region: "eu" }), async (fake) => {
    const client = createZohoRecruitClient(fake.clientOptions);
    try {
      const { data: created } = await client.POST("/Candidates", {
        body: { data: PEOPLE.map(([First_Name, Last_Name]) => ({ First_Name, Last_Name, Email: email(First_Name, Last_Name) })) },
      });
      check(created?.data?.length === PEOPLE.length, "zoho-recruit: POST /Candidates created the candidates");
      let listed = 0;
      for await (const _ of client.paginate("/Candidates", { params: { query: { per_page: 2 } } })) listed++;
      check(listed === PEOPLE.length, `zoho-recruit: paginate listed ${listed} candidates, expected ${PEOPLE.length}`);
    } finally {
      await client.dispose();
    }
    checkFake("zoho-recruit", fake, "/Candidates");
    return "zoho-recruit: refresh-token exchange on the accounts server, 3 candidates, paginate, dispose";
  });
}

async function smartRecruiters(): Promise<string> {
  return withFake(await startFakeSmartRecruiters(), async (fake) => {
    const client = createSmartRecruitersClient(fake.clientOptions);
    try {
      for (const [firstName, lastName] of PEOPLE) {
        const { data } = await client.POST("/jobs/{jobId}/candidates", {
          params: { path: { jobId: fake.jobId } },
          body: { firstName, lastName, email: email(firstName, lastName) },
        });
        check(typeof data?.id === "string", "smartrecruiters: POST /jobs/{jobId}/candidates created a candidate");
      }
      let listed = 0;
      for await (const _ of client.paginate("/candidates", { params: { query: { limit: 2 } } })) listed++;
      check(listed === PEOPLE.length, `smartrecruiters: paginate listed ${listed} candidates, expected ${PEOPLE.length}`);
    } finally {
      await client.dispose();
    }
    checkFake("smartrecruiters", fake, "/candidates");
    return "smartrecruiters: client-credentials token, 3 candidates, paginate, dispose";
  });
}

/** The engine and the retrying fetch composed by hand around openapi-fetch, as the architecture shows. */
async function byHand(): Promise<string> {
  return withFake(await startFakeSterling(), async (fake) => {
    const auth = createAuthMiddleware(sterlingAuth({ ...fake.credentials, environment: "integration", baseUrl: fake.url }));
    const client = createClient<SterlingPaths>({
      baseUrl: fake.url,
      fetch: createRetryFetch(globalThis.fetch, { baseDelayMs: 1, maxDelayMs: 5 }),
    });
    client.use(auth);
    try {
      fake.set({ failNext: { status: 503, retryAfterSeconds: 0 } });
      const { data, response } = await client.GET("/packages");
      check(response.ok && Array.isArray(data), "auth-middleware + retry: GET /packages succeeded");
      check(fake.stats().retries === 1, "retry: the 503 was retried once");
    } finally {
      await auth.dispose();
    }
    check(fake.stats().invalid === 0, "auth-middleware: no request broke the OpenAPI document");
    return "auth-middleware + retry by hand: openapi-fetch client, 503 retried, dispose";
  });
}

async function cli(): Promise<string> {
  const lines: string[] = [];
  const code = await runCli(["--help"], {
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
    env: {},
    openBrowser: () => undefined,
  });
  check(code === EXIT_CODES.ok && lines.join("\n").includes("hirekit"), "cli: runCli(['--help']) printed the usage");
  return "cli: runCli --help";
}

/** One error hierarchy across the installed packages: each vendor's errors are the kit's, and the guard knows them all. */
async function errors(): Promise<string> {
  const thrown: unknown[] = [];
  const attempts = [
    () => createSterlingClient({ auth: { clientId: "a", clientSecret: "b" }, environment: "integration", baseUrl: "nope" }),
    () => createZohoRecruitClient({ auth: { clientId: "a", clientSecret: "b", refreshToken: "c" }, region: "mars" as never }),
    () => createSmartRecruitersClient({ auth: { apiKey: "k" }, maxConcurrentRequests: 99 }),
    () => createPCRecruiterClient({ auth: null as never }),
    () =>
      createBullhornClient({ auth: { clientId: "a", clientSecret: "b", username: "u", refreshToken: "r" }, headers: 5 as never }),
  ];
  for (const attempt of attempts) {
    try {
      attempt();
    } catch (error) {
      thrown.push(error);
    }
  }
  check(thrown.length === attempts.length, "errors: every bad option was refused at construction");
  check(
    thrown.every((e) => isHirekitError(e) && e.code === "INVALID_OPTION" && typeof e.option === "string"),
    "errors: each refusal is a HirekitError INVALID_OPTION naming its option",
  );
  const apiError = new SterlingApiError(
    409,
    { errors: [{ code: "409#email?already-in-use", message: "in use" }] },
    "POST /candidates",
  );
  check(
    apiError instanceof VendorApiError && isHirekitError(apiError),
    "errors: SterlingApiError is a VendorApiError and a HirekitError",
  );
  return "errors: one hierarchy, INVALID_OPTION from all five vendors, isHirekitError";
}

async function main(): Promise<void> {
  for (const step of [sterling, pcrecruiter, zohoRecruit, smartRecruiters, bullhorn, byHand, cli, errors]) {
    console.log(`  ok ${await step()}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
