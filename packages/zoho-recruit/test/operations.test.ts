import { describe, expect, it } from "vitest";
import { createZohoRecruitClient, ZohoRecruitApiError, zohoCriteria, zohoErrorBody } from "../src/index.js";
import { ACCOUNTS, api, client, credentials, RECRUIT, token, useNock } from "./helpers.js";

useNock();

const page = (n: number, more: boolean, count: number) => ({ page: n, per_page: 200, count, more_records: more });
const added = (id: string) => ({
  code: "SUCCESS",
  details: {
    id,
    Created_Time: "2024-05-02T10:00:00+02:00",
    Modified_Time: "2024-05-02T10:00:00+02:00",
    Created_By: { id: "9", name: "Ada" },
  },
  message: "record added",
  status: "success",
});

describe("one operation per tag, on the wire", () => {
  it("Candidates: lists with fields sent comma-separated and the typed page", async () => {
    api()
      .get("/recruit/v2/Candidates")
      .query({ fields: "Last_Name,Email", sort_by: "Modified_Time", sort_order: "desc", per_page: "50", converted: "both" })
      .reply(200, { data: [{ id: "410", Last_Name: "Hopper", Email: "grace@example.com" }], info: page(1, false, 1) });
    const { data, error } = await client().GET("/Candidates", {
      params: {
        query: { fields: ["Last_Name", "Email"], sort_by: "Modified_Time", sort_order: "desc", per_page: 50, converted: "both" },
      },
    });
    expect(error).toBeUndefined();
    expect(data?.data?.[0]?.Email).toBe("grace@example.com");
    expect(data?.info?.more_records).toBe(false);
  });

  it("Candidates: an empty list (204, no body) is an empty result, not an error", async () => {
    api().get("/recruit/v2/Candidates").reply(204);
    const { data, error, response } = await client().GET("/Candidates");
    expect(response.status).toBe(204);
    expect(error).toBeUndefined();
    expect(data?.data ?? []).toEqual([]);
  });

  it("Candidates: searches with an escaped, URL-encoded criteria expression", async () => {
    const c = zohoCriteria();
    const criteria = c.and(c.equals("Last_Name", "Burns,B"), c.startsWith("First_Name", "M"));
    api()
      .get("/recruit/v2/Candidates/search")
      .query((q) => q.criteria === "((Last_Name:equals:Burns\\,B)and(First_Name:starts_with:M))")
      .reply(200, { data: [{ id: "411", Last_Name: "Burns,B" }], info: page(1, false, 1) });
    const { data } = await client().GET("/Candidates/search", { params: { query: { criteria: criteria.text } } });
    expect(data?.data?.map((r) => r.id)).toEqual(["411"]);
  });

  it("Candidates: the search query string carries the backslash and comma percent-encoded", async () => {
    let path = "";
    api()
      .get((uri) => {
        path = uri;
        return uri.startsWith("/recruit/v2/Candidates/search");
      })
      .reply(204);
    const c = zohoCriteria();
    await client().GET("/Candidates/search", { params: { query: { criteria: c.equals("Last_Name", "Burns,B").text } } });
    expect(path).toBe("/recruit/v2/Candidates/search?criteria=(Last_Name%3Aequals%3ABurns%5C%2CB)");
  });

  it("Job Openings: inserts with the write envelope and reads per-record results", async () => {
    const body = { data: [{ Posting_Title: "Nurse", City: "Lyon" }], trigger: [] as [] };
    api()
      .post("/recruit/v2/Job_Openings", body)
      .matchHeader("content-type", "application/json")
      .reply(201, { data: [added("520")] });
    const { data, response } = await client().POST("/Job_Openings", { body });
    expect(response.status).toBe(201);
    const [result] = data?.data ?? [];
    expect(result?.status === "success" && result.details.id).toBe("520");
  });

  it("Clients: gets one record as data[0]", async () => {
    api()
      .get("/recruit/v2/Clients/610")
      .reply(200, { data: [{ id: "610", Client_Name: "Acme" }] });
    const { data } = await client().GET("/Clients/{recordId}", { params: { path: { recordId: "610" } } });
    expect(data?.data?.[0]?.Client_Name).toBe("Acme");
  });

  it("Contacts: updates in bulk, each item with its id", async () => {
    const body = { data: [{ id: "710", Email: "a@acme.example" }] };
    api()
      .put("/recruit/v2/Contacts", body)
      .reply(200, { data: [{ code: "SUCCESS", details: { id: "710" }, message: "record updated", status: "success" }] });
    const { data } = await client().PUT("/Contacts", { body });
    expect(data?.data?.[0]?.message).toBe("record updated");
  });

  it("Interviews: deletes by ids, comma-separated, without workflows", async () => {
    api()
      .delete("/recruit/v2/Interviews")
      .query({ ids: "810,811", wf_trigger: "false" })
      .reply(200, {
        data: [
          { code: "SUCCESS", details: { id: "810" }, message: "record deleted", status: "success" },
          { code: "INVALID_DATA", details: { id: "811" }, message: "the id given seems to be invalid", status: "error" },
        ],
      });
    const { data } = await client().DELETE("/Interviews", { params: { query: { ids: ["810", "811"], wf_trigger: false } } });
    expect(data?.data?.map((r) => `${r.status}:${r.details.id}`)).toEqual(["success:810", "error:811"]);
  });

  it("Applications: upserts with duplicate_check_fields", async () => {
    const body = { data: [{ Candidate_Status: "New" }], duplicate_check_fields: ["Email"] };
    api()
      .post("/recruit/v2/Applications/upsert", body)
      .reply(200, { data: [{ ...added("910"), action: "insert" }] });
    const { data } = await client().POST("/Applications/upsert", { body });
    const [result] = data?.data ?? [];
    expect(result?.status === "success" && result.action).toBe("insert");
  });

  it("Records: lists a custom module by its API name", async () => {
    api()
      .get("/recruit/v2/Onboarding_Tasks")
      .query({ page: "2" })
      .reply(200, { data: [{ id: "1010", Task_Name: "Laptop" }], info: page(2, false, 1) });
    const { data } = await client().GET("/{module}", { params: { path: { module: "Onboarding_Tasks" }, query: { page: 2 } } });
    expect(data?.data?.[0]?.Task_Name).toBe("Laptop");
  });

  it("Records: lists deleted records since an instant with If-Modified-Since", async () => {
    api()
      .get("/recruit/v2/Candidates/deleted")
      .query({ type: "permanent" })
      .matchHeader("if-modified-since", "2024-05-01T00:00:00+00:00")
      .reply(200, { data: [{ id: "412", deleted_by: { id: "9", name: "Ada" } }], info: page(1, false, 1) });
    const { data } = await client().GET("/Candidates/deleted", {
      params: { query: { type: "permanent" }, header: { "If-Modified-Since": "2024-05-01T00:00:00+00:00" } },
    });
    expect(data?.data?.[0]?.id).toBe("412");
  });

  it("Associations: associates candidates with job openings and reads one result per job", async () => {
    const body = { data: [{ jobids: ["520", "521"], ids: ["410", "411"], comments: "From the fair" }] };
    // The success entry is the vendor sample's shape (associate-candidate.html): `ids` is one string.
    // The already-associated entry is the shape dbx-components matches: FAILURE with the reason nested.
    api()
      .put("/recruit/v2/Candidates/actions/associate", body)
      .reply(200, {
        data: [
          {
            code: "SUCCESS",
            details: { jobid: "520", ids: "[410, 411]" },
            message: "Record associated successfully",
            status: "success",
          },
          {
            code: "FAILURE",
            details: {
              jobid: "521",
              ids: "[410, 411]",
              error: [{ code: "ALREADY_ASSOCIATED", message: "already associated", details: {}, status: "error" }],
            },
            message: "failure",
            status: "error",
          },
        ],
      });
    const { data } = await client().PUT("/Candidates/actions/associate", { body });
    const [done, again] = data?.data ?? [];
    expect(done?.details?.ids).toBe("[410, 411]");
    expect(again?.code).toBe("FAILURE");
    expect(again?.details?.error?.[0]?.code).toBe("ALREADY_ASSOCIATED");
  });

  it("Associations: lists the candidates of a job opening filtered by status", async () => {
    api()
      .get("/recruit/v2/Job_Openings/520/associate")
      .query({ candidate_statuses: "New,Interview-Scheduled" })
      .reply(200, { data: [{ id: "410", Candidate_Status: "New" }], info: page(1, false, 1) });
    const { data } = await client().GET("/Job_Openings/{recordId}/associate", {
      params: { path: { recordId: "520" }, query: { candidate_statuses: ["New", "Interview-Scheduled"] } },
    });
    expect(data?.data?.[0]?.Candidate_Status).toBe("New");
  });

  it("Status: changes application status and reads the nested results", async () => {
    const body = { data: [{ ids: ["930"], Candidate_Status: "Hired", comments: "Signed" }] };
    api()
      .put("/recruit/v2/Applications/status", body)
      .reply(200, {
        data: [
          [
            {
              code: "SUCCESS",
              details: { id: "930", Modified_Time: "2024-05-02T11:00:00+02:00" },
              message: "status changed",
              status: "success",
            },
          ],
        ],
      });
    const { data } = await client().PUT("/Applications/status", { body });
    expect(data?.data?.[0]?.[0]?.message).toBe("status changed");
  });

  it("Notes: creates a note on a candidate", async () => {
    const body = { data: [{ Note_Title: "Call", Note_Content: "Keen", Parent_Id: "410", se_module: "Candidates" }] };
    api()
      .post("/recruit/v2/Notes", body)
      .reply(201, { data: [added("1110")] });
    const { data } = await client().POST("/Notes", { body });
    expect(data?.data?.[0]?.status).toBe("success");
  });

  it("Notes: lists the notes of a record", async () => {
    api()
      .get("/recruit/v2/Candidates/410/Notes")
      .reply(200, {
        data: [{ id: "1110", Note_Title: "Call", Parent_Id: { id: "410", name: "Hopper" }, $se_module: "Candidates" }],
        info: page(1, false, 1),
      });
    const { data } = await client().GET("/{module}/{recordId}/Notes", {
      params: { path: { module: "Candidates", recordId: "410" } },
    });
    expect(data?.data?.[0]?.Parent_Id?.name).toBe("Hopper");
  });

  it("Attachments: uploads a resume as multipart with its category", async () => {
    let contentType = "";
    let received = "";
    api()
      .post("/recruit/v2/Candidates/410/Attachments")
      .query({ attachments_category: "Resume" })
      .reply(200, function (_uri, body) {
        contentType = String(this.req.headers["content-type"]);
        received = String(body);
        return { data: [added("1210")] };
      });
    const form = new FormData();
    form.append("file", new Blob(["%PDF-1.7 resume"], { type: "application/pdf" }), "hopper.pdf");
    const { data } = await client().POST("/{module}/{recordId}/Attachments", {
      params: { path: { module: "Candidates", recordId: "410" }, query: { attachments_category: "Resume" } },
      body: {},
      bodySerializer: () => form,
    });
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(received).toContain('name="file"; filename="hopper.pdf"');
    expect(received).toContain("%PDF-1.7 resume");
    expect(data?.data?.[0]?.status).toBe("success");
  });

  it("Attachments: lists with Zoho's range info and downloads one as binary", async () => {
    api()
      .get("/recruit/v2/Candidates/410/Attachments")
      .reply(200, {
        data: [
          {
            id: "1210",
            File_Name: "hopper.pdf",
            Size: "15",
            Created_Time: "2024-05-02 10:00:00",
            Created_By: "9",
            $Created_By: "Ada Lovelace",
          },
        ],
        info: { range: "1-1", more_records: false },
      });
    const pdf = Buffer.from("%PDF-1.7 resume");
    api().get("/recruit/v2/Candidates/410/Attachments/1210").reply(200, pdf, { "content-type": "application/pdf" });
    const zoho = client();
    const { data: list } = await zoho.GET("/{module}/{recordId}/Attachments", {
      params: { path: { module: "Candidates", recordId: "410" } },
    });
    expect(list?.data?.[0]?.Size).toBe("15");
    expect(list?.data?.[0]?.Created_By).toBe("9");
    expect(list?.data?.[0]?.$Created_By).toBe("Ada Lovelace");
    const { data } = await zoho.GET("/{module}/{recordId}/Attachments/{attachmentId}", {
      params: { path: { module: "Candidates", recordId: "410", attachmentId: "1210" } },
      parseAs: "arrayBuffer",
    });
    expect(Buffer.from(data as unknown as ArrayBuffer).equals(pdf)).toBe(true);
  });

  it("Users: lists active users under `users`", async () => {
    api()
      .get("/recruit/v2/users")
      .query({ type: "ActiveUsers" })
      .reply(200, { users: [{ id: "9", full_name: "Ada Lovelace", role: { id: "1", name: "CEO" } }], info: page(1, false, 1) });
    const { data } = await client().GET("/users", { params: { query: { type: "ActiveUsers" } } });
    expect(data?.users?.[0]?.role?.name).toBe("CEO");
  });

  it("Metadata: lists modules and the fields of one", async () => {
    api()
      .get("/recruit/v2/settings/modules")
      .reply(200, { modules: [{ api_name: "Job_Openings", api_supported: true }] });
    api()
      .get("/recruit/v2/settings/fields")
      .query({ module: "Candidates" })
      .reply(200, { fields: [{ api_name: "Last_Name", data_type: "text", system_mandatory: true }] });
    const zoho = client();
    const { data: modules } = await zoho.GET("/settings/modules");
    const { data: fields } = await zoho.GET("/settings/fields", { params: { query: { module: "Candidates" } } });
    expect(modules?.modules?.[0]?.api_name).toBe("Job_Openings");
    expect(fields?.fields?.[0]).toMatchObject({ api_name: "Last_Name", system_mandatory: true });
  });

  it("Notifications: subscribes a channel to candidate events", async () => {
    const body = {
      watch: [
        { channel_id: "1000", events: ["Candidates.create"], token: "verify-me", notify_url: "https://hooks.example.com/zoho" },
      ],
    };
    api()
      .post("/recruit/v2/actions/watch", body)
      .reply(200, { watch: [{ code: "SUCCESS", status: "success" }] });
    const { data } = await client().POST("/actions/watch", { body });
    expect(data?.watch?.[0]?.code).toBe("SUCCESS");
  });
});

describe("errors", () => {
  it("surfaces Zoho's error body as a typed error", async () => {
    api().get("/recruit/v2/Candidates/search").query({ word: "x" }).reply(403, {
      code: "NO_PERMISSION",
      details: {},
      message: "permission denied",
      status: "error",
    });
    const { data, error, response } = await client().GET("/Candidates/search", { params: { query: { word: "x" } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(403);
    expect(zohoErrorBody(error)?.code).toBe("NO_PERMISSION");
    expect(zohoErrorBody(error)?.message).toBe("permission denied");
  });

  it("reads Zoho's second error envelope, { error: {...} } or { error: CODE }, on a non-2xx answer", async () => {
    api()
      .get("/recruit/v2/Candidates/search")
      .query({ word: "x" })
      .reply(400, { error: { code: "INVALID_QUERY", message: "invalid query", details: { api_name: "word" } } });
    api().get("/recruit/v2/settings/modules").reply(400, { error: "INVALID_URL_PATTERN" });
    const zoho = client();
    const { error } = await zoho.GET("/Candidates/search", { params: { query: { word: "x" } } });
    expect(error && "error" in error ? error.error : undefined).toMatchObject({ code: "INVALID_QUERY" });
    expect(zohoErrorBody(error)).toEqual({
      code: "INVALID_QUERY",
      message: "invalid query",
      details: { api_name: "word" },
      status: "error",
    });
    const bare = await zoho.GET("/settings/modules");
    expect(zohoErrorBody(bare.error)).toEqual({ code: "INVALID_URL_PATTERN", details: {}, message: "", status: "error" });
  });

  it("throws ZohoRecruitApiError for an { error } envelope that arrives with HTTP 200, instead of passing it as data", async () => {
    api()
      .get("/recruit/v2/Candidates")
      .reply(200, { error: { code: "INTERNAL_ERROR", message: "Internal Server Error", status: "error" } });
    const failed = await client()
      .GET("/Candidates")
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failed).toBeInstanceOf(ZohoRecruitApiError);
    expect(failed).toMatchObject({ status: 200, code: "INTERNAL_ERROR", body: { code: "INTERNAL_ERROR", details: {} } });
    expect((failed as Error).message).toBe(
      "zoho-recruit: GET /recruit/v2/Candidates failed with HTTP 200: INTERNAL_ERROR (Internal Server Error)",
    );
  });

  it("passes a 2xx body that merely contains an error entry through as data", async () => {
    api()
      .post("/recruit/v2/Candidates")
      .reply(201, {
        data: [
          {
            code: "MANDATORY_NOT_FOUND",
            details: { api_name: "Last_Name" },
            message: "required field not found",
            status: "error",
          },
        ],
      });
    const { data } = await client().POST("/Candidates", { body: { data: [{ Last_Name: "" }] } });
    expect(data?.data?.[0]?.code).toBe("MANDATORY_NOT_FOUND");
  });

  it("renews the token once after a 401 INVALID_TOKEN and replays the request", async () => {
    const auth = credentials();
    token(auth.refreshToken, ACCOUNTS, "1000.expired");
    token(auth.refreshToken, ACCOUNTS, "1000.fresh");
    api(RECRUIT, "1000.expired")
      .get("/recruit/v2/settings/modules")
      .reply(401, { code: "INVALID_TOKEN", details: {}, message: "invalid oauth token", status: "error" });
    api(RECRUIT, "1000.fresh").get("/recruit/v2/settings/modules").reply(200, { modules: [] });
    const zoho = createZohoRecruitClient({ region: "eu", auth });
    const { data, response } = await zoho.GET("/settings/modules");
    expect(response.status).toBe(200);
    expect(data).toEqual({ modules: [] });
  });

  it("types an INVALID_DATA error with the field it names", async () => {
    api()
      .post("/recruit/v2/Candidates")
      .reply(400, { code: "INVALID_DATA", details: { api_name: "Email" }, message: "invalid data", status: "error" });
    const { error } = await client().POST("/Candidates", { body: { data: [{ Last_Name: "Hopper", Email: "not-an-email" }] } });
    expect(zohoErrorBody(error)?.details.api_name).toBe("Email");
  });
});
