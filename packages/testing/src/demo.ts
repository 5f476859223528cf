import { FakeServerError } from "./errors.js";
import type { FakeServerBase } from "./server.js";
import { type FakeRequest, summarizeRequests } from "./summary.js";
import { startFakeBullhorn } from "./vendors/bullhorn.js";
import { startFakePCRecruiter } from "./vendors/pcrecruiter.js";
import { startFakeSmartRecruiters } from "./vendors/smartrecruiters.js";
import { startFakeSterling } from "./vendors/sterling.js";
import { startFakeZohoRecruit } from "./vendors/zoho-recruit.js";

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /** Receives each progress line (default `console.log`). */
  log?: (line: string) => void;
  /** How the demo waits out a `Retry-After` when the client does not retry by itself (default: a real timer). */
  sleep?: (ms: number) => Promise<void>;
  /** `Retry-After` (seconds) of the 429 the demo forces on each vendor (default 1). */
  retryAfterSeconds?: number;
}

/** What happened with one vendor, counted from its fake's request log. */
export interface DemoVendorSummary {
  vendor: "pcrecruiter" | "zoho-recruit" | "smartrecruiters" | "sterling" | "bullhorn";
  /** API calls made (token calls not included). */
  requests: number;
  /** Tokens or sessions the fake issued. */
  tokensFetched: number;
  /** Calls answered 401/429/5xx and then sent again successfully (replays and retries). */
  retries: number;
  /** Calls that broke the OpenAPI document (0 when client and spec agree). */
  invalid: number;
}

/** The result of {@link runDemo}. */
export interface DemoSummary {
  vendors: DemoVendorSummary[];
  totals: { requests: number; tokensFetched: number; retries: number; invalid: number };
  durationMs: number;
}

type ApiResult = { data?: unknown; error?: unknown; response: Response };

interface Step {
  fake: FakeServerBase;
  retryAfterSeconds: number;
  say: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends one call and explains what the fake saw: a replay after an expired token, a 429
 * retried by the client, or (when the client does not retry 429 yet) a retry by the demo
 * after waiting `Retry-After`, as a user would.
 */
async function call<T extends ApiResult>(step: Step, label: string, send: () => Promise<T>): Promise<NonNullable<T["data"]>> {
  for (let attempt = 1; ; attempt++) {
    const before = step.fake.requests.length;
    const result = await send();
    const seen = step.fake.requests.slice(before);
    const expired = seen.some((r) => r.kind === "api" && r.status === 401);
    const limited = seen.filter((r) => r.kind === "api" && r.status === 429);
    if (expired && result.response.ok) {
      step.say(`  ↻ ${label}: token expired (401), the client fetched a new one and replayed the call`);
    }
    if (result.response.status === 429 && attempt < 4) {
      const seconds = Number(result.response.headers.get("retry-after") ?? "1");
      step.say(
        `  ⏳ ${label}: 429 Too Many Requests; the client does not retry it, so the demo waits Retry-After ${seconds}s and retries`,
      );
      await step.sleep(seconds * 1000);
      continue;
    }
    if (limited.length > 0 && result.response.ok) step.say(`  ⏳ ${label}: 429 Too Many Requests, retried by the client`);
    if (!result.response.ok) {
      throw new Error(`demo: ${label} failed with HTTP ${result.response.status}: ${JSON.stringify(result.error)}`);
    }
    return result.data as NonNullable<T["data"]>;
  }
}

const PEOPLE = [
  ["Ada", "Lovelace"],
  ["Grace", "Hopper"],
  ["Alan", "Turing"],
  ["Katherine", "Johnson"],
  ["Edsger", "Dijkstra"],
] as const;
const email = (first: string, last: string) => `${first}.${last}@example.com`.toLowerCase();
const resumePdf = () => new Blob(["%PDF-1.7 demo résumé"], { type: "application/pdf" });

/** Creates the five {@link PEOPLE}, one call each, and returns the first one's id. */
async function createPeople<T extends ApiResult, Id>(
  step: Step,
  label: string,
  send: (first: string, last: string) => Promise<T>,
  idOf: (created: NonNullable<T["data"]>) => Id,
): Promise<Id> {
  const ids: Id[] = [];
  for (const [first, last] of PEOPLE) ids.push(idOf(await call(step, label, () => send(first, last))));
  return ids[0] as Id;
}

/** Pages through the candidates, 2 per page, and says how many there were. */
async function sayPaged(step: Step, pages: AsyncIterable<unknown>): Promise<void> {
  let listed = 0;
  for await (const _ of pages) listed++;
  step.say(`  ✓ paged through ${listed} candidates, 2 per page`);
}

async function sterlingScenario(step: Step): Promise<void> {
  const { createSterlingClient } = await import("@hirekit/sterling");
  const fake = step.fake as Awaited<ReturnType<typeof startFakeSterling>>;
  const sterling = createSterlingClient(fake.clientOptions);
  try {
    const packages = await call(step, "list packages", () => sterling.GET("/packages"));
    const pkg = packages[0];
    step.say(`  ✓ ${packages.length} screening packages; ordering "${pkg?.title}"`);
    const candidateId = await createPeople(
      step,
      "create candidate",
      (first, last) =>
        sterling.POST("/candidates", {
          body: { givenName: first, familyName: last, email: email(first, last), clientReferenceId: `demo-${first}-${last}` },
        }),
      (created) => created.id,
    );
    step.say(`  ✓ created ${PEOPLE.length} candidates (first: ${candidateId})`);
    fake.expireTokens();
    await call(step, "upload résumé", () =>
      sterling.POST("/candidates/{candidateId}/documents", {
        params: { path: { candidateId }, header: { documentType: "resume" } },
        body: "%PDF-1.7 demo résumé",
        bodySerializer: (body) => body,
        headers: { "content-type": "application/octet-stream" },
      }),
    );
    step.say("  ✓ résumé uploaded");
    fake.set({ failNext: { status: 429, retryAfterSeconds: step.retryAfterSeconds } });
    const order = await call(step, "order background check", () =>
      sterling.POST("/screenings", { body: { candidateId, packageId: pkg?.id as string } }),
    );
    step.say(`  ✓ background check ${order.id} ordered (${order.status})`);
    let status = order.status;
    while (status !== "Complete") {
      const screening = await call(step, "poll screening", () =>
        sterling.GET("/screenings/{screeningId}", { params: { path: { screeningId: order.id } } }),
      );
      status = screening.status;
      step.say(`  ✓ screening ${order.id}: ${status}${screening.result === undefined ? "" : ` (${screening.result})`}`);
    }
    await sayPaged(step, sterling.paginate("/candidates", { params: { query: { limit: 2 } } }));
  } finally {
    await sterling.dispose();
  }
}

async function pcrecruiterScenario(step: Step): Promise<void> {
  const { createPCRecruiterClient } = await import("@hirekit/pcrecruiter");
  const fake = step.fake as Awaited<ReturnType<typeof startFakePCRecruiter>>;
  const pcr = createPCRecruiterClient(fake.clientOptions);
  try {
    const candidateId = await createPeople(
      step,
      "create candidate",
      (first, last) =>
        pcr.POST("/candidatesV2", {
          body: { FirstName: first, LastName: last, EmailAddress: email(first, last), Status: "New" },
        }),
      (created) => Number((created as { CandidateId?: number | null }).CandidateId),
    );
    step.say(`  ✓ created ${PEOPLE.length} candidates (first: ${candidateId})`);
    fake.expireTokens();
    await call(step, "attach résumé", () =>
      pcr.POST("/candidates/{CandidateId}/resumes", {
        params: { path: { CandidateId: candidateId } },
        body: { FileName: "ada-lovelace.txt", ResumeText: "Analyst, Analytical Engine" },
      }),
    );
    step.say("  ✓ résumé attached");
    fake.set({ failNext: { status: 429, retryAfterSeconds: step.retryAfterSeconds } });
    for (const Status of ["Screening", "Interview", "Placed"]) {
      await call(step, `status ${Status}`, () =>
        pcr.PUT("/candidatesV2/{CandidateId}", { params: { path: { CandidateId: candidateId } }, body: { Status } }),
      );
      step.say(`  ✓ candidate ${candidateId} → ${Status}`);
    }
    await sayPaged(step, pcr.paginate("/candidatesV2", { params: { query: { ResultsPerPage: 2 } } }));
  } finally {
    await pcr.dispose();
    step.say("  ✓ session ended (DELETE /access-token)");
  }
}

async function zohoScenario(step: Step): Promise<void> {
  const { createZohoRecruitClient } = await import("@hirekit/zoho-recruit");
  const fake = step.fake as Awaited<ReturnType<typeof startFakeZohoRecruit>>;
  const zoho = createZohoRecruitClient(fake.clientOptions);
  try {
    const created = await call(step, "create candidates", () =>
      zoho.POST("/Candidates", {
        body: { data: PEOPLE.map(([First_Name, Last_Name]) => ({ First_Name, Last_Name, Email: email(First_Name, Last_Name) })) },
      }),
    );
    const recordId = String((created.data?.[0]?.details as { id?: string } | undefined)?.id);
    step.say(`  ✓ created ${created.data?.length ?? 0} candidates in one call (first: ${recordId})`);
    fake.expireTokens();
    await call(step, "attach résumé", () => {
      const form = new FormData();
      form.append("file", resumePdf(), "ada-lovelace.pdf");
      return zoho.POST("/{module}/{recordId}/Attachments", {
        params: { path: { module: "Candidates", recordId }, query: { attachments_category: "Resume" } },
        body: {},
        bodySerializer: () => form,
      });
    });
    step.say("  ✓ résumé attached");
    fake.set({ failNext: { status: 429, retryAfterSeconds: step.retryAfterSeconds } });
    for (const Candidate_Status of ["Qualified", "Interview-Scheduled", "Hired"]) {
      await call(step, `status ${Candidate_Status}`, () =>
        zoho.PUT("/Candidates/status", { body: { data: [{ ids: [recordId], Candidate_Status }] } }),
      );
      step.say(`  ✓ candidate ${recordId} → ${Candidate_Status}`);
    }
    await sayPaged(step, zoho.paginate("/Candidates", { params: { query: { per_page: 2 } } }));
  } finally {
    await zoho.dispose();
  }
}

async function smartRecruitersScenario(step: Step): Promise<void> {
  const { createSmartRecruitersClient, attachmentForm } = await import("@hirekit/smartrecruiters");
  const fake = step.fake as Awaited<ReturnType<typeof startFakeSmartRecruiters>>;
  const sr = createSmartRecruitersClient(fake.clientOptions);
  try {
    const { jobId } = fake;
    const candidateId = await createPeople(
      step,
      "apply candidate",
      (first, last) =>
        sr.POST("/jobs/{jobId}/candidates", {
          params: { path: { jobId } },
          body: { firstName: first, lastName: last, email: email(first, last) },
        }),
      (created) => created.id as string,
    );
    step.say(`  ✓ ${PEOPLE.length} candidates applied to job ${jobId.slice(0, 8)}…`);
    fake.expireTokens();
    await call(step, "attach résumé", () =>
      sr.POST("/candidates/{candidateId}/attachments", {
        params: { path: { candidateId } },
        ...attachmentForm({ attachmentType: "RESUME", file: resumePdf(), fileName: "ada-lovelace.pdf" }),
      }),
    );
    step.say("  ✓ résumé attached");
    fake.set({ failNext: { status: 429, retryAfterSeconds: step.retryAfterSeconds } });
    for (const status of ["IN_REVIEW", "INTERVIEW", "OFFERED"] as const) {
      await call(step, `status ${status}`, () =>
        sr.PUT("/candidates/{candidateId}/jobs/{jobId}/status", { params: { path: { candidateId, jobId } }, body: { status } }),
      );
      step.say(`  ✓ application → ${status}`);
    }
    await sayPaged(step, sr.paginate("/candidates", { params: { query: { limit: 2 } } }));
  } finally {
    await sr.dispose();
  }
}

async function bullhornScenario(step: Step): Promise<void> {
  const { createBullhornClient } = await import("@hirekit/bullhorn");
  const fake = step.fake as Awaited<ReturnType<typeof startFakeBullhorn>>;
  const bullhorn = createBullhornClient(fake.clientOptions);
  try {
    const candidateId = await createPeople(
      step,
      "create candidate",
      (firstName, lastName) =>
        bullhorn.PUT("/entity/Candidate", { body: { firstName, lastName, email: email(firstName, lastName) } }),
      (created) => Number(created.changedEntityId),
    );
    step.say(
      `  ✓ ${PEOPLE.length} candidates created (data centre discovered, refresh token rotated, REST session at its restUrl)`,
    );
    const job = await call(step, "create job order", () =>
      bullhorn.PUT("/entity/JobOrder", { body: { title: "Analytical Engine operator", clientCorporation: { id: 1 } } }),
    );
    fake.expireTokens();
    const submission = await call(step, "submit candidate", () =>
      bullhorn.PUT("/entity/JobSubmission", {
        body: { candidate: { id: candidateId }, jobOrder: { id: Number(job.changedEntityId) }, status: "Submitted" },
      }),
    );
    step.say(
      `  ✓ candidate ${candidateId} submitted to job order ${job.changedEntityId} (submission ${submission.changedEntityId})`,
    );
    fake.set({ failNext: { status: 429, retryAfterSeconds: step.retryAfterSeconds } });
    await call(step, "update candidate", () =>
      bullhorn.POST("/entity/Candidate/{id}", { params: { path: { id: candidateId } }, body: { status: "Placed" } }),
    );
    step.say(`  ✓ candidate ${candidateId} → Placed`);
    await sayPaged(
      step,
      bullhorn.paginate("/search/Candidate", { params: { query: { query: "isDeleted:0", fields: "id", count: 2 } } }),
    );
  } finally {
    await bullhorn.dispose();
  }
}

function summarize(vendor: DemoVendorSummary["vendor"], requests: readonly FakeRequest[]): DemoVendorSummary {
  const stats = summarizeRequests(requests);
  return { vendor, requests: stats.requests, tokensFetched: stats.tokensIssued, retries: stats.retries, invalid: stats.invalid };
}

/**
 * Runs the hirekit demo: starts the five fake vendors on loopback and drives each through its
 * published client (create candidates, attach a résumé, move them through statuses, order a
 * background check, page through results), forcing a token expiry and a 429 along the way.
 * Prints progress and a summary counted from the fakes' request logs, and closes everything.
 *
 * @example
 * ```ts
 * const summary = await runDemo({ log: () => undefined });
 * console.log(summary.totals.invalid === 0 ? "clients match the specs" : "spec drift");
 * ```
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoSummary> {
  // biome-ignore lint/suspicious/noConsole: the demo's default output is the terminal
  const log = options.log ?? ((line: string) => console.log(line));
  const sleep = options.sleep ?? realSleep;
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  if (!(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 0)) {
    throw new FakeServerError(
      "INVALID_OPTION",
      'runDemo: option "retryAfterSeconds" must be a whole number ≥ 0',
      "retryAfterSeconds",
    );
  }
  const started = performance.now();
  const fakes = {
    pcrecruiter: await startFakePCRecruiter(),
    "zoho-recruit": await startFakeZohoRecruit({ region: "eu" }),
    smartrecruiters: await startFakeSmartRecruiters(),
    sterling: await startFakeSterling(),
    bullhorn: await startFakeBullhorn(),
  };
  const scenarios: [DemoVendorSummary["vendor"], string, (step: Step) => Promise<void>][] = [
    ["pcrecruiter", "PCRecruiter (session login)", pcrecruiterScenario],
    ["zoho-recruit", "Zoho Recruit (OAuth refresh token, region eu)", zohoScenario],
    ["smartrecruiters", "SmartRecruiters (OAuth client credentials)", smartRecruitersScenario],
    ["sterling", "Sterling (OAuth client credentials, Basic)", sterlingScenario],
    ["bullhorn", "Bullhorn (data-centre discovery, rotating OAuth refresh token, REST session)", bullhornScenario],
  ];
  try {
    log("hirekit demo: five fake vendors on loopback, driven through the published clients");
    for (const [vendor, title, scenario] of scenarios) {
      log(`▸ ${title}`);
      await scenario({ fake: fakes[vendor], say: log, sleep, retryAfterSeconds });
    }
  } finally {
    await Promise.all(Object.values(fakes).map((fake) => fake.close()));
  }
  const vendors = scenarios.map(([vendor]) => summarize(vendor, fakes[vendor].requests));
  const totals = vendors.reduce(
    (sum, v) => ({
      requests: sum.requests + v.requests,
      tokensFetched: sum.tokensFetched + v.tokensFetched,
      retries: sum.retries + v.retries,
      invalid: sum.invalid + v.invalid,
    }),
    { requests: 0, tokensFetched: 0, retries: 0, invalid: 0 },
  );
  log("summary (counted from the fakes' request logs):");
  for (const v of vendors) {
    log(
      `  ${v.vendor.padEnd(16)} ${String(v.requests).padStart(3)} requests  ${v.tokensFetched} tokens  ${v.retries} retries/replays  ${v.invalid} spec violations`,
    );
  }
  log(
    `  ${"total".padEnd(16)} ${String(totals.requests).padStart(3)} requests  ${totals.tokensFetched} tokens  ${totals.retries} retries/replays  ${totals.invalid} spec violations`,
  );
  return { vendors, totals, durationMs: Math.round(performance.now() - started) };
}
