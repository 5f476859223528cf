import nock from "nock";
import { describe, expect, it } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import { createSmartRecruitersClient, SmartRecruitersApiError } from "../src/index.js";

const HOST = "https://api.smartrecruiters.com";
const KEY = "sr-test-api-key-0123456789abcdef";

useNock();

const api = () => nock(HOST, { reqheaders: { "x-smarttoken": KEY } });
const client = (fetch?: typeof globalThis.fetch, retry?: false) =>
  createSmartRecruitersClient({ auth: { apiKey: KEY }, ...(fetch ? { fetch } : {}), ...(retry === false ? { retry } : {}) });
const people = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${from + i}`, email: `p${from + i}@example.com` }));
const postings = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `po${from + i}`, name: `Job ${from + i}` }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("cursor paging (nextPageId)", () => {
  it("follows nextPageId to the last page, keeping the filters", async () => {
    const q = { updatedAfter: "2024-05-01T00:00:00Z", limit: "2" };
    api()
      .get("/candidates")
      .query(q)
      .reply(200, { limit: 2, offset: 0, totalFound: 5, nextPageId: "p2", content: people(0, 2) });
    api()
      .get("/candidates")
      .query({ ...q, pageId: "p2" })
      .reply(200, { limit: 2, offset: 2, totalFound: 5, nextPageId: "p3", content: people(2, 2) });
    api()
      .get("/candidates")
      .query({ ...q, pageId: "p3" })
      .reply(200, { limit: 2, offset: 4, totalFound: 5, content: people(4, 1) });
    const items = await collect(
      client().paginate("/candidates", { params: { query: { updatedAfter: "2024-05-01T00:00:00Z", limit: 2 } } }),
    );
    expect(items.map((c) => c.id)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
  });

  it("asks jobs for sort=job_id and pages of 100 by default", async () => {
    api()
      .get("/jobs")
      .query({ sort: "job_id", limit: "100", status: "SOURCING" })
      .reply(200, { limit: 100, offset: 0, totalFound: 1, nextPageId: "n", content: [{ id: "j1" }] });
    api()
      .get("/jobs")
      .query({ sort: "job_id", limit: "100", status: "SOURCING", pageId: "n" })
      .reply(200, { limit: 100, offset: 1, totalFound: 1, content: [] });
    const jobs = await collect(client().paginate("/jobs", { params: { query: { status: "SOURCING" } } }));
    expect(jobs.map((j) => j.id)).toEqual(["j1"]);
  });

  it("ends at once on an empty result", async () => {
    api().get("/candidates").query({ limit: "100" }).reply(200, { limit: 100, offset: 0, totalFound: 0, content: [] });
    expect(await collect(client().paginate("/candidates"))).toEqual([]);
  });

  it("stops when the API repeats the cursor it was given", async () => {
    api()
      .get("/candidates")
      .query({ limit: "100" })
      .reply(200, { limit: 100, offset: 0, totalFound: 4, nextPageId: "same", content: people(0, 2) });
    api()
      .get("/candidates")
      .query({ limit: "100", pageId: "same" })
      .reply(200, { limit: 100, offset: 0, totalFound: 4, nextPageId: "same", content: people(2, 2) });
    expect(await collect(client().paginate("/candidates"))).toHaveLength(4);
  });

  it("stops after maxItems without fetching further pages", async () => {
    api()
      .get("/candidates")
      .query({ limit: "3" })
      .reply(200, { limit: 3, offset: 0, totalFound: 9, nextPageId: "p2", content: people(0, 3) });
    const items = await collect(client().paginate("/candidates", { params: { query: { limit: 3 } } }, { maxItems: 2 }));
    expect(items.map((c) => c.id)).toEqual(["c0", "c1"]);
  });

  it("makes no request for maxItems 0", async () => {
    expect(await collect(client().paginate("/candidates", undefined, { maxItems: 0 }))).toEqual([]);
  });

  it("throws SmartRecruitersApiError with the code of a bad cursor", async () => {
    api()
      .get("/candidates")
      .query({ limit: "100" })
      .reply(200, { limit: 100, offset: 0, totalFound: 4, nextPageId: "bad", content: people(0, 2) });
    api()
      .get("/candidates")
      .query({ limit: "100", pageId: "bad" })
      .reply(400, { message: "Bad request", errors: [{ code: "INVALID_PAGE_ID", message: "Invalid page id" }] });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const c of client().paginate("/candidates")) seen.push(c.id as string);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["c0", "c1"]);
    expect(err).toBeInstanceOf(SmartRecruitersApiError);
    expect(err).toMatchObject({
      status: 400,
      code: "INVALID_PAGE_ID",
      errors: [{ code: "INVALID_PAGE_ID", message: "Invalid page id" }],
    });
    expect((err as Error).message).toContain("GET /candidates (pageId bad) failed with HTTP 400");
  });

  it("reports a 429 with the quota headers", async () => {
    api()
      .get("/candidates")
      .query(true)
      .reply(
        429,
        { errors: [{ code: "TOO_MANY_REQUESTS", message: "slow down" }] },
        { "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0" },
      );
    const err = await collect(client(undefined, false).paginate("/candidates")).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS", rateLimit: { limit: 10, remaining: 0 } });
  });

  it("treats a 200 that is not a page as a failure", async () => {
    api().get("/candidates").query(true).reply(200, { unexpected: true });
    await expect(collect(client().paginate("/candidates"))).rejects.toMatchObject({ status: 200, code: "HTTP_200" });
  });
});

describe("offset paging (totalFound)", () => {
  const base = "/v1/companies/acme/postings";

  it("walks offset up to totalFound, not stopping after the first full page", async () => {
    for (const [offset, n] of [
      [0, 100],
      [100, 100],
      [200, 50],
    ] as const) {
      nock(HOST)
        .get(base)
        .query({ country: "pl", limit: "100", offset: String(offset) })
        .reply(200, { offset, limit: 100, totalFound: 250, content: postings(offset, n) });
    }
    const items = await collect(
      client().paginate("/v1/companies/{companyIdentifier}/postings", {
        params: { path: { companyIdentifier: "acme" }, query: { country: "pl" } },
      }),
    );
    expect(items).toHaveLength(250);
    expect(items[249]?.id).toBe("po249");
  });

  it("fans out with the requested concurrency and still yields in order", async () => {
    let inFlight = 0;
    let peak = 0;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      inFlight++;
      peak = Math.max(peak, inFlight);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      try {
        return await globalThis.fetch(request);
      } finally {
        inFlight--;
      }
    };
    for (let offset = 0; offset < 100; offset += 10) {
      nock(HOST)
        .get(base)
        .query({ limit: "10", offset: String(offset) })
        .reply(200, { offset, limit: 10, totalFound: 100, content: postings(offset, 10) });
    }
    const items = await collect(
      client(fetch).paginate(
        "/v1/companies/{companyIdentifier}/postings",
        { params: { path: { companyIdentifier: "acme" }, query: { limit: 10 } } },
        { concurrency: 4 },
      ),
    );
    expect(items.map((p) => p.id)).toEqual(postings(0, 100).map((p) => p.id));
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it("never requests more pages than maxItems needs", async () => {
    nock(HOST)
      .get(base)
      .query({ limit: "10", offset: "0" })
      .reply(200, { offset: 0, limit: 10, totalFound: 100, content: postings(0, 10) });
    nock(HOST)
      .get(base)
      .query({ limit: "10", offset: "10" })
      .reply(200, { offset: 10, limit: 10, totalFound: 100, content: postings(10, 10) });
    const items = await collect(
      client().paginate(
        "/v1/companies/{companyIdentifier}/postings",
        { params: { path: { companyIdentifier: "acme" }, query: { limit: 10 } } },
        { maxItems: 15, concurrency: 8 },
      ),
    );
    expect(items).toHaveLength(15);
  });

  it("stops on an empty page even if totalFound promised more", async () => {
    api()
      .get("/user-api/v201804/users")
      .query({ limit: "2", offset: "0" })
      .reply(200, { limit: 2, offset: 0, totalFound: 6, content: people(0, 2) });
    api()
      .get("/user-api/v201804/users")
      .query({ limit: "2", offset: "2" })
      .reply(200, { limit: 2, offset: 2, totalFound: 6, content: [] });
    const users = await collect(client().paginate("/user-api/v201804/users", { params: { query: { limit: 2 } } }));
    expect(users.map((u) => u.id)).toEqual(["c0", "c1"]);
  });

  it("walks to a short page when the response has no totalFound", async () => {
    api()
      .get("/user-api/v201804/users")
      .query({ limit: "2", offset: "0" })
      .reply(200, { limit: 2, content: people(0, 2) });
    api()
      .get("/user-api/v201804/users")
      .query({ limit: "2", offset: "2" })
      .reply(200, { limit: 2, content: people(2, 1) });
    const users = await collect(client().paginate("/user-api/v201804/users", { params: { query: { limit: 2 } } }));
    expect(users.map((u) => u.id)).toEqual(["c0", "c1", "c2"]);
  });

  it("ends at once on an empty result", async () => {
    api()
      .get("/user-api/v201804/users")
      .query({ limit: "100", offset: "0" })
      .reply(200, { limit: 100, offset: 0, totalFound: 0, content: [] });
    expect(await collect(client().paginate("/user-api/v201804/users"))).toEqual([]);
  });

  it("throws for a failed page in the fan-out", async () => {
    nock(HOST)
      .get(base)
      .query({ limit: "10", offset: "0" })
      .reply(200, { offset: 0, limit: 10, totalFound: 30, content: postings(0, 10) });
    nock(HOST)
      .get(base)
      .query({ limit: "10", offset: "10" })
      .reply(500, { errors: [{ code: "INTERNAL", message: "boom" }] });
    nock(HOST)
      .get(base)
      .query({ limit: "10", offset: "20" })
      .reply(200, { offset: 20, limit: 10, totalFound: 30, content: postings(20, 10) });
    const err = await collect(
      client(undefined, false).paginate(
        "/v1/companies/{companyIdentifier}/postings",
        { params: { path: { companyIdentifier: "acme" }, query: { limit: 10 } } },
        { concurrency: 2 },
      ),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 500, code: "INTERNAL" });
  });
});

describe("Link paging (bare arrays)", () => {
  const base = "/webhooks-api/v201907/subscriptions";

  it("follows the Link rel=next URL as given until there is none", async () => {
    api()
      .get(base)
      .query({ limit: "2" })
      .reply(200, [{ id: "s1" }, { id: "s2" }], { Link: `<${HOST}${base}?limit=2&page_id=abc>; rel="next"` });
    api()
      .get(base)
      .query({ limit: "2", page_id: "abc" })
      .reply(200, [{ id: "s3" }], { Link: `<${HOST}${base}?limit=2>; rel="first"` });
    const subs = await collect(client().paginate("/webhooks-api/v201907/subscriptions", { params: { query: { limit: 2 } } }));
    expect(subs.map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
  });

  it("pages a subscription's callback log with its path parameter", async () => {
    const log = `${base}/s1/callbacks-log`;
    api()
      .get(log)
      .query({ limit: "100", callbackStatus: "failed" })
      .reply(200, [{ status: "failed", timestamp: "2024-05-01T00:00:00Z" }], {
        Link: `<${HOST}${log}?limit=100&callbackStatus=failed&pageId=x1>; rel="next", <${HOST}${log}>; rel="self"`,
      });
    api().get(log).query({ limit: "100", callbackStatus: "failed", pageId: "x1" }).reply(200, []);
    const entries = await collect(
      client().paginate("/webhooks-api/v201907/subscriptions/{subscriptionId}/callbacks-log", {
        params: { path: { subscriptionId: "s1" }, query: { callbackStatus: "failed" } },
      }),
    );
    expect(entries.map((e) => e.status)).toEqual(["failed"]);
  });

  it("refuses to send the credential to a next link on another origin", async () => {
    api()
      .get(base)
      .query(true)
      .reply(200, [{ id: "s1" }], { Link: '<https://evil.example.com/steal?x=1>; rel="next"' });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const s of client().paginate("/webhooks-api/v201907/subscriptions")) seen.push(s.id as string);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["s1"]);
    expect(err).toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
  });

  it("ignores a malformed Link header", async () => {
    api()
      .get(base)
      .query(true)
      .reply(200, [{ id: "s1" }], { Link: '<http://[bad>; rel="next"' });
    expect((await collect(client().paginate("/webhooks-api/v201907/subscriptions"))).map((s) => s.id)).toEqual(["s1"]);
  });
});

describe("paginate options", () => {
  it.each([
    ["maxItems", { maxItems: -1 }],
    ["maxItems", { maxItems: 1.5 }],
    ["concurrency", { concurrency: 0 }],
    ["concurrency", { concurrency: 9 }],
  ])("rejects a bad %s, naming it", async (option, options) => {
    await expect(collect(client().paginate("/candidates", undefined, options))).rejects.toMatchObject({
      code: "INVALID_OPTION",
      option,
    });
  });

  it("rejects a path that is not a paginated list", async () => {
    await expect(collect(client().paginate("/jobs/{jobId}" as "/jobs"))).rejects.toMatchObject({
      code: "INVALID_OPTION",
      option: "path",
    });
  });
});
