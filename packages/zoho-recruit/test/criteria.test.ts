import { describe, expect, it } from "vitest";
import {
  type Candidate,
  escapeCriteriaValue,
  type JobOpening,
  ZOHO_MAX_CRITERIA_CONDITIONS,
  zohoCriteria,
} from "../src/index.js";

describe("zohoCriteria", () => {
  const c = zohoCriteria<Candidate>();

  it("writes one condition as (Field:operator:value)", () => {
    expect(c.equals("Email", "grace@example.com").text).toBe("(Email:equals:grace@example.com)");
    expect(c.startsWith("First_Name", "M").toString()).toBe("(First_Name:starts_with:M)");
    expect(String(c.where("Candidate_Status", "equals", "New"))).toBe("(Candidate_Status:equals:New)");
  });

  it("joins with and / or as Zoho's documented example", () => {
    expect(c.and(c.equals("Last_Name", "Burns,B"), c.startsWith("First_Name", "M")).text).toBe(
      "((Last_Name:equals:Burns\\,B)and(First_Name:starts_with:M))",
    );
  });

  it("nests groups", () => {
    const either = c.or(c.equals("Source", "Referral"), c.equals("Source", "Job Fair"));
    expect(c.and(either, c.equals("Candidate_Status", "New")).text).toBe(
      "(((Source:equals:Referral)or(Source:equals:Job Fair))and(Candidate_Status:equals:New))",
    );
  });

  it("escapes parentheses and commas inside values, and nothing else", () => {
    expect(escapeCriteriaValue("Smith (Jr), PhD: 100%")).toBe("Smith \\(Jr\\)\\, PhD: 100%");
    expect(c.equals("Current_Employer", "A(B)").text).toBe("(Current_Employer:equals:A\\(B\\))");
  });

  it("writes numbers and booleans as text", () => {
    const jobs = zohoCriteria<JobOpening>();
    expect(jobs.equals("Number_of_Positions", 3).text).toBe("(Number_of_Positions:equals:3)");
    expect(jobs.equals("Is_Hot_Job", true).text).toBe("(Is_Hot_Job:equals:true)");
  });

  it("accepts custom fields and lookup sub-fields", () => {
    expect(c.equals("Visa_Status_c", "H1B").text).toBe("(Visa_Status_c:equals:H1B)");
    expect(zohoCriteria().equals("Client_Name.name", "Acme").text).toBe("(Client_Name.name:equals:Acme)");
  });

  it("counts conditions and refuses more than Zoho's 10", () => {
    const ten = Array.from({ length: 10 }, (_, i) => c.equals("Last_Name", `n${i}`));
    const group = c.or(...(ten as [(typeof ten)[0], (typeof ten)[0], ...typeof ten]));
    expect(group.conditions).toBe(ZOHO_MAX_CRITERIA_CONDITIONS);
    expect(() => c.and(group, c.equals("Email", "x"))).toThrowError(
      expect.objectContaining({
        name: "ZohoRecruitError",
        code: "INVALID_CRITERIA",
        message: expect.stringContaining("11 conditions"),
      }),
    );
  });

  it.each(["", "Last Name", "Email)", "a:b", "x,y"])("refuses the field name %j", (field) => {
    expect(() => c.equals(field, "v")).toThrowError(expect.objectContaining({ code: "INVALID_CRITERIA", option: "field" }));
  });

  it("refuses an unknown operator, a bad value and a group of fewer than two", () => {
    expect(() => c.where("Email", "contains" as "equals", "x")).toThrowError(expect.objectContaining({ option: "operator" }));
    expect(() => c.equals("Email", Number.NaN)).toThrowError(expect.objectContaining({ option: "value" }));
    expect(() => c.equals("Email", null as unknown as string)).toThrowError(expect.objectContaining({ option: "value" }));
    expect(() => (c.and as (...p: unknown[]) => unknown)(c.equals("Email", "x"))).toThrowError(
      expect.objectContaining({ option: "parts" }),
    );
    expect(() => (c.or as (...p: unknown[]) => unknown)("(Email:equals:x)", "(Email:equals:y)")).toThrowError(
      expect.objectContaining({ option: "parts" }),
    );
  });

  it("builds frozen values", () => {
    const expr = c.equals("Email", "x");
    expect(Object.isFrozen(expr)).toBe(true);
  });
});
