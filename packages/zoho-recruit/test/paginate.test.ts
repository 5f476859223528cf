import { describe, expect, it } from "vitest";
import { createZohoRecruitClient, ZohoRecruitApiError, ZohoRecruitError } from "../src/index.js";
import { api, client, credentials, useNock } from "./helpers.js";

useNock();

const people = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${from + i}`, Last_Name: `L${from + i}` }));
const info = (page: number, perPage: number, count: number, more: boolean) => ({
  page,
  per_page: perPage,
  count,
  more_records: more,
});

/** A client with no token interceptor: for calls that must fail before any request. */
const unarranged = () => createZohoRecruitClient({ region: "eu", auth: credentials() });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("paginate", () => {
  it("follows page / more_records to the last page", async () => {
    const q = { sort_by: "Modified_Time", per_page: "2" };
    api()
      .get("/recruit/v2/Candidates")
      .query({ ...q, page: "1" })
      .reply(200, { data: people(0, 2), info: info(1, 2, 2, true) });
    api()
      .get("/recruit/v2/Candidates")
      .query({ ...q, page: "2" })
      .reply(200, { data: people(2, 2), info: info(2, 2, 2, true) });
    api()
      .get("/recruit/v2/Candidates")
      .query({ ...q, page: "3" })
      .reply(200, { data: people(4, 1), info: info(3, 2, 1, false) });
    const items = await collect(
      client().paginate("/Candidates", { params: { query: { sort_by: "Modified_Time", per_page: 2 } } }),
    );
    expect(items.map((c) => c.Last_Name)).toEqual(["L0", "L1", "L2", "L3", "L4"]);
  });

  it("asks for Zoho's maximum page size, 200, by default", async () => {
    api()
      .get("/recruit/v2/Job_Openings")
      .query({ page: "1", per_page: "200" })
      .reply(200, { data: people(0, 3), info: info(1, 200, 3, false) });
    expect(await collect(client().paginate("/Job_Openings"))).toHaveLength(3);
  });

  it("yields nothing for an empty result (HTTP 204, no body)", async () => {
    api().get("/recruit/v2/Candidates/search").query({ email: "nobody@example.com", page: "1", per_page: "200" }).reply(204);
    const items = await collect(client().paginate("/Candidates/search", { params: { query: { email: "nobody@example.com" } } }));
    expect(items).toEqual([]);
  });

  it("ends when a later page answers 204", async () => {
    api()
      .get("/recruit/v2/Clients")
      .query({ page: "1", per_page: "200" })
      .reply(200, { data: people(0, 1), info: info(1, 200, 1, true) });
    api().get("/recruit/v2/Clients").query({ page: "2", per_page: "200" }).reply(204);
    expect(await collect(client().paginate("/Clients"))).toHaveLength(1);
  });

  it("ends on 304 Not Modified under If-Modified-Since", async () => {
    api().get("/recruit/v2/Candidates").query(true).matchHeader("if-modified-since", "2024-05-01T00:00:00+00:00").reply(304);
    const items = await collect(
      client().paginate("/Candidates", { params: { header: { "If-Modified-Since": "2024-05-01T00:00:00+00:00" } } }),
    );
    expect(items).toEqual([]);
  });

  it("stops after maxItems without fetching further pages", async () => {
    api()
      .get("/recruit/v2/Candidates")
      .query({ page: "1", per_page: "5" })
      .reply(200, { data: people(0, 5), info: info(1, 5, 5, true) });
    const items = await collect(client().paginate("/Candidates", { params: { query: { per_page: 5 } } }, { maxItems: 3 }));
    expect(items.map((c) => c.id)).toEqual(["0", "1", "2"]);
  });

  it("fetches nothing with maxItems 0", async () => {
    // No interceptor at all: a request would fail the test (net connect is disabled).
    expect(await collect(unarranged().paginate("/Candidates", {}, { maxItems: 0 }))).toEqual([]);
  });

  it("stops on an empty page that still claims more records", async () => {
    api()
      .get("/recruit/v2/Interviews")
      .query(true)
      .reply(200, { data: [], info: info(1, 200, 0, true) });
    expect(await collect(client().paginate("/Interviews"))).toEqual([]);
  });

  it("treats a page without data as the end", async () => {
    api()
      .get("/recruit/v2/Applications")
      .query(true)
      .reply(200, { info: info(1, 200, 0, false) });
    expect(await collect(client().paginate("/Applications"))).toEqual([]);
  });

  it("walks a custom module with its path parameter", async () => {
    api()
      .get("/recruit/v2/Onboarding_Tasks")
      .query({ page: "1", per_page: "200" })
      .reply(200, { data: people(0, 2), info: info(1, 200, 2, false) });
    const items = await collect(client().paginate("/{module}", { params: { path: { module: "Onboarding_Tasks" } } }));
    expect(items.map((r) => r.id)).toEqual(["0", "1"]);
  });

  it("walks users, whose list is under `users`", async () => {
    api()
      .get("/recruit/v2/users")
      .query({ type: "AdminUsers", page: "1", per_page: "200" })
      .reply(200, { users: [{ id: "9", full_name: "Ada" }], info: info(1, 200, 1, false) });
    const users = await collect(client().paginate("/users", { params: { query: { type: "AdminUsers" } } }));
    expect(users.map((u) => u.full_name)).toEqual(["Ada"]);
  });

  it("walks attachments, whose info has a range instead of a page", async () => {
    const path = "/recruit/v2/Candidates/410/Attachments";
    api()
      .get(path)
      .query({ page: "1", per_page: "1" })
      .reply(200, { data: [{ id: "a1" }], info: { range: "1-1", more_records: true } });
    api()
      .get(path)
      .query({ page: "2", per_page: "1" })
      .reply(200, { data: [{ id: "a2" }], info: { range: "2-2", more_records: false } });
    const files = await collect(
      client().paginate("/{module}/{recordId}/Attachments", {
        params: { path: { module: "Candidates", recordId: "410" }, query: { per_page: 1 } },
      }),
    );
    expect(files.map((f) => f.id)).toEqual(["a1", "a2"]);
  });

  it("throws ZohoRecruitApiError with Zoho's code when a page fails", async () => {
    api()
      .get("/recruit/v2/Candidates")
      .query({ page: "1", per_page: "200" })
      .reply(200, { data: people(0, 1), info: info(1, 200, 1, true) });
    api()
      .get("/recruit/v2/Candidates")
      .query({ page: "2", per_page: "200" })
      .reply(429, { code: "TOO_MANY_REQUESTS", details: {}, message: "too many requests", status: "error" });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const c of client({ retry: false }).paginate("/Candidates")) seen.push(c.id ?? "");
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["0"]);
    expect(error).toBeInstanceOf(ZohoRecruitApiError);
    expect(error).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS" });
    expect(String((error as Error).message)).toBe(
      "zoho-recruit: GET /Candidates (page 2) failed with HTTP 429: TOO_MANY_REQUESTS (too many requests)",
    );
  });

  it("names the HTTP status when the error body is not Zoho's", async () => {
    api().get("/recruit/v2/Candidates").query(true).reply(502, "<html>Bad gateway</html>");
    const error = await collect(client({ retry: false }).paginate("/Candidates")).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ZohoRecruitApiError", status: 502, code: "HTTP_502", body: undefined });
  });

  it("refuses an answer whose data is not a list", async () => {
    api()
      .get("/recruit/v2/Candidates")
      .query(true)
      .reply(200, { data: { id: "1" } });
    const error = await collect(client().paginate("/Candidates")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoRecruitError);
    expect(error).toMatchObject({ code: "INVALID_RESPONSE" });
  });

  it.each([0, 201, 2.5])("refuses per_page %s before sending anything", async (perPage) => {
    const zoho = unarranged();
    const error = await collect(zoho.paginate("/Candidates", { params: { query: { per_page: perPage } } })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "ZohoRecruitError", code: "INVALID_OPTION", option: "per_page" });
  });

  it.each([-1, Number.NaN])("refuses maxItems %s", async (maxItems) => {
    const zoho = unarranged();
    const error = await collect(zoho.paginate("/Candidates", {}, { maxItems })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_OPTION", option: "maxItems" });
  });
});
