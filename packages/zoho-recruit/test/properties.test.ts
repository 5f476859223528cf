/**
 * Property-based tests (fast-check): criteria never carry an unescaped value and never let a
 * value change the structure of the expression; paging always ends.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createZohoRecruitClient, type ZohoCriteria, ZohoRecruitApiError, ZohoRecruitError, zohoCriteria } from "../src/index.js";
import { credentials } from "./helpers.js";

/**
 * Reads criteria the way Zoho documents them (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html): `(field:op:value)` joined
 * by `and` / `or` in parentheses, a backslash escaping the next character of a value. Returns
 * the values in order; throws when the text does not parse.
 */
function readValues(text: string): string[] {
  const values: string[] = [];
  let i = 0;
  const expect_ = (s: string) => {
    if (!text.startsWith(s, i)) throw new Error(`expected ${s} at ${i}`);
    i += s.length;
  };
  const node = (): void => {
    expect_("(");
    if (text[i] === "(") {
      node();
      while (text.startsWith("and", i) || text.startsWith("or", i)) {
        i += text.startsWith("and", i) ? 3 : 2;
        node();
      }
      expect_(")");
      return;
    }
    const m = /^[A-Za-z0-9_.]+:(equals|starts_with):/.exec(text.slice(i));
    if (m === null) throw new Error(`no condition at ${i}`);
    i += m[0].length;
    let value = "";
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Error("unterminated value");
      if (c === "\\") {
        const next = text[i + 1];
        if (next === undefined) throw new Error("dangling escape");
        value += next;
        i += 2;
      } else if (c === ")") break;
      else if (c === "(" || c === ",") throw new Error(`unescaped ${c} in a value`);
      else {
        value += c;
        i++;
      }
    }
    values.push(value);
    expect_(")");
  };
  node();
  if (i !== text.length) throw new Error("trailing text");
  return values;
}

type Tree = { leaf: string } | { op: "and" | "or"; children: [Tree, Tree, ...Tree[]] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ leaf: fc.string() }),
    fc.record({
      op: fc.constantFrom<"and" | "or">("and", "or"),
      children: fc.array(tie("node"), { minLength: 2, maxLength: 3 }) as fc.Arbitrary<[Tree, Tree, ...Tree[]]>,
    }),
  ),
})).node;
const c = zohoCriteria();
function build(t: Tree): ZohoCriteria {
  if ("leaf" in t) return c.equals("Last_Name", t.leaf);
  const parts = t.children.map(build) as [ZohoCriteria, ZohoCriteria, ...ZohoCriteria[]];
  return t.op === "and" ? c.and(...parts) : c.or(...parts);
}
const leaves = (t: Tree): string[] => ("leaf" in t ? [t.leaf] : t.children.flatMap(leaves));

describe("criteria builder (properties)", () => {
  it("any value without a backslash reads back unchanged, in a well-formed condition", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes("\\")),
        fc.constantFrom("equals", "starts_with"),
        (value, op) => {
          const criteria = c.where("Email", op as "equals", value);
          expect(readValues(criteria.text)).toEqual([value]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  // A value ending in "\" must not escape the closing parenthesis (`(Last_Name:equals:a\)`
  // would never end): the backslash is escaped like ( ) and ,.
  it("any value, backslashes included, reads back unchanged", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(readValues(c.equals("Last_Name", value).text)).toEqual([value]);
      }),
      { numRuns: 1000 },
    );
  });

  it("any and/or tree of backslash-free values: well-formed, values in order, or a typed INVALID_CRITERIA over 10", () => {
    fc.assert(
      fc.property(
        tree.filter((t) => leaves(t).every((v) => !v.includes("\\"))),
        (t) => {
          let criteria: ZohoCriteria;
          try {
            criteria = build(t);
          } catch (error) {
            expect(error).toBeInstanceOf(ZohoRecruitError);
            expect((error as ZohoRecruitError).code).toBe("INVALID_CRITERIA");
            expect(leaves(t).length).toBeGreaterThan(10);
            return;
          }
          expect(readValues(criteria.text)).toEqual(leaves(t));
          expect(criteria.conditions).toBe(leaves(t).length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("any field name: a condition on that field, or INVALID_CRITERIA", () => {
    fc.assert(
      fc.property(fc.string(), (field) => {
        try {
          expect(c.equals(field, "x").text).toBe(`(${field}:equals:x)`);
          expect(field).toMatch(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?$/);
        } catch (error) {
          expect((error as ZohoRecruitError).code).toBe("INVALID_CRITERIA");
        }
      }),
    );
  });
});

describe("paging (properties)", () => {
  it("any sequence of pages, then a server that claims more records forever with empty pages: paging ends", async () => {
    const page = fc.oneof(
      fc.record({ count: fc.integer({ min: 0, max: 4 }), more: fc.boolean() }),
      fc.constantFrom({ status: 204 }, { status: 500 }, { weird: true }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(page, { maxLength: 6 }), async (pages) => {
        let requests = 0;
        const fetch = async (input: RequestInfo | URL) => {
          const url = input instanceof Request ? input.url : String(input);
          if (url.includes("/oauth/")) return Response.json({ access_token: "1000.a", token_type: "Bearer", expires_in: 3600 });
          const p = pages[requests++] ?? { count: 0, more: true };
          if ("status" in p) return new Response(p.status === 204 ? null : "{}", { status: p.status });
          if ("weird" in p) return Response.json({ data: "not a list" });
          const data = Array.from({ length: p.count }, (_, i) => ({ id: String(i) }));
          return Response.json({ data, info: { more_records: p.more } });
        };
        const zoho = createZohoRecruitClient({
          region: "eu",
          auth: credentials(),
          fetch: fetch as typeof globalThis.fetch,
          retry: false,
        });
        try {
          for await (const _ of zoho.paginate("/Candidates")) {
            // walk
          }
        } catch (error) {
          expect(error instanceof ZohoRecruitApiError || error instanceof ZohoRecruitError).toBe(true);
        }
        expect(requests).toBeLessThanOrEqual(pages.length + 1);
      }),
      { numRuns: 200 },
    );
  });
});
