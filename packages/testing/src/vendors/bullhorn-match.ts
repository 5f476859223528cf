/**
 * The small subsets of Bullhorn's two query languages the fake understands: Lucene for
 * `search/{Entity}?query=` and a JPQL-like clause for `query/{Entity}?where=`
 * (https://bullhorn.github.io/rest-api-docs/#get-search, https://bullhorn.github.io/rest-api-docs/#get-query).
 * Anything outside the subset is refused with a message naming what is supported, never
 * matched loosely.
 */

type Row = Record<string, unknown>;

/** A row filter, or the reason the expression is outside the supported subset. */
export type Matcher = ((row: Row) => boolean) | { unsupported: string };

/** The value at a dotted path (`owner.id`), from a to-one association as Bullhorn nests it. */
export function valueAt(row: Row, path: string): unknown {
  let current: unknown = row;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Row)[key];
  }
  return current;
}

// `isDeleted` is false when never set: a new record is not deleted.
const resolved = (row: Row, path: string) => valueAt(row, path) ?? (path === "isDeleted" ? false : undefined);

/** Lucene and JPQL both write booleans as 0/1 (`isDeleted:0`) or true/false. */
function asBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === "1" || lower === "true" ? true : lower === "0" || lower === "false" ? false : undefined;
}

function equalsTerm(value: unknown, term: string, words: boolean): boolean {
  if (typeof value === "boolean") return asBoolean(term) === value;
  if (typeof value === "number") return term.trim() !== "" && Number(term) === value;
  if (typeof value !== "string") return false;
  const lower = term.toLowerCase();
  if (value.toLowerCase() === lower) return true;
  // Lucene indexes text fields word by word: `lastName:smith` finds "Smith", `name:jane` finds "Jane Doe".
  return words && value.toLowerCase().split(/\s+/).includes(lower);
}

const SEARCH_SUBSET =
  'the fake\'s search supports field:value, field:"a phrase", field:prefix*, field:[a TO b] (numbers, * open), NOT or - before a clause, joined by AND';

/** Splits on whitespace outside quotes and brackets. */
function luceneTokens(query: string): string[] | undefined {
  const tokens: string[] = [];
  let current = "";
  let quoted = false;
  let bracket = false;
  for (const ch of query) {
    if (ch === '"' && !bracket) quoted = !quoted;
    else if (ch === "[" && !quoted) bracket = true;
    else if (ch === "]" && !quoted) bracket = false;
    if (/\s/.test(ch) && !quoted && !bracket) {
      if (current !== "") tokens.push(current);
      current = "";
    } else current += ch;
  }
  if (quoted || bracket) return undefined;
  if (current !== "") tokens.push(current);
  return tokens;
}

function luceneClause(token: string): ((row: Row) => boolean) | undefined {
  const match = /^([A-Za-z_][\w.]*):(.+)$/.exec(token);
  if (match === null) return undefined;
  const [, path = "", raw = ""] = match;
  const range = /^\[(\S+) TO (\S+)\]$/.exec(raw);
  if (range !== null) {
    const low = range[1] === "*" ? Number.NEGATIVE_INFINITY : Number(range[1]);
    const high = range[2] === "*" ? Number.POSITIVE_INFINITY : Number(range[2]);
    if (Number.isNaN(low) || Number.isNaN(high)) return undefined;
    return (row) => {
      const value = resolved(row, path);
      return typeof value === "number" && value >= low && value <= high;
    };
  }
  if (raw.startsWith('"')) {
    if (!raw.endsWith('"') || raw.length < 2) return undefined;
    const phrase = raw.slice(1, -1).toLowerCase();
    return (row) => {
      const value = resolved(row, path);
      return typeof value === "string" ? value.toLowerCase().includes(phrase) : equalsTerm(value, phrase, false);
    };
  }
  if (/[()[\]{}"~^]/.test(raw) || raw.slice(0, -1).includes("*")) return undefined;
  if (raw.endsWith("*")) {
    const prefix = raw.slice(0, -1).toLowerCase();
    return (row) => {
      const value = resolved(row, path);
      return (
        typeof value === "string" &&
        value
          .toLowerCase()
          .split(/\s+/)
          .some((word) => word.startsWith(prefix))
      );
    };
  }
  return (row) => equalsTerm(resolved(row, path), raw, true);
}

/**
 * A Lucene query of the supported subset as a row filter: clauses `field:value` (case-insensitive,
 * word by word for text), `field:"phrase"`, `field:prefix*`, `field:[low TO high]`, each
 * optionally negated with `NOT` or `-`, joined by `AND`. Booleans match 0/1 and true/false
 * (`isDeleted:0`); a missing `isDeleted` counts as false.
 */
export function luceneMatcher(query: string): Matcher {
  const tokens = luceneTokens(query.trim());
  if (tokens === undefined || tokens.length === 0) return { unsupported: SEARCH_SUBSET };
  const clauses: ((row: Row) => boolean)[] = [];
  let expectClause = true;
  let negate = false;
  for (const token of tokens) {
    if (!expectClause) {
      if (token !== "AND") return { unsupported: `${SEARCH_SUBSET}; got "${token}"` };
      expectClause = true;
      continue;
    }
    if (token === "NOT" && !negate) {
      negate = true;
      continue;
    }
    const negated = negate || token.startsWith("-");
    const clause = luceneClause(token.startsWith("-") ? token.slice(1) : token);
    if (clause === undefined) return { unsupported: `${SEARCH_SUBSET}; got "${token}"` };
    clauses.push(negated ? (row) => !clause(row) : clause);
    negate = false;
    expectClause = false;
  }
  if (expectClause) return { unsupported: `${SEARCH_SUBSET}; the query ends with an operator` };
  return (row) => clauses.every((clause) => clause(row));
}

const WHERE_SUBSET =
  "the fake's query supports field = value (also <>, !=, <, <=, >, >=) and field IN (v1, v2), values as numbers, 'strings' or true/false, joined by AND";

type Literal = string | number | boolean;

function literal(text: string): Literal | undefined {
  const trimmed = text.trim();
  if (/^'(?:[^']|'')*'$/.test(trimmed)) return trimmed.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const bool = /^(true|false)$/i.test(trimmed) ? asBoolean(trimmed) : undefined;
  return bool;
}

function compare(value: unknown, op: string, right: Literal): boolean {
  let left = value;
  let target: unknown = right;
  // `isDeleted = 0` and `isDeleted = false` mean the same thing.
  if (typeof left === "boolean" && typeof right === "number") target = right !== 0;
  if (typeof left === "string" && typeof right === "string") {
    left = left.toLowerCase();
    target = right.toLowerCase();
  }
  switch (op) {
    case "=":
      return left === target;
    case "<>":
    case "!=":
      return left !== target;
    default: {
      if (typeof left !== typeof target || (typeof left !== "number" && typeof left !== "string")) return false;
      const [a, b] = [left as number | string, target as number | string];
      return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
    }
  }
}

/** Splits on ` AND ` outside quotes and parentheses. */
function whereClauses(where: string): string[] | undefined {
  const clauses: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < where.length; i++) {
    const ch = where[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    else if (!quoted && depth === 0 && /^\sAND\s/i.test(where.slice(i, i + 5))) {
      clauses.push(where.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  if (quoted || depth !== 0) return undefined;
  clauses.push(where.slice(start));
  return clauses.map((c) => c.trim());
}

function whereClause(clause: string): ((row: Row) => boolean) | undefined {
  const inList = /^([A-Za-z_][\w.]*)\s+(NOT\s+)?IN\s*\((.*)\)$/i.exec(clause);
  if (inList !== null) {
    const [, path = "", not, items = ""] = inList;
    const values = items.split(",").map(literal);
    if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
    return (row) => values.some((v) => compare(resolved(row, path), "=", v as Literal)) === (not === undefined);
  }
  const comparison = /^([A-Za-z_][\w.]*)\s*(<>|!=|<=|>=|=|<|>)\s*(.+)$/.exec(clause);
  if (comparison === null) return undefined;
  const [, path = "", op = "", raw = ""] = comparison;
  const value = literal(raw);
  if (value === undefined) return undefined;
  return (row) => compare(resolved(row, path), op, value);
}

/**
 * A `where` clause of the supported subset as a row filter: `field = value` (and `<>`, `!=`,
 * `<`, `<=`, `>`, `>=`), `field IN (…)` / `NOT IN`, joined by `AND`; values are numbers,
 * single-quoted strings (compared case-insensitively) or true/false; dotted paths reach into
 * to-one associations (`clientCorporation.id = 2`).
 */
export function whereMatcher(where: string): Matcher {
  const clauses = whereClauses(where.trim());
  if (clauses === undefined || clauses.some((c) => c === "")) return { unsupported: WHERE_SUBSET };
  const filters: ((row: Row) => boolean)[] = [];
  for (const clause of clauses) {
    const filter = whereClause(clause);
    if (filter === undefined) return { unsupported: `${WHERE_SUBSET}; got "${clause}"` };
    filters.push(filter);
  }
  return (row) => filters.every((filter) => filter(row));
}
