/**
 * Property-based tests (fast-check): the `Query` builder never writes an unescaped value and
 * never lets a value change the structure of the expression; paging always ends.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { and, createPCRecruiterClient, or, PCRecruiterError, type PCRecruiterQuery, where } from "../src/index.js";
import { login } from "./helpers.js";

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const fieldName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the builder refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The quoted literals of an expression, unescaped, in order; throws if quotes or parentheses do not balance. */
function literals(expression: string): string[] {
  const found: string[] = [];
  let depth = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "'") {
      let value = "";
      for (i++; ; i++) {
        if (i >= expression.length) throw new Error("unterminated literal");
        if (expression[i] === "'" && expression[i + 1] === "'") {
          value += "'";
          i++;
        } else if (expression[i] === "'") break;
        else value += expression[i];
      }
      found.push(value);
    }
    if (depth < 0) throw new Error("unbalanced parentheses");
  }
  if (depth !== 0) throw new Error("unbalanced parentheses");
  return found;
}

type Tree = { leaf: string } | { op: "and" | "or"; children: Tree[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ leaf: fc.string().filter((s) => !CONTROL.test(s)) }),
    fc.record({
      op: fc.constantFrom<"and" | "or">("and", "or"),
      children: fc.array(tie("node"), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).node;

function build(t: Tree): PCRecruiterQuery {
  if ("leaf" in t) return where("LastName", "eq", t.leaf);
  const parts = t.children.map(build) as [PCRecruiterQuery, ...PCRecruiterQuery[]];
  return t.op === "and" ? and(...parts) : or(...parts);
}
const leaves = (t: Tree): string[] => ("leaf" in t ? [t.leaf] : t.children.flatMap(leaves));

describe("Query builder (properties)", () => {
  it("any field and string value: `Field op 'value'` that reads back to the same value, or INVALID_QUERY", () => {
    fc.assert(
      fc.property(
        fc.oneof(fieldName, fc.string()),
        fc.constantFrom("eq", "ne", "sw", "ew", "co"),
        fc.string(),
        (field, op, value) => {
          let query: string;
          try {
            query = where(field, op as "eq", value);
          } catch (error) {
            expect(error).toBeInstanceOf(PCRecruiterError);
            expect((error as PCRecruiterError).code).toBe("INVALID_QUERY");
            expect(!FIELD.test(field) || CONTROL.test(value)).toBe(true);
            return;
          }
          expect(query.startsWith(`${field} ${op} '`)).toBe(true);
          expect(literals(query)).toEqual([value]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("any and/or tree of any values: balanced, and its literals are exactly the values in order", () => {
    fc.assert(
      fc.property(tree, (t) => {
        const query = build(t);
        expect(literals(query)).toEqual(leaves(t));
        expect(query.split(" eq ").length - 1).toBe(leaves(t).length);
      }),
      { numRuns: 500 },
    );
  });

  it("any number: a plain literal or INVALID_QUERY, never an exponent", () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        try {
          expect(where("Salary", "ge", n)).toMatch(/^Salary ge -?\d+(\.\d+)?$/);
        } catch (error) {
          expect((error as PCRecruiterError).code).toBe("INVALID_QUERY");
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("paging (properties)", () => {
  it("any sequence of pages, then a server that claims more forever with empty pages: paging ends", async () => {
    const page = fc.record({
      total: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
      count: fc.integer({ min: 0, max: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(page, { maxLength: 6 }), fc.integer({ min: 1, max: 5 }), async (pages, pageSize) => {
        let requests = 0;
        const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          if (request.url.endsWith("/access-token")) return Response.json({ SessionId: "S1" });
          const p = pages[requests++] ?? { total: 1_000_000, count: 0 };
          const Results = Array.from({ length: p.count }, (_, i) => ({ JobId: i }));
          return Response.json(p.total === undefined ? { Results } : { TotalRecords: p.total, Results });
        };
        const client = createPCRecruiterClient({ auth: login, fetch: fetch as typeof globalThis.fetch, pageSize, retry: false });
        let items = 0;
        for await (const _ of client.paginate("/positionsV2")) items++;
        expect(requests).toBeLessThanOrEqual(pages.length + 1);
        expect(items).toBeLessThanOrEqual(pages.reduce((n, p) => n + p.count, 0));
      }),
      { numRuns: 200 },
    );
  });
});
