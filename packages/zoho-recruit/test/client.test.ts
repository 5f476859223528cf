import { apiKey, memoryTokenStore, pinOrigin } from "@hirekit/auth-middleware";
import { zohoRecruitAuth } from "@hirekit/auth-middleware/zoho-recruit";
import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  createZohoRecruitClient,
  exchangeZohoAuthorizationCode,
  isZohoErrorBody,
  revokeZohoToken,
  ZOHO_REGIONS,
  ZohoRecruitApiError,
  type ZohoRegion,
  zohoRecruitBaseUrl,
} from "../src/index.js";
import { ACCOUNTS, api, CLIENT_SECRET, credentials, token, useNock } from "./helpers.js";

useNock();

describe("createZohoRecruitClient", () => {
  it.each(Object.entries(ZOHO_REGIONS))(
    "region %s takes tokens from its accounts server and calls its Recruit host",
    async (region, hosts) => {
      const auth = credentials();
      token(auth.refreshToken, hosts.accounts);
      api(hosts.api).get("/recruit/v2/settings/modules").reply(200, { modules: [] });
      const zoho = createZohoRecruitClient({ region: region as ZohoRegion, auth });
      expect((await zoho.GET("/settings/modules")).response.status).toBe(200);
      expect(zohoRecruitBaseUrl(region as ZohoRegion)).toBe(`${hosts.api}/recruit/v2`);
    },
  );

  it("takes baseUrl, accountsUrl and tokenUrl overrides", async () => {
    const auth = credentials();
    token(auth.refreshToken, "https://accounts-proxy.example.com");
    api("https://recruit-proxy.example.com").get("/recruit/v2/users").reply(200, { users: [] });
    const zoho = createZohoRecruitClient({
      region: "us",
      auth,
      baseUrl: "https://recruit-proxy.example.com/recruit/v2/",
      tokenUrl: "https://accounts-proxy.example.com/oauth/v2/token",
    });
    expect((await zoho.GET("/users")).data).toEqual({ users: [] });
  });

  it("uses the accounts server returned with the grant code", async () => {
    const auth = credentials();
    token(auth.refreshToken, "https://accounts.zoho.in");
    api("https://recruit.zoho.in").get("/recruit/v2/users").reply(200, { users: [] });
    const zoho = createZohoRecruitClient({ region: "in", auth, accountsUrl: "https://accounts.zoho.in" });
    expect((await zoho.GET("/users")).response.status).toBe(200);
  });

  it("accepts a ready scheme, shared token store, custom fetch, headers and onEvent", async () => {
    const auth = credentials();
    token(auth.refreshToken);
    api().get("/recruit/v2/users").matchHeader("x-trace", "t-1").reply(200, { users: [] });
    const events: string[] = [];
    let fetched = 0;
    const zoho = createZohoRecruitClient({
      region: "eu",
      auth: zohoRecruitAuth({ region: "eu", ...auth }),
      tokenStore: memoryTokenStore(),
      headers: { "X-Trace": "t-1" },
      fetch: (input, init) => {
        fetched++;
        return globalThis.fetch(input, init);
      },
      onEvent: (event) => events.push(event.type),
    });
    await zoho.GET("/users");
    expect(fetched).toBe(2); // the token request and the API call
    expect(events).toContain("token_obtained");
  });

  it("never sends the token to another origin", async () => {
    const auth = credentials();
    const zoho = createZohoRecruitClient({ region: "eu", auth });
    await expect(zoho.GET("/users", { baseUrl: "https://evil.example.com/recruit/v2" })).rejects.toMatchObject({
      code: "ORIGIN_NOT_ALLOWED",
    });
  });

  it.each([
    [{ region: "mars" }, "region"],
    [{ region: undefined }, "region"],
    [{ auth: null }, "auth"],
    [{ auth: { clientId: "", clientSecret: "s", refreshToken: "r" } }, "clientId"],
  ])("refuses %o at construction, naming the option", (override, option) => {
    const options = { region: "eu", auth: credentials(), ...override } as never;
    expect(() => createZohoRecruitClient(options)).toThrowError(expect.objectContaining({ code: "INVALID_OPTION", option }));
  });

  it("refuses a missing options object", () => {
    expect(() => createZohoRecruitClient(undefined as never)).toThrowError(
      expect.objectContaining({ name: "HirekitError", code: "INVALID_OPTION", option: "options", vendor: "zoho-recruit" }),
    );
  });

  it("refuses a plain-http base URL to a remote host", () => {
    expect(() =>
      createZohoRecruitClient({ region: "eu", auth: credentials(), baseUrl: "http://recruit.example.com/recruit/v2" }),
    ).toThrowError(expect.objectContaining({ code: "INSECURE_URL" }));
  });

  it("fails requests after dispose", async () => {
    const zoho = createZohoRecruitClient({ region: "eu", auth: credentials() });
    await zoho.dispose();
    await expect(zoho.GET("/users")).rejects.toMatchObject({ code: "DISPOSED" });
  });

  it("keeps secrets out of errors when the refresh token is refused", async () => {
    const auth = credentials();
    // Zoho refuses with HTTP 200 and an error key (https://www.zoho.com/recruit/developer-guide/apiv2/access-refresh.html).
    nock(ACCOUNTS).post("/oauth/v2/token").reply(200, { error: "invalid_code" });
    const zoho = createZohoRecruitClient({ region: "eu", auth });
    const error = await zoho.GET("/users").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TOKEN_REJECTED", oauthError: "invalid_code" });
    const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain(auth.refreshToken);
  });

  it("re-exports the code exchange and revoke helpers", async () => {
    nock(ACCOUNTS)
      .post("/oauth/v2/token", (b: Record<string, string>) => b.grant_type === "authorization_code" && b.code === "1000.code")
      .reply(200, { access_token: "1000.a", refresh_token: "1000.r", api_domain: "https://www.zohoapis.eu", expires_in: 3600 });
    nock(ACCOUNTS).post("/oauth/v2/token/revoke").query({ token: "1000.r" }).reply(200, {});
    const grant = await exchangeZohoAuthorizationCode({
      region: "eu",
      clientId: "1000.C",
      clientSecret: CLIENT_SECRET,
      redirectUri: "http://localhost:8721/callback",
      code: "1000.code",
    });
    expect(grant.refreshToken).toBe("1000.r");
    await revokeZohoToken({ region: "eu", token: "1000.r" });
  });
});

describe("errors", () => {
  it("recognises Zoho's error body", () => {
    expect(isZohoErrorBody({ code: "INVALID_TOKEN", details: {}, message: "invalid oauth token", status: "error" })).toBe(true);
    expect(isZohoErrorBody({ error: "invalid_code" })).toBe(false);
    expect(isZohoErrorBody("oops")).toBe(false);
    expect(isZohoErrorBody(null)).toBe(false);
  });

  it("ZohoRecruitApiError names the field Zoho names", () => {
    const e = new ZohoRecruitApiError(
      400,
      { code: "INVALID_DATA", details: { api_name: "Email" }, message: "invalid data", status: "error" },
      "POST /Candidates",
    );
    expect(e.message).toBe("zoho-recruit: POST /Candidates failed with HTTP 400: INVALID_DATA on field Email (invalid data)");
    expect(e).toMatchObject({ name: "ZohoRecruitApiError", status: 400, code: "INVALID_DATA", details: { api_name: "Email" } });
  });

  it("ZohoRecruitApiError reads a body without details", () => {
    const e = new ZohoRecruitApiError(500, { code: "INTERNAL_ERROR", message: "" }, "GET /users");
    expect(e.message).toBe("zoho-recruit: GET /users failed with HTTP 500: INTERNAL_ERROR");
    expect(e.details).toEqual({});
  });
});

describe("rule 9: a scheme passed as auth is pinned to the client's origin", () => {
  it("never sends it to a per-request baseUrl, even on the first request; refuses a scheme for another origin", async () => {
    const auth = apiKey({ header: "X-Test-Key", value: "pinned-test-api-key" });
    const client = createZohoRecruitClient({ auth, region: "eu" });
    const get = client.GET as (path: string, init: object) => Promise<unknown>;
    await expect(get("/users", { baseUrl: "https://evil.example.com" })).rejects.toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
    const other = apiKey({ header: "X-Test-Key", value: "pinned-test-api-key", apiBaseUrl: "https://evil.example.com" });
    expect(() => createZohoRecruitClient({ auth: other, region: "eu" })).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION", option: "auth" }),
    );
    expect(pinOrigin(auth, "https://recruit.zoho.eu").apiOrigin).toBe("https://recruit.zoho.eu");
  });
});
