import { createPCRecruiterClient } from "@hirekit/pcrecruiter";
import { afterEach, describe, expect, it } from "vitest";
import { type FakePCRecruiter, startFakePCRecruiter } from "../src/index.js";
import { manualClock, sendJson } from "./helpers.js";

let fake: FakePCRecruiter | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const loginBody = (f: FakePCRecruiter, overrides: Record<string, string> = {}) => ({
  Username: f.credentials.username,
  Password: f.credentials.password,
  DatabaseId: f.credentials.databaseId,
  ApiKey: f.credentials.apiKey,
  AppId: f.credentials.appId,
  ...overrides,
});

describe("fake PCRecruiter", () => {
  it("plugs into createPCRecruiterClient: one session, candidates, résumés, paging, logout on dispose", async () => {
    fake = await startFakePCRecruiter();
    const pcr = createPCRecruiterClient(fake.clientOptions);
    for (const last of ["Lovelace", "Hopper", "Turing"]) {
      await pcr.POST("/candidatesV2", { body: { FirstName: "X", LastName: last, Status: "candidate" } });
    }
    const { data } = await pcr.GET("/candidatesV2", { params: { query: { Query: "LastName eq 'Hopper'" } } });
    expect(data?.TotalRecords).toBe(1);
    const names: string[] = [];
    for await (const c of pcr.paginate("/candidatesV2", { params: { query: { ResultsPerPage: 2 } } }))
      names.push(c.LastName as string);
    expect(names).toEqual(["Lovelace", "Hopper", "Turing"]);
    const id = data?.Results[0]?.CandidateId as number;
    const resume = await pcr.POST("/candidates/{CandidateId}/resumes", {
      params: { path: { CandidateId: id } },
      body: { ResumeText: "COBOL" },
    });
    expect(resume.response.status).toBe(200);
    expect(fake.resumes.get(id)).toEqual([{ ResumeText: "COBOL" }]);
    await pcr.dispose();
    expect(fake.requests.map((r) => r.kind).filter((k) => k !== "api")).toEqual(["token", "logout"]);
    expect(fake.requests.at(-1)?.status).toBe(200);
  });

  it("expires a session after tokenLifetimeSeconds of inactivity; every call resets the timer", async () => {
    const clock = manualClock();
    fake = await startFakePCRecruiter({ clock: clock.now, tokenLifetimeSeconds: 600 });
    const res = await sendJson("POST", `${fake.url}/access-token`, loginBody(fake));
    const { SessionId } = (await res.json()) as { SessionId: string };
    const get = () => fetch(`${fake?.url}/candidatesV2`, { headers: { authorization: `BEARER ${SessionId}` } });
    for (let i = 0; i < 3; i++) {
      clock.advance(599_000);
      expect((await get()).status).toBe(200);
    }
    clock.advance(600_000);
    const expired = await get();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ Message: "Authorization has been denied for this request." });
  });

  it("logs in a new session when the old one expired and replays the call", async () => {
    const clock = manualClock();
    fake = await startFakePCRecruiter({ clock: clock.now });
    const pcr = createPCRecruiterClient(fake.clientOptions);
    await pcr.GET("/candidatesV2");
    clock.advance(3_600_000);
    const { response } = await pcr.GET("/candidatesV2");
    expect(response.status).toBe(200);
    expect(fake.stats()).toMatchObject({ tokensIssued: 2, retries: 1 });
    await pcr.dispose();
  });

  it("refuses a wrong login with 401 and ASP.NET's Message body, and a logout without a session", async () => {
    fake = await startFakePCRecruiter({ login: { password: "right" } });
    const wrong = await sendJson("POST", `${fake.url}/access-token`, loginBody(fake, { Password: "wrong" }));
    expect([wrong.status, await wrong.json()]).toEqual([401, { Message: "Invalid login credentials." }]);
    const logout = await fetch(`${fake.url}/access-token`, { method: "DELETE", headers: { authorization: "BEARER nope" } });
    expect(logout.status).toBe(401);
    const missing = await sendJson("POST", `${fake.url}/access-token`, { Username: "x" });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { Message: string }).Message).toMatch(/^The request is invalid\. "Password" is required/);
    expect(fake.stats()).toMatchObject({ tokensIssued: 0, tokensRefused: 2 });
  });

  it("answers 404 for unknown candidates, 400 for queries it cannot read, and keeps positions", async () => {
    fake = await startFakePCRecruiter();
    const pcr = createPCRecruiterClient(fake.clientOptions);
    const missing = await pcr.GET("/candidatesV2/{CandidateId}", { params: { path: { CandidateId: 1 } } });
    expect([missing.response.status, missing.error]).toEqual([404, { Message: "Candidate not found" }]);
    const put = await pcr.PUT("/candidatesV2/{CandidateId}", { params: { path: { CandidateId: 1 } }, body: { Status: "x" } });
    expect(put.response.status).toBe(404);
    const resume = await pcr.POST("/candidates/{CandidateId}/resumes", { params: { path: { CandidateId: 1 } }, body: {} });
    expect(resume.response.status).toBe(404);
    const query = await pcr.GET("/candidatesV2", { params: { query: { Query: "LastName ne 'x'" } } });
    expect(query.response.status).toBe(400);
    const { data: created } = await pcr.POST("/candidatesV2", { body: { FirstName: "O'Brien", LastName: "Pat" } });
    const id = (created as { CandidateId: number }).CandidateId;
    const { data: one } = await pcr.GET("/candidates/{CandidateId}", { params: { path: { CandidateId: id } } });
    expect(one?.FirstName).toBe("O'Brien");
    const { data: quoted } = await pcr.GET("/candidatesV2", {
      params: { query: { Query: "FirstName eq 'O''Brien' AND LastName eq 'pat'" } },
    });
    expect(quoted?.TotalRecords).toBe(1);
    await pcr.POST("/positionsV2", { body: { JobTitle: "Engineer" } });
    const { data: positions } = await pcr.GET("/positionsV2");
    expect(positions?.Results.map((p) => p.JobTitle)).toEqual(["Engineer"]);
    const other = await pcr.GET("/users");
    expect(other.response.status).toBe(501);
    await pcr.dispose();
  });

  it("validates the login option", async () => {
    await expect(startFakePCRecruiter({ login: { appId: "" } })).rejects.toMatchObject({
      code: "INVALID_OPTION",
      option: "login.appId",
    });
  });
});
