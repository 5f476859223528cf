import { describe, expect, it } from "vitest";
import { FakeServerError, runDemo } from "../src/index.js";

describe("runDemo", () => {
  it("drives every vendor through its client, survives the forced expiry and 429, and counts from the request logs", async () => {
    const lines: string[] = [];
    const waits: number[] = [];
    const summary = await runDemo({
      log: (line) => lines.push(line),
      sleep: async (ms) => {
        waits.push(ms);
      },
      retryAfterSeconds: 0,
    });
    const text = lines.join("\n");
    expect(summary.vendors.map((v) => v.vendor)).toEqual([
      "pcrecruiter",
      "zoho-recruit",
      "smartrecruiters",
      "sterling",
      "bullhorn",
    ]);
    for (const v of summary.vendors) {
      // One replay after the forced expiry, one retry after the forced 429; a token before and after the expiry
      // (Bullhorn's is two calls each time: the rotating refresh, then the REST login).
      expect(v).toMatchObject({ retries: 2, tokensFetched: v.vendor === "bullhorn" ? 4 : 2, invalid: 0 });
    }
    expect(summary.vendors.map((v) => v.requests)).toEqual([14, 10, 14, 16, 15]);
    expect(summary.totals).toEqual({ requests: 69, tokensFetched: 12, retries: 10, invalid: 0 });
    expect(text.match(/token expired \(401\), the client fetched a new one and replayed the call/g)).toHaveLength(5);
    expect(text.match(/429 Too Many Requests/g)).toHaveLength(5);
    // Whoever retried the 429 (the client, or the demo after Retry-After), the demo waited only for its own retries.
    expect(waits).toEqual(Array(text.match(/the demo waits Retry-After/g)?.length ?? 0).fill(0));
    expect(text).toContain("screening 900001: Complete (Clear)");
    expect(text).toContain("session ended (DELETE /access-token)");
    expect(text).toContain("paged through 5 candidates, 2 per page");
    expect(text).toContain("paged through 10 candidates, 2 per page");
    expect(lines.at(-1)).toMatch(/^ {2}total +69 requests {2}12 tokens {2}10 retries\/replays {2}0 spec violations$/);
    for (const secret of [
      "fake-password",
      "fake-pcr-api-key",
      "fake-sr-secret",
      "fake-sterling-secret",
      "fake-zoho-client-secret",
      "fake-bullhorn-secret",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("prints to the console by default and refuses a bad retryAfterSeconds", async () => {
    await expect(runDemo({ retryAfterSeconds: -1 })).rejects.toBeInstanceOf(FakeServerError);
    const printed: string[] = [];
    const original = console.log;
    console.log = (line: string) => printed.push(line);
    try {
      const summary = await runDemo({ retryAfterSeconds: 0, sleep: async () => undefined });
      expect(summary.durationMs).toBeGreaterThan(0);
    } finally {
      console.log = original;
    }
    expect(printed[0]).toBe("hirekit demo: five fake vendors on loopback, driven through the published clients");
  });
});
