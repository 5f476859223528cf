import { describe, expectTypeOf, it } from "vitest";
import {
  attachmentForm,
  type Candidate,
  type CandidateSummary,
  createSmartRecruitersClient,
  type JobSummary,
  type operations,
  type Posting,
  type SmartRecruitersClient,
  type User,
  type WebhookSubscription,
} from "../src/index.js";

// Compile-time checks: `pnpm typecheck` fails if any @ts-expect-error line compiles.
function misuse(sr: SmartRecruitersClient) {
  // @ts-expect-error jobId is required
  void sr.GET("/jobs/{jobId}", { params: { path: {} } });
  // @ts-expect-error candidateId must be a string
  void sr.GET("/candidates/{candidateId}", { params: { path: { candidateId: 42 } } });
  // @ts-expect-error email is required to create a candidate
  void sr.POST("/candidates", { body: { firstName: "Ada", lastName: "L" } });
  // @ts-expect-error a hiring team member is added with a role
  void sr.POST("/jobs/{jobId}/hiring-team", { params: { path: { jobId: "j" } }, body: { id: "u" } });
  // @ts-expect-error a job ad needs its title
  void sr.POST("/jobs/{jobId}/jobads", { params: { path: { jobId: "j" } }, body: { language: { code: "en" } } });
  // @ts-expect-error the official User schema requires role to create a user
  void sr.POST("/user-api/v201804/users", { body: { firstName: "Ada", lastName: "L", email: "a@example.com" } });
  // @ts-expect-error status is required to move an application
  void sr.PUT("/candidates/{candidateId}/jobs/{jobId}/status", { params: { path: { candidateId: "c", jobId: "j" } }, body: {} });
  // @ts-expect-error limit is a number
  void sr.GET("/candidates", { params: { query: { limit: "10" } } });
  // @ts-expect-error no such path
  void sr.GET("/applications");
  // @ts-expect-error paginate walks only the list endpoints
  void sr.paginate("/jobs/{jobId}");
  // @ts-expect-error the postings list needs its companyIdentifier
  void sr.paginate("/v1/companies/{companyIdentifier}/postings");
  // @ts-expect-error paginate owns pageId
  void sr.paginate("/candidates", { params: { query: { pageId: "x" } } });
  // @ts-expect-error paginate owns offset
  void sr.paginate("/user-api/v201804/users", { params: { query: { offset: 5 } } });
  // @ts-expect-error an attachment needs its file
  attachmentForm({ attachmentType: "RESUME" });
  // @ts-expect-error the file is a Blob, not a path
  attachmentForm({ attachmentType: "RESUME", file: "cv.pdf" });
  // @ts-expect-error environment is production or sandbox
  createSmartRecruitersClient({ auth: { apiKey: "k" }, environment: "staging" });
  // @ts-expect-error auth is required
  createSmartRecruitersClient({});
}

async function iterate(sr: SmartRecruitersClient) {
  for await (const job of sr.paginate("/jobs")) expectTypeOf(job).toEqualTypeOf<JobSummary>();
  for await (const c of sr.paginate("/candidates", { params: { query: { status: ["HIRED"] } } }))
    expectTypeOf(c).toEqualTypeOf<CandidateSummary>();
  for await (const p of sr.paginate("/v1/companies/{companyIdentifier}/postings", {
    params: { path: { companyIdentifier: "acme" } },
  })) {
    expectTypeOf(p).toEqualTypeOf<Posting>();
  }
  for await (const u of sr.paginate("/user-api/v201804/users", undefined, { concurrency: 4 }))
    expectTypeOf(u).toEqualTypeOf<User>();
  for await (const s of sr.paginate("/webhooks-api/v201907/subscriptions")) expectTypeOf(s).toEqualTypeOf<WebhookSubscription>();
}

describe("types", () => {
  it("writes and reads the LinkedIn profile as web.linkedin (official WebProfile), never web.linkedIn", () => {
    type JsonBody<O> = O extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
    type Web<B> = NonNullable<B extends { web?: infer W } ? W : never>;
    type Written = [
      Web<JsonBody<operations["createCandidate"]>>,
      Web<JsonBody<operations["addCandidateToJob"]>>,
      Web<JsonBody<operations["updateCandidate"]>>,
      Web<Candidate>,
    ][number];
    expectTypeOf<Written["linkedin"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Written>().not.toHaveProperty("linkedIn");
  });

  it("keeps the Apply API's own spelling, web.linkedIn (official Apply API `Web`)", () => {
    type JsonBody<O> = O extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
    type ApplyWeb = NonNullable<JsonBody<operations["applyToPosting"]> extends { web?: infer W } ? W : never>;
    expectTypeOf<ApplyWeb["linkedIn"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ApplyWeb>().not.toHaveProperty("linkedin");
  });

  it("types parameters, bodies and results from the spec", () => {
    expectTypeOf(misuse).toBeFunction();
    expectTypeOf(iterate).toBeFunction();
    expectTypeOf<ReturnType<SmartRecruitersClient["rateLimit"]>>().toEqualTypeOf<
      | {
          limit: number | undefined;
          remaining: number | undefined;
          concurrentLimit: number | undefined;
          concurrentRemaining: number | undefined;
        }
      | undefined
    >();
  });
});
