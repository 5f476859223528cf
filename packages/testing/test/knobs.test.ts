import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeServerBase } from "../src/index.js";
import {
  FakeServerError,
  startFakePCRecruiter,
  startFakeSmartRecruiters,
  startFakeSterling,
  startFakeZohoRecruit,
} from "../src/index.js";
import { basic, postForm, sendJson } from "./helpers.js";

const open: FakeServerBase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

async function sterlingWithToken(options = {}) {
  const fake = await startFakeSterling(options);
  open.push(fake);
  const res = await postForm(
    `${fake.url}/oauth`,
    { grant_type: "client_credentials" },
    { authorization: basic(fake.credentials.clientId, fake.credentials.clientSecret) },
  );
  const token = ((await res.json()) as { access_token: string }).access_token;
  const get = (path = "/packages") => fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { fake, token, get };
}

describe("knobs", () => {
  it("fails the next N API calls with a 429 carrying Retry-After, then answers normally", async () => {
    const { fake, get } = await sterlingWithToken();
    fake.set({ failNext: { status: 429, count: 2, retryAfterSeconds: 7 } });
    const answers = [await get(), await get(), await get()];
    expect(answers.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(answers[0]?.headers.get("retry-after")).toBe("7");
    expect(await answers[0]?.json()).toEqual({ errors: [{ code: "429", message: "too many requests" }] });
    expect(fake.requests.filter((r) => r.forced).length).toBe(2);
    expect(fake.stats()).toMatchObject({ requests: 3, retries: 1, statuses: { 200: 1, 429: 2 } });
  });

  it("forces 5xx (with Retry-After on 503 only) and can be cancelled", async () => {
    const { fake, get } = await sterlingWithToken();
    fake.set({ failNext: { status: 503 } });
    const unavailable = await get();
    expect([unavailable.status, unavailable.headers.get("retry-after")]).toEqual([503, "1"]);
    fake.set({ failNext: { status: 500 } });
    const failed = await get();
    expect([failed.status, failed.headers.get("retry-after")]).toEqual([500, null]);
    fake.set({ failNext: { status: 502, count: 5 } });
    fake.set({ failNext: undefined });
    expect((await get()).status).toBe(200);
  });

  it("a forced 401 revokes the presented token, as a real expiry would", async () => {
    const { fake, get } = await sterlingWithToken();
    fake.set({ failNext: { status: 401 } });
    expect((await get()).status).toBe(401);
    const again = await get();
    expect(again.status).toBe(401);
    expect(fake.requests.at(-1)?.forced).toBe(false);
  });

  it("expireTokens() invalidates every issued token", async () => {
    const { fake, get } = await sterlingWithToken();
    expect((await get()).status).toBe(200);
    fake.expireTokens();
    expect((await get()).status).toBe(401);
  });

  it("delays every answer by latencyMs", async () => {
    const { fake, get } = await sterlingWithToken({ latencyMs: 40 });
    const started = performance.now();
    await get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    fake.set({ latencyMs: 0 });
    const quick = performance.now();
    await get();
    expect(performance.now() - quick).toBeLessThan(35);
  });

  it("changes the lifetime of tokens issued afterwards", async () => {
    const { fake } = await sterlingWithToken();
    fake.set({ tokenLifetimeSeconds: 5 });
    const res = await postForm(
      `${fake.url}/oauth`,
      { grant_type: "client_credentials" },
      { authorization: basic(fake.credentials.clientId, fake.credentials.clientSecret) },
    );
    expect(((await res.json()) as { expires_in: string }).expires_in).toBe("5");
  });

  it.each([
    [{ tokenLifetimeSeconds: 0 }, "tokenLifetimeSeconds"],
    [{ latencyMs: -1 }, "latencyMs"],
    [{ failNext: null }, "failNext"],
    [{ failNext: { status: 404 } }, "failNext.status"],
    [{ failNext: { status: 429, count: 0 } }, "failNext.count"],
    [{ failNext: { status: 429, retryAfterSeconds: 1.5 } }, "failNext.retryAfterSeconds"],
    [{ clock: "now" }, "clock"],
  ])("refuses %o naming the option", async (options, option) => {
    const error = await startFakeSterling(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeServerError);
    expect(error).toMatchObject({ code: "INVALID_OPTION", option });
    expect((error as Error).message).toContain(`"${option}"`);
  });

  it("refuses bad options objects and set() after close()", async () => {
    await expect(startFakeSterling(null as never)).rejects.toMatchObject({ code: "INVALID_OPTION" });
    const { fake } = await sterlingWithToken();
    expect(() => fake.set(null as never)).toThrow(/knobs/);
    await fake.close();
    await fake.close();
    expect(() => fake.set({ latencyMs: 1 })).toThrow(expect.objectContaining({ code: "CLOSED" }));
  });
});

describe("OpenAPI checks", () => {
  it("answers 404 for a path and 405 for a method the spec does not have, and records both", async () => {
    const { fake, token } = await sterlingWithToken();
    const auth = { authorization: `Bearer ${token}` };
    const unknown = await fetch(`${fake.url}/nothing-here`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      errors: [{ code: "404", message: "/nothing-here is not a path of the OpenAPI document" }],
    });
    const method = await fetch(`${fake.url}/packages`, { method: "DELETE", headers: auth });
    expect(method.status).toBe(405);
    const outside = await fetch(`${new URL(fake.url).origin}/elsewhere`, { headers: auth });
    expect(outside.status).toBe(404);
    expect(fake.stats().invalid).toBe(2);
  });

  it("checks query parameter types, the content type, JSON syntax and required bodies", async () => {
    const { fake, token } = await sterlingWithToken();
    const auth = { authorization: `Bearer ${token}` };
    const badLimit = await fetch(`${fake.url}/candidates?limit=many`, { headers: auth });
    expect(badLimit.status).toBe(400);
    expect(fake.requests.at(-1)?.problems).toEqual([
      { in: "query", field: "limit", message: 'query parameter "limit" must be integer' },
    ]);
    const wrongType = await fetch(`${fake.url}/candidates`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/plain" },
      body: "hi",
    });
    expect(fake.requests.at(-1)?.problems[0]?.message).toBe(
      'content type "text/plain" is not accepted; the operation takes application/json',
    );
    expect(wrongType.status).toBe(400);
    await fetch(`${fake.url}/candidates`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "{",
    });
    expect(fake.requests.at(-1)?.problems[0]?.message).toBe("the body is not valid JSON");
    await fetch(`${fake.url}/candidates`, { method: "POST", headers: auth });
    expect(fake.requests.at(-1)?.problems[0]?.message).toBe("a request body is required");
    await sendJson("POST", `${fake.url}/candidates`, { givenName: 1, familyName: "D", email: "e@x" }, auth);
    expect(fake.requests.at(-1)?.problems[0]).toEqual({ in: "body", field: "givenName", message: '"givenName" must be string' });
  });

  it("checks required path, query and header parameters (PCRecruiter) and multipart bodies (SmartRecruiters)", async () => {
    const sr = await startFakeSmartRecruiters({ auth: "apiKey" });
    open.push(sr);
    const key = { "x-smarttoken": "fake-smart-token" };
    const form = new FormData();
    form.append("attachmentType", "RESUME");
    const res = await fetch(`${sr.url}/candidates/abc/attachments`, { method: "POST", headers: key, body: form });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      message: '"file" is required',
      errors: [{ code: "INVALID_FIELD", message: '"file" is required' }],
    });
    const broken = await fetch(`${sr.url}/candidates/abc/attachments`, {
      method: "POST",
      headers: { ...key, "content-type": "multipart/form-data; boundary=x" },
      body: "not multipart",
    });
    expect(broken.status).toBe(400);
    expect(sr.requests.at(-1)?.problems[0]?.message).toBe("the multipart body cannot be parsed");
  });

  it("skips the checks with validateRequests: false", async () => {
    const { fake, token } = await sterlingWithToken({ validateRequests: false });
    const res = await sendJson("POST", `${fake.url}/candidates`, { givenName: "only" }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(201);
    const unknown = await fetch(`${fake.url}/nothing-here`, { headers: { authorization: `Bearer ${token}` } });
    expect(unknown.status).toBe(501);
    // Without the check, a body the handler cannot read is a 500 from the "vendor", logged as such.
    const crash = await fetch(`${fake.url}/screenings`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(crash.status).toBe(500);
    expect(((await crash.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/^the fake failed: TypeError/);
    expect(fake.requests.at(-1)?.status).toBe(500);
  });
});

describe("request log", () => {
  it("never records a credential, token or secret", async () => {
    const pcr = await startFakePCRecruiter();
    const zoho = await startFakeZohoRecruit();
    const sr = await startFakeSmartRecruiters();
    open.push(pcr, zoho, sr);
    const login = pcr.credentials;
    const session = await sendJson("POST", `${pcr.url}/access-token`, {
      Username: login.username,
      Password: login.password,
      DatabaseId: login.databaseId,
      ApiKey: login.apiKey,
      AppId: login.appId,
    });
    const { SessionId } = (await session.json()) as { SessionId: string };
    await fetch(`${pcr.url}/candidatesV2`, { headers: { authorization: `BEARER ${SessionId}` } });
    const { clientId, clientSecret, refreshToken } = zoho.credentials;
    const token = await postForm(`${zoho.accountsUrl}/oauth/v2/token`, {
      grant_type: "refresh_token",
      client_id: clientId,
      client_secret: clientSecret,
      refresh_token: refreshToken,
    });
    const { access_token } = (await token.json()) as { access_token: string };
    await fetch(`${zoho.accountsUrl}/oauth/v2/token/revoke?token=${encodeURIComponent(refreshToken)}`, { method: "POST" });
    await fetch(`${sr.url}/jobs`, { headers: { "x-smarttoken": "fake-smart-token" } });
    const everything =
      JSON.stringify([pcr.requests, zoho.requests, sr.requests]) +
      inspect(
        [pcr, zoho, sr].map((f) => f.requests),
        { depth: 9 },
      );
    for (const secret of [
      login.password,
      login.apiKey,
      SessionId,
      clientSecret,
      refreshToken,
      access_token,
      "fake-smart-token",
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(zoho.requests.at(-1)).toMatchObject({ kind: "revoke", query: "token=[redacted]", status: 200 });
  });
});
