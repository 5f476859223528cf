import { describe, expect, it } from "vitest";
import {
  createZohoRecruitClient,
  ZOHO_MAX_RECORDS_PER_REQUEST,
  ZohoRecruitBulkWriteError,
  ZohoRecruitError,
} from "../src/index.js";
import { api, CLIENT_SECRET, client, credentials, useNock } from "./helpers.js";

useNock();

const candidates = (n: number) => Array.from({ length: n }, (_, i) => ({ Last_Name: `L${i}`, Email: `c${i}@example.com` }));
const ok = (id: string) => ({ code: "SUCCESS", details: { id }, message: "record added", status: "success" });
const duplicate = { code: "DUPLICATE_DATA", details: { api_name: "Email" }, message: "duplicate data", status: "error" };

/** Replies one result per record sent: SUCCESS, or DUPLICATE_DATA for the emails in `duplicates`. */
function perRecord(duplicates: string[] = []) {
  return (_uri: string, body: unknown) => {
    const { data } = body as { data: Array<{ Email: string }> };
    return { data: data.map((r, i) => (duplicates.includes(r.Email) ? duplicate : ok(`${r.Email}#${i}`))) };
  };
}

describe("bulkWrite", () => {
  it("sends 250 records as requests of 100, 100 and 50, with the same trigger", async () => {
    const sizes: number[] = [];
    api()
      .post("/recruit/v2/Candidates", (body: { data: unknown[]; trigger: unknown }) => {
        sizes.push(body.data.length);
        return Array.isArray(body.trigger) && body.trigger.length === 0;
      })
      .times(3)
      .reply(201, perRecord());
    const { results, succeeded, failed } = await client().bulkWrite("POST", "/Candidates", {
      records: candidates(250),
      trigger: [],
    });
    expect(sizes).toEqual([100, 100, 50]);
    expect(ZOHO_MAX_RECORDS_PER_REQUEST).toBe(100);
    expect(results).toHaveLength(250);
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(succeeded).toHaveLength(250);
    expect(failed).toEqual([]);
    expect(results[249]?.record.Email).toBe("c249@example.com");
  });

  it("reports success and error entries side by side, each next to its record", async () => {
    api()
      .post("/recruit/v2/Candidates")
      .reply(201, perRecord(["c1@example.com"]));
    const { results, succeeded, failed } = await client().bulkWrite("POST", "/Candidates", { records: candidates(3) });
    expect(results.map((r) => r.result.status)).toEqual(["success", "error", "success"]);
    expect(succeeded.map((r) => r.result.details.id)).toEqual(["c0@example.com#0", "c2@example.com#2"]);
    expect(failed).toEqual([{ index: 1, record: { Last_Name: "L1", Email: "c1@example.com" }, result: duplicate }]);
  });

  it("upserts with duplicate_check_fields in every request and a smaller batch size", async () => {
    const bodies: unknown[] = [];
    api()
      .post("/recruit/v2/Candidates/upsert", (body: unknown) => {
        bodies.push(body);
        return true;
      })
      .times(2)
      .reply(200, perRecord());
    await client().bulkWrite("POST", "/Candidates/upsert", {
      records: candidates(3),
      duplicate_check_fields: ["Email"],
      batchSize: 2,
    });
    expect(bodies).toEqual([
      { duplicate_check_fields: ["Email"], data: candidates(3).slice(0, 2) },
      { duplicate_check_fields: ["Email"], data: candidates(3).slice(2) },
    ]);
  });

  it("updates records of a custom module with PUT and the path parameter", async () => {
    api()
      .put("/recruit/v2/Onboarding_Tasks", { data: [{ id: "1", Done: true }] })
      .reply(200, { data: [{ code: "SUCCESS", details: { id: "1" }, message: "record updated", status: "success" }] });
    const { succeeded } = await client().bulkWrite("PUT", "/{module}", {
      params: { path: { module: "Onboarding_Tasks" } },
      records: [{ id: "1", Done: true }],
    });
    expect(succeeded.map((s) => s.result.message)).toEqual(["record updated"]);
  });

  it("sends nothing for no records", async () => {
    const result = await createZohoRecruitClient({ region: "eu", auth: credentials() }).bulkWrite("POST", "/Candidates", {
      records: [],
    });
    expect(result).toEqual({ results: [], succeeded: [], failed: [] });
  });

  it("throws ZohoRecruitBulkWriteError with the completed results when a whole request fails", async () => {
    api().post("/recruit/v2/Candidates").reply(201, perRecord());
    api()
      .post("/recruit/v2/Candidates")
      .reply(429, { code: "TOO_MANY_REQUESTS", details: {}, message: "too many requests", status: "error" });
    const error = await client()
      .bulkWrite("POST", "/Candidates", { records: candidates(5), batchSize: 2 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoRecruitBulkWriteError);
    const e = error as ZohoRecruitBulkWriteError;
    expect(e).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS", firstUnwrittenIndex: 2 });
    expect(e.completed.succeeded.map((s) => s.index)).toEqual([0, 1]);
    expect(e.message).toBe(
      "zoho-recruit: POST /Candidates (records 2-3) failed with HTTP 429: TOO_MANY_REQUESTS (too many requests)",
    );
    expect(JSON.stringify(e.completed)).not.toContain(CLIENT_SECRET);
  });

  it("refuses an answer that does not hold one result per record", async () => {
    api()
      .post("/recruit/v2/Candidates")
      .reply(201, { data: [ok("1")] });
    const error = await client()
      .bulkWrite("POST", "/Candidates", { records: candidates(2) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoRecruitError);
    expect(error).toMatchObject({ code: "INVALID_RESPONSE" });
  });

  it("refuses results without a success or error status", async () => {
    api()
      .post("/recruit/v2/Candidates")
      .reply(201, { data: [{ code: "SUCCESS", status: "maybe" }] });
    const error = await client()
      .bulkWrite("POST", "/Candidates", { records: candidates(1) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_RESPONSE" });
  });

  it.each([
    [{ records: candidates(1), batchSize: 101 }, "batchSize"],
    [{ records: candidates(1), batchSize: 0 }, "batchSize"],
    [{ records: "not a list" }, "records"],
  ])("refuses %o before sending anything (%s)", async (init, argument) => {
    const zoho = createZohoRecruitClient({ region: "eu", auth: credentials() });
    const error = await zoho.bulkWrite("POST", "/Candidates", init as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ZohoRecruitError", code: "INVALID_OPTION", option: argument });
  });

  it("refuses a method other than POST or PUT", async () => {
    const zoho = createZohoRecruitClient({ region: "eu", auth: credentials() });
    const error = await zoho.bulkWrite("DELETE" as "POST", "/Candidates", { records: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_OPTION", option: "method" });
  });
});
