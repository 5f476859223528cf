import { describe, expect, it } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import { PCRecruiterApiError, where } from "../src/index.js";
import { api, BASE, client, session } from "./helpers.js";

useNock();

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("paginate", () => {
  it("follows Page to the last page, keeping the caller's query", async () => {
    session();
    const Query = "Status eq 'candidate'";
    for (const [page, ids] of [
      [1, [1, 2]],
      [2, [3, 4]],
      [3, [5]],
    ] as const) {
      api()
        .get(`${BASE}/candidatesV2`)
        .query({ Query, Fields: "CandidateId", Page: String(page), ResultsPerPage: "2" })
        .reply(200, { TotalRecords: 5, Results: ids.map((CandidateId) => ({ CandidateId })) });
    }
    const pcr = client();
    const names = await all(
      pcr.paginate("/candidatesV2", {
        params: { query: { Query: where("Status", "eq", "candidate"), Fields: "CandidateId", ResultsPerPage: 2 } },
      }),
    );
    expect(names.map((n) => n.CandidateId)).toEqual([1, 2, 3, 4, 5]);
  });

  it("makes one call and yields nothing for an empty result", async () => {
    session();
    api().get(`${BASE}/positionsV2`).query({ Page: "1", ResultsPerPage: "500" }).reply(200, { TotalRecords: 0, Results: [] });
    expect(await all(client().paginate("/positionsV2"))).toEqual([]);
  });

  it("stops after maxItems and asks for no bigger a page than that", async () => {
    session();
    api()
      .get(`${BASE}/companiesV2`)
      .query({ Page: "1", ResultsPerPage: "3" })
      .reply(200, { TotalRecords: 100, Results: [{ CompanyId: 1 }, { CompanyId: 2 }, { CompanyId: 3 }] });
    const companies = await all(client().paginate("/companiesV2", {}, { maxItems: 3 }));
    expect(companies.map((c) => c.CompanyId)).toEqual([1, 2, 3]);
  });

  it("stops mid-page at maxItems when the caller sets the page size", async () => {
    session();
    api()
      .get(`${BASE}/companiesV2`)
      .query({ Page: "1", ResultsPerPage: "10" })
      .reply(200, { TotalRecords: 100, Results: [{ CompanyId: 1 }, { CompanyId: 2 }, { CompanyId: 3 }] });
    const companies = await all(
      client().paginate("/companiesV2", { params: { query: { ResultsPerPage: 10 } } }, { maxItems: 2 }),
    );
    expect(companies.map((c) => c.CompanyId)).toEqual([1, 2]);
  });

  it("keeps going when the server returns smaller pages than asked, until TotalRecords items arrived", async () => {
    session();
    api()
      .get(`${BASE}/RollupListsV2`)
      .query({ Page: "1", ResultsPerPage: "4" })
      .reply(200, { TotalRecords: 3, Results: [{ Code: "A" }, { Code: "B" }] });
    api()
      .get(`${BASE}/RollupListsV2`)
      .query({ Page: "2", ResultsPerPage: "4" })
      .reply(200, { TotalRecords: 3, Results: [{ Code: "C" }] });
    const lists = await all(client({ pageSize: 4 }).paginate("/RollupListsV2"));
    expect(lists.map((l) => l.Code)).toEqual(["A", "B", "C"]);
  });

  it("ends on an empty page even if TotalRecords promised more", async () => {
    session();
    api()
      .get(`${BASE}/users`)
      .query({ Page: "1", ResultsPerPage: "2" })
      .reply(200, { TotalRecords: 9, Results: [{ UserName: "a" }, { UserName: "b" }] });
    api().get(`${BASE}/users`).query({ Page: "2", ResultsPerPage: "2" }).reply(200, { TotalRecords: 9, Results: [] });
    const users = await all(client({ pageSize: 2 }).paginate("/users"));
    expect(users.map((u) => u.UserName)).toEqual(["a", "b"]);
  });

  it("treats a short page as the last one when TotalRecords is missing", async () => {
    session();
    api()
      .get(`${BASE}/users`)
      .query({ Page: "1", ResultsPerPage: "2" })
      .reply(200, { Results: [{ UserName: "a" }, { UserName: "b" }] });
    api()
      .get(`${BASE}/users`)
      .query({ Page: "2", ResultsPerPage: "2" })
      .reply(200, { Results: [{ UserName: "c" }] });
    const users = await all(client({ pageSize: 2 }).paginate("/users"));
    expect(users.map((u) => u.UserName)).toEqual(["a", "b", "c"]);
  });

  it("fills path parameters and drives Page itself", async () => {
    session();
    api()
      .get(`${BASE}/candidates/555/activities`)
      .query({ Page: "1", ResultsPerPage: "500" })
      .reply(200, { TotalRecords: 1, Results: [{ ActivityDate: "2024-01-01T00:00:00" }] });
    const pcr = client();
    const init = { params: { path: { CandidateId: 555 }, query: { Page: 7 } as never } };
    const activities = await all(pcr.paginate("/candidates/{CandidateId}/activities", init));
    expect(activities).toEqual([{ ActivityDate: "2024-01-01T00:00:00" }]);
  });

  it("throws a typed error with the vendor's message when a page fails, without a secret", async () => {
    session();
    api()
      .get(`${BASE}/positionsV2`)
      .query(true)
      .reply(200, { TotalRecords: 3, Results: [{ JobId: 1 }, { JobId: 2 }] });
    api()
      .get(`${BASE}/positionsV2`)
      .query(true)
      .reply(500, { Message: "Server exploded for key pcr-test-api-key, Authorization: Bearer S1" });
    const items: unknown[] = [];
    const error = await (async () => {
      for await (const p of client({ pageSize: 2, retry: false }).paginate("/positionsV2")) items.push(p);
    })().catch((e: unknown) => e);
    expect(items).toHaveLength(2);
    expect(error).toBeInstanceOf(PCRecruiterApiError);
    expect(error).toMatchObject({ code: "HTTP_500", status: 500 });
    expect((error as PCRecruiterApiError).message).toContain("GET /positionsV2 (page 2) failed with HTTP 500: Server exploded");
    expect((error as PCRecruiterApiError).message).not.toMatch(/pcr-test-api-key|Bearer S1/);
  });

  it("rejects a 2XX answer without a Results array", async () => {
    session();
    api().get(`${BASE}/companiesV2`).query(true).reply(200, { Records: [] });
    await expect(all(client().paginate("/companiesV2"))).rejects.toMatchObject({ code: "INVALID_RESPONSE", status: 200 });
  });

  it("rejects a bad maxItems or ResultsPerPage before any call", async () => {
    const pcr = client();
    await expect(all(pcr.paginate("/companiesV2", {}, { maxItems: -1 }))).rejects.toMatchObject({
      code: "INVALID_OPTION",
      option: "maxItems",
    });
    await expect(all(pcr.paginate("/companiesV2", { params: { query: { ResultsPerPage: 0 } } }))).rejects.toMatchObject({
      code: "INVALID_OPTION",
      option: "ResultsPerPage",
    });
  });
});
