import nock from "nock";
import { describe, expect, it } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import { createAuthMiddleware } from "../src/index.js";
import { pcrecruiterSession } from "../src/schemes/pcrecruiter.js";
import { smartRecruitersAuth } from "../src/schemes/smartrecruiters.js";
import { sterlingAuth } from "../src/schemes/sterling.js";
import {
  exchangeZohoAuthorizationCode,
  revokeZohoToken,
  ZOHO_REGIONS,
  type ZohoRegion,
  zohoRecruitAuth,
  zohoRecruitBaseUrl,
} from "../src/schemes/zoho-recruit.js";
import { clientFor } from "./helpers.js";

useNock();

/** Clients are created inside each test, after nock is active, so openapi-fetch captures the intercepted fetch. */
const client = clientFor;

describe("PCRecruiter session (seed 000)", () => {
  const base = "https://www2.pcrecruiter.net/rest/api";
  const options = {
    username: "api.user",
    password: "pcr-pass-Secret!",
    databaseId: "SampleDB.SampleProfile",
    apiKey: "pcr-api-key-123456",
    appId: "pcr-app-id",
  };

  it("logs in with the documented JSON body, sends BEARER, and logs out on dispose", async () => {
    nock("https://www2.pcrecruiter.net", { reqheaders: { "content-type": "application/json", accept: "application/json" } })
      .post("/rest/api/access-token", {
        Username: "api.user",
        Password: "pcr-pass-Secret!",
        DatabaseId: "SampleDB.SampleProfile",
        ApiKey: "pcr-api-key-123456",
        AppId: "pcr-app-id",
      })
      .reply(200, { SessionId: "SESSION-1" });
    nock("https://www2.pcrecruiter.net", { reqheaders: { authorization: "BEARER SESSION-1" } })
      .get("/rest/api/candidates/42")
      .reply(200, { CandidateId: 42 });
    nock("https://www2.pcrecruiter.net", { reqheaders: { authorization: "BEARER SESSION-1" } })
      .delete("/rest/api/access-token")
      .reply(200, "Success: true");

    const auth = createAuthMiddleware(pcrecruiterSession(options));
    const { data } = await client(base, auth).GET("/candidates/42");
    expect(data).toEqual({ CandidateId: 42 });
    await auth.dispose();
  });

  it("logs in again once after the session expired (401) and replays", async () => {
    const scope = nock("https://www2.pcrecruiter.net");
    scope.post("/rest/api/access-token").reply(200, { SessionId: "S1" });
    scope.get("/rest/api/positions").matchHeader("authorization", "BEARER S1").reply(200, { TotalRecords: 0, Results: [] });
    scope
      .get("/rest/api/positions")
      .matchHeader("authorization", "BEARER S1")
      .times(5)
      .reply(401, { Message: "Session expired" });
    scope.post("/rest/api/access-token").once().reply(200, { SessionId: "S2" });
    scope
      .get("/rest/api/positions")
      .matchHeader("authorization", "BEARER S2")
      .times(5)
      .reply(200, { TotalRecords: 0, Results: [] });
    const c = client(base, createAuthMiddleware(pcrecruiterSession(options)));
    await c.GET("/positions");
    const results = await Promise.all(Array.from({ length: 5 }, () => c.GET("/positions")));
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it("rejects a login answer without a SessionId", async () => {
    nock("https://www2.pcrecruiter.net").post("/rest/api/access-token").reply(200, { Session: "x" });
    const c = client(base, createAuthMiddleware(pcrecruiterSession(options)));
    await expect(c.GET("/positions")).rejects.toMatchObject({ code: "INVALID_TOKEN_RESPONSE", vendor: "pcrecruiter" });
  });
});

describe("Zoho Recruit (seed 001)", () => {
  const options = {
    region: "eu" as const,
    clientId: "1000.ZCLIENT",
    clientSecret: "zoho-client-secret",
    refreshToken: "1000.refresh.zoho",
  };

  it("refreshes with a form body at the region's accounts server and sends Zoho-oauthtoken", async () => {
    nock("https://accounts.zoho.eu", { reqheaders: { "content-type": "application/x-www-form-urlencoded" } })
      .post(
        "/oauth/v2/token",
        "grant_type=refresh_token&refresh_token=1000.refresh.zoho&client_id=1000.ZCLIENT&client_secret=zoho-client-secret",
      )
      .reply(200, { access_token: "1000.access", api_domain: "https://www.zohoapis.eu", token_type: "Bearer", expires_in: 3600 });
    nock("https://recruit.zoho.eu", { reqheaders: { authorization: "Zoho-oauthtoken 1000.access" } })
      .get("/recruit/v2/Candidates")
      .query({ page: "1" })
      .reply(200, { data: [], info: { more_records: false } });
    const c = client(zohoRecruitBaseUrl("eu"), createAuthMiddleware(zohoRecruitAuth(options)));
    const { data } = await c.GET("/Candidates", { params: { query: { page: 1 } } });
    expect(data).toEqual({ data: [], info: { more_records: false } });
  });

  it("treats HTTP 200 with an error body as a failure", async () => {
    nock("https://accounts.zoho.eu").post("/oauth/v2/token").reply(200, { error: "invalid_code" });
    const c = client(zohoRecruitBaseUrl("eu"), createAuthMiddleware(zohoRecruitAuth(options)));
    await expect(c.GET("/Candidates")).rejects.toMatchObject({ code: "TOKEN_REJECTED", oauthError: "invalid_code", status: 200 });
  });

  it("maps Zoho's throttle answer to TOKEN_RATE_LIMITED", async () => {
    nock("https://accounts.zoho.eu")
      .post("/oauth/v2/token")
      .reply(200, { error: "Access Denied", error_description: "You have made too many requests continuously." });
    const c = client(zohoRecruitBaseUrl("eu"), createAuthMiddleware(zohoRecruitAuth({ ...options, refreshToken: "1000.other" })));
    await expect(c.GET("/Candidates")).rejects.toMatchObject({ code: "TOKEN_RATE_LIMITED", vendor: "zoho-recruit" });
  });

  it.each(Object.entries(ZOHO_REGIONS))("region %s pairs its accounts server with its Recruit host", async (region, hosts) => {
    nock(hosts.accounts)
      .post("/oauth/v2/token")
      .reply(200, { access_token: `t-${region}`, expires_in: 3600 });
    nock(hosts.api)
      .get("/recruit/v2/users")
      .matchHeader("authorization", `Zoho-oauthtoken t-${region}`)
      .reply(200, { users: [] });
    const scheme = zohoRecruitAuth({ ...options, region: region as ZohoRegion, refreshToken: `rt-${region}` });
    const c = client(zohoRecruitBaseUrl(region as ZohoRegion), createAuthMiddleware(scheme));
    expect((await c.GET("/users")).data).toEqual({ users: [] });
  });

  it("exchanges an authorization code (seed: Generating Tokens)", async () => {
    nock("https://accounts.zoho.com")
      .post(
        "/oauth/v2/token",
        "grant_type=authorization_code&client_id=1000.ZCLIENT&client_secret=zoho-client-secret&redirect_uri=http%3A%2F%2Flocalhost%3A8721%2Fcallback&code=1000.grant",
      )
      .reply(200, {
        access_token: "1000.a",
        refresh_token: "1000.r",
        api_domain: "https://www.zohoapis.com",
        token_type: "Bearer",
        expires_in: 3600,
      });
    const before = Date.now();
    const result = await exchangeZohoAuthorizationCode({
      region: "us",
      clientId: "1000.ZCLIENT",
      clientSecret: "zoho-client-secret",
      redirectUri: "http://localhost:8721/callback",
      code: "1000.grant",
    });
    expect(result.accessToken).toBe("1000.a");
    expect(result.refreshToken).toBe("1000.r");
    expect(result.apiDomain).toBe("https://www.zohoapis.com");
    expect(result.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(JSON.stringify(result)).not.toContain("1000.r");
  });

  it("revokes a refresh token with the token in the query, as documented", async () => {
    nock("https://accounts.zoho.in").post("/oauth/v2/token/revoke").query({ token: "1000.r" }).reply(200, { status: "success" });
    await revokeZohoToken({ region: "in", token: "1000.r" });
  });

  it("never prints the revoke URL's token in an error", async () => {
    nock("https://accounts.zoho.in").post("/oauth/v2/token/revoke").query(true).reply(500, "<html>1000.secret-r</html>");
    const err = await revokeZohoToken({ region: "in", token: "1000.secret-r" }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: "TOKEN_HTTP_ERROR", status: 500 });
    expect(String((err as Error).message)).not.toContain("1000.secret-r");
  });
});

describe("SmartRecruiters (seeds 002, 004)", () => {
  it("sends an API key as X-SmartToken", async () => {
    nock("https://api.smartrecruiters.com", {
      reqheaders: { "x-smarttoken": "DCRA1-abcdef0123456789abcdef0123456" },
      badheaders: ["authorization"],
    })
      .get("/jobs")
      .reply(200, { content: [] });
    const c = client(
      "https://api.smartrecruiters.com",
      createAuthMiddleware(smartRecruitersAuth({ apiKey: "DCRA1-abcdef0123456789abcdef0123456" })),
    );
    expect((await c.GET("/jobs")).data).toEqual({ content: [] });
  });

  it("exchanges client credentials in a form body and sends Bearer", async () => {
    nock("https://api.smartrecruiters.com", {
      reqheaders: { "content-type": "application/x-www-form-urlencoded" },
      badheaders: ["authorization"],
    })
      .post("/identity/oauth/token", "grant_type=client_credentials&client_id=82e4424135fe01c1&client_secret=9165228a82e44244")
      .reply(200, { access_token: "DCRD10-e7c5c813", token_type: "bearer", expires_in: 1799 });
    nock("https://api.smartrecruiters.com", { reqheaders: { authorization: "Bearer DCRD10-e7c5c813" } })
      .get("/candidates")
      .reply(200, { totalFound: 0, content: [] });
    const auth = createAuthMiddleware(smartRecruitersAuth({ clientId: "82e4424135fe01c1", clientSecret: "9165228a82e44244" }));
    expect((await client("https://api.smartrecruiters.com", auth).GET("/candidates")).data).toEqual({
      totalFound: 0,
      content: [],
    });
  });

  it("uses the sandbox host for both token and API", async () => {
    nock("https://api.sandbox.smartrecruiters.com")
      .post("/identity/oauth/token")
      .reply(200, { access_token: "sb", expires_in: 1799 });
    nock("https://api.sandbox.smartrecruiters.com").get("/jobs").matchHeader("authorization", "Bearer sb").reply(200, {});
    const auth = createAuthMiddleware(
      smartRecruitersAuth({ clientId: "c", clientSecret: "sandbox-secret", environment: "sandbox" }),
    );
    expect((await client("https://api.sandbox.smartrecruiters.com", auth).GET("/jobs")).response.status).toBe(200);
  });
});

describe("Sterling (seed 003)", () => {
  it("posts grant_type with HTTP Basic of the URL-encoded id and secret, then sends exactly 'Bearer <token>'", async () => {
    const basic = Buffer.from("my%40client:s%3Ac+r%2Fet").toString("base64");
    nock("https://api.us.int.sterlingcheck.app", {
      reqheaders: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    })
      .post("/v2/oauth", "grant_type=client_credentials")
      .reply(200, { access_token: "eyJhbGciOi.sterling", token_type: "bearer", expires_in: "3600" });
    nock("https://api.us.int.sterlingcheck.app", { reqheaders: { authorization: "Bearer eyJhbGciOi.sterling" } })
      .get("/v2/candidates/7212643")
      .reply(200, { id: "7212643" });
    const auth = createAuthMiddleware(
      sterlingAuth({ clientId: "my@client", clientSecret: "s:c r/et", environment: "integration" }),
    );
    expect((await client("https://api.us.int.sterlingcheck.app/v2", auth).GET("/candidates/7212643")).data).toEqual({
      id: "7212643",
    });
  });

  it("reproduces the vendor's own Basic example with basicEncoding 'raw'", async () => {
    nock("https://api-int.kennect.com", { reqheaders: { authorization: "Basic ZXhhbXBsZUBleGFtcGxlLmNvbTo4Njc1M085" } })
      .post("/v2/oauth", "grant_type=client_credentials")
      .reply(200, { access_token: "RG8g", token_type: "bearer", expires_in: 36000 });
    nock("https://api-int.kennect.com").get("/v2/packages").matchHeader("authorization", "Bearer RG8g").reply(200, []);
    const auth = createAuthMiddleware(
      sterlingAuth({
        clientId: "example@example.com",
        clientSecret: "86753O9",
        environment: "legacy-integration",
        basicEncoding: "raw",
      }),
    );
    expect((await client("https://api-int.kennect.com/v2", auth).GET("/packages")).data).toEqual([]);
  });

  it.each([
    ["production", "https://api.us.sterlingcheck.app"],
    ["integration", "https://api.us.int.sterlingcheck.app"],
    ["legacy-production", "https://api.kennect.com"],
    ["legacy-integration", "https://api-int.kennect.com"],
  ] as const)("environment %s uses %s/v2/oauth", async (environment, host) => {
    nock(host)
      .post("/v2/oauth")
      .reply(200, { access_token: `t-${environment}`, expires_in: 36000 });
    nock(host).get("/v2/packages").matchHeader("authorization", `Bearer t-${environment}`).reply(200, []);
    const auth = createAuthMiddleware(sterlingAuth({ clientId: "id", clientSecret: "sterling-secret", environment }));
    expect((await client(`${host}/v2`, auth).GET("/packages")).response.status).toBe(200);
  });
});

describe("generic OAuth schemes", () => {
  it("client credentials sends scope and extra parameters", async () => {
    nock("https://auth.example.org")
      .post(
        "/oauth/token",
        "grant_type=client_credentials&client_id=c&client_secret=generic-secret&scope=jobs_read+candidates_read&audience=api",
      )
      .reply(200, { access_token: "g1", expires_in: 60 });
    nock("https://api.example.org").get("/v1/jobs").matchHeader("authorization", "Bearer g1").reply(200, []);
    const { clientCredentials } = await import("../src/index.js");
    const scheme = clientCredentials({
      tokenUrl: "https://auth.example.org/oauth/token",
      clientId: "c",
      clientSecret: "generic-secret",
      clientAuthentication: "client_secret_post",
      scope: "jobs_read candidates_read",
      extraParams: { audience: "api" },
    });
    expect((await client("https://api.example.org/v1", createAuthMiddleware(scheme)).GET("/jobs")).data).toEqual([]);
  });

  it("refresh token sends scope and a custom prefix", async () => {
    nock("https://auth.example.org")
      .post(
        "/oauth/token",
        "grant_type=refresh_token&refresh_token=r1-secret&client_id=c&client_secret=generic-secret&scope=read",
      )
      .reply(200, { access_token: "g2", expires_in: 60 });
    nock("https://api.example.org").get("/v1/me").matchHeader("authorization", "Token g2").reply(200, {});
    const { refreshToken } = await import("../src/index.js");
    const scheme = refreshToken({
      tokenUrl: "https://auth.example.org/oauth/token",
      clientId: "c",
      clientSecret: "generic-secret",
      refreshToken: "r1-secret",
      scope: "read",
      authorizationPrefix: "Token ",
    });
    expect((await client("https://api.example.org/v1", createAuthMiddleware(scheme)).GET("/me")).response.status).toBe(200);
  });

  it("a Zoho code exchange without expires_in has no expiry", async () => {
    nock("https://accounts.zoho.com").post("/oauth/v2/token").reply(200, { access_token: "a", refresh_token: "r" });
    const result = await exchangeZohoAuthorizationCode({
      region: "us",
      clientId: "c",
      clientSecret: "zs",
      redirectUri: "http://localhost/cb",
      code: "g",
    });
    expect(result.expiresAt).toBeUndefined();
    expect(result.apiDomain).toBeUndefined();
  });
});
