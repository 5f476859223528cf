import { apiKey } from "@hirekit/auth-middleware";
import { startFakeBullhorn } from "@hirekit/testing";
import { describe, expect, it } from "vitest";
import { BullhornApiError, createBullhornClient, describeBullhornErrors } from "../src/index.js";

/** A client with a ready scheme and a `fetch` that answers from `answer` and records each URL. */
function clientAnswering(answer: (url: URL) => Response) {
  const urls: URL[] = [];
  const client = createBullhornClient({
    auth: apiKey({ header: "BhRestToken", value: "bh-test-session", vendor: "bullhorn" }),
    baseUrl: "https://rest9.bullhornstaffing.com/rest-services/corp",
    retry: false,
    fetch: async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : input);
      urls.push(url);
      return answer(url);
    },
  });
  return { client, urls };
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("describeBullhornErrors", () => {
  it("reads field errors, the message, text and nothing", () => {
    expect(
      describeBullhornErrors({
        errorMessage: "bad",
        errorMessageKey: "errors.entity.invalidField",
        errors: [{ field: "email", message: "invalid" }, null, { message: 5 }],
      }),
    ).toEqual([
      { code: "errors.entity.invalidField", message: "invalid", field: "email" },
      { code: "errors.entity.invalidField", message: "", field: undefined },
    ]);
    expect(describeBullhornErrors({ errorMessage: "Session expired", errorCode: 401 })).toEqual([
      { code: undefined, message: "Session expired", field: undefined },
    ]);
    expect(describeBullhornErrors("  gateway timeout ")).toEqual([
      { code: undefined, message: "gateway timeout", field: undefined },
    ]);
    expect(describeBullhornErrors("")).toEqual([]);
    expect(describeBullhornErrors(null)).toEqual([]);
    expect(describeBullhornErrors({ unexpected: true })).toEqual([]);
  });

  it("makes BullhornApiError carry the key as code, else HTTP_<status>, and the vendor's message", () => {
    const keyed = new BullhornApiError(
      400,
      { errorMessage: "Invalid query", errorMessageKey: "errors.search.badQuery" },
      "GET /search/Candidate",
    );
    expect(keyed).toMatchObject({
      vendor: "bullhorn",
      status: 400,
      code: "errors.search.badQuery",
      vendorMessage: "Invalid query",
    });
    expect(keyed.message).toBe("bullhorn: GET /search/Candidate failed with HTTP 400:\nerrors.search.badQuery: Invalid query");
    expect(new BullhornApiError(502, "<html>", "GET /ping")).toMatchObject({ code: "HTTP_502", vendorMessage: undefined });
  });
});

describe("paginate", () => {
  it("asks query calls for their total, and ends on a short page when no total comes", async () => {
    const { client, urls } = clientAnswering((url) => {
      const start = Number(url.searchParams.get("start"));
      return json({ start, count: start === 0 ? 2 : 1, data: start === 0 ? [{ id: 1 }, { id: 2 }] : [{ id: 3 }] });
    });
    const ids: unknown[] = [];
    for await (const job of client.paginate("/query/JobOrder", {
      params: { query: { where: "isOpen=true", fields: "id", count: 2 } },
    })) {
      ids.push(job.id);
    }
    expect(ids).toEqual([1, 2, 3]);
    expect(urls.map((url) => [url.pathname, url.searchParams.get("start"), url.searchParams.get("showTotalMatched")])).toEqual([
      ["/rest-services/corp/query/JobOrder", "0", "true"],
      ["/rest-services/corp/query/JobOrder", "2", "true"],
    ]);
    await client.dispose();
  });

  it("throws BullhornApiError for a 2xx answer without a data list", async () => {
    const { client } = clientAnswering(() => json({ total: 1 }));
    await expect(async () => {
      for await (const _ of client.paginate("/search/Candidate", { params: { query: { query: "isDeleted:0", fields: "id" } } }))
        break;
    }).rejects.toMatchObject({ name: "BullhornApiError", status: 200, code: "HTTP_200" });
    await client.dispose();
  });

  it("walks a search against the fake to its total, and the session goes to the login's restUrl", async () => {
    const fake = await startFakeBullhorn();
    const client = createBullhornClient(fake.clientOptions);
    try {
      const names: unknown[] = [];
      const query = { query: "isDeleted:0", fields: "id,firstName", count: 2 };
      for await (const candidate of client.paginate("/search/Candidate", { params: { query } })) names.push(candidate.firstName);
      expect(names).toHaveLength(fake.records("Candidate").length);
      expect(fake.stats()).toMatchObject({ invalid: 0, logins: 1 });
    } finally {
      await client.dispose();
      await fake.close();
    }
  });
});
