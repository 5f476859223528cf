import { PCRecruiterError } from "./errors.js";

declare const queryBrand: unique symbol;

/**
 * A PCRecruiter `Query` expression built by {@link where}, {@link customField}, {@link and}
 * or {@link or}: a string (pass it as `Query` as it is) that can only come from the builder,
 * so every value in it is quoted and escaped.
 */
export type PCRecruiterQuery = string & { readonly [queryBrand]: true };

/** Comparison operators of `Query` (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Search-References.html). */
export type QueryOperator = "eq" | "ne" | "gt" | "lt" | "ge" | "le" | "sw" | "ew" | "co";
/** The text operators: starts with, ends with, contains. They take a string. */
export type TextOperator = "sw" | "ew" | "co";
/** A value a condition compares with. `Date`s are written as ISO-8601 UTC date-times. */
export type QueryValue = string | number | bigint | boolean | Date;
/**
 * Field names a condition accepts: the keys of `R` when a record type is given
 * (`where<Candidate>(…)`), else any field name (`CustomFields.FieldName`, …).
 */
export type QueryField<R> = [R] extends [undefined] ? string : Extract<keyof R, string>;

/** Options of {@link where}. */
export interface WhereOptions {
  /**
   * `v2` (default): string and date values in single quotes, `'` doubled inside them, as V2
   * endpoints expect (`Status eq 'candidate'`). `v1`: values bare, as the V1 examples write
   * them (`Rollup eq ADMIN.0002`); a value that cannot be written bare is refused.
   */
  quoting?: "v2" | "v1";
}

const OPERATORS = new Set<string>(["eq", "ne", "gt", "lt", "ge", "le", "sw", "ew", "co"]);
const TEXT_OPERATORS = new Set<string>(["sw", "ew", "co"]);
/** Identifiers, dotted for sub-fields (`CustomFields.FieldName`): nothing else may reach the expression. */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** What a V1 value may contain when written without quotes. */
const BARE = /^[^\s'"()]+$/;

function invalid(message: string): PCRecruiterError {
  return new PCRecruiterError("INVALID_QUERY", `pcrecruiter query: ${message}`);
}

/**
 * One condition, `Field op value`, with the value quoted and escaped. In V2 quoting a `'`
 * inside a value is doubled (`O''Brien`), the OData convention PCRecruiter's grammar follows;
 * the vendor does not document the escape (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Search-References.html).
 *
 * @example
 * ```ts
 * where<Candidate>("LastName", "eq", "O'Brien"); // LastName eq 'O''Brien'
 * where<Candidate>("LastModified", "ge", new Date("2024-05-01T00:00:00Z")); // LastModified ge '2024-05-01T00:00:00Z'
 * where("Rollup", "eq", "ADMIN.0002", { quoting: "v1" }); // Rollup eq ADMIN.0002
 * ```
 */
export function where<R = undefined>(
  field: QueryField<R>,
  op: QueryOperator,
  value: string,
  options?: WhereOptions,
): PCRecruiterQuery;
export function where<R = undefined>(
  field: QueryField<R>,
  op: Exclude<QueryOperator, TextOperator>,
  value: QueryValue,
  options?: WhereOptions,
): PCRecruiterQuery;
export function where(field: string, op: QueryOperator, value: QueryValue, options: WhereOptions = {}): PCRecruiterQuery {
  if (typeof field !== "string" || !FIELD.test(field)) {
    throw invalid(`field ${JSON.stringify(field)} is not a field name (letters, digits, "_", dotted)`);
  }
  if (!OPERATORS.has(op)) throw invalid(`operator ${JSON.stringify(op)} is not one of ${[...OPERATORS].join(" ")}`);
  if (TEXT_OPERATORS.has(op) && typeof value !== "string") throw invalid(`operator "${op}" needs a string value`);
  const quoting = options.quoting ?? "v2";
  if (quoting !== "v1" && quoting !== "v2") throw invalid('quoting must be "v2" or "v1"');
  return `${field} ${op} ${literal(value, quoting, field)}` as PCRecruiterQuery;
}

/**
 * A condition on a custom-field value (V2): `EXISTS (CustomFields.FieldName eq 'name' AND
 * CustomFields.Value op 'value')`. Custom values are strings (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Search-References.html).
 *
 * @example
 * ```ts
 * customField("Language", "eq", "English");
 * ```
 */
export function customField(name: string, op: QueryOperator, value: string): PCRecruiterQuery {
  if (typeof name !== "string" || name.length === 0) throw invalid("custom field name must be a non-empty string");
  if (typeof value !== "string") throw invalid("custom field values are strings");
  const inner = and(where("CustomFields.FieldName", "eq", name), where("CustomFields.Value", op, value));
  return `EXISTS (${inner})` as PCRecruiterQuery;
}

/**
 * All of the conditions. Operands joined with `OR` are put in parentheses, so the result
 * never depends on operator precedence (which the vendor does not document).
 *
 * @example
 * ```ts
 * and(where<Candidate>("Status", "eq", "candidate"), or(where<Candidate>("State", "eq", "OH"), where<Candidate>("State", "eq", "TN")));
 * // Status eq 'candidate' AND (State eq 'OH' OR State eq 'TN')
 * ```
 */
export function and(...conditions: [PCRecruiterQuery, ...PCRecruiterQuery[]]): PCRecruiterQuery {
  return join("AND", conditions);
}

/**
 * Any of the conditions; operands joined with `AND` are put in parentheses.
 *
 * @example
 * ```ts
 * or(where<Position>("City", "eq", "Nashville"), where<Position>("City", "eq", "Memphis"));
 * ```
 */
export function or(...conditions: [PCRecruiterQuery, ...PCRecruiterQuery[]]): PCRecruiterQuery {
  return join("OR", conditions);
}

function join(connective: "AND" | "OR", conditions: readonly PCRecruiterQuery[]): PCRecruiterQuery {
  if (conditions.length === 0) throw invalid(`${connective.toLowerCase()}() needs at least one condition`);
  const parts = conditions.map((condition) => {
    if (typeof condition !== "string" || condition.length === 0) {
      throw invalid(`${connective.toLowerCase()}() takes conditions built by where(), customField(), and() or or()`);
    }
    const other = connective === "AND" ? "OR" : "AND";
    return topLevelConnectives(condition).has(other) ? `(${condition})` : condition;
  });
  return parts.join(` ${connective} `) as PCRecruiterQuery;
}

/** The connectives outside quotes and parentheses of an expression the builder wrote. */
function topLevelConnectives(expression: string): Set<string> {
  const found = new Set<string>();
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    // A doubled quote inside a value toggles twice: it never ends the value.
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === " " && depth === 0) {
      const word = /^ (AND|OR) /.exec(expression.slice(i, i + 5));
      if (word) found.add(word[1] as string);
    }
  }
  return found;
}

function literal(value: QueryValue, quoting: "v1" | "v2", field: string): string {
  if (typeof value === "number") {
    const text = String(value);
    if (!Number.isFinite(value) || /e/i.test(text)) throw invalid(`${field}: ${text} cannot be written as a plain number`);
    return text;
  }
  if (typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return String(value);
  let text: string;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(`${field}: the date is invalid`);
    // ISO-8601 (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Search-References.html), in UTC; milliseconds dropped when zero.
    text = value.toISOString().replace(/\.000Z$/, "Z");
  } else if (typeof value === "string") {
    text = value;
  } else {
    throw invalid(`${field}: a value must be a string, number, bigint, boolean or Date`);
  }
  // Control characters (line breaks, …) cannot be searched for and could end the expression.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
  if (/[\u0000-\u001f\u007f]/.test(text)) throw invalid(`${field}: the value contains a control character`);
  if (quoting === "v1") {
    if (!BARE.test(text))
      throw invalid(`${field}: ${JSON.stringify(text)} cannot be written without quotes (V1); use V2 quoting`);
    return text;
  }
  return `'${text.replaceAll("'", "''")}'`;
}
