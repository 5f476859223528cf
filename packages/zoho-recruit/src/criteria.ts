import { ZohoRecruitError } from "./errors.js";
import type { ZohoRecord } from "./generated/types.js";

/** The comparison operators Zoho Recruit's search criteria accept (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html). */
export type ZohoCriteriaOperator = "equals" | "starts_with";

/** A value to compare with; numbers and booleans are written as text. */
export type ZohoCriteriaValue = string | number | boolean;

/**
 * A search criteria expression. `text` (also `toString()`) is the wire form, for the
 * `criteria` query parameter: `((Last_Name:equals:Burns\,B)and(First_Name:starts_with:M))`.
 */
export interface ZohoCriteria {
  /** The expression as Zoho reads it, escaped but not yet URL-encoded (the client encodes it). */
  readonly text: string;
  /** Number of conditions in the expression (Zoho accepts at most {@link ZOHO_MAX_CRITERIA_CONDITIONS}). */
  readonly conditions: number;
  /** The same as {@link ZohoCriteria.text}, so that the criteria can be used where a string is expected. */
  toString(): string;
}

/** Field API names of a record type: the known ones are suggested, any other (custom field) is accepted. */
export type ZohoCriteriaField<T> = (Exclude<Extract<keyof T, string>, `$${string}`> & {}) | (string & {});

/** Builds criteria for the fields of one record type. */
export interface ZohoCriteriaBuilder<T> {
  /** `(field:equals:value)` */
  equals(field: ZohoCriteriaField<T>, value: ZohoCriteriaValue): ZohoCriteria;
  /** `(field:starts_with:value)` */
  startsWith(field: ZohoCriteriaField<T>, value: string): ZohoCriteria;
  /** `(field:operator:value)` with the operator as a value. */
  where(field: ZohoCriteriaField<T>, operator: ZohoCriteriaOperator, value: ZohoCriteriaValue): ZohoCriteria;
  /** All of the parts: `((a)and(b))`. */
  and(...parts: [ZohoCriteria, ZohoCriteria, ...ZohoCriteria[]]): ZohoCriteria;
  /** Any of the parts: `((a)or(b))`. */
  or(...parts: [ZohoCriteria, ZohoCriteria, ...ZohoCriteria[]]): ZohoCriteria;
}

/** Zoho Recruit evaluates at most 10 conditions per search (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html). */
export const ZOHO_MAX_CRITERIA_CONDITIONS = 10;

const OPERATORS: readonly ZohoCriteriaOperator[] = ["equals", "starts_with"];

/**
 * A typed builder of search criteria for `GET /{module}/search`: conditions
 * `(Field:operator:value)` joined by `and` / `or`, with `(`, `)` and `,` in values escaped by
 * a backslash as Zoho requires. Field names, operators and the 10-condition limit are
 * checked when the expression is built, so a bad expression fails before any request.
 *
 * @example
 * ```ts
 * const c = zohoCriteria<Candidate>();
 * const criteria = c.and(c.equals("Last_Name", "Burns,B"), c.startsWith("First_Name", "M"));
 * const { data } = await zoho.GET("/Candidates/search", { params: { query: { criteria: criteria.text } } });
 * ```
 */
export function zohoCriteria<T = ZohoRecord>(): ZohoCriteriaBuilder<T> {
  const where = (field: string, operator: ZohoCriteriaOperator, value: ZohoCriteriaValue) => condition(field, operator, value);
  return {
    equals: (field, value) => where(field, "equals", value),
    startsWith: (field, value) => where(field, "starts_with", value),
    where,
    and: (...parts) => group("and", parts),
    or: (...parts) => group("or", parts),
  };
}

/**
 * Escapes a value for a criteria condition: Zoho reads `(`, `)` and `,` as syntax unless a
 * backslash precedes them (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html).
 *
 * @example
 * ```ts
 * escapeCriteriaValue("Burns,B (Jr)"); // "Burns\\,B \\(Jr\\)"
 * ```
 */
export function escapeCriteriaValue(value: string): string {
  // The backslash is the escape character itself: escape it too, or a value ending in "\"
  // would escape the closing parenthesis and swallow the rest of the expression.
  return value.replace(/[\\(),]/g, (ch) => `\\${ch}`);
}

function condition(field: string, operator: ZohoCriteriaOperator, value: ZohoCriteriaValue): ZohoCriteria {
  // A field API name is letters, digits and underscores (a lookup's sub-field adds a dot);
  // anything else would change the meaning of the expression rather than fail.
  if (typeof field !== "string" || !/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?$/.test(field)) {
    throw new ZohoRecruitError("INVALID_CRITERIA", `criteria: field ${JSON.stringify(field)} is not a field API name`, "field");
  }
  if (!OPERATORS.includes(operator)) {
    throw new ZohoRecruitError(
      "INVALID_CRITERIA",
      `criteria: operator ${JSON.stringify(operator)} is not one of ${OPERATORS.join(", ")}`,
      "operator",
    );
  }
  if (!["string", "number", "boolean"].includes(typeof value) || (typeof value === "number" && !Number.isFinite(value))) {
    throw new ZohoRecruitError(
      "INVALID_CRITERIA",
      `criteria: the value for ${field} must be a string, a finite number or a boolean`,
      "value",
    );
  }
  return expression(`(${field}:${operator}:${escapeCriteriaValue(String(value))})`, 1);
}

function group(joiner: "and" | "or", parts: readonly ZohoCriteria[]): ZohoCriteria {
  if (parts.length < 2 || parts.some((p) => typeof p?.text !== "string" || typeof p.conditions !== "number")) {
    throw new ZohoRecruitError(
      "INVALID_CRITERIA",
      `criteria: ${joiner}() takes two or more criteria built by zohoCriteria()`,
      "parts",
    );
  }
  const conditions = parts.reduce((n, p) => n + p.conditions, 0);
  if (conditions > ZOHO_MAX_CRITERIA_CONDITIONS) {
    throw new ZohoRecruitError(
      "INVALID_CRITERIA",
      `criteria: ${conditions} conditions; Zoho Recruit accepts at most ${ZOHO_MAX_CRITERIA_CONDITIONS} per search`,
      "parts",
    );
  }
  return expression(`(${parts.map((p) => p.text).join(joiner)})`, conditions);
}

function expression(text: string, conditions: number): ZohoCriteria {
  return Object.freeze({ text, conditions, toString: () => text });
}
