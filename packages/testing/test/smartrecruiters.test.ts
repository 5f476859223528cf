import { attachmentForm, createSmartRecruitersClient } from "@hirekit/smartrecruiters";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeSmartRecruiters, startFakeSmartRecruiters } from "../src/index.js";
import { postForm } from "./helpers.js";

let fake: FakeSmartRecruiters | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("fake SmartRecruiters", () => {
  it("plugs into createSmartRecruitersClient with OAuth client credentials: apply, attach, status, cursor paging", async () => {
    fake = await startFakeSmartRecruiters();
    expect(fake.credentials).toEqual({ clientId: "fake-sr-client", clientSecret: "fake-sr-secret" });
    const sr = createSmartRecruitersClient(fake.clientOptions);
    const { jobId } = fake;
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const { data } = await sr.POST("/jobs/{jobId}/candidates", {
        params: { path: { jobId } },
        body: { firstName: `F${n}`, lastName: "L", email: `f${n}@x.io` },
      });
      ids.push(data?.id as string);
    }
    const candidateId = ids[0] as string;
    const attached = await sr.POST("/candidates/{candidateId}/attachments", {
      params: { path: { candidateId } },
      ...attachmentForm({ attachmentType: "RESUME", file: new Blob(["%PDF"], { type: "application/pdf" }), fileName: "cv.pdf" }),
    });
    expect(attached.data).toMatchObject({ name: "cv.pdf", type: "RESUME", contentType: "application/pdf" });
    const { data: files } = await sr.GET("/candidates/{candidateId}/attachments", { params: { path: { candidateId } } });
    expect(files?.content).toHaveLength(1);
    const moved = await sr.PUT("/candidates/{candidateId}/jobs/{jobId}/status", {
      params: { path: { candidateId, jobId } },
      body: { status: "INTERVIEW" },
    });
    expect(moved.response.status).toBe(204);
    const { data: application } = await sr.GET("/candidates/{candidateId}/jobs/{jobId}", {
      params: { path: { candidateId, jobId } },
    });
    expect(application?.status).toBe("INTERVIEW");
    const seen: string[] = [];
    for await (const c of sr.paginate("/candidates", { params: { query: { limit: 2 } } })) seen.push(c.id as string);
    expect(seen).toEqual(ids);
    expect(
      fake.requests
        .filter((r) => r.path === "/candidates" && r.method === "GET")
        .map((r) => r.query.replace(/pageId=[^&]+/, "pageId=…")),
    ).toEqual(["limit=2", "limit=2&pageId=…"]);
    expect(sr.rateLimit()).toMatchObject({ limit: 10000 });
    expect(fake.stats()).toMatchObject({ tokensIssued: 1, invalid: 0 });
    await sr.dispose();
  });

  it("accepts the X-SmartToken API key and refuses a wrong one with SmartRecruiters' error body", async () => {
    fake = await startFakeSmartRecruiters({ auth: "apiKey", apiKey: "k-123" });
    expect(fake.credentials).toEqual({ apiKey: "k-123" });
    const sr = createSmartRecruitersClient(fake.clientOptions);
    const { data } = await sr.GET("/jobs");
    expect(data?.content?.map((j) => j.title)).toEqual(["Software Engineer"]);
    const wrong = await fetch(`${fake.url}/jobs`, { headers: { "x-smarttoken": "nope" } });
    expect([wrong.status, await wrong.json()]).toEqual([
      401,
      { message: "Invalid API key", errors: [{ code: "UNAUTHORIZED", message: "Invalid API key" }] },
    ]);
    expect((await fetch(`${fake.url}/jobs`)).status).toBe(401);
    expect((await fetch(`${fake.url}/jobs`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    expect(fake.stats().tokensIssued).toBe(0);
    await sr.dispose();
  });

  it("issues tokens only for client_secret_post client credentials", async () => {
    fake = await startFakeSmartRecruiters();
    const url = `${fake.url}/identity/oauth/token`;
    const ok = await postForm(url, {
      grant_type: "client_credentials",
      client_id: "fake-sr-client",
      client_secret: "fake-sr-secret",
    });
    expect(await ok.json()).toMatchObject({ token_type: "bearer", expires_in: 1800 });
    const wrong = await postForm(url, { grant_type: "client_credentials", client_id: "fake-sr-client", client_secret: "x" });
    expect([wrong.status, await wrong.json()]).toEqual([
      401,
      { error: "invalid_client", error_description: "Bad client credentials" },
    ]);
    const grant = await postForm(url, { grant_type: "refresh_token", refresh_token: "r" });
    expect([grant.status, await grant.json()]).toEqual([
      400,
      { error: "unsupported_grant_type", error_description: "only client_credentials" },
    ]);
    expect(fake.stats()).toMatchObject({ tokensIssued: 1, tokensRefused: 2 });
  });

  it("creates jobs and candidates and answers 404s for unknown ones", async () => {
    fake = await startFakeSmartRecruiters();
    const sr = createSmartRecruitersClient(fake.clientOptions);
    const job = await sr.POST("/jobs", {
      body: {
        title: "Designer",
        location: { city: "Oslo", countryCode: "no" },
        industry: { id: "i" },
        function: { id: "f" },
        experienceLevel: { id: "e" },
      },
    });
    expect(job.response.status).toBe(201);
    const { data: c } = await sr.POST("/candidates", { body: { firstName: "A", lastName: "B", email: "a@b.io" } });
    const { data: got } = await sr.GET("/candidates/{candidateId}", { params: { path: { candidateId: c?.id as string } } });
    expect(got?.email).toBe("a@b.io");
    const noJob = await sr.POST("/jobs/{jobId}/candidates", {
      params: { path: { jobId: "nope" } },
      body: { firstName: "A", lastName: "B", email: "a@b.io" },
    });
    expect(noJob.error).toEqual({ message: "Job not found", errors: [{ code: "NOT_FOUND", message: "Job not found" }] });
    const id = c?.id as string;
    expect((await sr.GET("/candidates/{candidateId}", { params: { path: { candidateId: "nope" } } })).response.status).toBe(404);
    expect(
      (await sr.GET("/candidates/{candidateId}/attachments", { params: { path: { candidateId: "nope" } } })).response.status,
    ).toBe(404);
    const noCandidate = await sr.POST("/candidates/{candidateId}/attachments", {
      params: { path: { candidateId: "nope" } },
      ...attachmentForm({ attachmentType: "RESUME", file: new Blob(["x"]), fileName: "x.txt" }),
    });
    expect(noCandidate.response.status).toBe(404);
    expect(
      (await sr.GET("/candidates/{candidateId}/jobs/{jobId}", { params: { path: { candidateId: id, jobId: fake.jobId } } }))
        .response.status,
    ).toBe(404);
    const status = await sr.PUT("/candidates/{candidateId}/jobs/{jobId}/status", {
      params: { path: { candidateId: id, jobId: fake.jobId } },
      body: { status: "HIRED" },
    });
    expect(status.response.status).toBe(404);
    const badPage = await sr.GET("/candidates", { params: { query: { pageId: Buffer.from("-3").toString("base64url") } } });
    expect(badPage.response.status).toBe(400);
    expect((await sr.GET("/configuration/sources")).response.status).toBe(501);
    await sr.dispose();
  });

  it("validates its options, naming the option", async () => {
    await expect(startFakeSmartRecruiters({ auth: "basic" as never })).rejects.toMatchObject({ option: "auth" });
    await expect(startFakeSmartRecruiters({ apiKey: "" })).rejects.toMatchObject({ option: "apiKey" });
  });
});
