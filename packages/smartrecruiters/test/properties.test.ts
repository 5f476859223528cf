/**
 * Property-based tests (fast-check) of paging: whatever pages and cursors the server sends,
 * `paginate` ends (or throws a typed error) instead of looping.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSmartRecruitersClient, SmartRecruitersApiError } from "../src/index.js";

const KEY = "sr-test-api-key-0123456789abcdef";
/** More requests than this means paging is looping: the stub fails the request instead. */
const GUARD = 60;

type Page = { count: number; next?: string | undefined };

/** A server whose answer depends only on the cursor asked for (`pageId`), as a real cursor API's does. */
function cursorServer(pages: Record<string, Page>) {
  let requests = 0;
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (++requests > GUARD) throw new Error("paging loops");
    const page = pages[url.searchParams.get("pageId") ?? "first"] ?? { count: 0 };
    const content = Array.from({ length: page.count }, (_, i) => ({ id: `c${i}` }));
    return Response.json({ content, ...(page.next === undefined ? {} : { nextPageId: page.next }) });
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests: () => requests };
}

const cursor = fc.constantFrom("first", "a", "b", "c");
const pages = fc.dictionary(
  cursor,
  fc.record({ count: fc.integer({ min: 0, max: 3 }), next: fc.option(cursor, { nil: undefined }) }),
);

describe("paging (properties)", () => {
  it("cursor paging ends on any answers whose cursors never come back to one already fetched", async () => {
    await fc.assert(
      fc.asyncProperty(
        pages.filter((p) => !revisits(p)),
        async (p) => {
          const server = cursorServer(p);
          const sr = createSmartRecruitersClient({
            auth: { apiKey: KEY },
            fetch: server.fetch,
            retry: false,
            requestsPerSecond: false,
          });
          for await (const _ of sr.paginate("/candidates")) {
            // walk
          }
          expect(server.requests()).toBeLessThanOrEqual(5);
        },
      ),
      { numRuns: 300 },
    );
  });

  // A server cycling a → b → a must not make paginate() loop: fetched cursors are remembered.
  it("cursor paging ends on any answers, cycles included", async () => {
    await fc.assert(
      fc.asyncProperty(pages, async (p) => {
        const server = cursorServer(p);
        const sr = createSmartRecruitersClient({
          auth: { apiKey: KEY },
          fetch: server.fetch,
          retry: false,
          requestsPerSecond: false,
        });
        try {
          for await (const _ of sr.paginate("/candidates")) {
            // walk
          }
        } catch (error) {
          expect(error).toBeInstanceOf(SmartRecruitersApiError);
        }
        expect(server.requests()).toBeLessThanOrEqual(5);
      }),
      { numRuns: 300 },
    );
  });
});

/** Whether following the cursors from "first" fetches a non-empty page twice. */
function revisits(p: Record<string, Page>): boolean {
  const seen = new Set<string>();
  let at: string | undefined = "first";
  while (at !== undefined) {
    const page: Page = p[at] ?? { count: 0 };
    if (page.count === 0) return false;
    if (seen.has(at)) return true;
    seen.add(at);
    at = page.next;
  }
  return false;
}
