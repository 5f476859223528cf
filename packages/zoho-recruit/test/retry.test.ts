import { describe, expect, it, vi } from "vitest";
import { createZohoRecruitClient, ZOHO_RECRUIT_RETRY_DEFAULTS } from "../src/index.js";
import { api, client, credentials, useNock } from "./helpers.js";

useNock();
const noWait = { random: () => 0 };

describe("retries (ZOHO_RECRUIT_RETRY_DEFAULTS)", () => {
  it("retries a GET answered 502 with the same token", async () => {
    const zoho = client({ retry: noWait });
    api().get("/recruit/v2/Candidates/1").reply(502, "<html>Bad gateway</html>");
    api()
      .get("/recruit/v2/Candidates/1")
      .reply(200, { data: [{ id: "1" }] });
    const { data } = await zoho.GET("/Candidates/{recordId}", { params: { path: { recordId: "1" } } });
    expect(data?.data?.[0]?.id).toBe("1");
  });

  it("backs off a whole minute after TOO_MANY_REQUESTS (the credit budget), not seconds", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const seen: number[] = [];
      const fetch = async (input: RequestInfo | URL) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.includes("/oauth/")) return Response.json({ access_token: "1000.a", token_type: "Bearer", expires_in: 3600 });
        seen.push(Date.now());
        return seen.length === 1
          ? Response.json({ code: "TOO_MANY_REQUESTS", status: "error" }, { status: 429 })
          : Response.json({ data: [{ id: "1" }] });
      };
      const zoho = createZohoRecruitClient({
        region: "eu",
        auth: credentials(),
        fetch: fetch as typeof globalThis.fetch,
        retry: noWait,
      });
      const pending = zoho.GET("/Candidates/{recordId}", { params: { path: { recordId: "1" } } });
      // The token comes first (hashing its store key is real async work): wait for the 429.
      while (seen.length === 0) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(59_999);
      expect(seen).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).response.status).toBe(200);
      expect((seen[1] as number) - (seen[0] as number)).toBe(ZOHO_RECRUIT_RETRY_DEFAULTS.rateLimitDelayMs);
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends once with retry: false", async () => {
    const zoho = client({ retry: false });
    api().get("/recruit/v2/Candidates/1").reply(503);
    const { response } = await zoho.GET("/Candidates/{recordId}", { params: { path: { recordId: "1" } } });
    expect(response.status).toBe(503);
  });

  it("rejects a malformed retry option at construction", () => {
    expect(() => createZohoRecruitClient({ region: "eu", auth: credentials(), retry: { maxDelayMs: -1 } })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", option: "maxDelayMs" }),
    );
  });
});
