import { createSterlingClient } from "@hirekit/sterling";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeSterling, startFakeSterling } from "../src/index.js";
import { basic, manualClock, postForm, sendJson } from "./helpers.js";

let fake: FakeSterling | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function token(f: FakeSterling): Promise<string> {
  const res = await postForm(
    `${f.url}/oauth`,
    { grant_type: "client_credentials" },
    { authorization: basic(f.credentials.clientId, f.credentials.clientSecret) },
  );
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("fake Sterling", () => {
  it("plugs into createSterlingClient in one line and serves packages, candidates and screenings", async () => {
    fake = await startFakeSterling();
    const sterling = createSterlingClient(fake.clientOptions);
    const { data: packages } = await sterling.GET("/packages");
    expect(packages?.map((p) => p.id)).toEqual(["pkg-basic", "pkg-plus"]);
    const { data: candidate, response } = await sterling.POST("/candidates", {
      body: { givenName: "Jane", familyName: "Doe", email: "jane@example.com", clientReferenceId: "emp-1" },
    });
    expect(response.status).toBe(201);
    const { data: order } = await sterling.POST("/screenings", {
      body: { candidateId: candidate?.id as string, packageId: "pkg-basic" },
    });
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = await sterling.GET("/screenings/{screeningId}", {
        params: { path: { screeningId: order?.id as string } },
      });
      statuses.push(`${data?.status}${data?.result ? `/${data.result}` : ""}`);
    }
    expect(statuses).toEqual(["Pending", "In Progress", "Complete/Clear"]);
    expect(fake.screenings).toHaveLength(1);
    expect(fake.stats()).toMatchObject({ tokensIssued: 1, invalid: 0 });
    await sterling.dispose();
  });

  it("issues tokens only for HTTP Basic client credentials, with expires_in as a string", async () => {
    fake = await startFakeSterling({ clientId: "id with space", clientSecret: "s:e/c" });
    const encoded = basic(encodeURIComponent("id with space").replace(/%20/g, "+"), encodeURIComponent("s:e/c"));
    const ok = await postForm(`${fake.url}/oauth`, { grant_type: "client_credentials" }, { authorization: encoded });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: "bearer", expires_in: "3600" });
    const raw = await postForm(
      `${fake.url}/oauth`,
      { grant_type: "client_credentials" },
      { authorization: basic("id with space", "s:e/c") },
    );
    expect(raw.status).toBe(200);
    const wrong = await postForm(
      `${fake.url}/oauth`,
      { grant_type: "client_credentials" },
      { authorization: basic("id with space", "nope") },
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ errors: [{ code: "401", message: "invalid client credentials" }] });
    const noHeader = await postForm(`${fake.url}/oauth`, { grant_type: "client_credentials" });
    expect(noHeader.status).toBe(401);
    const inBody = await postForm(
      `${fake.url}/oauth`,
      { grant_type: "client_credentials", client_secret: "s:e/c" },
      { authorization: encoded },
    );
    expect(await inBody.json()).toEqual({ errors: [{ code: "400#client_secret", message: "not accepted in the body" }] });
    // grant_type is an enum in the spec: the OpenAPI check answers before the token logic.
    const grant = await postForm(`${fake.url}/oauth`, { grant_type: "password" }, { authorization: encoded });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toEqual({
      errors: [
        { code: "400#grant_type", message: '"grant_type" must be equal to one of the allowed values ("client_credentials")' },
      ],
    });
    expect(fake.stats()).toMatchObject({ tokensIssued: 2, tokensRefused: 4, invalid: 1 });
  });

  it("expires tokens after tokenLifetimeSeconds on its clock, and the client replays with a new token", async () => {
    const clock = manualClock();
    fake = await startFakeSterling({ clock: clock.now, tokenLifetimeSeconds: 60 });
    const bearer = await token(fake);
    const auth = { authorization: `Bearer ${bearer}` };
    expect((await fetch(`${fake.url}/packages`, { headers: auth })).status).toBe(200);
    clock.advance(60_000);
    const expired = await fetch(`${fake.url}/packages`, { headers: auth });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ errors: [{ code: "401", message: "invalid or expired token" }] });
    expect((await fetch(`${fake.url}/packages`)).status).toBe(401);
  });

  it("makes the client replay with a new token once the old one expired on the fake's clock", async () => {
    const clock = manualClock();
    fake = await startFakeSterling({ clock: clock.now, tokenLifetimeSeconds: 60 });
    const sterling = createSterlingClient(fake.clientOptions);
    await sterling.GET("/packages");
    clock.advance(60_000);
    const { response } = await sterling.GET("/packages");
    expect(response.status).toBe(200);
    expect(fake.requests.filter((r) => r.kind === "token").length).toBe(2);
    expect(fake.requests.map((r) => `${r.kind} ${r.status}`)).toEqual([
      "token 200",
      "api 200",
      "api 401",
      "token 200",
      "api 200",
    ]);
    expect(fake.stats().retries).toBe(1);
    await sterling.dispose();
  });

  it("answers a request that breaks the OpenAPI document with Sterling's 400 naming the field, and records it", async () => {
    fake = await startFakeSterling();
    const res = await sendJson(
      "POST",
      `${fake.url}/candidates`,
      { givenName: "Jane", familyName: "Doe", clientReferenceId: "emp-1" },
      { authorization: `Bearer ${await token(fake)}` },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ code: "400#email", message: '"email" is required' }] });
    const last = fake.requests.at(-1);
    expect(last).toMatchObject({ method: "POST", path: "/v2/candidates", status: 400, operation: "/candidates" });
    expect(last?.problems).toEqual([{ in: "body", field: "email", message: '"email" is required' }]);
    expect(fake.stats().invalid).toBe(1);
  });

  it("pages bare arrays with limit/offset and answers Sterling's 404 and 409 bodies", async () => {
    fake = await startFakeSterling();
    const sterling = createSterlingClient(fake.clientOptions);
    for (const n of [1, 2, 3]) {
      await sterling.POST("/candidates", {
        body: { givenName: `G${n}`, familyName: "Doe", email: `g${n}@example.com`, clientReferenceId: `emp-${n}` },
      });
    }
    const emails: string[] = [];
    for await (const c of sterling.paginate("/candidates", { params: { query: { limit: 2 } } })) emails.push(c.email as string);
    expect(emails).toEqual(["g1@example.com", "g2@example.com", "g3@example.com"]);
    const pages = fake.requests.filter((r) => r.method === "GET" && r.path === "/v2/candidates").map((r) => r.query);
    expect(pages).toEqual(["limit=2&offset=0", "limit=2&offset=2"]);
    const { data: filtered } = await sterling.GET("/candidates", { params: { query: { email: "g2@example.com" } } });
    expect(filtered?.map((c) => c.givenName)).toEqual(["G2"]);

    const dup = await sterling.POST("/candidates", {
      body: { givenName: "G1", familyName: "Doe", email: "g1@example.com", clientReferenceId: "emp-9" },
    });
    expect(dup.response.status).toBe(409);
    expect(dup.error).toEqual({ errors: [{ code: "409#email?already-in-use", message: "a candidate with this email exists" }] });
    const sameRef = await sterling.POST("/candidates", {
      body: { givenName: "G9", familyName: "Doe", email: "g9@example.com", clientReferenceId: "emp-1" },
    });
    expect([sameRef.response.status, sameRef.error]).toEqual([
      409,
      { errors: [{ code: "409#clientReferenceId?already-in-use", message: "a candidate with this clientReferenceId exists" }] },
    ]);
    const missing = await sterling.GET("/candidates/{candidateId}", { params: { path: { candidateId: "nope" } } });
    expect([missing.response.status, missing.error]).toEqual([
      404,
      { errors: [{ code: "404#candidateId", message: "not found" }] },
    ]);
    await sterling.dispose();
  });

  it("updates candidates, stores documents and refuses screenings for unknown candidates or packages", async () => {
    fake = await startFakeSterling();
    const sterling = createSterlingClient(fake.clientOptions);
    const { data: c } = await sterling.POST("/candidates", {
      body: { givenName: "A", familyName: "B", email: "a@b.c", clientReferenceId: "emp-a" },
    });
    const id = c?.id as string;
    const { data: updated } = await sterling.PUT("/candidates/{candidateId}", {
      params: { path: { candidateId: id } },
      body: { givenName: "Anne", familyName: "B", email: "a@b.c" },
    });
    expect(updated).toMatchObject({ id, givenName: "Anne", familyName: "B" });
    expect((await sterling.GET("/candidates/{candidateId}", { params: { path: { candidateId: id } } })).data?.givenName).toBe(
      "Anne",
    );
    const upload = (candidateId: string) =>
      sterling.POST("/candidates/{candidateId}/documents", {
        params: { path: { candidateId }, header: { documentType: "resume" } },
        body: "%PDF",
        bodySerializer: (b) => b,
        headers: { "content-type": "application/octet-stream" },
      });
    expect((await upload(id)).data).toMatchObject({ id: "doc-1", type: "resume", size: 4 });
    expect((await upload("nope")).response.status).toBe(404);
    const put404 = await sterling.PUT("/candidates/{candidateId}", {
      params: { path: { candidateId: "nope" } },
      body: { givenName: "A", familyName: "B", email: "a@b.c" },
    });
    expect(put404.response.status).toBe(404);
    const noCandidate = await sterling.POST("/screenings", { body: { candidateId: "nope", packageId: "pkg-basic" } });
    expect(noCandidate.error).toEqual({ errors: [{ code: "400#candidateId?not-found", message: "no candidate with this id" }] });
    const noPackage = await sterling.POST("/screenings", { body: { candidateId: id, packageId: "nope" } });
    expect(noPackage.error).toEqual({ errors: [{ code: "400#packageId?not-found", message: "no package with this id" }] });
    const { data: screenings } = await sterling.GET("/screenings");
    expect(screenings).toEqual([]);
    const unknown = await sterling.GET("/screenings/{screeningId}", { params: { path: { screeningId: "1" } } });
    expect(unknown.response.status).toBe(404);
    const notImplemented = await sterling.GET("/reference-codes");
    expect(notImplemented.response.status).toBe(501);
    await sterling.dispose();
  });

  it("validates its options, naming the option", async () => {
    await expect(startFakeSterling({ clientId: "" })).rejects.toMatchObject({ code: "INVALID_OPTION", option: "clientId" });
    await expect(startFakeSterling({ clientSecret: 1 as unknown as string })).rejects.toMatchObject({ option: "clientSecret" });
  });
});
