import { apiKey, pinOrigin } from "@hirekit/auth-middleware";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import { createSterlingClient, STERLING_BASE_URLS, SterlingApiError, type SterlingEnvironment } from "../src/index.js";

const HOST = "https://api.us.int.sterlingcheck.app";
const auth = { clientId: "test-client", clientSecret: "sterling-test-secret" };

useNock();

/** Sterling's token endpoint: one token, whatever the number of calls that follow. */
function token(host = HOST, value = "sterling-token") {
  nock(host)
    .post("/v2/oauth", "grant_type=client_credentials")
    .matchHeader("authorization", `Basic ${Buffer.from("test-client:sterling-test-secret").toString("base64")}`)
    .once()
    .reply(200, { access_token: value, token_type: "bearer", expires_in: "36000" });
}
const api = (host = HOST) => nock(host, { reqheaders: { authorization: "Bearer sterling-token" } });
const client = () => createSterlingClient({ auth, environment: "integration" });

describe("one operation per tag, on the wire", () => {
  it("Packages: lists packages (a bare array)", async () => {
    token();
    api()
      .get("/v2/packages")
      .reply(200, [{ id: "1", title: "Basic", active: true, requiredFields: ["ssn", "dob"] }]);
    const { data } = await client().GET("/packages");
    expect(data?.[0]?.requiredFields).toEqual(["ssn", "dob"]);
  });

  it("Candidates: creates a candidate with a JSON body and reads the 201", async () => {
    token();
    const body = {
      givenName: "Jane",
      familyName: "Doe",
      email: "jane@example.com",
      clientReferenceId: "emp-1234",
      dob: "1990-01-31",
      address: {
        addressLine: "1 Main St",
        municipality: "Nashville",
        regionCode: "US-TN",
        postalCode: "37201",
        countryCode: "US",
      },
    };
    api()
      .post("/v2/candidates", body)
      .matchHeader("content-type", "application/json")
      .reply(201, { id: "c-uuid", ...body, screeningIds: [] });
    const { data, response } = await client().POST("/candidates", { body });
    expect(response.status).toBe(201);
    expect(data?.id).toBe("c-uuid");
  });

  it("Candidates: looks a candidate up by email, with the query serialised as Sterling expects", async () => {
    token();
    api()
      .get("/v2/candidates")
      .query({ email: "jane@example.com" })
      .reply(200, [{ id: "c-uuid", email: "jane@example.com" }]);
    const { data } = await client().GET("/candidates", { params: { query: { email: "jane@example.com" } } });
    expect(data?.map((c) => c.id)).toEqual(["c-uuid"]);
  });

  it("Screenings: orders a screening with an idempotency key and a callback", async () => {
    token();
    api()
      .post("/v2/screenings", {
        candidateId: "c-uuid",
        packageId: "1",
        invite: { method: "link" },
        callback: { uri: "https://hooks.example.com/sterling" },
      })
      .matchHeader("idempotency-key", "0b6c9d1e-2f0a-4c55-9f37-6b1f3a9e0d11")
      .reply(201, {
        id: "900001",
        candidateId: "c-uuid",
        packageId: "1",
        status: "Pending",
        invite: { method: "link", link: "https://portal" },
      });
    const { data } = await client().POST("/screenings", {
      params: { header: { "idempotency-key": "0b6c9d1e-2f0a-4c55-9f37-6b1f3a9e0d11" } },
      body: {
        candidateId: "c-uuid",
        packageId: "1",
        invite: { method: "link" },
        callback: { uri: "https://hooks.example.com/sterling" },
      },
    });
    expect(data?.invite?.link).toBe("https://portal");
  });

  it("Reports: surfaces 422 not-yet-complete as a typed error body", async () => {
    token();
    api()
      .post("/v2/screenings/900001/report-links")
      .reply(422, { errors: [{ code: "422#not-yet-complete", message: "Screening is not complete" }] });
    const { data, error, response } = await client().POST("/screenings/{screeningId}/report-links", {
      params: { path: { screeningId: "900001" } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(422);
    expect(error?.errors?.[0]?.code).toBe("422#not-yet-complete");
  });

  it("Reports: downloads the PDF report as binary", async () => {
    token();
    const pdf = Buffer.from("%PDF-1.7 report");
    api()
      .get("/v2/screenings/900001/report")
      .matchHeader("accept", "application/pdf")
      .reply(200, pdf, { "content-type": "application/pdf" });
    const { data } = await client().GET("/screenings/{screeningId}/report", {
      params: { path: { screeningId: "900001" } },
      headers: { Accept: "application/pdf" },
      parseAs: "arrayBuffer",
    });
    expect(Buffer.from(data as ArrayBuffer).equals(pdf)).toBe(true);
  });

  it("Documents: uploads a binary document with its type headers", async () => {
    token();
    const bytes = new TextEncoder().encode("%PDF-1.7 signed consent");
    let received: unknown;
    api()
      .post("/v2/screenings/900001/documents")
      .matchHeader("documenttype", "consent")
      .matchHeader("party", "candidate")
      .matchHeader("content-type", "application/octet-stream")
      .reply(201, (_uri, body) => {
        received = body;
        return { id: "doc-1" };
      });
    const { data } = await client().POST("/screenings/{screeningId}/documents", {
      params: { path: { screeningId: "900001" }, header: { documentType: "consent", party: "candidate" } },
      body: bytes as unknown as string,
      bodySerializer: (b) => b as unknown as BodyInit,
      headers: { "Content-Type": "application/octet-stream" },
    });
    expect(data?.id).toBe("doc-1");
    expect(received).toBe("%PDF-1.7 signed consent");
  });

  it("Identity: starts a knowledge-based verification", async () => {
    token();
    api()
      .post("/v2/identities", { candidateId: "c-uuid", type: "kba" })
      .reply(201, {
        id: "idv-1",
        candidateId: "c-uuid",
        type: "kba",
        status: "pending",
        kba: { questions: [{ id: "q1", prompt: "Which street?", answers: ["A", "B"] }] },
      });
    const { data } = await client().POST("/identities", { body: { candidateId: "c-uuid", type: "kba" } });
    expect(data?.kba?.questions?.[0]?.prompt).toBe("Which street?");
  });

  it("Codes: reads billing codes in the v1 SDK's { billingCodes } envelope and as a bare array", async () => {
    token();
    api()
      .get("/v2/billing-codes")
      .reply(200, { billingCodes: ["CC-1", "CC-2"] });
    api().get("/v2/billing-codes").reply(200, ["CC-3"]);
    const c = client();
    const wrapped = (await c.GET("/billing-codes")).data;
    const bare = (await c.GET("/billing-codes")).data;
    const codes = (list: typeof wrapped) => (list === undefined ? [] : Array.isArray(list) ? list : list.billingCodes);
    expect(codes(wrapped)).toEqual(["CC-1", "CC-2"]);
    expect(codes(bare)).toEqual(["CC-3"]);
  });

  it("Codes: reads reference codes in the v1 SDK's { referenceCodes } envelope", async () => {
    token();
    api()
      .get("/v2/reference-codes")
      .reply(200, { referenceCodes: [{ code: "RC-1" }] });
    const { data } = await client().GET("/reference-codes");
    expect(data !== undefined && !Array.isArray(data) ? data.referenceCodes : data).toEqual([{ code: "RC-1" }]);
  });

  it("uses one token for many calls", async () => {
    token();
    api().get("/v2/packages").times(20).reply(200, []);
    const c = client();
    await Promise.all(Array.from({ length: 20 }, () => c.GET("/packages")));
  });
});

describe("paginate", () => {
  const people = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `c-${from + i}`, email: `p${from + i}@example.com` }));

  it("walks limit/offset to a short last page", async () => {
    token();
    api().get("/v2/candidates").query({ familyName: "Doe", limit: "50", offset: "0" }).reply(200, people(0, 50));
    api().get("/v2/candidates").query({ familyName: "Doe", limit: "50", offset: "50" }).reply(200, people(50, 50));
    api().get("/v2/candidates").query({ familyName: "Doe", limit: "50", offset: "100" }).reply(200, people(100, 7));
    const ids: string[] = [];
    for await (const c of client().paginate("/candidates", { params: { query: { familyName: "Doe", limit: 50 } } }))
      ids.push(c.id);
    expect(ids).toHaveLength(107);
    expect(ids[106]).toBe("c-106");
  });

  it("ends at once on an empty list", async () => {
    token();
    api().get("/v2/screenings").query({ limit: "100", offset: "0" }).reply(200, []);
    const items = [];
    for await (const s of client().paginate("/screenings")) items.push(s);
    expect(items).toEqual([]);
  });

  it("stops after maxItems without fetching further pages", async () => {
    token();
    api().get("/v2/candidates").query({ limit: "10", offset: "0" }).reply(200, people(0, 10));
    const ids: string[] = [];
    for await (const c of client().paginate("/candidates", { params: { query: { limit: 10 } } }, { maxItems: 4 })) ids.push(c.id);
    expect(ids).toEqual(["c-0", "c-1", "c-2", "c-3"]);
  });

  it("throws SterlingApiError with the field errors when a page fails", async () => {
    token();
    api()
      .get("/v2/candidates")
      .query(true)
      .reply(400, { errors: [{ code: "400#limit?format", message: "limit must be a number" }] });
    const iterate = async () => {
      for await (const _ of client().paginate("/candidates")) {
        // no item
      }
    };
    const err = await iterate().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SterlingApiError);
    expect(err).toMatchObject({ status: 400, errors: [{ field: "limit", reason: "format" }] });
  });
});

describe("factory options", () => {
  it.each(Object.entries(STERLING_BASE_URLS))("environment %s talks to %s", async (environment, base) => {
    const host = new URL(base).origin;
    token(host);
    api(host).get("/v2/billing-codes").reply(200, []);
    const c = createSterlingClient({ auth, environment: environment as SterlingEnvironment });
    expect((await c.GET("/billing-codes")).response.status).toBe(200);
  });

  it("takes a baseUrl override for proxies and local fakes", async () => {
    token("https://sterling-proxy.internal.example");
    api("https://sterling-proxy.internal.example").get("/v2/packages").reply(200, []);
    const c = createSterlingClient({ auth, environment: "production", baseUrl: "https://sterling-proxy.internal.example/v2" });
    expect((await c.GET("/packages")).data).toEqual([]);
  });

  it("refuses a plain-http base URL to a remote host at construction", () => {
    expect(() =>
      createSterlingClient({ auth, environment: "production", baseUrl: "http://sterling.example.com/v2" }),
    ).toThrowError(expect.objectContaining({ code: "INSECURE_URL" }));
  });

  it("fails requests after dispose", async () => {
    const c = client();
    await c.dispose();
    await expect(c.GET("/packages")).rejects.toMatchObject({ code: "DISPOSED" });
  });
});

describe("rule 9: a scheme passed as auth is pinned to the client's origin", () => {
  it("never sends it to a per-request baseUrl, even on the first request; refuses a scheme for another origin", async () => {
    const auth = apiKey({ header: "X-Test-Key", value: "pinned-test-api-key" });
    const client = createSterlingClient({ auth, environment: "integration" });
    const get = client.GET as (path: string, init: object) => Promise<unknown>;
    await expect(get("/candidates", { baseUrl: "https://evil.example.com" })).rejects.toMatchObject({
      code: "ORIGIN_NOT_ALLOWED",
    });
    const other = apiKey({ header: "X-Test-Key", value: "pinned-test-api-key", apiBaseUrl: "https://evil.example.com" });
    expect(() => createSterlingClient({ auth: other, environment: "integration" })).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTION", option: "auth" }),
    );
    expect(pinOrigin(auth, "https://api.us.int.sterlingcheck.app").apiOrigin).toBe("https://api.us.int.sterlingcheck.app");
  });
});
