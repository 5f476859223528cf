import { describe, expect, it } from "vitest";
import { and, type Candidate, customField, or, PCRecruiterError, where } from "../src/index.js";

describe("where", () => {
  it("quotes strings and dates and leaves numbers, bigints and booleans bare (V2)", () => {
    expect(where<Candidate>("Status", "eq", "candidate")).toBe("Status eq 'candidate'");
    expect(where<Candidate>("CandidateId", "gt", 130675937475340)).toBe("CandidateId gt 130675937475340");
    expect(where<Candidate>("CandidateId", "eq", 9007199254740993n)).toBe("CandidateId eq 9007199254740993");
    expect(where<Candidate>("HasResume", "eq", true)).toBe("HasResume eq true");
    expect(where<Candidate>("Subjective", "le", -2.5)).toBe("Subjective le -2.5");
    expect(where<Candidate>("LastModified", "ge", new Date("2024-05-01T00:00:00Z"))).toBe(
      "LastModified ge '2024-05-01T00:00:00Z'",
    );
    expect(where<Candidate>("LastModified", "lt", new Date("2024-05-01T00:00:00.250Z"))).toBe(
      "LastModified lt '2024-05-01T00:00:00.250Z'",
    );
  });

  it("doubles single quotes so a value cannot end the string", () => {
    expect(where<Candidate>("LastName", "eq", "O'Brien")).toBe("LastName eq 'O''Brien'");
    expect(where("Notes", "co", "' OR Status ne '")).toBe("Notes co ''' OR Status ne '''");
  });

  it("writes V1 values bare and refuses what cannot be written bare", () => {
    expect(where("Rollup", "eq", "ADMIN.0002", { quoting: "v1" })).toBe("Rollup eq ADMIN.0002");
    expect(where("DateEntered", "ge", new Date("2024-01-01T00:00:00Z"), { quoting: "v1" })).toBe(
      "DateEntered ge 2024-01-01T00:00:00Z",
    );
    for (const value of ["two words", "it's", "(x)", ""]) {
      expect(() => where("City", "eq", value, { quoting: "v1" })).toThrow(PCRecruiterError);
    }
  });

  it.each([
    ["a field that is not an identifier", () => where("Status eq 'x' OR Status", "eq", "y")],
    ["an unknown operator", () => where("Status", "like" as never, "x")],
    ["a text operator with a number", () => where("Status", "co" as never, 5)],
    ["an unknown quoting", () => where("Status", "eq", "x", { quoting: "v3" as never })],
    ["a non-finite number", () => where("Subjective", "eq", Number.NaN)],
    ["a number in exponent notation", () => where("Subjective", "eq", 1e21)],
    ["an invalid date", () => where("DateEntered", "eq", new Date("nope"))],
    ["a control character", () => where("Notes", "eq", "line\nbreak")],
    ["a value of another type", () => where("Notes", "eq", null as never)],
  ])("refuses %s with INVALID_QUERY", (_, build) => {
    expect(build).toThrow(expect.objectContaining({ name: "PCRecruiterError", code: "INVALID_QUERY" }));
  });
});

describe("and / or", () => {
  it("groups mixed connectives with parentheses and leaves same ones flat", () => {
    const state = or(where<Candidate>("State", "eq", "OH"), where<Candidate>("State", "eq", "TN"));
    expect(and(where<Candidate>("Status", "eq", "candidate"), state)).toBe(
      "Status eq 'candidate' AND (State eq 'OH' OR State eq 'TN')",
    );
    const both = and(where("A", "eq", 1), where("B", "eq", 2));
    expect(and(both, where("C", "eq", 3))).toBe("A eq 1 AND B eq 2 AND C eq 3");
    expect(or(both, where("C", "eq", 3))).toBe("(A eq 1 AND B eq 2) OR C eq 3");
    expect(and(where("A", "eq", 1))).toBe("A eq 1");
  });

  it("is not fooled by connectives inside quoted values or custom-field groups", () => {
    const quoted = where("Notes", "co", "cats AND dogs OR 'birds'");
    expect(or(quoted, where("A", "eq", 1))).toBe("Notes co 'cats AND dogs OR ''birds''' OR A eq 1");
    const custom = customField("Language", "eq", "English");
    expect(custom).toBe("EXISTS (CustomFields.FieldName eq 'Language' AND CustomFields.Value eq 'English')");
    expect(or(custom, where("A", "eq", 1))).toBe(`${custom} OR A eq 1`);
  });

  it("refuses empty groups and non-conditions", () => {
    expect(() => (and as (...a: unknown[]) => string)()).toThrow(expect.objectContaining({ code: "INVALID_QUERY" }));
    expect(() => (or as (...a: unknown[]) => string)("")).toThrow(expect.objectContaining({ code: "INVALID_QUERY" }));
    expect(() => customField("", "eq", "x")).toThrow(expect.objectContaining({ code: "INVALID_QUERY" }));
    expect(() => customField("Age", "eq", 5 as never)).toThrow(expect.objectContaining({ code: "INVALID_QUERY" }));
  });
});
