import { afterEach, describe, expect, it } from "vitest";
import { type FakeBullhorn, startFakeBullhorn } from "../src/index.js";
import { runFake } from "../src/server.js";
import { specValidator } from "../src/validator.js";
import { luceneMatcher, whereMatcher } from "../src/vendors/bullhorn-match.js";
import { manualClock, sendJson } from "./helpers.js";

let fake: FakeBullhorn | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

type Json = Record<string, unknown> & { data?: unknown };
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });

/** A login-flow call as a careful client makes it: redirects not followed by fetch, a 307 followed once by hand. */
async function loginFlowCall(url: string, method = "GET"): Promise<{ response: Response; redirected: string | undefined }> {
  const first = await fetch(url, { method, redirect: "manual" });
  if (first.status !== 307) return { response: first, redirected: undefined };
  const location = first.headers.get("location") as string;
  return { response: await fetch(location, { method, redirect: "manual" }), redirected: location };
}

const tokenUrl = (oauthUrl: string, params: Record<string, string>) => `${oauthUrl}/token?${new URLSearchParams(params)}`;

/** Refresh grant with the fake's client. */
const refresh = (f: FakeBullhorn, refreshToken: string) =>
  fetch(
    tokenUrl(f.dataCentre.oauthUrl, {
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: f.credentials.clientId,
      client_secret: f.credentials.clientSecret,
    }),
    { method: "POST" },
  ).then(read);

/** A REST session from the seeded refresh token. */
async function session(f: FakeBullhorn, ttl?: number) {
  const token = await refresh(f, f.credentials.refreshToken);
  const login = await fetch(
    `${f.dataCentre.restUrl}/login?version=*&access_token=${token.body.access_token}${ttl === undefined ? "" : `&ttl=${ttl}`}`,
  ).then(read);
  const restUrl = login.body.restUrl as string;
  const headers = { BhRestToken: login.body.BhRestToken as string };
  return {
    token: token.body,
    restUrl,
    headers,
    get: (path: string) => fetch(`${restUrl}${path}`, { headers }).then(read),
    send: (method: string, path: string, body?: unknown) => sendJson(method, `${restUrl}${path}`, body, headers).then(read),
  };
}

describe("fake Bullhorn", () => {
  it("carries a client from discovery through consent, 307s, rotation, login, paging, expiry and logout", async () => {
    const clock = manualClock();
    // revokeOnReuse off: the reuse below is refused without ending the grant (the next test revokes).
    fake = await startFakeBullhorn({
      clock: clock.now,
      discoverWrongDataCentre: true,
      tokenLifetimeSeconds: 300,
      revokeOnReuse: false,
    });
    const { clientId, clientSecret, username } = fake.credentials;

    // Discovery names the wrong data centre (the knob); its login-flow calls answer 307 to the right one.
    const info = await fetch(`${fake.discoveryUrl}/loginInfo?username=${username}`).then(read);
    expect(info).toEqual({ status: 200, body: fake.wrongDataCentre });
    const { oauthUrl, restUrl } = info.body as { oauthUrl: string; restUrl: string };

    // Consent: the browser is sent back to the redirect URI with a code and the same state.
    const redirectUri = "http://127.0.0.1:8787/callback";
    const consent = await loginFlowCall(
      `${oauthUrl}/authorize?${new URLSearchParams({ client_id: clientId, response_type: "code", redirect_uri: redirectUri, state: "s1" })}`,
    );
    expect(consent.redirected?.startsWith(`${fake.dataCentre.oauthUrl}/authorize?`)).toBe(true);
    expect(consent.response.status).toBe(302);
    const back = new URL(consent.response.headers.get("location") as string);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get("state")).toBe("s1");
    const code = back.searchParams.get("code") as string;

    // Code exchange on the wrong data centre: 307 with the same query, then tokens.
    const exchange = await loginFlowCall(
      tokenUrl(oauthUrl, {
        grant_type: "authorization_code",
        code,
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uri: redirectUri,
      }),
      "POST",
    );
    expect(exchange.redirected?.startsWith(`${fake.dataCentre.oauthUrl}/token?`)).toBe(true);
    const tokens = await read(exchange.response);
    expect(tokens).toMatchObject({ status: 200, body: { token_type: "Bearer", expires_in: 600 } });
    // A code is good once.
    const again = await loginFlowCall(
      tokenUrl(fake.dataCentre.oauthUrl, {
        grant_type: "authorization_code",
        code,
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uri: redirectUri,
      }),
      "POST",
    );
    expect(await read(again.response)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });

    // Rotation: each refresh answers a new refresh token and kills the one sent.
    const first = tokens.body.refresh_token as string;
    const rotated = await refresh(fake, first);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(first);
    expect(await refresh(fake, first)).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "refresh token already used" },
    });

    // Login on the wrong data centre: 307, then the session and the corporation's base URL.
    const login = await loginFlowCall(`${restUrl}/login?version=*&access_token=${tokens.body.access_token}`);
    expect(login.redirected?.startsWith(`${fake.dataCentre.restUrl}/login?`)).toBe(true);
    const opened = await read(login.response);
    expect(opened).toEqual({ status: 200, body: { BhRestToken: expect.any(String), restUrl: `${fake.url}/` } });
    const base = opened.body.restUrl as string;
    const headers = { BhRestToken: opened.body.BhRestToken as string };
    const get = (path: string) => fetch(`${base}${path}`, { headers }).then(read);

    // Calls with the session: create, read, update.
    const created = await sendJson(
      "PUT",
      `${base}entity/Candidate`,
      { firstName: "Ada", lastName: "Lovelace", name: "Ada Lovelace" },
      headers,
    ).then(read);
    expect(created).toMatchObject({ status: 200, body: { changedEntityType: "Candidate", changeType: "INSERT" } });
    const id = created.body.changedEntityId as number;
    const updated = await sendJson("POST", `${base}entity/Candidate/${id}`, { status: "Interviewing" }, headers).then(read);
    expect(updated.body).toEqual({ changedEntityType: "Candidate", changedEntityId: id, changeType: "UPDATE" });
    expect(await get(`entity/Candidate/${id}?fields=firstName,status,owner(id)`)).toEqual({
      status: 200,
      body: { data: { id, firstName: "Ada", status: "Interviewing" } },
    });

    // Paging through search with start/count/total until start + count reaches total.
    const names: string[] = [];
    const pages: string[] = [];
    for (let start = 0; ; ) {
      const page = await get(`search/Candidate?query=isDeleted:0&fields=id,lastName&sort=lastName&start=${start}&count=2`);
      const { total, count, data } = page.body as { total: number; count: number; data: { lastName: string; _score: number }[] };
      pages.push(`${start}+${count}/${total}`);
      names.push(...data.map((c) => c.lastName));
      start += count;
      if (start >= total || count === 0) break;
    }
    expect(pages).toEqual(["0+2/6", "2+2/6", "4+2/6"]);
    expect(names).toEqual(["Chen", "Doe", "Garcia", "Lovelace", "Okafor", "Smith"]);

    // The session ages while idle; ping tells when it ends; past that, 401 with Bullhorn's body.
    clock.advance(200_000);
    expect(await get("ping")).toEqual({ status: 200, body: { sessionExpires: clock.now() + 300_000 } });
    clock.advance(299_000);
    expect((await get("ping")).status).toBe(200);
    clock.advance(300_000);
    expect(await get("ping")).toEqual({
      status: 401,
      body: {
        errorMessage: "Bad or timed-out BhRestToken: log in again",
        errorMessageKey: "errors.authentication.invalidRestToken",
        errorCode: 401,
      },
    });

    // A new session (the access token is past its 10 minutes: refresh first), then logout ends it.
    const stale = await fetch(`${fake.dataCentre.restUrl}/login?version=*&access_token=${tokens.body.access_token}`).then(read);
    expect(stale.body).toMatchObject({ errorMessage: "Invalid or expired OAuth access token.", errorCode: 400 });
    const fresh = await refresh(fake, rotated.body.refresh_token as string);
    const relogin = await fetch(`${fake.dataCentre.restUrl}/login?version=2.0&access_token=${fresh.body.access_token}`).then(
      read,
    );
    const next = { BhRestToken: relogin.body.BhRestToken as string };
    expect(await fetch(`${base}logout`, { headers: next }).then(read)).toEqual({ status: 200, body: { logout: "OK" } });
    expect((await fetch(`${base}ping`, { headers: next })).status).toBe(401);
    expect(await fetch(`${base}ping`).then(read)).toMatchObject({ status: 412, body: { errorCode: 412 } });

    expect(fake.stats()).toMatchObject({
      tokenRequests: { authorizationCode: 2, refreshToken: 3 },
      refreshTokenReuses: 1,
      grantsRevoked: 0,
      logins: 2,
      loginsRefused: 1,
      redirects: 3,
      invalid: 0,
    });
    // API calls only: create, update, read, three pages, two pings (logout is a token call).
    expect(fake.stats().statuses).toEqual({ 200: 8, 401: 2, 412: 1 });
    // The log holds no credential.
    const log = JSON.stringify(fake.requests);
    for (const secret of [clientSecret, code, first, headers.BhRestToken, tokens.body.access_token as string]) {
      expect(log).not.toContain(secret);
    }
  });

  it("revokes the grant when a spent refresh token comes back, unless told not to", async () => {
    fake = await startFakeBullhorn();
    const a = await refresh(fake, fake.credentials.refreshToken);
    await refresh(fake, fake.credentials.refreshToken);
    // The grant is gone: the live refresh token is refused too.
    expect(await refresh(fake, a.body.refresh_token as string)).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_description: "the grant was revoked" },
    });

    const redirectUri = "http://127.0.0.1:9/cb";
    fake.set({ revokeOnReuse: false });
    const exchange = (code: string, redirect = redirectUri, secret = fake?.credentials.clientSecret as string) =>
      fetch(
        tokenUrl(fake?.dataCentre.oauthUrl as string, {
          grant_type: "authorization_code",
          code,
          client_id: fake?.credentials.clientId as string,
          client_secret: secret,
          redirect_uri: redirect,
        }),
        { method: "POST" },
      ).then(read);
    expect(await exchange(fake.issueAuthorizationCode(redirectUri), "http://127.0.0.1:9/other")).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    });
    expect(await exchange(fake.issueAuthorizationCode(redirectUri), redirectUri, "wrong")).toMatchObject({
      status: 401,
      body: { error: "invalid_client" },
    });
    const granted = await exchange(fake.issueAuthorizationCode(redirectUri));
    const b = await refresh(fake, granted.body.refresh_token as string);
    expect((await refresh(fake, granted.body.refresh_token as string)).status).toBe(400);
    expect((await refresh(fake, b.body.refresh_token as string)).status).toBe(200);
    expect(await refresh(fake, "never-issued")).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(fake.stats()).toMatchObject({ refreshTokenReuses: 2, grantsRevoked: 1, tokensRefused: 6 });
  });

  it("lets exactly one of several simultaneous refreshes with the same token through", async () => {
    fake = await startFakeBullhorn({ latencyMs: 20 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => refresh(fake as FakeBullhorn, fake?.credentials.refreshToken as string)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400, 400, 400]);
    expect(fake.stats()).toMatchObject({
      tokenRequests: { refreshToken: 5 },
      refreshTokenReuses: 4,
      grantsRevoked: 1,
      tokensIssued: 1,
    });
    // The winner's new refresh token died with the grant.
    const winner = answers.find((a) => a.status === 200);
    expect((await refresh(fake, winner?.body.refresh_token as string)).body.error_description).toBe("the grant was revoked");
  });

  it("ages access tokens and sessions on the fake's clock, each on its own: accessTokenLifetimeSeconds, ttl, expireSessions, expireTokens", async () => {
    const clock = manualClock();
    fake = await startFakeBullhorn({ clock: clock.now, accessTokenLifetimeSeconds: 60 });
    const token = await refresh(fake, fake.credentials.refreshToken);
    expect(token.body.expires_in).toBe(60);
    const login = (access: unknown, ttl = "") =>
      fetch(`${fake?.dataCentre.restUrl}/login?version=*&access_token=${access}${ttl}`).then(read);
    const withTtl = await login(token.body.access_token, "&ttl=30");
    const headers = { BhRestToken: withTtl.body.BhRestToken as string };
    expect(await fetch(`${fake.url}/ping`, { headers }).then(read)).toEqual({
      status: 200,
      body: { sessionExpires: clock.now() + 30 * 60_000 },
    });
    clock.advance(60_000);
    expect((await login(token.body.access_token)).status).toBe(400);
    fake.set({ accessTokenLifetimeSeconds: 120 });
    const second = await refresh(fake, token.body.refresh_token as string);
    expect(second.body.expires_in).toBe(120);
    // The 30-minute session outlives the access token that opened it, until expireSessions().
    expect((await fetch(`${fake.url}/ping`, { headers })).status).toBe(200);
    fake.expireSessions();
    expect((await fetch(`${fake.url}/ping`, { headers })).status).toBe(401);
    // The access token outlives the sessions: it opens a new one, until expireTokens() ends both.
    const again = await login(second.body.access_token);
    expect(again.status).toBe(200);
    fake.expireTokens();
    expect((await fetch(`${fake.url}/ping`, { headers: { BhRestToken: again.body.BhRestToken as string } })).status).toBe(401);
    expect((await login(second.body.access_token)).status).toBe(400);
    // Every login attempt is counted: accepted and refused.
    expect(fake.stats()).toMatchObject({ logins: 2, loginsRefused: 2, tokenRequests: { refreshToken: 2 } });
  });

  it("serves entities: get/create/update/delete, query, meta, files, associations and event subscriptions", async () => {
    fake = await startFakeBullhorn();
    const s = await session(fake);
    const job = fake.records("JobOrder")[0] as { id: number };
    const [jane, john] = fake.records("Candidate") as [{ id: number }, { id: number }];

    // An event subscription sees the changes that follow.
    const sub = await s.send(
      "PUT",
      "event/subscription/hirekit?type=entity&names=Candidate,JobOrder&eventTypes=INSERTED,UPDATED,DELETED",
    );
    expect(sub).toMatchObject({ status: 200, body: { subscriptionId: "hirekit", lastRequestId: 0 } });
    expect((await s.send("PUT", "event/subscription/hirekit?type=entity&names=Candidate&eventTypes=INSERTED")).status).toBe(400);
    expect((await s.send("PUT", "event/subscription/x?type=jobMatchSearch")).status).toBe(400);
    expect((await s.send("PUT", "event/subscription/x?type=entity")).status).toBe(400);
    expect((await s.send("PUT", "event/subscription/x?type=entity&names=Nope&eventTypes=INSERTED")).status).toBe(400);

    // query: where subset, POST form, orderBy, total.
    const open = await s.get(
      `query/JobOrder?where=${encodeURIComponent("isOpen = true AND title <> 'Data Analyst'")}&fields=title&orderBy=-title`,
    );
    expect(open.body).toMatchObject({
      total: 2,
      start: 0,
      count: 2,
      data: [{ title: "Software Engineer" }, { title: "Project Manager" }],
    });
    const posted = await s.send("POST", "query/JobOrder?fields=id", { where: `id IN (${job.id}, 999)` });
    expect(posted.body).toEqual({ total: 1, start: 0, count: 1, data: [{ id: job.id }] });
    expect(await s.get("query/JobOrder?where=title%20LIKE%20'%25x'&fields=id")).toMatchObject({
      status: 400,
      body: { errorMessage: expect.stringContaining("the fake's query supports"), errorCode: 400 },
    });
    expect(await s.get("search/Candidate?query=(a%20OR%20b)&fields=id")).toMatchObject({
      status: 400,
      body: { errorMessage: expect.stringContaining("the fake's search supports") },
    });
    expect(await s.get("search/Candidate?query=isDeleted:0&fields=nope")).toEqual({
      status: 400,
      body: { errorMessage: "Invalid field 'nope' for Candidate", errorMessageKey: "errors.entity.invalidField", errorCode: 400 },
    });
    expect((await s.get("search/Candidate?query=isDeleted:0")).body.errorMessage).toBe("fields or layout is required");
    expect((await s.get("search/Candidate?query=isDeleted:0&fields=id,owner(id")).status).toBe(400);
    expect((await s.get("search/Candidate?query=isDeleted:0&layout=Default")).body.count).toBe(5);

    // Associations: add, refuse a duplicate, list (also read inside the entity), remove.
    expect(await s.send("PUT", `entity/JobOrder/${job.id}/submissions/${jane.id},${john.id}`)).toEqual({
      status: 200,
      body: { changedEntityType: "JobOrder", changedEntityId: job.id, changeType: "ASSOCIATE" },
    });
    expect((await s.send("PUT", `entity/JobOrder/${job.id}/submissions/${jane.id}`)).status).toBe(400);
    expect(await s.get(`entity/JobOrder/${job.id}/submissions?fields=lastName&count=1&start=1`)).toEqual({
      status: 200,
      body: { total: 2, start: 1, count: 1, data: [{ id: john.id, lastName: "Smith" }] },
    });
    expect((await s.get(`entity/JobOrder/${job.id}?fields=submissions[1](id)`)).body.data).toEqual({
      id: job.id,
      submissions: { total: 2, data: [{ id: jane.id }] },
    });
    expect((await s.send("DELETE", `entity/JobOrder/${job.id}/submissions/${jane.id}`)).body.changeType).toBe("DISASSOCIATE");
    expect((await s.get(`entity/JobOrder/${job.id}/submissions`)).body.total).toBe(1);
    expect((await s.get("entity/JobOrder/999/submissions")).status).toBe(404);

    // Files: add as base64 JSON, list, read, delete.
    const upload = {
      externalID: "cv-1",
      fileContent: Buffer.from("Jane's CV").toString("base64"),
      fileType: "SAMPLE",
      name: "cv.txt",
      contentType: "text/plain",
      type: "Resume",
    };
    const added = await s.send("PUT", `file/Candidate/${jane.id}`, upload);
    const fileId = added.body.fileId as number;
    expect(await s.get(`entityFiles/Candidate/${jane.id}`)).toEqual({
      status: 200,
      body: {
        EntityFiles: [
          { id: fileId, type: "Resume", name: "cv.txt", description: null, contentType: "text", contentSubType: "plain" },
        ],
      },
    });
    expect((await s.get(`file/Candidate/${jane.id}/${fileId}`)).body).toEqual({
      File: { contentType: "text/plain", fileContent: upload.fileContent, name: "cv.txt" },
    });
    expect((await s.send("DELETE", `file/Candidate/${jane.id}/${fileId}`)).body).toEqual({ fileId, changeType: "DELETED" });
    expect((await s.get(`file/Candidate/${jane.id}/${fileId}`)).status).toBe(404);
    expect((await s.get("entityFiles/Candidate/999")).status).toBe(404);

    // Delete: soft for Candidate, hard for Placement.
    expect((await s.send("DELETE", `entity/Candidate/${john.id}`)).body.changeType).toBe("DELETE");
    expect((await s.get(`entity/Candidate/${john.id}?fields=isDeleted`)).body.data).toEqual({ id: john.id, isDeleted: true });
    expect((await s.get("search/Candidate?query=isDeleted:0&fields=id")).body.total).toBe(4);
    const placement = await s.send("PUT", "entity/Placement", {
      candidate: { id: jane.id },
      jobOrder: { id: job.id },
      status: "Approved",
    });
    const placementId = placement.body.changedEntityId as number;
    await s.send("DELETE", `entity/Placement/${placementId}`);
    expect((await s.get(`entity/Placement/${placementId}?fields=id`)).status).toBe(404);
    expect((await s.send("POST", "entity/Candidate/999", { status: "x" })).status).toBe(404);
    // ClientCorporation has no delete in the document: 405 before the fake looks.
    expect((await s.send("DELETE", "entity/ClientCorporation/2")).status).toBe(405);

    // meta, from the OpenAPI document's schemas.
    const meta = await s.get("meta/Candidate?fields=id,lastName,owner,categories,address,dateAdded");
    expect(meta.body).toMatchObject({ entity: "Candidate", entityMetaUrl: `${fake.url}/meta/Candidate` });
    expect((meta.body as { fields: unknown[] }).fields).toEqual([
      { name: "id", type: "ID", dataType: "Integer", readonly: true },
      { name: "lastName", type: "SCALAR", dataType: "String", maxLength: 50, readonly: false },
      { name: "address", type: "COMPOSITE", dataType: "Address", readonly: false },
      { name: "owner", type: "TO_ONE", readonly: false },
      { name: "categories", type: "TO_MANY", readonly: false },
      { name: "dateAdded", type: "SCALAR", dataType: "Timestamp", readonly: true },
    ]);
    expect((await s.get("meta")).body).toContainEqual({ entity: "Note", metaUrl: `${fake.url}/meta/Note` });
    expect((await s.get("meta/Opportunity")).status).toBe(404);

    // The events of all that, in batches; a batch can be fetched again by its request id.
    const batch = await s.get("event/subscription/hirekit?maxEvents=3");
    expect(batch.body).toMatchObject({ requestId: 1 });
    expect(
      (batch.body.events as { entityEventType: string; entityName: string }[]).map((e) => `${e.entityName} ${e.entityEventType}`),
    ).toEqual(["JobOrder UPDATED", "JobOrder UPDATED", "Candidate DELETED"]);
    expect((await s.get("event/subscription/hirekit?maxEvents=3&requestId=1")).body).toEqual(batch.body);
    expect((await s.get("event/subscription/hirekit?maxEvents=3&requestId=7")).status).toBe(404);
    expect((await s.get("event/subscription/hirekit?maxEvents=10")).body).toEqual({ events: [] });
    expect((await s.get("event/subscription/hirekit/lastRequestId")).body).toEqual({ result: 1 });
    expect((await s.send("DELETE", "event/subscription/hirekit")).body).toEqual({ result: true });
    expect((await s.get("event/subscription/hirekit?maxEvents=1")).status).toBe(404);

    // Calls the document has and the fake does not implement answer 501.
    expect((await s.get("massUpdate")).status).toBe(501);
    // The one request outside the document: the ClientCorporation DELETE.
    expect(fake.stats().invalid).toBe(1);
  });

  it("accepts the session token as a query parameter or a cookie, and keeps it out of the log", async () => {
    fake = await startFakeBullhorn();
    const s = await session(fake);
    const token = s.headers.BhRestToken;
    expect((await fetch(`${s.restUrl}ping?BhRestToken=${token}`)).status).toBe(200);
    expect((await fetch(`${s.restUrl}ping?BHRestToken=${token}`)).status).toBe(200);
    expect((await fetch(`${s.restUrl}ping`, { headers: { cookie: `other=1; BHRestToken=${token}` } })).status).toBe(200);
    expect(fake.requests.at(-2)?.query).toBe("BHRestToken=[redacted]");
    expect(JSON.stringify(fake.requests)).not.toContain(token);
    // A forced 401 ends the session, as an expiry would.
    fake.set({ failNext: { status: 401 } });
    expect((await s.get("ping")).status).toBe(401);
    expect((await s.get("ping")).status).toBe(401);
  });

  it("checks requests against the OpenAPI document and answers Bullhorn's error bodies", async () => {
    fake = await startFakeBullhorn();
    const s = await session(fake);
    // count above the document's maximum of 500.
    const tooMany = await s.get("search/Candidate?query=isDeleted:0&fields=id&count=1000");
    expect(tooMany).toMatchObject({ status: 400, body: { errorCode: 400, errors: [{ field: "count" }] } });
    expect(fake.requests.at(-1)?.problems).toEqual([
      { in: "query", field: "count", message: 'query parameter "count" must be <= 500' },
    ]);
    // A body that breaks the Candidate schema.
    const bad = await s.send("PUT", "entity/Candidate", { firstName: 42 });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: "firstName", message: '"firstName" must be string' }] } });
    // Candidate has search but no query; an unknown path is a 404.
    expect((await s.get("query/Candidate?where=id%3D1&fields=id")).status).toBe(404);
    // Token and login calls missing what the document requires.
    const noGrant = await fetch(`${fake.dataCentre.oauthUrl}/token?client_id=x&client_secret=y`, { method: "POST" }).then(read);
    expect(noGrant).toMatchObject({
      status: 400,
      body: { error: "invalid_request", error_description: expect.stringContaining("grant_type") },
    });
    expect((await fetch(`${fake.dataCentre.restUrl}/login?access_token=${s.token.access_token}`)).status).toBe(400);
    expect(await fetch(`${fake.discoveryUrl}/loginInfo?username=someone.else`).then(read)).toMatchObject({ status: 400 });
    // The consent page refuses a request it cannot send back, and can be told to deny.
    const authorize = (params: Record<string, string>) =>
      fetch(`${fake?.dataCentre.oauthUrl}/authorize?${new URLSearchParams(params)}`, { redirect: "manual" });
    expect((await authorize({ client_id: "other", response_type: "code", redirect_uri: "http://127.0.0.1:9/cb" })).status).toBe(
      400,
    );
    fake.set({ consent: "deny" });
    const denied = await authorize({
      client_id: fake.credentials.clientId,
      response_type: "code",
      redirect_uri: "http://127.0.0.1:9/cb",
    });
    expect(new URL(denied.headers.get("location") as string).searchParams.get("error")).toBe("access_denied");
    // count, firstName, query/Candidate, grant_type, version.
    expect(fake.stats().invalid).toBe(5);
  });

  it("turns an answer that breaks the document into a 500, so the fake's own tests catch it", async () => {
    const validator = specValidator("bullhorn");
    const ping = validator.match("GET", "/ping");
    if ("in" in ping) throw new Error(ping.message);
    expect(validator.validateAnswer(ping, 200, { sessionExpires: 1 })).toEqual([]);
    expect(validator.validateAnswer(ping, 200, { sessionExpires: "soon" })[0]?.message).toContain("GET /ping 200");
    expect(validator.validateAnswer(ping, 200, undefined)[0]?.message).toBe("the 200 answer of GET /ping has no body");
    expect(validator.validateAnswer(ping, 302, undefined)[0]?.message).toBe("GET /ping declares no 302 answer");
    const token = validator.match("POST", "/oauth/token");
    if ("in" in token) throw new Error(token.message);
    expect(validator.validateAnswer(token, 307, { a: 1 })[0]?.message).toContain("has no body in the document");

    // A vendor behaviour whose ping answers the wrong type: the server answers 500 instead.
    const broken = await runFake({
      vendor: "bullhorn",
      basePath: "",
      aging: "absolute",
      defaultLifetimeSeconds: 60,
      checkAnswers: true,
      tokenCall: () => undefined,
      token: () => ({ status: 500 }),
      authenticate: () => "t",
      error: (status, message) => ({ status, body: { errorMessage: message, errorCode: status } }),
      api: () => ({ status: 200, body: { sessionExpires: "soon" } }),
    });
    try {
      const res = await fetch(`${broken.url}/ping`).then(read);
      expect(res.status).toBe(500);
      expect(res.body.errorMessage).toMatch(
        /^the fake's answer breaks the OpenAPI document: GET \/ping 200: "sessionExpires" must be integer/,
      );
    } finally {
      await broken.close();
    }
  });

  it("routes without the OpenAPI check too, and validates its options", async () => {
    fake = await startFakeBullhorn({ validateRequests: false, corpToken: "corp_2" });
    const s = await session(fake);
    expect(s.restUrl).toBe(`${fake.url}/`);
    expect(fake.url.endsWith("/rest-services/corp_2")).toBe(true);
    expect((await s.get("search/Candidate?query=lastName:doe&fields=id")).body.total).toBe(1);
    expect((await s.get("nothing/here")).status).toBe(501);
    expect((await fetch(`${fake.dataCentre.restUrl}/other/ping`, { headers: s.headers })).status).toBe(501);

    for (const [options, option] of [
      [{ clientId: "" }, "clientId"],
      [{ corpToken: "a/b" }, "corpToken"],
      [{ accessTokenLifetimeSeconds: 0 }, "accessTokenLifetimeSeconds"],
      [{ revokeOnReuse: "yes" }, "revokeOnReuse"],
      [{ consent: "maybe" }, "consent"],
    ] as const) {
      await expect(startFakeBullhorn(options as never)).rejects.toMatchObject({ code: "INVALID_OPTION", option });
    }
    // A bad Bullhorn knob throws before the common ones in the same call change anything.
    expect(() => fake?.set({ failNext: { status: 503 }, discoverWrongDataCentre: 1 as never })).toThrow(
      expect.objectContaining({ option: "discoverWrongDataCentre" }),
    );
    expect((await s.get("ping")).status).toBe(200);
    expect(() => fake?.set(null as never)).toThrow(expect.objectContaining({ option: "knobs" }));
  });
});

describe("the fake's query languages", () => {
  const rows = [
    { id: 1, name: "Jane Doe", isDeleted: false, salary: 100, owner: { id: 7 } },
    { id: 2, name: "John O'Hara", salary: 250, owner: { id: 8 } },
    { id: 3, name: "Janet Smith", isDeleted: true, salary: 50 },
  ];
  const ids = (matcher: ReturnType<typeof luceneMatcher>) =>
    typeof matcher === "function" ? rows.filter(matcher).map((r) => r.id) : matcher.unsupported;

  it("Lucene: field:value word by word, phrases, prefixes, ranges, NOT and AND", () => {
    expect(ids(luceneMatcher("id:2"))).toEqual([2]);
    expect(ids(luceneMatcher("name:jane"))).toEqual([1]);
    expect(ids(luceneMatcher('name:"jane doe"'))).toEqual([1]);
    expect(ids(luceneMatcher("name:jan*"))).toEqual([1, 3]);
    expect(ids(luceneMatcher("salary:[100 TO *]"))).toEqual([1, 2]);
    expect(ids(luceneMatcher("isDeleted:0 AND NOT owner.id:8"))).toEqual([1]);
    expect(ids(luceneMatcher("isDeleted:false AND -salary:[* TO 100]"))).toEqual([2]);
    expect(ids(luceneMatcher("isDeleted:true"))).toEqual([3]);
    expect(ids(luceneMatcher("id:"))).toMatch(/got "id:"/);
    for (const query of ["", "a OR b", "id:1 AND", 'name:"open', "salary:[a TO b]", "name:j*n", "name:x~", "id:1 id:2"]) {
      expect(typeof luceneMatcher(query)).toBe("object");
    }
  });

  it("where: comparisons, IN, NOT IN, strings with quotes, booleans as 0/1, AND", () => {
    expect(ids(whereMatcher("salary >= 100 AND isDeleted = 0"))).toEqual([1, 2]);
    expect(ids(whereMatcher("name = 'john o''hara'"))).toEqual([2]);
    expect(ids(whereMatcher("id IN (1, 3) AND salary < 100"))).toEqual([3]);
    expect(ids(whereMatcher("id NOT IN (1)"))).toEqual([2, 3]);
    expect(ids(whereMatcher("owner.id <> 7"))).toEqual([2, 3]);
    expect(ids(whereMatcher("salary != 50 AND salary <= 100 AND salary > 0"))).toEqual([1]);
    expect(ids(whereMatcher("isDeleted = true"))).toEqual([3]);
    expect(ids(whereMatcher("name > 1"))).toEqual([]);
    for (const where of ["", "id = ", "id IN (x)", "name = 'open", "(id = 1", "id LIKE 1", "id = 1 AND "]) {
      expect(typeof whereMatcher(where)).toBe("object");
    }
  });
});
