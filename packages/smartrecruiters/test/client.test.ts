import { apiKey, pinOrigin } from "@hirekit/auth-middleware";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import {
  attachmentForm,
  createSmartRecruitersClient,
  readRateLimit,
  resumeForm,
  SMARTRECRUITERS_BASE_URLS,
  type SmartRecruitersClientOptions,
  type SmartRecruitersEnvironment,
} from "../src/index.js";

const HOST = "https://api.smartrecruiters.com";
const KEY = "sr-test-api-key-0123456789abcdef";

useNock();

const api = (host = HOST) => nock(host, { reqheaders: { "x-smarttoken": KEY } });
const client = (options: Partial<SmartRecruitersClientOptions> = {}) =>
  createSmartRecruitersClient({ auth: { apiKey: KEY }, ...options });
const QUOTA = {
  "X-RateLimit-Limit": "10",
  "X-RateLimit-Remaining": "7",
  "X-RateLimit-Concurrent-Limit": "8",
  "X-RateLimit-Concurrent-Remaining": "6",
};

describe("Jobs", () => {
  it("searches jobs with repeated array parameters and reads the typed page", async () => {
    api()
      .get("/jobs")
      .query({ q: "engineer", city: ["Berlin", "Warsaw"], status: "SOURCING", limit: "25" })
      .reply(200, { limit: 25, offset: 0, totalFound: 1, content: [{ id: "j1", title: "Engineer", status: "SOURCING" }] });
    const { data } = await client().GET("/jobs", {
      params: { query: { q: "engineer", city: ["Berlin", "Warsaw"], status: "SOURCING", limit: 25 } },
    });
    expect(data?.content.map((j) => j.title)).toEqual(["Engineer"]);
  });

  it("creates a job with the JSON body SmartRecruiters documents", async () => {
    const body = {
      title: "Recruiter",
      location: { countryCode: "de", city: "Berlin" },
      industry: { id: "it" },
      function: { id: "human_resources" },
      experienceLevel: { id: "mid_senior_level" },
    };
    api()
      .post("/jobs", body)
      .matchHeader("content-type", "application/json")
      .reply(201, { id: "j2", ...body });
    const { data, response } = await client().POST("/jobs", { body });
    expect(response.status).toBe(201);
    expect(data?.id).toBe("j2");
  });

  it("gets a job, changes its status and reads its hiring team", async () => {
    api()
      .get("/jobs/j1")
      .reply(200, { id: "j1", title: "Engineer", industry: { id: "it" } });
    api().put("/jobs/j1/status", { status: "FILLED" }).reply(200, { id: "j1", status: "FILLED" });
    api()
      .get("/jobs/j1/hiring-team")
      .reply(200, { totalFound: 1, content: [{ id: "u1", firstName: "Ada", role: "HIRING_MANAGER" }] });
    const sr = client();
    const job = await sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } });
    expect(job.data?.industry?.id).toBe("it");
    const status = await sr.PUT("/jobs/{jobId}/status", { params: { path: { jobId: "j1" } }, body: { status: "FILLED" } });
    expect(status.response.status).toBe(200);
    const team = await sr.GET("/jobs/{jobId}/hiring-team", { params: { path: { jobId: "j1" } } });
    expect(team.data?.content[0]?.role).toBe("HIRING_MANAGER");
  });

  it("publishes a job and lists its publications", async () => {
    api().post("/jobs/j1/publication", { aggregators: true, visibility: "PUBLIC" }).reply(201, {});
    api()
      .get("/jobs/j1/publication")
      .reply(200, { content: [{ sourceName: "LinkedIn", type: "JOB_BOARD" }] });
    const sr = client();
    const published = await sr.POST("/jobs/{jobId}/publication", {
      params: { path: { jobId: "j1" } },
      body: { aggregators: true, visibility: "PUBLIC" },
    });
    expect(published.response.status).toBe(201);
    const list = await sr.GET("/jobs/{jobId}/publication", { params: { path: { jobId: "j1" } } });
    expect(list.data?.content.map((p) => p.sourceName)).toEqual(["LinkedIn"]);
  });
});

describe("Postings and Apply", () => {
  it("serialises the custom-field filter as custom_field.<id>=<values>", async () => {
    nock(HOST)
      .get("/v1/companies/acme/postings")
      .query({ destination: "PUBLIC", "custom_field.5f1": "v1,v2" })
      .reply(200, { offset: 0, limit: 10, totalFound: 1, content: [{ id: "po1", uuid: "u-po1", name: "Engineer" }] });
    const { data } = await client().GET("/v1/companies/{companyIdentifier}/postings", {
      params: {
        path: { companyIdentifier: "acme" },
        query: { destination: "PUBLIC", customFields: { "custom_field.5f1": "v1,v2" } },
      },
    });
    expect(data?.content[0]?.uuid).toBe("u-po1");
  });

  it("applies to a posting and surfaces the Apply API's flat error", async () => {
    const body = { firstName: "Jan", lastName: "Kowalski", email: "jan@example.com" };
    api()
      .post("/postings/u-po1/candidates", body)
      .reply(200, { id: "c9", createdOn: "2024-05-01T10:00:00Z", candidatePortalUrl: "https://portal" });
    api().post("/postings/u-po1/candidates", body).reply(400, { id: "e1", code: "INVALID_INPUT", message: "email taken" });
    const sr = client();
    const ok = await sr.POST("/postings/{postingUuid}/candidates", { params: { path: { postingUuid: "u-po1" } }, body });
    expect(ok.data?.candidatePortalUrl).toBe("https://portal");
    const failed = await sr.POST("/postings/{postingUuid}/candidates", { params: { path: { postingUuid: "u-po1" } }, body });
    expect(failed.error?.code).toBe("INVALID_INPUT");
  });
});

describe("Candidates", () => {
  it("searches candidates with filters as SmartRecruiters expects them", async () => {
    api()
      .get("/candidates")
      .query({ jobId: ["j1", "j2"], status: ["INTERVIEW", "OFFERED"], updatedAfter: "2024-05-01T00:00:00Z", tag: "java" })
      .reply(200, { limit: 10, offset: 0, totalFound: 1, content: [{ id: "c1", email: "a@example.com" }] });
    const { data } = await client().GET("/candidates", {
      params: {
        query: { jobId: ["j1", "j2"], status: ["INTERVIEW", "OFFERED"], updatedAfter: "2024-05-01T00:00:00Z", tag: ["java"] },
      },
    });
    expect(data?.content[0]?.email).toBe("a@example.com");
  });

  it("creates, reads, updates and deletes a candidate", async () => {
    const input = { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", tags: ["math"] };
    api()
      .post("/candidates", input)
      .reply(201, { id: "c1", ...input });
    api()
      .get("/candidates/c1")
      .reply(200, { id: "c1", ...input, phoneNumber: "+44 20" });
    api()
      .patch("/candidates/c1", { phoneNumber: "+44 21" })
      .reply(200, { id: "c1", ...input, phoneNumber: "+44 21" });
    api().delete("/candidates/c1").reply(204);
    const sr = client();
    expect((await sr.POST("/candidates", { body: input })).data?.id).toBe("c1");
    expect((await sr.GET("/candidates/{candidateId}", { params: { path: { candidateId: "c1" } } })).data?.phoneNumber).toBe(
      "+44 20",
    );
    const patched = await sr.PATCH("/candidates/{candidateId}", {
      params: { path: { candidateId: "c1" } },
      body: { phoneNumber: "+44 21" },
    });
    expect(patched.data?.phoneNumber).toBe("+44 21");
    const deleted = await sr.DELETE("/candidates/{candidateId}", { params: { path: { candidateId: "c1" } } });
    expect(deleted.response.status).toBe(204);
    expect(deleted.error).toBeUndefined();
  });

  it("adds a candidate to a job with a source", async () => {
    const body = {
      firstName: "Ada",
      lastName: "L",
      email: "ada@example.com",
      sourceDetails: { sourceTypeId: "job_boards", sourceId: "linkedin" },
    };
    api()
      .post("/jobs/j1/candidates", body)
      .reply(201, { id: "c1", primaryAssignment: { job: { id: "j1" }, status: "NEW" } });
    const { data } = await client().POST("/jobs/{jobId}/candidates", { params: { path: { jobId: "j1" } }, body });
    expect(data?.primaryAssignment?.status).toBe("NEW");
  });

  it("writes and reads the LinkedIn profile as web.linkedin, the official WebProfile key", async () => {
    const web = { linkedin: "https://www.linkedin.com/in/ada", website: "https://ada.example.com" };
    const body = { firstName: "Ada", lastName: "L", email: "ada@example.com", web };
    api()
      .post("/candidates", body)
      .reply(201, { id: "c1", ...body });
    api()
      .patch("/candidates/c1", { web: { linkedin: "https://www.linkedin.com/in/ada-l" } })
      .reply(200, { id: "c1", web: { linkedin: "https://www.linkedin.com/in/ada-l" } });
    const sr = client();
    const created = await sr.POST("/candidates", { body });
    expect(created.data?.web?.linkedin).toBe("https://www.linkedin.com/in/ada");
    const patched = await sr.PATCH("/candidates/{candidateId}", {
      params: { path: { candidateId: "c1" } },
      body: { web: { linkedin: "https://www.linkedin.com/in/ada-l" } },
    });
    expect(patched.data?.web?.linkedin).toBe("https://www.linkedin.com/in/ada-l");
  });

  it("sends a resume to the parser as multipart form data", async () => {
    let received = "";
    api()
      .post("/jobs/j1/candidates/cv")
      .matchHeader("content-type", /^multipart\/form-data; boundary=/)
      .reply(201, (_uri, body) => {
        received = String(body);
        return { id: "c7", firstName: "Parsed" };
      });
    const cv = new File(["%PDF-1.4 resume"], "ada.pdf", { type: "application/pdf" });
    const { data } = await client().POST("/jobs/{jobId}/candidates/cv", {
      params: { path: { jobId: "j1" } },
      ...resumeForm({ file: cv, sourceTypeId: "job_boards", internal: false }),
    });
    expect(data?.firstName).toBe("Parsed");
    expect(received).toContain('name="sourceTypeId"\r\n\r\njob_boards');
    expect(received).toContain('name="internal"\r\n\r\nfalse');
    expect(received).toContain('name="file"; filename="ada.pdf"');
    expect(received).toContain("%PDF-1.4 resume");
  });
});

describe("Job ads and hiring team", () => {
  it("creates a job ad, publishes it (202) and lists its publications", async () => {
    const content = {
      title: "Engineer",
      language: { code: "en" },
      jobAd: { jobDescription: { title: "Role", text: "Build things" } },
    };
    const item = {
      id: "ad1",
      title: "Engineer",
      language: { code: "en" },
      jobAd: content.jobAd,
      createdOn: "2024-05-01T10:00:00Z",
      updatedOn: "2024-05-01T10:00:00Z",
      postingStatus: "NOT_PUBLISHED",
      default: false,
      actions: {},
      creator: { id: "u1" },
      visibility: "PUBLIC",
    };
    api().post("/jobs/j1/jobads", content).reply(200, item);
    api().post("/jobs/j1/jobads/ad1/postings", { aggregators: false }).reply(202, { postingStatus: "PENDING" });
    api()
      .get("/jobs/j1/jobads/ad1/postings")
      .query({ activeOnly: "false" })
      .matchHeader("accept-language", "fr")
      .reply(200, { content: [{ sourceName: "Career site", type: "INTERNAL", publishedOn: "2024-05-02T10:00:00Z" }] });
    api().delete("/jobs/j1/jobads/ad1/postings").reply(202, { unpostingStatus: "PENDING" });
    const sr = client();
    const path = { jobId: "j1", jobAdId: "ad1" };
    const created = await sr.POST("/jobs/{jobId}/jobads", { params: { path: { jobId: "j1" } }, body: content });
    expect(created.data?.id).toBe("ad1");
    const published = await sr.POST("/jobs/{jobId}/jobads/{jobAdId}/postings", {
      params: { path },
      body: { aggregators: false },
    });
    expect([published.response.status, published.data?.postingStatus]).toEqual([202, "PENDING"]);
    const listed = await sr.GET("/jobs/{jobId}/jobads/{jobAdId}/postings", {
      params: { path, query: { activeOnly: false }, header: { "Accept-Language": "fr" } },
    });
    expect(listed.data?.content.map((p) => p.sourceName)).toEqual(["Career site"]);
    const unpublished = await sr.DELETE("/jobs/{jobId}/jobads/{jobAdId}/postings", { params: { path } });
    expect(unpublished.data?.unpostingStatus).toBe("PENDING");
  });

  it("adds a hiring team member, removes one, and reads the job's status history", async () => {
    api()
      .post("/jobs/j1/hiring-team", { id: "u1", role: "RECRUITER" })
      .reply(200, { id: "u1", role: "RECRUITER", actions: { details: { url: "/users/u1", method: "GET" } } });
    api().delete("/jobs/j1/hiring-team/u2").reply(204);
    api()
      .get("/jobs/j1/status/history")
      .reply(200, { totalFound: 1, content: [{ changedOn: "2024-05-01T10:00:00Z", status: "SOURCING", actions: {} }] });
    const sr = client();
    const added = await sr.POST("/jobs/{jobId}/hiring-team", {
      params: { path: { jobId: "j1" } },
      body: { id: "u1", role: "RECRUITER" },
    });
    expect(added.data?.actions?.details?.url).toBe("/users/u1");
    const removed = await sr.DELETE("/jobs/{jobId}/hiring-team/{userId}", { params: { path: { jobId: "j1", userId: "u2" } } });
    expect(removed.response.status).toBe(204);
    const history = await sr.GET("/jobs/{jobId}/status/history", { params: { path: { jobId: "j1" } } });
    expect(history.data?.content.map((h) => h.status)).toEqual(["SOURCING"]);
  });
});

describe("Applications", () => {
  it("moves an application to a new status (204) and reads its history", async () => {
    api().put("/candidates/c1/jobs/j1/status", { status: "REJECTED", reason: "r-1" }).reply(204);
    api()
      .get("/candidates/c1/jobs/j1/status/history")
      .reply(200, {
        totalFound: 2,
        content: [
          { changedOn: "2024-05-01T10:00:00Z", status: "NEW" },
          { changedOn: "2024-05-02T10:00:00Z", status: "REJECTED" },
        ],
      });
    api()
      .get("/candidates/c1/jobs/j1")
      .reply(200, { status: "REJECTED", reasonOfRejection: { id: "r-1", label: "Not a fit" } });
    const sr = client();
    const path = { candidateId: "c1", jobId: "j1" };
    const moved = await sr.PUT("/candidates/{candidateId}/jobs/{jobId}/status", {
      params: { path },
      body: { status: "REJECTED", reason: "r-1" },
    });
    expect(moved.response.status).toBe(204);
    const history = await sr.GET("/candidates/{candidateId}/jobs/{jobId}/status/history", { params: { path } });
    expect(history.data?.content.map((h) => h.status)).toEqual(["NEW", "REJECTED"]);
    const application = await sr.GET("/candidates/{candidateId}/jobs/{jobId}", { params: { path } });
    expect(application.data?.reasonOfRejection?.label).toBe("Not a fit");
  });
});

describe("Attachments", () => {
  it("uploads, lists and downloads a candidate attachment", async () => {
    let received = "";
    api()
      .post("/candidates/c1/attachments")
      .reply(201, (_uri, body) => {
        received = String(body);
        return { id: "a1", name: "cv.pdf", type: "RESUME" };
      });
    api()
      .get("/candidates/c1/attachments")
      .reply(200, {
        totalFound: 1,
        content: [
          { id: "a1", name: "cv.pdf", type: "RESUME", actions: { download: { url: `${HOST}/candidates/c1/attachments/a1` } } },
        ],
      });
    const bytes = Buffer.from("%PDF-1.7 attachment");
    api().get("/candidates/c1/attachments/a1").reply(200, bytes, { "content-type": "application/pdf" });
    const sr = client();
    const candidateId = "c1";
    const blob = new Blob(["%PDF-1.7 attachment"], { type: "application/pdf" });
    const uploaded = await sr.POST("/candidates/{candidateId}/attachments", {
      params: { path: { candidateId } },
      ...attachmentForm({ attachmentType: "RESUME", file: blob, fileName: "cv.pdf" }),
    });
    expect(uploaded.data?.id).toBe("a1");
    expect(received).toContain('name="attachmentType"\r\n\r\nRESUME');
    expect(received).toContain('filename="cv.pdf"');
    const list = await sr.GET("/candidates/{candidateId}/attachments", { params: { path: { candidateId } } });
    expect(list.data?.content[0]?.actions?.download?.url).toBe(`${HOST}/candidates/c1/attachments/a1`);
    const file = await sr.GET("/candidates/{candidateId}/attachments/{attachmentId}", {
      params: { path: { candidateId, attachmentId: "a1" } },
      parseAs: "arrayBuffer",
    });
    expect(Buffer.from(file.data as ArrayBuffer).equals(bytes)).toBe(true);
  });

  it("refuses an upload that is not a Blob", () => {
    expect(() => attachmentForm({ attachmentType: "RESUME", file: "cv.pdf" as unknown as Blob })).toThrow(
      /"file" must be a Blob/,
    );
  });

  it("names an unnamed Blob 'file'", async () => {
    let received = "";
    api()
      .post("/candidates/cv")
      .reply(201, (_uri, body) => {
        received = String(body);
        return { id: "c8" };
      });
    await client().POST("/candidates/cv", { ...resumeForm({ file: new Blob(["text resume"]) }) });
    expect(received).toContain('name="file"; filename="file"');
  });
});

describe("Offers, users and configuration", () => {
  it("lists the offers of an application", async () => {
    api()
      .get("/candidates/c1/jobs/j1/offers")
      .reply(200, { totalFound: 1, content: [{ id: "o1", status: "PENDING_ACCEPTANCE", properties: { salary: "90000" } }] });
    const { data } = await client().GET("/candidates/{candidateId}/jobs/{jobId}/offers", {
      params: { path: { candidateId: "c1", jobId: "j1" } },
    });
    expect(data?.content[0]?.properties?.salary).toBe("90000");
  });

  it("creates a user with the role the official User schema requires", async () => {
    const body = { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", role: "STANDARD" };
    api()
      .post("/user-api/v201804/users", body)
      .reply(201, { id: "5e8f0c3b2a1d4e5f6a7b8c9d", ...body, active: false });
    const { data } = await client().POST("/user-api/v201804/users", { body });
    expect(data?.role).toBe("STANDARD");
    expect(data?.active).toBe(false);
  });

  it("lists users, activates one, and reads the rejection reasons", async () => {
    api()
      .get("/user-api/v201804/users")
      .query({ q: "ada", limit: "5" })
      .reply(200, {
        limit: 5,
        offset: 0,
        totalFound: 1,
        content: [{ id: "5e8f0c3b2a1d4e5f6a7b8c9d", email: "ada@example.com", active: false }],
      });
    api().put("/user-api/v201804/users/5e8f0c3b2a1d4e5f6a7b8c9d/activation").reply(204);
    api()
      .get("/configuration/rejection-reasons")
      .reply(200, { totalFound: 1, content: [{ id: "r-1", label: "Not a fit" }] });
    const sr = client();
    const users = await sr.GET("/user-api/v201804/users", { params: { query: { q: "ada", limit: 5 } } });
    const id = users.data?.content[0]?.id as string;
    expect(
      (await sr.PUT("/user-api/v201804/users/{userId}/activation", { params: { path: { userId: id } } })).response.status,
    ).toBe(204);
    const reasons = await sr.GET("/configuration/rejection-reasons");
    expect(reasons.data?.content?.map((r) => r.label)).toEqual(["Not a fit"]);
  });

  it("reads the typed lookups: system roles, access groups, source types and one type's sources", async () => {
    api()
      .get("/user-api/v201804/system-roles")
      .reply(200, { content: [{ id: "EMPLOYEE", name: "Employee" }] });
    api()
      .get("/user-api/v201804/access-groups")
      .reply(200, { content: [{ id: "ag1", name: "Poland" }] });
    api()
      .get("/configuration/sources")
      .reply(200, {
        totalFound: 1,
        content: [
          {
            id: "job_boards",
            label: "Job Boards",
            subtypes: [{ id: "free" }],
            actions: { values: { url: "/x", method: "GET" } },
          },
        ],
      });
    api()
      .get("/configuration/sources/job_boards/values")
      .query({ sourceSubType: "free", limit: "2", offset: "0" })
      .reply(200, {
        totalFound: 1,
        limit: 2,
        offset: 0,
        content: [{ id: "linkedin", label: "LinkedIn", sourceSubType: { id: "free" }, actions: {} }],
      });
    const sr = client();
    expect((await sr.GET("/user-api/v201804/system-roles")).data?.content?.[0]?.name).toBe("Employee");
    expect((await sr.GET("/user-api/v201804/access-groups")).data?.content?.[0]?.id).toBe("ag1");
    expect((await sr.GET("/configuration/sources")).data?.content[0]?.subtypes.map((t) => t.id)).toEqual(["free"]);
    const values = await sr.GET("/configuration/sources/{sourceType}/values", {
      params: { path: { sourceType: "job_boards" }, query: { sourceSubType: "free", limit: 2, offset: 0 } },
    });
    expect(values.data?.content.map((v) => v.id)).toEqual(["linkedin"]);
  });
});

describe("Webhook subscriptions", () => {
  const base = "/webhooks-api/v201907/subscriptions";

  it("creates, activates, lists and deletes a subscription", async () => {
    const body = { callbackUrl: "https://hooks.example.com/sr", events: ["application.status.updated", "candidate.created"] };
    api()
      .post(base, body)
      .reply(201, {
        id: "s1",
        callbackUrl: body.callbackUrl,
        events: [{ name: "application.status.updated", version: "v201910" }],
        status: "inactive",
      });
    api().put(`${base}/s1/activation`).reply(204);
    api()
      .get(base)
      .reply(200, [{ id: "s1", status: "active" }]);
    api().delete(`${base}/s1`).reply(204);
    const sr = client();
    const created = await sr.POST("/webhooks-api/v201907/subscriptions", { body });
    expect(created.data?.status).toBe("inactive");
    const path = { subscriptionId: "s1" };
    expect(
      (await sr.PUT("/webhooks-api/v201907/subscriptions/{subscriptionId}/activation", { params: { path } })).response.status,
    ).toBe(204);
    expect((await sr.GET("/webhooks-api/v201907/subscriptions")).data?.map((s) => s.status)).toEqual(["active"]);
    expect((await sr.DELETE("/webhooks-api/v201907/subscriptions/{subscriptionId}", { params: { path } })).response.status).toBe(
      204,
    );
  });

  it("surfaces a failed handshake (424) and a subscription limit (403) as typed error bodies", async () => {
    api()
      .put(`${base}/s1/activation`)
      .reply(424, { message: "Handshake failed", errors: [{ code: "HANDSHAKE_FAILED", message: "no X-Hook-Secret echoed" }] });
    api()
      .post(base)
      .reply(403, { errors: [{ code: "SUBSCRIPTIONS_LIMIT_EXCEEDED", message: "Subscription limit exceeded" }] });
    const sr = client();
    const activation = await sr.PUT("/webhooks-api/v201907/subscriptions/{subscriptionId}/activation", {
      params: { path: { subscriptionId: "s1" } },
    });
    expect(activation.response.status).toBe(424);
    expect(activation.error?.errors?.[0]?.code).toBe("HANDSHAKE_FAILED");
    const created = await sr.POST("/webhooks-api/v201907/subscriptions", {
      body: { callbackUrl: "https://x.example.com", events: ["job.created"] },
    });
    expect(created.data).toBeUndefined();
    expect(created.error?.errors?.[0]?.code).toBe("SUBSCRIPTIONS_LIMIT_EXCEEDED");
  });
});

describe("credentials", () => {
  it("exchanges OAuth client credentials in a form body and sends the bearer token", async () => {
    nock(HOST)
      .post("/identity/oauth/token", {
        grant_type: "client_credentials",
        client_id: "sr-client",
        client_secret: "sr-client-secret",
      })
      .matchHeader("content-type", /application\/x-www-form-urlencoded/)
      .once()
      .reply(200, { access_token: "sr-bearer", token_type: "bearer", expires_in: 1800 });
    nock(HOST, { reqheaders: { authorization: "Bearer sr-bearer" }, badheaders: ["x-smarttoken"] })
      .get("/user-api/v201804/users/me")
      .times(3)
      .reply(200, { id: "me", email: "api@example.com" });
    const sr = createSmartRecruitersClient({ auth: { clientId: "sr-client", clientSecret: "sr-client-secret" } });
    const results = await Promise.all([1, 2, 3].map(() => sr.GET("/user-api/v201804/users/me")));
    expect(results.map((r) => r.data?.email)).toEqual(["api@example.com", "api@example.com", "api@example.com"]);
  });

  it.each(Object.entries(SMARTRECRUITERS_BASE_URLS))(
    "environment %s talks to %s for tokens and calls",
    async (environment, base) => {
      nock(base).post("/identity/oauth/token").reply(200, { access_token: "t", token_type: "bearer", expires_in: 1800 });
      nock(base, { reqheaders: { authorization: "Bearer t" } })
        .get("/configuration/sources")
        .reply(200, { content: [] });
      const sr = createSmartRecruitersClient({
        auth: { clientId: "a", clientSecret: "b" },
        environment: environment as SmartRecruitersEnvironment,
      });
      expect((await sr.GET("/configuration/sources")).response.status).toBe(200);
    },
  );

  it("takes baseUrl and tokenUrl overrides", async () => {
    nock("https://sr-proxy.example.com")
      .post("/oauth/token")
      .reply(200, { access_token: "t", token_type: "bearer", expires_in: 1800 });
    nock("https://sr-proxy.example.com", { reqheaders: { authorization: "Bearer t" } })
      .get("/sr/jobs/j1")
      .reply(200, { id: "j1" });
    const sr = createSmartRecruitersClient({
      auth: { clientId: "a", clientSecret: "b" },
      baseUrl: "https://sr-proxy.example.com/sr/",
      tokenUrl: "https://sr-proxy.example.com/oauth/token",
    });
    expect((await sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } })).data?.id).toBe("j1");
  });

  it("accepts a ready scheme and reports events through onEvent", async () => {
    const events: string[] = [];
    nock(HOST, { reqheaders: { "x-custom": "v" } })
      .get("/jobs/j1")
      .reply(200, { id: "j1" });
    const sr = createSmartRecruitersClient({
      auth: {
        vendor: "custom",
        header: "X-Custom",
        prefix: "",
        identity: () => "custom",
        obtain: async () => ({ value: "v" }),
        secrets: () => ["v"],
      },
      onEvent: (e) => events.push(e.type),
    });
    expect((await sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } })).data?.id).toBe("j1");
    expect(events).toEqual(["token_obtained"]);
  });

  it("never puts the API key or client secret in a construction error", () => {
    const attempts = [
      () => createSmartRecruitersClient({ auth: { apiKey: KEY }, baseUrl: "http://sr.example.com" }),
      () =>
        createSmartRecruitersClient({
          auth: { clientId: "id", clientSecret: "very-secret-value" },
          environment: "staging" as SmartRecruitersEnvironment,
        }),
    ];
    for (const attempt of attempts) {
      const err = (() => {
        try {
          attempt();
        } catch (e) {
          return e as Error;
        }
        throw new Error("expected a throw");
      })();
      expect(err.message).not.toContain(KEY);
      expect(err.message).not.toContain("very-secret-value");
    }
  });
});

describe("factory options are validated at construction, naming the option", () => {
  it.each([
    // The shared options (options, auth, baseUrl, fetch, headers) are the kit's contract suite's.
    ["auth", {}],
    ["environment", { auth: { apiKey: KEY }, environment: "staging" }],
    ["maxConcurrentRequests", { auth: { apiKey: KEY }, maxConcurrentRequests: 9 }],
    ["maxConcurrentRequests", { auth: { apiKey: KEY }, maxConcurrentRequests: 0 }],
    ["tokenUrl", { auth: { apiKey: KEY }, tokenUrl: "https://api.smartrecruiters.com/identity/oauth/token" }],
    ["apiKey", { auth: { apiKey: "" } }],
    ["clientSecret", { auth: { clientId: "a" } }],
  ])("rejects a bad %s", (option, options) => {
    expect(() => createSmartRecruitersClient(options as never)).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION", option }),
    );
  });

  it("rejects an unparsable baseUrl next to a ready scheme", () => {
    const scheme = {
      vendor: "custom",
      header: "X-Custom",
      prefix: "",
      identity: () => "c",
      obtain: async () => ({ value: "v" }),
      secrets: () => [],
    };
    expect(() => createSmartRecruitersClient({ auth: scheme, baseUrl: "not a url" })).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION", option: "baseUrl" }),
    );
  });

  it("refuses a plain-http base URL to a remote host", () => {
    expect(() => createSmartRecruitersClient({ auth: { apiKey: KEY }, baseUrl: "http://sr.example.com" })).toThrowError(
      expect.objectContaining({ code: "INSECURE_URL" }),
    );
  });

  it("fails requests after dispose", async () => {
    const sr = client();
    await sr.dispose();
    await expect(sr.GET("/jobs")).rejects.toMatchObject({ code: "DISPOSED" });
  });
});

describe("rate limits", () => {
  it("exposes the X-RateLimit-* quota of the latest response", async () => {
    api().get("/jobs/j1").reply(200, { id: "j1" }, QUOTA);
    api().get("/v1/companies/acme/postings").reply(200, { offset: 0, limit: 10, totalFound: 0, content: [] });
    const sr = client();
    expect(sr.rateLimit()).toBeUndefined();
    const { response } = await sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } });
    const quota = { limit: 10, remaining: 7, concurrentLimit: 8, concurrentRemaining: 6 };
    expect(readRateLimit(response)).toEqual(quota);
    expect(sr.rateLimit()).toEqual(quota);
    // The public Posting API sends no quota headers: the last known quota stays.
    await sr.GET("/v1/companies/{companyIdentifier}/postings", { params: { path: { companyIdentifier: "acme" } } });
    expect(sr.rateLimit()).toEqual(quota);
  });

  it("reads partial and malformed headers as undefined fields", () => {
    expect(readRateLimit(new Response(null, { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-limit": "ten" } }))).toEqual({
      limit: undefined,
      remaining: 0,
      concurrentLimit: undefined,
      concurrentRemaining: undefined,
    });
    expect(readRateLimit(new Response(null, { headers: { "x-ratelimit-limit": " " } }))).toBeUndefined();
  });

  it("surfaces a 429 with its quota as a typed error body", async () => {
    api()
      .get("/jobs")
      .reply(
        429,
        { errors: [{ code: "TOO_MANY_REQUESTS", message: "Rate limit exceeded" }] },
        { ...QUOTA, "X-RateLimit-Remaining": "0" },
      );
    const { error, response } = await client({ retry: false }).GET("/jobs");
    expect(response.status).toBe(429);
    expect(error?.errors?.[0]?.code).toBe("TOO_MANY_REQUESTS");
    expect(readRateLimit(response)?.remaining).toBe(0);
  });
});

/** A `fetch` that holds every request until the test lets it through to nock, to observe concurrency. */
function heldFetch() {
  const held: Array<{ url: string; release: () => void }> = [];
  let peak = 0;
  let inFlight = 0;
  let open = false;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    inFlight++;
    peak = Math.max(peak, inFlight);
    if (!open) await new Promise<void>((release) => held.push({ url: new URL(request.url).pathname, release }));
    try {
      return await globalThis.fetch(request);
    } finally {
      inFlight--;
    }
  };
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  /** Lets the held requests through one by one, then every later one at once. */
  const releaseAll = async () => {
    while (held.length > 0) {
      (held.shift() as { release: () => void }).release();
      await settle();
    }
    open = true;
  };
  return { fetch, held, settle, releaseAll, peak: () => peak };
}

describe("concurrency", () => {
  it("keeps at most 8 requests in flight and queues the rest in order", async () => {
    const h = heldFetch();
    api()
      .get(/^\/jobs\/j\d+$/)
      .times(20)
      .reply(200, (uri) => ({ id: uri.split("/").pop() }));
    const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: h.fetch });
    const all = Promise.all(
      Array.from({ length: 20 }, (_, i) => sr.GET("/jobs/{jobId}", { params: { path: { jobId: `j${i}` } } })),
    );
    await h.settle();
    expect(h.held.map((r) => r.url)).toEqual(Array.from({ length: 8 }, (_, i) => `/jobs/j${i}`));
    await h.releaseAll();
    const results = await all;
    expect(results.map((r) => r.data?.id)).toEqual(Array.from({ length: 20 }, (_, i) => `j${i}`));
    expect(h.peak()).toBe(8);
  });

  it("runs candidate searches one at a time while other calls proceed", async () => {
    const h = heldFetch();
    api().get("/candidates").query(true).times(3).reply(200, { limit: 10, offset: 0, totalFound: 0, content: [] });
    api().get("/jobs/j1").times(2).reply(200, { id: "j1" });
    const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: h.fetch });
    const calls = Promise.all([
      sr.GET("/candidates", { params: { query: { q: "a" } } }),
      sr.GET("/candidates", { params: { query: { q: "b" } } }),
      sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } }),
      sr.GET("/candidates", { params: { query: { q: "c" } } }),
      sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } }),
    ]);
    await h.settle();
    expect(h.held.map((r) => r.url).sort()).toEqual(["/candidates", "/jobs/j1", "/jobs/j1"]);
    await h.releaseAll();
    expect((await calls).every((r) => r.response.status === 200)).toBe(true);
    expect(h.peak()).toBe(3);
  });

  it("honours a lower maxConcurrentRequests", async () => {
    const h = heldFetch();
    api().get("/jobs/j1").times(4).reply(200, { id: "j1" });
    const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: h.fetch, maxConcurrentRequests: 2 });
    const calls = Promise.all(Array.from({ length: 4 }, () => sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } })));
    await h.settle();
    expect(h.held).toHaveLength(2);
    await h.releaseAll();
    await calls;
    expect(h.peak()).toBe(2);
  });

  it("lets an aborted request leave the queue without taking a slot", async () => {
    const h = heldFetch();
    api().get("/jobs/j1").reply(200, { id: "j1" });
    api().get("/jobs/j3").reply(200, { id: "j3" });
    const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: h.fetch, maxConcurrentRequests: 1 });
    const controller = new AbortController();
    const first = sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } });
    const aborted = sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j2" } }, signal: controller.signal });
    const third = sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j3" } } });
    await h.settle();
    controller.abort(new Error("caller gave up"));
    await expect(aborted).rejects.toThrow("caller gave up");
    await h.releaseAll();
    expect((await first).data?.id).toBe("j1");
    expect((await third).data?.id).toBe("j3");
    expect(h.peak()).toBe(1);
  });

  it("rejects at once a request whose signal is already aborted while the queue is full", async () => {
    const h = heldFetch();
    api().get("/jobs/j1").reply(200, { id: "j1" });
    const sr = createSmartRecruitersClient({ auth: { apiKey: KEY }, fetch: h.fetch, maxConcurrentRequests: 1 });
    const first = sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } });
    await h.settle();
    await expect(
      sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j2" } }, signal: AbortSignal.abort(new Error("already")) }),
    ).rejects.toThrow("already");
    await h.releaseAll();
    await first;
  });
});

describe("rule 9: a scheme passed as auth is pinned to the client's origin", () => {
  it("never sends it to a per-request baseUrl, even on the first request; refuses a scheme for another origin", async () => {
    const auth = apiKey({ header: "X-Test-Key", value: "pinned-test-api-key" });
    const client = createSmartRecruitersClient({ auth });
    const get = client.GET as (path: string, init: object) => Promise<unknown>;
    await expect(get("/jobs", { baseUrl: "https://evil.example.com" })).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    const other = apiKey({ header: "X-Test-Key", value: "pinned-test-api-key", apiBaseUrl: "https://evil.example.com" });
    expect(() => createSmartRecruitersClient({ auth: other })).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION", option: "auth" }),
    );
    expect(pinOrigin(auth, "https://api.smartrecruiters.com").apiOrigin).toBe("https://api.smartrecruiters.com");
  });
});
