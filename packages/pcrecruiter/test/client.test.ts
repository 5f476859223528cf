import { AuthError, apiKey, memoryTokenStore, pinOrigin } from "@hirekit/auth-middleware";
import { pcrecruiterSession } from "@hirekit/auth-middleware/pcrecruiter";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import {
  and,
  checkInhalerResult,
  createPCRecruiterClient,
  HirekitError,
  PCRECRUITER_LEGACY_BASE_URL,
  pcrecruiterErrorMessage,
  where,
} from "../src/index.js";
import { api, BASE, client, HOST, login, session } from "./helpers.js";

useNock();

describe("session", () => {
  it("logs in once for concurrent requests, sends BEARER {SessionId} and ends the session on dispose", async () => {
    session();
    api().get(`${BASE}/users/alice`).times(3).reply(200, { UserName: "alice", ActiveUser: true });
    nock(HOST).delete(`${BASE}/access-token`).matchHeader("authorization", "BEARER S1").reply(200, { Success: true });
    const pcr = client();
    const answers = await Promise.all(
      [1, 2, 3].map(() => pcr.GET("/users/{UserName}", { params: { path: { UserName: "alice" } } })),
    );
    expect(answers.map((a) => a.data?.UserName)).toEqual(["alice", "alice", "alice"]);
    await pcr.dispose();
  });

  it("creates a new session after the old one expired (401) and replays the request once", async () => {
    session("S1");
    api("S1").get(`${BASE}/candidatesV2/42`).reply(401, { Message: "Authorization has been denied for this request." });
    session("S2");
    api("S2").get(`${BASE}/candidatesV2/42`).reply(200, { CandidateId: 42, FirstName: "Ada" });
    const { data } = await client().GET("/candidatesV2/{CandidateId}", { params: { path: { CandidateId: 42 } } });
    expect(data?.FirstName).toBe("Ada");
  });

  it("talks to the legacy host when baseUrl says so, login included", async () => {
    const legacy = "https://www.pcrecruiter.net";
    session("L1", legacy);
    api("L1", legacy).get(`${BASE}/users`).reply(200, { TotalRecords: 0, Results: [] });
    const { data } = await client({ baseUrl: `${PCRECRUITER_LEGACY_BASE_URL}/` }).GET("/users");
    expect(data?.TotalRecords).toBe(0);
  });

  it("accepts a ready scheme and a shared token store", async () => {
    session();
    api()
      .get(`${BASE}/users`)
      .reply(200, { TotalRecords: 1, Results: [{ UserName: "bob" }] });
    const pcr = createPCRecruiterClient({ auth: pcrecruiterSession(login), tokenStore: memoryTokenStore() });
    const { data } = await pcr.GET("/users");
    expect(data?.Results.map((u) => u.UserName)).toEqual(["bob"]);
  });

  it("sends API and login calls through the fetch option, with the client's headers", async () => {
    const seen: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get("accept-language") ?? "-"}`);
      return request.method === "POST"
        ? Response.json({ SessionId: "F1" })
        : Response.json({ TotalRecords: 0, Results: [] }, { headers: { "content-length": "31" } });
    };
    const pcr = client({ fetch, headers: { "Accept-Language": "en-GB" } });
    await pcr.GET("/companiesV2");
    expect(seen).toEqual(["POST /rest/api/access-token -", "GET /rest/api/companiesV2 en-GB"]);
  });

  it("reports an undocumented login failure as an AuthError without the password or API key", async () => {
    nock(HOST).post(`${BASE}/access-token`).reply(401, { Message: "Invalid login pcr-test-password pcr-test-api-key" });
    const error = await client()
      .GET("/users")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe("TOKEN_REJECTED");
    expect(JSON.stringify(error) + String(error)).not.toMatch(/pcr-test-password|pcr-test-api-key/);
  });
});

describe("options are checked when the client is built, naming the option", () => {
  it.each([
    // The shared options (options, auth, baseUrl, fetch, headers) are the kit's contract suite's.
    ["pageSize", { auth: login, pageSize: 0 }],
    ["pageSize", { auth: login, pageSize: 2.5 }],
  ])("rejects a bad %s", (option, options) => {
    const build = () => createPCRecruiterClient(options as never);
    expect(build).toThrow(HirekitError);
    expect(build).toThrow(expect.objectContaining({ code: "INVALID_OPTION", option }));
  });

  it("lets the session scheme reject a missing credential and an http: host", () => {
    expect(() => createPCRecruiterClient({ auth: { ...login, apiKey: "" } })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", option: "apiKey" }),
    );
    expect(() => createPCRecruiterClient({ auth: login, baseUrl: "http://pcr.example.com/rest/api" })).toThrow(
      expect.objectContaining({ code: "INSECURE_URL" }),
    );
  });
});

describe("one operation per tag, on the wire", () => {
  it("Candidates: searches names with a built Query, URL-encoded as one value", async () => {
    session();
    let raw = "";
    api()
      .get(`${BASE}/candidatesV2`)
      .query({ Query: "Status eq 'candidate' AND LastName eq 'O''Brien'", Fields: "CandidateId,LastName", ResultsPerPage: "25" })
      .reply(200, function () {
        raw = this.req.path;
        return { TotalRecords: 1, Results: [{ CandidateId: 7, LastName: "O'Brien" }] };
      });
    const Query = and(where("Status", "eq", "candidate"), where("LastName", "eq", "O'Brien"));
    const { data } = await client().GET("/candidatesV2", {
      params: { query: { Query, Fields: "CandidateId,LastName", ResultsPerPage: 25 } },
    });
    expect(data?.Results[0]?.LastName).toBe("O'Brien");
    expect(raw).toContain("?Query=Status%20eq%20%27candidate%27%20AND%20LastName%20eq%20%27O%27%27Brien%27&");
  });

  it("Candidates: creates a name, updates it, reads it (V1) and deletes it", async () => {
    session();
    const body = { CompanyId: 130675937475340, FirstName: "Jane", LastName: "Smith", Status: "candidate" };
    api()
      .post(`${BASE}/candidatesV2`, body)
      .reply(201, { CandidateId: 555, ...body });
    api().put(`${BASE}/candidatesV2/555`, { MobilePhone: "(555) 555-5555" }).reply(200, { CandidateId: 555 });
    api()
      .get(`${BASE}/candidates/555`)
      .query({ FieldsPlus: "RollupListMembership" })
      .reply(200, { CandidateId: 555, City: null });
    api().delete(`${BASE}/candidates/555`).reply(200);
    const pcr = client();
    const created = await pcr.POST("/candidatesV2", { body });
    expect(created.response.status).toBe(201);
    expect(typeof created.data === "object" ? created.data?.CandidateId : created.data).toBe(555);
    const updated = await pcr.PUT("/candidatesV2/{CandidateId}", {
      params: { path: { CandidateId: 555 } },
      body: { MobilePhone: "(555) 555-5555" },
    });
    expect(updated.data?.CandidateId).toBe(555);
    const read = await pcr.GET("/candidates/{CandidateId}", {
      params: { path: { CandidateId: 555 }, query: { FieldsPlus: "RollupListMembership" } },
    });
    expect(read.data?.City).toBeNull();
    const deleted = await pcr.DELETE("/candidates/{CandidateId}", { params: { path: { CandidateId: 555 } } });
    expect(deleted.response.ok).toBe(true);
  });

  it("Activities: logs an activity on a name and lists a position's activities since a date", async () => {
    session();
    api().post(`${BASE}/candidates/555/activities`, { ActivityDate: "2024-05-01T10:00:00Z" }).reply(201, {});
    api()
      .get(`${BASE}/positions/900/activities`)
      .query({ Query: "ActivityDate ge '2024-05-01T00:00:00Z'" })
      .reply(200, { TotalRecords: 1, Results: [{ ActivityDate: "2024-05-02T09:00:00" }] });
    const pcr = client();
    const logged = await pcr.POST("/candidates/{CandidateId}/activities", {
      params: { path: { CandidateId: 555 } },
      body: { ActivityDate: "2024-05-01T10:00:00Z" },
    });
    expect(logged.response.status).toBe(201);
    const { data } = await pcr.GET("/positions/{JobId}/activities", {
      params: { path: { JobId: 900 }, query: { Query: where("ActivityDate", "ge", new Date("2024-05-01T00:00:00Z")) } },
    });
    expect(data?.Results[0]?.ActivityDate).toBe("2024-05-02T09:00:00");
  });

  it("Attachments: attaches a base64 file and reads one back with its Data", async () => {
    session();
    const file = { Name: "cv.pdf", Type: "Upload", Description: "CV", Data: "JVBERi0xLjQK" };
    api().post(`${BASE}/candidates/555/attachments`, file).reply(200, {});
    api()
      .get(`${BASE}/candidates/555/attachments/77`)
      .reply(200, { AttachmentId: 77, Size: 9, Date: "2024-05-01T00:00:00", ...file });
    api()
      .get(`${BASE}/globalV2/attachments/900`)
      .reply(200, { TotalRecords: 1, Results: [{ AttachmentId: 78, Name: "jd.docx" }] });
    const pcr = client();
    await pcr.POST("/candidates/{CandidateId}/attachments", { params: { path: { CandidateId: 555 } }, body: file });
    const { data } = await pcr.GET("/candidates/{CandidateId}/attachments/{AttachmentId}", {
      params: { path: { CandidateId: 555, AttachmentId: "77" } },
    });
    expect(Buffer.from(data?.Data ?? "", "base64").toString()).toBe("%PDF-1.4\n");
    const global = await pcr.GET("/globalV2/attachments/{RecordId}", { params: { path: { RecordId: 900 } } });
    expect(global.data?.Results.map((a) => a.Name)).toEqual(["jd.docx"]);
  });

  it("Attachments: updates one attachment at its own path, /candidates/{CandidateId}/attachments/{AttachmentId}", async () => {
    session();
    const file = { Name: "cv-2024.pdf", Type: "Upload", Description: "CV, updated", Data: "JVBERi0xLjUK" };
    api().put(`${BASE}/candidates/555/attachments/77`, file).reply(200, {});
    const { response } = await client().PUT("/candidates/{CandidateId}/attachments/{AttachmentId}", {
      params: { path: { CandidateId: 555, AttachmentId: "77" } },
      body: file,
    });
    expect(response.status).toBe(200);
  });

  it("Resumes: imports a résumé with the inhaler and reads the in-band outcome", async () => {
    session();
    const body = { FileName: "cv.pdf", FileContents: "JVBERi0xLjQK", useAddr: false, JobId: 900, rolluplist: "SAMPLE.0007" };
    api()
      .post(`${BASE}/candidates/inhaler`, body)
      .reply(200, { Duplicate: false, DupeId: 0, AddId: 556, status: "SUCCESS", errorMessage: "" });
    api()
      .post(`${BASE}/candidates/inhaler`)
      .reply(200, { Duplicate: false, DupeId: 0, AddId: 0, status: "FAILURE", errorMessage: "Unreadable file" });
    const pcr = client();
    const { data } = await pcr.POST("/candidates/inhaler", { body });
    expect(checkInhalerResult(data).AddId).toBe(556);
    const failed = await pcr.POST("/candidates/inhaler", { body: { FileName: "x.bin", FileContents: "AA==" } });
    expect(() => checkInhalerResult(failed.data)).toThrow(
      expect.objectContaining({ code: "IMPORT_FAILED", vendorMessage: "Unreadable file" }),
    );
  });

  it("Resumes: reads the active and the blinded résumé", async () => {
    session();
    api().get(`${BASE}/candidates/555/resumes`).reply(200, { ResumeText: "Engineer" });
    api().get(`${BASE}/candidates/555/blindedresumes`).reply(200, { ResumeText: "[blinded]" });
    const pcr = client();
    const active = await pcr.GET("/candidates/{CandidateId}/resumes", { params: { path: { CandidateId: 555 } } });
    const blinded = await pcr.GET("/candidates/{CandidateId}/blindedresumes", { params: { path: { CandidateId: 555 } } });
    expect([active.data?.ResumeText, blinded.data?.ResumeText]).toEqual(["Engineer", "[blinded]"]);
  });

  it("Positions: creates a position and updates it", async () => {
    session();
    const body = { CompanyId: 453662792456254, JobType: "FullTimeRegular", JobTitle: "QC Specialist", Zip: "37250" };
    api().post(`${BASE}/positionsV2`, body).reply(200, "900", { "content-type": "application/json" });
    api().put(`${BASE}/positionsV2/900`, { NumberOfOpenings: 2 }).reply(200, { JobId: 900, NumberOfOpenings: 2 });
    const pcr = client();
    const created = await pcr.POST("/positionsV2", { body });
    expect(created.data).toBe(900);
    const { data } = await pcr.PUT("/positionsV2/{JobId}", { params: { path: { JobId: 900 } }, body: { NumberOfOpenings: 2 } });
    expect(data?.NumberOfOpenings).toBe(2);
  });

  it("Companies: reads a company with selected fields", async () => {
    session();
    api()
      .get(`${BASE}/companies/31`)
      .query({ Fields: "CompanyId,CompanyName,EmailWWWAddress" })
      .reply(200, { CompanyId: 31, CompanyName: "Acme", EmailWWWAddress: "acme.example" });
    const { data } = await client().GET("/companies/{CompanyId}", {
      params: { path: { CompanyId: 31 }, query: { Fields: "CompanyId,CompanyName,EmailWWWAddress" } },
    });
    expect(data?.CompanyName).toBe("Acme");
  });

  it("Pipeline: moves a pipeline record to a new status", async () => {
    session();
    api()
      .put(`${BASE}/pipelineinterviews/3001`, { InterviewStatus: "CLIENTINTERVIEW", Notes: "Sent to the hiring manager." })
      .reply(200, { SendoutId: 3001, InterviewStatus: "CLIENTINTERVIEW", BillRate: { CurrencyCode: "USD", Value: 90 } });
    const { data } = await client().PUT("/pipelineinterviews/{SendoutId}", {
      params: { path: { SendoutId: 3001 } },
      body: { InterviewStatus: "CLIENTINTERVIEW", Notes: "Sent to the hiring manager." },
    });
    expect(data?.BillRate?.Value).toBe(90);
  });

  it("Rollup Lists: creates a list, puts a name on it with an empty body, lists its members", async () => {
    session();
    api().post(`${BASE}/RollupListsV2`, { Description: "Shortlist", Shared: true }).reply(201, { Code: "SAMPLE.0277" });
    api().post(`${BASE}/Candidates/rolluplists/SAMPLE.0277/555`, "").reply(200);
    api()
      .get(`${BASE}/CandidatesV2/RollupLists`)
      .query({ Query: "Code eq 'SAMPLE.0277'" })
      .reply(200, { TotalRecords: 1, Results: [{ Code: "SAMPLE.0277", CandidateId: 555 }] });
    const pcr = client();
    const { data: list } = await pcr.POST("/RollupListsV2", { body: { Description: "Shortlist", Shared: true } });
    const code = list?.Code ?? "";
    await pcr.POST("/Candidates/rolluplists/{RollupCode}/{CandidateId}", {
      params: { path: { RollupCode: code, CandidateId: 555 } },
    });
    const { data } = await pcr.GET("/CandidatesV2/RollupLists", { params: { query: { Query: where("Code", "eq", code) } } });
    expect(data?.Results.map((m) => m.CandidateId)).toEqual([555]);
  });

  it("Users: reads a user with its teams", async () => {
    session();
    api()
      .get(`${BASE}/users/alice`)
      .query({ Fields: "Teams" })
      .reply(200, { UserName: "alice", Teams: [{ Name: "East", RecordId: 1 }] });
    const { data } = await client().GET("/users/{UserName}", {
      params: { path: { UserName: "alice" }, query: { Fields: "Teams" } },
    });
    expect(data?.Teams?.[0]?.Name).toBe("East");
  });

  it("System: lists the custom-field definitions of candidates", async () => {
    session();
    api()
      .get(`${BASE}/system/Candidates/CustomFields`)
      .reply(200, {
        TotalRecords: 1,
        Results: [
          {
            CustomId: 3,
            FieldName: "Language",
            FieldAction: "MultiSelectCheckbox",
            DefaultValues: [{ Id: 1, Name: "English", Order: 1 }],
          },
        ],
      });
    const { data } = await client().GET("/system/{RecordType}/CustomFields", { params: { path: { RecordType: "Candidates" } } });
    expect(data?.Results[0]?.DefaultValues?.map((v) => v.Name)).toEqual(["English"]);
  });
});

describe("errors", () => {
  it("surfaces the vendor's error body as a typed error", async () => {
    session();
    api().get(`${BASE}/pipelineinterviews/1`).reply(404, { Message: "No record found." });
    const { data, error, response } = await client().GET("/pipelineinterviews/{SendoutId}", {
      params: { path: { SendoutId: 1 } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(typeof error === "object" ? error.Message : error).toBe("No record found.");
    expect(pcrecruiterErrorMessage(error)).toBe("No record found.");
  });

  it("keeps a plain-text error body as text", async () => {
    session();
    api().get(`${BASE}/companies/1`).reply(500, "Internal Server Error", { "content-type": "text/plain" });
    const { error } = await client({ retry: false }).GET("/companies/{CompanyId}", { params: { path: { CompanyId: 1 } } });
    expect(error).toBe("Internal Server Error");
    expect(pcrecruiterErrorMessage(error)).toBe("Internal Server Error");
  });
});

describe("rule 9: a scheme passed as auth is pinned to the client's origin", () => {
  it("never sends it to a per-request baseUrl, even on the first request; refuses a scheme for another origin", async () => {
    const auth = apiKey({ header: "X-Test-Key", value: "pinned-test-api-key" });
    const client = createPCRecruiterClient({ auth });
    const get = client.GET as (path: string, init: object) => Promise<unknown>;
    await expect(get("/candidatesV2", { baseUrl: "https://evil.example.com" })).rejects.toMatchObject({
      code: "ORIGIN_NOT_ALLOWED",
    });
    const other = apiKey({ header: "X-Test-Key", value: "pinned-test-api-key", apiBaseUrl: "https://evil.example.com" });
    expect(() => createPCRecruiterClient({ auth: other })).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION", option: "auth" }),
    );
    expect(pinOrigin(auth, "https://www2.pcrecruiter.net").apiOrigin).toBe("https://www2.pcrecruiter.net");
  });
});
