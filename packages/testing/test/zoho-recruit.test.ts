import { AuthError } from "@hirekit/auth-middleware";
import { exchangeZohoAuthorizationCode } from "@hirekit/auth-middleware/zoho-recruit";
import { createZohoRecruitClient } from "@hirekit/zoho-recruit";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeZohoRecruit, startFakeZohoRecruit } from "../src/index.js";
import { postForm, sendJson } from "./helpers.js";

let fake: FakeZohoRecruit | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const refresh = (f: FakeZohoRecruit, overrides: Record<string, string> = {}) =>
  postForm(`${f.accountsUrl}/oauth/v2/token`, {
    grant_type: "refresh_token",
    client_id: f.credentials.clientId,
    client_secret: f.credentials.clientSecret,
    refresh_token: f.credentials.refreshToken,
    ...overrides,
  });

describe("fake Zoho Recruit", () => {
  it("plugs into createZohoRecruitClient: accounts server and Recruit API, records, statuses, attachments, paging", async () => {
    fake = await startFakeZohoRecruit({ region: "in" });
    expect(fake.clientOptions).toMatchObject({ region: "in", accountsUrl: fake.accountsUrl, baseUrl: `${fake.url}` });
    expect(fake.url).toMatch(/\/recruit\/v2$/);
    const zoho = createZohoRecruitClient(fake.clientOptions);
    const { data: created, response } = await zoho.POST("/Candidates", {
      body: {
        data: [
          { First_Name: "Ada", Last_Name: "Lovelace" },
          { First_Name: "Grace", Last_Name: "Hopper" },
        ],
      },
    });
    expect(response.status).toBe(201);
    expect(created?.data?.map((r) => r.code)).toEqual(["SUCCESS", "SUCCESS"]);
    // The spec makes Last_Name mandatory: the OpenAPI check refuses the call with Zoho's body.
    const refused = await zoho.POST("/Candidates", { body: { data: [{ First_Name: "No surname" } as never] } });
    expect([refused.response.status, refused.error]).toEqual([
      400,
      {
        code: "MANDATORY_NOT_FOUND",
        details: { api_name: "Last_Name" },
        message: '"data.0.Last_Name" is required',
        status: "error",
      },
    ]);
    const id = String((created?.data?.[0]?.details as { id: string } | undefined)?.id);

    const { data: changed } = await zoho.PUT("/Candidates/status", {
      body: { data: [{ ids: [id, "404"], Candidate_Status: "Qualified" }] },
    });
    expect(changed?.data?.[0]?.map((r) => r.code)).toEqual(["SUCCESS", "INVALID_DATA"]);
    const { data: one } = await zoho.GET("/Candidates/{recordId}", { params: { path: { recordId: id } } });
    expect(one?.data?.[0]).toMatchObject({ id, Candidate_Status: "Qualified" });

    const form = new FormData();
    form.append("file", new Blob(["%PDF"]), "cv.pdf");
    const upload = await zoho.POST("/{module}/{recordId}/Attachments", {
      params: { path: { module: "Candidates", recordId: id }, query: { attachments_category: "Resume" } },
      body: {},
      bodySerializer: () => form,
    });
    expect(upload.data?.data?.[0]).toMatchObject({ code: "SUCCESS", message: "attachment uploaded" });
    const { data: attachments } = await zoho.GET("/{module}/{recordId}/Attachments", {
      params: { path: { module: "Candidates", recordId: id } },
    });
    expect(attachments?.data?.[0]).toMatchObject({ File_Name: "cv.pdf", Size: "4", Category: "Resume", Parent_Id: id });
    expect(attachments?.data?.[0]?.Created_By).toBe("1");

    const names: string[] = [];
    for await (const c of zoho.paginate("/Candidates", { params: { query: { per_page: 1 } } })) names.push(c.Last_Name as string);
    expect(names).toEqual(["Lovelace", "Hopper"]);
    const pages = fake.requests
      .filter((r) => r.method === "GET" && r.path.endsWith("/Candidates"))
      .map((r) => `${r.query}:${r.status}`);
    expect(pages).toEqual(["per_page=1&page=1:200", "per_page=1&page=2:200"]);
    expect(fake.stats()).toMatchObject({ invalid: 1, tokensIssued: 1 });
    await zoho.dispose();
  });

  it("answers an empty list, a missing record and an empty attachment list with 204 and no body", async () => {
    fake = await startFakeZohoRecruit();
    const zoho = createZohoRecruitClient(fake.clientOptions);
    const list = await zoho.GET("/Job_Openings");
    expect([list.response.status, list.data]).toEqual([204, undefined]);
    const record = await zoho.GET("/Candidates/{recordId}", { params: { path: { recordId: "1" } } });
    expect(record.response.status).toBe(204);
    const { data } = await zoho.POST("/Job_Openings", { body: { data: [{ Posting_Title: "Engineer" }] } });
    const jobId = String((data?.data?.[0]?.details as { id: string } | undefined)?.id);
    const none = await zoho.GET("/{module}/{recordId}/Attachments", {
      params: { path: { module: "Job_Openings", recordId: jobId } },
    });
    expect(none.response.status).toBe(204);
    const updated = await zoho.PUT("/Job_Openings/{recordId}", {
      params: { path: { recordId: jobId } },
      body: { data: [{ Job_Opening_Status: "Filled" }] },
    });
    expect(updated.data?.data?.[0]).toMatchObject({ code: "SUCCESS", message: "record updated" });
    const missing = await zoho.PUT("/Job_Openings/{recordId}", { params: { path: { recordId: "9" } }, body: { data: [{}] } });
    expect(missing.data?.data?.[0]).toMatchObject({ code: "INVALID_DATA" });
    const tooBig = await zoho.GET("/Candidates", { params: { query: { per_page: 500 } } });
    expect(tooBig.response.status).toBe(400);
    const badModule = await zoho.GET("/{module}", { params: { path: { module: "Nope" } } });
    expect(badModule.error).toMatchObject({ code: "INVALID_DATA", status: "error" });
    const noRecord = await zoho.GET("/{module}/{recordId}/Attachments", {
      params: { path: { module: "Candidates", recordId: "9" } },
    });
    expect(noRecord.response.status).toBe(404);
    const unimplemented = await zoho.DELETE("/Candidates", { params: { query: { ids: ["1"] } } });
    expect(unimplemented.response.status).toBe(501);
    await zoho.dispose();
  });

  it("answers token failures with HTTP 200 and an error body, which the client turns into an AuthError", async () => {
    fake = await startFakeZohoRecruit();
    const bad = await refresh(fake, { refresh_token: "1000.nope" });
    expect([bad.status, await bad.json()]).toEqual([200, { error: "invalid_code" }]);
    expect(await (await refresh(fake, { client_id: "other" })).json()).toEqual({ error: "invalid_client" });
    expect(await (await refresh(fake, { client_secret: "other" })).json()).toEqual({ error: "invalid_client_secret" });
    expect(await (await refresh(fake, { grant_type: "password" })).json()).toMatchObject({ error: "invalid_request" });
    const zoho = createZohoRecruitClient({ ...fake.clientOptions, auth: { ...fake.credentials, refreshToken: "1000.revoked" } });
    await expect(zoho.GET("/Candidates")).rejects.toBeInstanceOf(AuthError);
    await zoho.dispose();
    expect(fake.stats()).toMatchObject({ tokensIssued: 0, tokensRefused: 5 });
  });

  it("throttles access tokens per refresh token over 10 minutes with 200 Access Denied", async () => {
    let now = Date.UTC(2026, 0, 1);
    fake = await startFakeZohoRecruit({ tokenRateLimit: 2, clock: () => now });
    expect((await (await refresh(fake)).json()) as object).toHaveProperty("access_token");
    expect((await (await refresh(fake)).json()) as object).toHaveProperty("access_token");
    const denied = await refresh(fake);
    expect([denied.status, await denied.json()]).toEqual([
      200,
      {
        error: "Access Denied",
        error_description: "You have made too many requests continuously. Please try again after some time.",
      },
    ]);
    now += 10 * 60_000;
    const body = (await (await refresh(fake)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ api_domain: "https://www.zohoapis.eu", token_type: "Bearer", expires_in: 3600 });
  });

  it("exchanges a grant code once for a refresh token that works, and revokes tokens", async () => {
    fake = await startFakeZohoRecruit({ region: "us" });
    const redirectUri = "http://127.0.0.1:8765/callback";
    const code = fake.issueGrantCode(redirectUri);
    const common = {
      region: "us" as const,
      accountsUrl: fake.accountsUrl,
      clientId: fake.credentials.clientId,
      clientSecret: fake.credentials.clientSecret,
    };
    const granted = await exchangeZohoAuthorizationCode({ ...common, redirectUri, code });
    expect(granted.apiDomain).toBe("https://www.zohoapis.com");
    await expect(exchangeZohoAuthorizationCode({ ...common, redirectUri, code })).rejects.toMatchObject({
      code: expect.any(String),
    });
    const wrongRedirect = await postForm(`${fake.accountsUrl}/oauth/v2/token`, {
      grant_type: "authorization_code",
      client_id: common.clientId,
      client_secret: common.clientSecret,
      redirect_uri: "http://elsewhere/",
      code: fake.issueGrantCode(redirectUri),
    });
    expect(await wrongRedirect.json()).toEqual({ error: "invalid_redirect_uri" });
    const zoho = createZohoRecruitClient({
      ...fake.clientOptions,
      auth: { ...fake.credentials, refreshToken: granted.refreshToken as string },
    });
    expect((await zoho.GET("/Candidates")).response.status).toBe(204);
    await zoho.dispose();
    const revoke = (token: string) =>
      fetch(`${fake?.accountsUrl}/oauth/v2/token/revoke?token=${encodeURIComponent(token)}`, { method: "POST" });
    expect(await (await revoke(granted.accessToken)).json()).toEqual({ status: "success" });
    expect(await (await revoke(granted.refreshToken as string)).json()).toEqual({ status: "success" });
    expect(await (await revoke("nope")).json()).toEqual({ error: "invalid_token" });
    const reuse = await refresh(fake, { refresh_token: granted.refreshToken as string });
    expect(await reuse.json()).toEqual({ error: "invalid_code" });
  });

  it("answers Zoho's 401 bodies for a missing or dead token, and 404 on the accounts server for other paths", async () => {
    fake = await startFakeZohoRecruit();
    const none = await fetch(`${fake.url}/Candidates`);
    expect(await none.json()).toEqual({
      code: "AUTHENTICATION_FAILURE",
      details: {},
      message: "Authentication failed",
      status: "error",
    });
    const dead = await fetch(`${fake.url}/Candidates`, { headers: { authorization: "Zoho-oauthtoken nope" } });
    expect([dead.status, await dead.json()]).toEqual([
      401,
      { code: "INVALID_TOKEN", details: {}, message: "invalid oauth token", status: "error" },
    ]);
    const other = await sendJson("POST", `${fake.accountsUrl}/oauth/v2/auth`, {});
    expect(other.status).toBe(404);
  });

  it("reports a missing mandatory field per record inside a 201 when the OpenAPI check is off", async () => {
    fake = await startFakeZohoRecruit({ validateRequests: false });
    const zoho = createZohoRecruitClient(fake.clientOptions);
    const { data } = await zoho.POST("/Candidates", {
      body: { data: [{ First_Name: "A", Last_Name: "B" }, { First_Name: "No surname" } as never] },
    });
    expect(data?.data?.map((r) => r.code)).toEqual(["SUCCESS", "MANDATORY_NOT_FOUND"]);
    expect(data?.data?.[1]).toMatchObject({
      details: { api_name: "Last_Name" },
      message: "required field not found",
      status: "error",
    });
    await zoho.dispose();
  });

  it("associates candidates with job openings; a repeat is a FAILURE whose nested reason is ALREADY_ASSOCIATED", async () => {
    fake = await startFakeZohoRecruit();
    const zoho = createZohoRecruitClient(fake.clientOptions);
    const idOf = (r: { data?: { details?: unknown }[] } | undefined) =>
      String((r?.data?.[0]?.details as { id: string } | undefined)?.id);
    const candidate = idOf((await zoho.POST("/Candidates", { body: { data: [{ Last_Name: "Hopper" }] } })).data);
    const job = idOf((await zoho.POST("/Job_Openings", { body: { data: [{ Posting_Title: "Engineer" }] } })).data);
    const body = { data: [{ jobids: [job], ids: [candidate] }] };
    const first = await zoho.PUT("/Candidates/actions/associate", { body });
    expect(first.data?.data?.[0]).toEqual({
      code: "SUCCESS",
      details: { jobid: job, ids: `[${candidate}]` },
      message: "Record associated successfully",
      status: "success",
    });
    const again = await zoho.PUT("/Candidates/actions/associate", { body });
    expect(again.data?.data?.[0]?.code).toBe("FAILURE");
    expect(again.data?.data?.[0]?.details?.error?.[0]?.code).toBe("ALREADY_ASSOCIATED");
    const unknown = await zoho.PUT("/Candidates/actions/associate", { body: { data: [{ jobids: ["9"], ids: [candidate] }] } });
    expect(unknown.data?.data?.[0]?.code).toBe("INVALID_DATA");
    await zoho.dispose();
  });

  it("refuses an attachment upload without a category when the OpenAPI check is off", async () => {
    fake = await startFakeZohoRecruit({ validateRequests: false });
    const zoho = createZohoRecruitClient(fake.clientOptions);
    const { data } = await zoho.POST("/Candidates", { body: { data: [{ Last_Name: "Hopper" }] } });
    const recordId = String((data?.data?.[0]?.details as { id: string } | undefined)?.id);
    const form = new FormData();
    form.append("file", new Blob(["%PDF"]), "cv.pdf");
    const refused = await zoho.POST("/{module}/{recordId}/Attachments", {
      params: { path: { module: "Candidates", recordId }, query: {} as never },
      body: {},
      bodySerializer: () => form,
    });
    expect([refused.response.status, refused.error]).toEqual([
      400,
      {
        code: "MANDATORY_NOT_FOUND",
        details: { api_name: "attachments_category" },
        message: "attachments_category is required",
        status: "error",
      },
    ]);
    const byId = await zoho.POST("/{module}/{recordId}/Attachments", {
      params: { path: { module: "Candidates", recordId }, query: { attachments_category_id: "42" } },
      body: {},
      bodySerializer: () => form,
    });
    expect(byId.data?.data?.[0]?.code).toBe("SUCCESS");
    await zoho.dispose();
  });

  it("validates its options, naming the option", async () => {
    await expect(startFakeZohoRecruit({ region: "mars" as never })).rejects.toMatchObject({ option: "region" });
    await expect(startFakeZohoRecruit({ clientId: "" })).rejects.toMatchObject({ option: "clientId" });
    await expect(startFakeZohoRecruit({ clientSecret: "" })).rejects.toMatchObject({ option: "clientSecret" });
    await expect(startFakeZohoRecruit({ tokenRateLimit: 0 })).rejects.toMatchObject({ option: "tokenRateLimit" });
  });
});
