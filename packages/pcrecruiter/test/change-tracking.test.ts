import { describe, expect, it } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import { where } from "../src/index.js";
import { api, BASE, client, session } from "./helpers.js";

useNock();

/** `GET /null` with `X-CHANGETRACKING: GET` answers the current version in the same header (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Change-Tracking.html). */
function version(value: string | undefined) {
  api()
    .get(`${BASE}/null`)
    .matchHeader("x-changetracking", "GET")
    .reply(200, "", value === undefined ? {} : { "X-CHANGETRACKING": value });
}

describe("changes", () => {
  it("does a full sync without a stored version, and returns the version read before the records", async () => {
    session();
    version("1000");
    api()
      .get(`${BASE}/candidatesV2`)
      .query({ Fields: "CandidateId,LastName", Page: "1", ResultsPerPage: "500" })
      .matchHeader("x-changetracking", (v) => v === undefined)
      .reply(200, { TotalRecords: 2, Results: [{ CandidateId: 1 }, { CandidateId: 2 }] });
    const result = await client().changes("/candidatesV2", { params: { query: { Fields: "CandidateId,LastName" } } });
    expect(result).toEqual({
      version: "1000",
      full: true,
      changed: [{ CandidateId: 1 }, { CandidateId: 2 }],
      inserted: undefined,
      updated: undefined,
      deleted: [],
    });
  });

  it("returns changed records and deleted ids since the stored version, reading every marker encoding", async () => {
    session();
    version("1042");
    api()
      .get(`${BASE}/candidatesV2`)
      .query({ Query: "Status eq 'candidate'", Page: "1", ResultsPerPage: "500" })
      .matchHeader("x-changetracking", "1000")
      .matchHeader("x-changetracking-operation", (v) => v === undefined)
      .reply(200, {
        TotalRecords: 6,
        Results: [
          { CandidateId: 7, LastName: "Ada" },
          -11,
          "-12",
          { CandidateId: -13 },
          { CandidateId: "-9007199254740993" },
          { CandidateId: 8 },
        ],
      });
    const result = await client().changes("/candidatesV2", {
      since: "1000",
      params: { query: { Query: where("Status", "eq", "candidate") } },
    });
    expect(result.version).toBe("1042");
    expect(result.full).toBe(false);
    expect(result.changed.map((c) => c.CandidateId)).toEqual([7, 8]);
    expect(result.deleted).toEqual(["11", "12", "13", "9007199254740993"]);
  });

  it("separates inserts, updates and deletions with one pass per operation", async () => {
    session();
    version("2000");
    const pass = (operation: string, results: unknown[]) =>
      api()
        .get(`${BASE}/positionsV2`)
        .query(true)
        .matchHeader("x-changetracking", "1500")
        .matchHeader("x-changetracking-operation", operation)
        .reply(200, { TotalRecords: results.length, Results: results });
    pass("I", [{ JobId: 1, JobTitle: "New" }]);
    pass("U", [{ JobId: 2, JobTitle: "Changed" }]);
    pass("D", [3, { JobId: 4 }]);
    const result = await client().changes("/positionsV2", { since: "1500", separateOperations: true });
    expect(result.inserted?.map((p) => p.JobId)).toEqual([1]);
    expect(result.updated?.map((p) => p.JobId)).toEqual([2]);
    expect(result.changed.map((p) => p.JobId)).toEqual([1, 2]);
    expect(result.deleted).toEqual(["3", "4"]);
  });

  it("reads markers of records without a known key field as single-key objects, or by idField", async () => {
    session();
    version("3");
    api()
      .get(`${BASE}/candidates/activities`)
      .query(true)
      .matchHeader("x-changetracking", "2")
      .reply(200, { TotalRecords: 2, Results: [{ ActivityId: -5 }, { ActivityDate: "2024-01-01T00:00:00" }] });
    const pcr = client();
    const guessed = await pcr.changes("/candidates/activities", { since: "2" });
    expect(guessed.deleted).toEqual(["5"]);
    expect(guessed.changed).toEqual([{ ActivityDate: "2024-01-01T00:00:00" }]);

    version("4");
    api()
      .get(`${BASE}/companiesV2`)
      .query(true)
      .matchHeader("x-changetracking", "3")
      .reply(200, {
        TotalRecords: 2,
        Results: [
          { CompanyId: 9, CompanyName: null },
          { CompanyId: "-10", CompanyName: null },
        ],
      });
    const byField = await pcr.changes("/companiesV2", { since: "3", idField: "CompanyId" });
    expect(byField.changed).toEqual([{ CompanyId: 9, CompanyName: null }]);
    expect(byField.deleted).toEqual(["10"]);
  });

  it("fails when GET /null returns no version header", async () => {
    session();
    version(undefined);
    await expect(client().changes("/candidatesV2", { since: "1" })).rejects.toMatchObject({ code: "NO_CHANGE_TRACKING_VERSION" });
  });

  it("fails with the HTTP status when the version cannot be read", async () => {
    session();
    api().get(`${BASE}/null`).reply(503, { Message: "Maintenance" });
    await expect(client({ retry: false }).changes("/candidatesV2", {})).rejects.toMatchObject({
      name: "PCRecruiterApiError",
      code: "HTTP_503",
      status: 503,
      vendorMessage: "Maintenance",
    });
  });

  it("fails when a deleted record of a D pass has no readable key", async () => {
    session();
    version("9");
    for (const operation of ["I", "U", "D"]) {
      api()
        .get(`${BASE}/RollupListsV2`)
        .query(true)
        .matchHeader("x-changetracking-operation", operation)
        .reply(200, { TotalRecords: 1, Results: operation === "D" ? [{ Memo: "x", Owner: "y" }] : [] });
    }
    await expect(client().changes("/RollupListsV2", { since: "8", separateOperations: true })).rejects.toMatchObject({
      code: "INVALID_RESPONSE",
    });
  });

  it("rejects a malformed stored version or missing options before any call", async () => {
    const pcr = client();
    await expect(pcr.changes("/candidatesV2", { since: "" })).rejects.toMatchObject({ code: "INVALID_OPTION", option: "since" });
    await expect(pcr.changes("/candidatesV2", { since: "12\r\nX-Evil: 1" })).rejects.toMatchObject({ option: "since" });
    await expect(pcr.changes("/candidatesV2", undefined as never)).rejects.toMatchObject({ option: "options" });
  });
});
