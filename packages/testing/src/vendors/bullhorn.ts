import { randomBytes } from "node:crypto";
import { invalidOption, requireStrings } from "../errors.js";
import {
  type FakeAnswer,
  type FakeContext,
  type FakeKnobs,
  type FakeOptions,
  type FakeOrigin,
  type FakeServerBase,
  runFake,
  type VendorBehaviour,
} from "../server.js";
import { loadSpec } from "../spec.js";
import type { FakeStats } from "../summary.js";
import { createTokenBook } from "../tokens.js";
import { luceneMatcher, type Matcher, valueAt, whereMatcher } from "./bullhorn-match.js";

/** Bullhorn knobs, accepted as start options and by `set`, with the common ones. */
export interface FakeBullhornKnobs extends FakeKnobs {
  /**
   * Lifetime of the OAuth access tokens issued from now on, in seconds (default 600: "The
   * access token is valid for 10 minutes", https://bullhorn.github.io/Getting-Started-with-REST/).
   * The common `tokenLifetimeSeconds` is the idle time after which a REST session expires
   * when `login` has no `ttl` (default 600; Bullhorn does not document one).
   */
  accessTokenLifetimeSeconds?: number;
  /**
   * `loginInfo` names the first data centre (`wrongDataCentre`) instead of the right one, so the
   * client's consent, token and login calls get its 307 to the right one (default `false`). The
   * first data centre always answers those calls with 307, as Bullhorn does for a user's calls
   * on the wrong data centre (https://bullhorn.github.io/rest-api-docs/#urls).
   */
  discoverWrongDataCentre?: boolean;
  /** A spent refresh token presented again also revokes its grant (default `true`, RFC 9700 §4.14.2). */
  revokeOnReuse?: boolean;
  /** How the consent page answers: `"grant"` (default) redirects with `code`, `"deny"` with `error=access_denied`. */
  consent?: "grant" | "deny";
}

/** Options of {@link startFakeBullhorn}. */
export interface FakeBullhornOptions extends FakeOptions, FakeBullhornKnobs {
  /** OAuth client id the fake accepts (default `"fake-bullhorn-client"`). */
  clientId?: string;
  /** OAuth client secret the fake accepts. */
  clientSecret?: string;
  /** The API user `loginInfo` knows (default `"fake.api.user"`). */
  username?: string;
  /** The corporation token in the session's `restUrl` (default `"fakecorp"`). */
  corpToken?: string;
}

/** The OAuth client, API user and a first refresh token (a granted consent), as a Bullhorn client takes them. */
export interface FakeBullhornCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  /** Single-use: once refreshed, the next one comes with the new access token. */
  refreshToken: string;
}

/** The data-centre URLs, as `loginInfo` answers them. */
export interface FakeBullhornDataCentre {
  /** Base of `/authorize` and `/token` (`…/oauth`). */
  oauthUrl: string;
  /** Base of `/login` (`…/rest-services`). */
  restUrl: string;
}

/** The common counts and what Bullhorn's two credentials add. */
export interface FakeBullhornStats extends FakeStats {
  /** Token endpoint calls the right data centre answered, per grant type (refused ones included). */
  tokenRequests: { authorizationCode: number; refreshToken: number };
  /** Refresh tokens presented again after they were spent. */
  refreshTokenReuses: number;
  /** Grants revoked because a spent refresh token came back (`revokeOnReuse`). */
  grantsRevoked: number;
  /** REST sessions opened (logins accepted). */
  logins: number;
  /** Logins refused for an invalid or expired access token: with `logins`, every login attempt. */
  loginsRefused: number;
  /** 307 answers of the wrong data centre. */
  redirects: number;
}

/** An entity record as the fake stores it. */
export type FakeBullhornRecord = Readonly<Record<string, unknown>>;

/** A running fake Bullhorn: two data centres on loopback, OAuth, REST sessions and in-memory entities. */
export interface FakeBullhorn extends FakeServerBase {
  /** The corporation's REST base (`restUrl` of every session, without its trailing slash). */
  readonly url: string;
  readonly corpToken: string;
  readonly credentials: FakeBullhornCredentials;
  /** Where a client asks `loginInfo` (`…/rest-services` on the first data centre, the global host's stand-in). */
  readonly discoveryUrl: string;
  /**
   * Everything `createBullhornClient` needs: `createBullhornClient(fake.clientOptions)`. Its
   * refresh token is single-use: a second client of this grant must share the first one's
   * `tokenStore`.
   */
  readonly clientOptions: { auth: FakeBullhornCredentials & { loginInfoUrl: string }; baseUrl: string };
  /** The API user's data centre. */
  readonly dataCentre: FakeBullhornDataCentre;
  /** The other data centre: its consent, token and login calls answer 307 to `dataCentre`. */
  readonly wrongDataCentre: FakeBullhornDataCentre;
  /** A one-time authorization code, as the consent redirect hands out; `redirectUri` must then match on exchange. */
  issueAuthorizationCode(redirectUri?: string): string;
  /** The records of an entity (`"Candidate"`, …), soft-deleted ones included. */
  records(entity: string): readonly FakeBullhornRecord[];
  set(knobs: FakeBullhornKnobs): void;
  stats(): FakeBullhornStats;
  /**
   * Ends every REST session now (as an idle timeout would) and leaves the access tokens alone:
   * on Bullhorn each lives its announced `expires_in` (https://bullhorn.github.io/docs/oauth/).
   * `expireTokens()` ends both at once.
   */
  expireSessions(): void;
}

type Row = Record<string, unknown>;

/** The entities the fake stores; which calls each has is what the OpenAPI document says. */
const ENTITIES = [
  "Candidate",
  "ClientContact",
  "ClientCorporation",
  "CorporateUser",
  "JobOrder",
  "JobSubmission",
  "Note",
  "Placement",
] as const;
// Soft delete sets isDeleted; Placement is removed (the spec's delete operations say which).
const HARD_DELETE = new Set(["Placement"]);
const DEFAULT_COUNT = 20; // the vendor SDK's default page (StandardQueryParams.java in github.com/bullhorn/sdk-rest)

/**
 * Bullhorn's REST error body `{ errorMessage, errorMessageKey, errorCode, errors[] }`
 * (https://github.com/bullhorn/rest-api-docs openapi/components/schemas/common.yaml), with the
 * HTTP status as `errorCode`, as the bodies quoted in public client code carry it. The message
 * keys are the fake's own where no public page names one.
 */
function error(status: number, message: string, problems: readonly { field?: string; message: string }[] = []): FakeAnswer {
  const keys: Record<number, string> = {
    400: "errors.badRequest",
    401: "errors.authentication.invalidRestToken",
    404: "errors.notFound",
    405: "errors.methodNotAllowed",
    412: "errors.authentication.missingRestToken",
    429: "errors.tooManyRequests",
  };
  return {
    status,
    body: {
      errorMessage: problems.length > 0 ? problems.map((p) => p.message).join("; ") : message,
      errorMessageKey: keys[status] ?? "errors.internal",
      errorCode: status,
      ...(problems.length > 0
        ? { errors: problems.map((p) => ({ ...(p.field === undefined ? {} : { field: p.field }), message: p.message })) }
        : {}),
    },
  };
}

/** RFC 6749 §5.2 error of the token endpoint (Bullhorn does not document its own). */
const oauthError = (status: number, code: string, description: string): FakeAnswer => ({
  status,
  body: { error: code, error_description: description },
  refused: true,
});

/**
 * The session token from the header, the query parameter or the cookie, in either spelling
 * (`BhRestToken`, and `BHRestToken` as the reference's Authentication section writes it,
 * https://bullhorn.github.io/rest-api-docs/#authentication).
 */
function sessionOf(ctx: Pick<FakeContext, "headers" | "query">): string | undefined {
  const header = ctx.headers.bhresttoken;
  if (typeof header === "string" && header !== "") return header;
  const query = ctx.query.get("BhRestToken") ?? ctx.query.get("BHRestToken");
  if (query !== null && query !== "") return query;
  const cookie = /(?:^|;\s*)BhRestToken=([^;]+)/i.exec(ctx.headers.cookie ?? "");
  return cookie?.[1];
}

/** Top-level entries of a `fields` list: `id,owner(id,firstName),categories[3]`. */
function parseFields(fields: string): { name: string; sub: string | undefined; limit: number | undefined }[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of fields) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (depth < 0) return undefined;
    if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (depth !== 0) return undefined;
  parts.push(current.trim());
  const parsed = parts.map((part) => /^([A-Za-z_*][\w]*)(?:\[(\d+)\])?(?:\((.*)\))?$/.exec(part));
  if (parsed.some((m) => m === null)) return undefined;
  return parsed.map((m) => ({ name: m?.[1] as string, limit: m?.[2] === undefined ? undefined : Number(m[2]), sub: m?.[3] }));
}

/**
 * Starts a fake Bullhorn on loopback: two data centres (the API user's and a wrong one that
 * answers the login flow with 307), `GET /rest-services/loginInfo`, the OAuth consent page and
 * token endpoint with single-use refresh tokens, REST sessions (`login`, `ping`, `logout`,
 * `BhRestToken` in the header, query or cookie) that expire after an idle time or `ttl`, and
 * the corporation's API over in-memory entities: get, create (PUT), update (POST), delete,
 * `search` (Lucene subset) and `query` (`where` subset) with `start`/`count`/`total`, `meta`,
 * files, to-many associations and event subscriptions. Every request, and every answer, is
 * checked against `specs/bullhorn.openapi.yaml`.
 *
 * @example
 * ```ts
 * const fake = await startFakeBullhorn();
 * const { clientId, clientSecret, refreshToken } = fake.credentials;
 * const token = await fetch(
 *   `${fake.dataCentre.oauthUrl}/token?${new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret })}`,
 *   { method: "POST" },
 * ).then((r) => r.json());
 * const session = await fetch(`${fake.dataCentre.restUrl}/login?version=*&access_token=${token.access_token}`).then((r) => r.json());
 * const found = await fetch(`${session.restUrl}search/Candidate?query=isDeleted:0&fields=id,lastName`, {
 *   headers: { BhRestToken: session.BhRestToken },
 * }).then((r) => r.json());
 * console.log(found.total);
 * await fake.close();
 * ```
 */
export async function startFakeBullhorn(options: FakeBullhornOptions = {}): Promise<FakeBullhorn> {
  const vendor = "bullhorn";
  const {
    clientId = "fake-bullhorn-client",
    clientSecret = "fake-bullhorn-secret",
    username = "fake.api.user",
    corpToken = "fakecorp",
  } = options ?? {};
  requireStrings(vendor, { clientId, clientSecret, username });
  if (typeof corpToken !== "string" || !/^[A-Za-z0-9_-]+$/.test(corpToken))
    throw invalidOption(vendor, "corpToken", "must be letters, digits, _ or -");
  const knobs: Required<Omit<FakeBullhornKnobs, keyof FakeKnobs>> = {
    accessTokenLifetimeSeconds: 600,
    discoverWrongDataCentre: false,
    revokeOnReuse: true,
    consent: "grant",
  };
  // Checks every Bullhorn knob before anything changes (`then` applies the common ones), so a bad `set` changes nothing.
  const applyKnobs = (given: FakeBullhornKnobs, then?: () => void) => {
    const { accessTokenLifetimeSeconds, discoverWrongDataCentre, revokeOnReuse, consent } = given;
    if (
      accessTokenLifetimeSeconds !== undefined &&
      !(typeof accessTokenLifetimeSeconds === "number" && accessTokenLifetimeSeconds > 0)
    )
      throw invalidOption(vendor, "accessTokenLifetimeSeconds", "must be a positive number of seconds");
    for (const [name, value] of Object.entries({ discoverWrongDataCentre, revokeOnReuse })) {
      if (value !== undefined && typeof value !== "boolean") throw invalidOption(vendor, name, "must be true or false");
    }
    if (consent !== undefined && consent !== "grant" && consent !== "deny")
      throw invalidOption(vendor, "consent", 'must be "grant" or "deny"');
    then?.();
    const changed = { accessTokenLifetimeSeconds, discoverWrongDataCentre, revokeOnReuse, consent };
    Object.assign(knobs, Object.fromEntries(Object.entries(changed).filter(([, value]) => value !== undefined)));
  };
  applyKnobs(options ?? {});
  const clock = options?.clock ?? Date.now;
  const spec = loadSpec(vendor);
  const schemas = (spec.components as { schemas: Record<string, { properties?: Record<string, Row> }> }).schemas;

  // OAuth state. A grant is one consent: its refresh tokens follow each other, each usable once.
  interface Grant {
    revoked: boolean;
  }
  const refreshTokens = new Map<string, { grant: Grant; spent: boolean }>();
  const codes = new Map<string, { redirectUri: string | undefined }>();
  const accessTokens = createTokenBook("bullhorn-access", "absolute", clock);
  const sessions = new Map<string, { lifetimeMs: number; lastUsed: number }>();
  const counters = {
    authorizationCode: 0,
    refreshToken: 0,
    refreshTokenReuses: 0,
    grantsRevoked: 0,
    logins: 0,
    loginsRefused: 0,
    redirects: 0,
  };
  const mint = (prefix: string) => `${prefix}-${randomBytes(16).toString("hex")}`;
  const grantRefreshToken = (grant: Grant) => {
    const token = mint("bullhorn-refresh");
    refreshTokens.set(token, { grant, spent: false });
    return token;
  };
  const seedRefreshToken = grantRefreshToken({ revoked: false });

  // Entities. Ids are unique across entities, so an association can name any record.
  const store = new Map<string, Map<number, Row>>(ENTITIES.map((e) => [e, new Map()]));
  let nextId = 1;
  const files = new Map<string, Row[]>();
  const associations = new Map<string, Set<number>>();
  interface Subscription {
    names: Set<string>;
    types: Set<string>;
    createdOn: number;
    jmsSelector: string;
    queue: Row[];
    batches: Map<number, Row[]>;
    lastRequestId: number;
  }
  const subscriptions = new Map<string, Subscription>();
  let nextEventId = 1;

  const insert = (entity: string, fields: Row): Row => {
    const now = clock();
    const row: Row = { ...fields, id: nextId++ };
    const properties = schemas[entity]?.properties ?? {};
    if (properties.dateAdded !== undefined) row.dateAdded = now;
    if (properties.dateLastModified !== undefined) row.dateLastModified = now;
    if (properties.isDeleted !== undefined) row.isDeleted ??= false;
    store.get(entity)?.set(row.id as number, row);
    return row;
  };
  const recordEvent = (entity: string, id: number, type: "INSERTED" | "UPDATED" | "DELETED", updated?: string[]) => {
    for (const sub of subscriptions.values()) {
      if (!sub.names.has(entity) || !sub.types.has(type)) continue;
      sub.queue.push({
        eventId: `ID:fake-${nextEventId++}`,
        eventType: "ENTITY",
        eventTimestamp: clock(),
        eventMetadata: { PERSON_ID: "1", TRANSACTION_ID: randomBytes(8).toString("hex") },
        entityName: entity,
        entityId: id,
        entityEventType: type,
        ...(updated === undefined ? {} : { updatedProperties: updated }),
      });
    }
  };

  // Seed data: a recruiter, a client and its contact, five candidates and three jobs.
  const recruiter = insert("CorporateUser", {
    firstName: "Fake",
    lastName: "Recruiter",
    name: "Fake Recruiter",
    username,
    email: "recruiter@example.com",
    enabled: true,
    isDeleted: false,
  });
  const owner = { id: recruiter.id, firstName: "Fake", lastName: "Recruiter" };
  const acme = insert("ClientCorporation", { name: "Acme Staffing", status: "Active", companyURL: "https://example.com" });
  const contact = insert("ClientContact", {
    firstName: "Grace",
    lastName: "Hopper",
    name: "Grace Hopper",
    email: "grace@example.com",
    clientCorporation: { id: acme.id, name: "Acme Staffing" },
    owner,
    isDeleted: false,
  });
  for (const [firstName, lastName, status] of [
    ["Jane", "Doe", "Active"],
    ["John", "Smith", "Active"],
    ["Maria", "Garcia", "New Lead"],
    ["Wei", "Chen", "Active"],
    ["Amara", "Okafor", "Placed"],
  ] as const) {
    insert("Candidate", {
      firstName,
      lastName,
      name: `${firstName} ${lastName}`,
      email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
      status,
      owner,
      isDeleted: false,
    });
  }
  for (const title of ["Software Engineer", "Data Analyst", "Project Manager"]) {
    insert("JobOrder", {
      title,
      status: "Accepting Candidates",
      employmentType: "Direct Hire",
      isOpen: true,
      numOpenings: 1,
      clientCorporation: { id: acme.id, name: "Acme Staffing" },
      clientContact: { id: contact.id, firstName: "Grace", lastName: "Hopper" },
      owner,
      isDeleted: false,
    });
  }

  let right = "";
  let wrong = "";
  const dataCentreOf = (origin: string): FakeBullhornDataCentre => ({
    oauthUrl: `${origin}/oauth`,
    restUrl: `${origin}/rest-services`,
  });
  const restBase = () => `${right}/rest-services/${corpToken}/`;
  const corpPrefix = `/rest-services/${corpToken}/`;

  /** Where a request sits in the spec: discovery and login under `/rest-services`, the API under the corporation token. */
  const specPath = (_origin: FakeOrigin, path: string): string | undefined => {
    if (path === "/oauth/authorize") return undefined; // the browser's consent page: not in the document
    if (path === "/rest-services/loginInfo" || path === "/rest-services/login") return path.slice("/rest-services".length);
    if (path.startsWith(corpPrefix)) return path.slice(corpPrefix.length - 1);
    return path;
  };

  const page = (rows: Row[], query: URLSearchParams, pick: (row: Row) => Row) => {
    const start = Number(query.get("start") ?? 0);
    const count = Number(query.get("count") ?? DEFAULT_COUNT);
    const slice = rows.slice(start, start + count);
    return { status: 200, body: { total: rows.length, start, count: slice.length, data: slice.map(pick) } };
  };

  /** The requested fields of a record (`id` always), or the 400 for an unknown one. */
  const selector = (entity: string, query: URLSearchParams): ((row: Row) => Row) | FakeAnswer => {
    const fields = query.get("fields");
    const layout = query.get("layout");
    if (fields === null && layout === null) {
      return error(400, "fields or layout is required", [{ field: "fields", message: "fields or layout is required" }]);
    }
    const wanted = parseFields(fields ?? "*");
    if (wanted === undefined)
      return error(400, `cannot parse fields "${fields}"`, [{ field: "fields", message: "unbalanced parentheses" }]);
    // Fields of the document, plus custom fields a record was written with (customText1, …).
    const known = new Set(Object.keys(schemas[entity]?.properties ?? {}));
    for (const row of store.get(entity)?.values() ?? []) for (const key of Object.keys(row)) known.add(key);
    const unknown = wanted.find((w) => w.name !== "*" && !known.has(w.name));
    if (unknown !== undefined) {
      const message = `Invalid field '${unknown.name}' for ${entity}`;
      return { status: 400, body: { errorMessage: message, errorMessageKey: "errors.entity.invalidField", errorCode: 400 } };
    }
    const all = wanted.some((w) => w.name === "*") || (layout !== null && fields === null);
    return (row) => {
      const out: Row = { id: row.id };
      const entries = all ? Object.keys(row).map((name) => ({ name, sub: undefined, limit: undefined })) : wanted;
      for (const { name, sub, limit } of entries) {
        let value = row[name];
        const associated = associations.get(`${entity}:${row.id}:${name}`);
        if (value === undefined && associated !== undefined) {
          // A to-many field read inside an entity: 5 by default, at most 10 (https://bullhorn.github.io/rest-api-docs/, "Number of to-many entities to return").
          const ids = [...associated];
          value = { total: ids.length, data: ids.slice(0, Math.min(limit ?? 5, 10)).map((id) => ({ id })) };
        }
        if (value === undefined) continue;
        if (sub !== undefined && value !== null && typeof value === "object") {
          const names = (parseFields(sub) ?? []).map((f) => f.name);
          const narrow = (v: Row) => Object.fromEntries(Object.entries(v).filter(([k]) => k === "id" || names.includes(k)));
          value = Array.isArray((value as Row).data)
            ? { ...(value as Row), data: ((value as Row).data as Row[]).map(narrow) }
            : narrow(value as Row);
        }
        out[name] = value;
      }
      return out;
    };
  };

  const sorted = (rows: Row[], sort: string | null): Row[] => {
    if (sort === null || sort === "") return rows;
    const descending = sort.startsWith("-");
    const field = descending ? sort.slice(1) : sort;
    const key = (row: Row) => valueAt(row, field) as string | number | undefined;
    return [...rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : x < y ? -1 : 1;
      return descending ? -order : order;
    });
  };

  const list = (entity: string, matcher: Matcher, query: URLSearchParams, sort: string | null, score: boolean): FakeAnswer => {
    if ("unsupported" in matcher) return error(400, matcher.unsupported);
    const pick = selector(entity, query);
    if (typeof pick !== "function") return pick;
    const rows = sorted([...(store.get(entity)?.values() ?? [])].filter(matcher), sort);
    return page(rows, query, score ? (row) => ({ ...pick(row), _score: 1 }) : pick);
  };

  const change = (entity: string, id: number, changeType: string, data?: Row) => ({
    status: 200,
    body: { changedEntityType: entity, changedEntityId: id, changeType, ...(data === undefined ? {} : { data }) },
  });

  const entityRoutes = (ctx: FakeContext, segments: string[]): FakeAnswer => {
    const [, entity = "", idText, association, targetsText] = segments;
    const table = store.get(entity);
    if (table === undefined) return error(404, `unknown entity ${entity}`);
    const body = (ctx.json() ?? {}) as Row;
    if (idText === undefined) {
      // PUT entity/{Entity}: the body is checked against the entity's schema before it gets here.
      const { id: _ignored, ...fields } = body;
      const row = insert(entity, fields);
      recordEvent(entity, row.id as number, "INSERTED");
      return change(entity, row.id as number, "INSERT", fields);
    }
    const ids = idText.split(",").map(Number);
    const id = ids[0] as number;
    const row = table.get(id);
    if (association !== undefined) {
      if (ids.some((i) => !table.has(i))) return error(404, `${entity} ${idText} not found`);
      if (targetsText === undefined) {
        const linked = [...new Set(ids.flatMap((i) => [...(associations.get(`${entity}:${i}:${association}`) ?? [])]))];
        const fields = ctx.query.get("fields");
        const names = fields === null ? [] : (parseFields(fields) ?? []).map((f) => f.name);
        const target = (linkedId: number): Row => {
          const found = ENTITIES.map((e) => store.get(e)?.get(linkedId)).find((r) => r !== undefined);
          return Object.fromEntries(
            Object.entries(found ?? { id: linkedId }).filter(([k]) => k === "id" || names.includes("*") || names.includes(k)),
          );
        };
        const rows = sorted(linked.map(target), ctx.query.get("orderBy"));
        return page(rows, ctx.query, (r) => r);
      }
      const key = `${entity}:${id}:${association}`;
      const current = associations.get(key) ?? new Set<number>();
      const targets = targetsText.split(",").map(Number);
      if (ctx.method === "PUT") {
        const already = targets.filter((t) => current.has(t));
        if (already.length > 0)
          return error(400, `${entity} ${id} is already associated with ${already.join(",")} through ${association}`);
        for (const t of targets) current.add(t);
        associations.set(key, current);
        recordEvent(entity, id, "UPDATED", [association]);
        // The reference shows no body for association changes; the fake answers as for other changes.
        return change(entity, id, "ASSOCIATE");
      }
      for (const t of targets) current.delete(t);
      recordEvent(entity, id, "UPDATED", [association]);
      return change(entity, id, "DISASSOCIATE");
    }
    if (row === undefined) return error(404, `${entity} ${id} not found`);
    if (ctx.method === "GET") {
      const pick = selector(entity, ctx.query);
      return typeof pick === "function" ? { status: 200, body: { data: pick(row) } } : pick;
    }
    if (ctx.method === "POST") {
      const { id: _ignored, ...fields } = body;
      Object.assign(row, fields);
      if (row.dateLastModified !== undefined) row.dateLastModified = clock();
      recordEvent(entity, id, "UPDATED", Object.keys(fields));
      return change(entity, id, "UPDATE");
    }
    // DELETE
    if (HARD_DELETE.has(entity)) table.delete(id);
    else row.isDeleted = true;
    recordEvent(entity, id, "DELETED");
    return change(entity, id, "DELETE");
  };

  const meta = (entity: string, query: URLSearchParams): Row => {
    const properties = schemas[entity]?.properties ?? {};
    const wanted = (parseFields(query.get("fields") ?? "*") ?? []).map((f) => f.name);
    const fields = Object.entries(properties)
      .filter(([name]) => wanted.includes("*") || wanted.includes(name))
      .map(([name, schema]) => {
        const ref = typeof schema.$ref === "string" ? (schema.$ref.split("/").pop() as string) : undefined;
        const type =
          name === "id"
            ? "ID"
            : ref === "ToOne"
              ? "TO_ONE"
              : ref === "ToMany"
                ? "TO_MANY"
                : ref === "Address"
                  ? "COMPOSITE"
                  : "SCALAR";
        const dataTypes: Record<string, string> = {
          integer: "Integer",
          number: "BigDecimal",
          boolean: "Boolean",
          string: "String",
        };
        const dataType = ref === "Timestamp" || ref === "Address" ? ref : dataTypes[schema.type as string];
        return {
          name,
          type,
          ...(dataType === undefined ? {} : { dataType }),
          ...(typeof schema.maxLength === "number" ? { maxLength: schema.maxLength } : {}),
          readonly: schema.readOnly === true,
        };
      });
    return { entity, entityMetaUrl: `${restBase()}meta/${entity}`, label: entity, fields };
  };

  const fileRoutes = (ctx: FakeContext, segments: string[]): FakeAnswer => {
    const [kind, entity = "", idText = "", fileIdText] = segments;
    if (store.get(entity)?.get(Number(idText)) === undefined) return error(404, `${entity} ${idText} not found`);
    const key = `${entity}:${idText}`;
    const attached = files.get(key) ?? [];
    files.set(key, attached);
    if (kind === "entityFiles") {
      const visible = attached.filter((f) => f.deleted !== true);
      return {
        status: 200,
        body: {
          EntityFiles: visible.map(({ id, type, name, description, contentType, contentSubType }) => ({
            id,
            type,
            name,
            description,
            contentType,
            contentSubType,
          })),
        },
      };
    }
    if (fileIdText === undefined) {
      const upload = ctx.json() as Row;
      const [contentType = "application", contentSubType = "octet-stream"] = String(
        upload.contentType ?? "application/octet-stream",
      ).split("/");
      const id = nextId++;
      attached.push({
        id,
        type: upload.type ?? null,
        name: upload.name,
        description: upload.description ?? null,
        contentType,
        contentSubType,
        externalID: upload.externalID,
        fileContent: upload.fileContent,
      });
      return { status: 200, body: { fileId: id } };
    }
    const file = attached.find((f) => f.id === Number(fileIdText) && f.deleted !== true);
    if (file === undefined) return error(404, `file ${fileIdText} not found`);
    if (ctx.method === "GET") {
      return {
        status: 200,
        body: {
          File: { contentType: `${file.contentType}/${file.contentSubType}`, fileContent: file.fileContent, name: file.name },
        },
      };
    }
    file.deleted = true;
    return { status: 200, body: { fileId: file.id, changeType: "DELETED" } };
  };

  const subscriptionRoutes = (ctx: FakeContext, id: string, last: boolean): FakeAnswer => {
    const sub = subscriptions.get(id);
    if (ctx.method === "PUT") {
      if (sub !== undefined) return error(400, `subscription ${id} already exists`);
      if (ctx.query.get("type") !== "entity") return error(400, "the fake supports type=entity subscriptions only");
      const names = (ctx.query.get("names") ?? "").split(",").filter((n) => n !== "");
      const types = (ctx.query.get("eventTypes") ?? "").split(",").filter((n) => n !== "");
      if (names.length === 0 || types.length === 0) {
        return error(400, "names and eventTypes are required with type=entity", [
          { field: "names", message: "names and eventTypes are required with type=entity" },
        ]);
      }
      const bad = [
        ...names.filter((n) => !store.has(n)),
        ...types.filter((t) => !["INSERTED", "UPDATED", "DELETED"].includes(t)),
      ];
      if (bad.length > 0) return error(400, `unknown entity or event type: ${bad.join(", ")}`);
      const created: Subscription = {
        names: new Set(names),
        types: new Set(types),
        createdOn: clock(),
        // The fake's rendering of the selector; Bullhorn's exact text is not documented.
        jmsSelector: `JMSType='ENTITY' AND BhCorpId=1 AND BhEntityName IN (${names.map((n) => `'${n}'`).join(",")}) AND BhEntityEventType IN (${types.map((t) => `'${t}'`).join(",")})`,
        queue: [],
        batches: new Map(),
        lastRequestId: 0,
      };
      subscriptions.set(id, created);
      return {
        status: 200,
        body: { subscriptionId: id, createdOn: created.createdOn, jmsSelector: created.jmsSelector, lastRequestId: 0 },
      };
    }
    if (sub === undefined) return error(404, `subscription ${id} not found`);
    if (ctx.method === "DELETE") {
      subscriptions.delete(id);
      return { status: 200, body: { result: true } };
    }
    if (last) return { status: 200, body: { result: sub.lastRequestId } };
    const again = ctx.query.get("requestId");
    if (again !== null) {
      const batch = sub.batches.get(Number(again));
      return batch === undefined
        ? error(404, `request ${again} not found`)
        : { status: 200, body: { requestId: Number(again), events: batch } };
    }
    const events = sub.queue.splice(0, Number(ctx.query.get("maxEvents")));
    if (events.length === 0) return { status: 200, body: { events: [] } };
    sub.lastRequestId++;
    sub.batches.set(sub.lastRequestId, events);
    return { status: 200, body: { requestId: sub.lastRequestId, events } };
  };

  const sessionExpired = () => error(401, "Bad or timed-out BhRestToken: log in again");
  const redirect = (ctx: Omit<FakeContext, "operation" | "token">): FakeAnswer => {
    counters.redirects++;
    const search = ctx.query.toString();
    return { status: 307, headers: { location: `${right}${ctx.path}${search === "" ? "" : `?${search}`}` } };
  };

  const behaviour: VendorBehaviour = {
    vendor,
    basePath: "",
    accountsServer: true,
    aging: "inactivity",
    defaultLifetimeSeconds: 600,
    specPath,
    secretQuery: ["BhRestToken"],
    checkAnswers: true,
    tokenCall(origin, method, path) {
      if (method === "GET" && path === "/rest-services/loginInfo") return "discovery";
      if (method === "GET" && path === "/oauth/authorize") return "consent";
      if (method === "POST" && path === "/oauth/token") return "token";
      if (method === "GET" && path === "/rest-services/login") return "token";
      if (origin === "api" && method === "GET" && path === `${corpPrefix}logout`) return "logout";
      return undefined;
    },
    token(ctx, kind, book, lifetimeMs) {
      const q = ctx.query;
      if (kind === "discovery") {
        if (q.get("username") !== username) return error(400, "unknown API user");
        return { status: 200, body: dataCentreOf(knobs.discoverWrongDataCentre ? wrong : right) };
      }
      // Every login-flow call on the wrong data centre: 307 to the same call on the right one (https://bullhorn.github.io/rest-api-docs/#urls).
      if (ctx.origin === "accounts") return redirect(ctx);
      if (kind === "consent") {
        const redirectUri = q.get("redirect_uri");
        if (q.get("client_id") !== clientId || q.get("response_type") !== "code" || redirectUri === null) {
          return oauthError(400, "invalid_request", "client_id, response_type=code and redirect_uri are required");
        }
        const target = new URL(redirectUri);
        if (knobs.consent === "deny") target.searchParams.set("error", "access_denied");
        else {
          const code = mint("bullhorn-code");
          codes.set(code, { redirectUri });
          target.searchParams.set("code", code);
        }
        if (q.get("state") !== null) target.searchParams.set("state", q.get("state") as string);
        return { status: 302, headers: { location: target.href } };
      }
      if (kind === "logout") {
        const session = sessionOf(ctx);
        if (session === undefined) return error(412, "BhRestToken is required");
        if (!book.use(session)) return sessionExpired();
        book.revoke(session);
        sessions.delete(session);
        return { status: 200, body: { logout: "OK" } };
      }
      if (ctx.path === "/rest-services/login") {
        const access = q.get("access_token") as string;
        if (!accessTokens.use(access)) {
          counters.loginsRefused++;
          return {
            status: 400,
            body: {
              errorMessage: "Invalid or expired OAuth access token.",
              errorMessageKey: "errors.authentication.invalidOAuthToken",
              errorCode: 400,
            },
            refused: true,
          };
        }
        const ttl = q.get("ttl");
        const sessionLifetime = ttl === null ? lifetimeMs : Number(ttl) * 60_000;
        const session = book.issue(sessionLifetime);
        sessions.set(session, { lifetimeMs: sessionLifetime, lastUsed: clock() });
        counters.logins++;
        return { status: 200, body: { BhRestToken: session, restUrl: restBase() } };
      }
      // POST /oauth/token, every value in the query (https://bullhorn.github.io/Getting-Started-with-REST/).
      const grantType = q.get("grant_type");
      if (grantType === "authorization_code") counters.authorizationCode++;
      else counters.refreshToken++;
      if (q.get("client_id") !== clientId || q.get("client_secret") !== clientSecret) {
        return oauthError(401, "invalid_client", "unknown client or wrong secret");
      }
      let grant: Grant;
      if (grantType === "authorization_code") {
        const code = q.get("code") ?? "";
        const issued = codes.get(code);
        codes.delete(code);
        if (issued === undefined) return oauthError(400, "invalid_grant", "unknown or used authorization code");
        if (issued.redirectUri !== undefined && issued.redirectUri !== q.get("redirect_uri")) {
          return oauthError(400, "invalid_grant", "redirect_uri differs from the authorize request's");
        }
        grant = { revoked: false };
      } else {
        const presented = refreshTokens.get(q.get("refresh_token") ?? "");
        if (presented === undefined) return oauthError(400, "invalid_grant", "unknown refresh token");
        if (presented.spent) {
          counters.refreshTokenReuses++;
          if (knobs.revokeOnReuse && !presented.grant.revoked) {
            presented.grant.revoked = true;
            counters.grantsRevoked++;
          }
          return oauthError(400, "invalid_grant", "refresh token already used");
        }
        if (presented.grant.revoked) return oauthError(400, "invalid_grant", "the grant was revoked");
        // "A refresh token expires after it is used once" (https://bullhorn.github.io/docs/oauth/).
        presented.spent = true;
        grant = presented.grant;
      }
      const accessLifetimeMs = knobs.accessTokenLifetimeSeconds * 1000;
      return {
        status: 200,
        body: {
          access_token: accessTokens.issue(accessLifetimeMs),
          token_type: "Bearer",
          expires_in: Math.round(accessLifetimeMs / 1000),
          refresh_token: grantRefreshToken(grant),
        },
      };
    },
    tokenRequestError: (problems) => oauthError(400, "invalid_request", problems.map((p) => p.message).join("; ")),
    authenticate(ctx, book) {
      const session = sessionOf(ctx);
      // No session token: 412; an invalid or expired one: 401 (https://bullhorn.github.io/rest-api-docs/#unauthorized-requests).
      if (session === undefined) return error(412, "BhRestToken is required");
      if (!book.use(session)) {
        sessions.delete(session);
        return sessionExpired();
      }
      const known = sessions.get(session);
      if (known !== undefined) known.lastUsed = clock();
      return session;
    },
    error,
    api(ctx) {
      const rel = specPath(ctx.origin, ctx.path) ?? ctx.path;
      const segments = rel
        .split("/")
        .filter((s) => s !== "")
        .map(decodeURIComponent);
      const [first, second = "", third] = segments;
      if (first === "ping" && segments.length === 1) {
        const session = sessions.get(ctx.token);
        return { status: 200, body: { sessionExpires: (session?.lastUsed ?? clock()) + (session?.lifetimeMs ?? 0) } };
      }
      if (first === "meta") {
        if (segments.length === 1) {
          return { status: 200, body: ENTITIES.map((entity) => ({ entity, metaUrl: `${restBase()}meta/${entity}` })) };
        }
        return store.has(second) ? { status: 200, body: meta(second, ctx.query) } : error(404, `unknown entity ${second}`);
      }
      if (first === "entity") return entityRoutes(ctx, segments);
      if (first === "search" || first === "query") {
        if (!store.has(second)) return error(404, `unknown entity ${second}`);
        if (first === "search")
          return list(second, luceneMatcher(ctx.query.get("query") ?? ""), ctx.query, ctx.query.get("sort"), true);
        const where = ctx.method === "POST" ? String((ctx.json() as Row).where) : (ctx.query.get("where") ?? "");
        return list(second, whereMatcher(where), ctx.query, ctx.query.get("orderBy"), false);
      }
      if (first === "entityFiles" || first === "file") return fileRoutes(ctx, segments);
      if (first === "event" && second === "subscription" && third !== undefined) {
        return subscriptionRoutes(ctx, third, segments[3] === "lastRequestId");
      }
      return error(501, `${ctx.method} ${ctx.operation.template} is not implemented by the fake`);
    },
  };

  const fake = await runFake(behaviour, options);
  right = fake.origin;
  wrong = fake.accountsOrigin as string;
  const baseSet = fake.set;
  const baseStats = fake.stats;
  const baseExpire = fake.expireTokens;
  const expireSessions = () => {
    baseExpire();
    sessions.clear();
  };
  return Object.assign(fake, {
    url: `${right}/rest-services/${corpToken}`,
    corpToken,
    credentials: { clientId, clientSecret, username, refreshToken: seedRefreshToken },
    discoveryUrl: `${wrong}/rest-services`,
    clientOptions: {
      auth: {
        clientId,
        clientSecret,
        username,
        refreshToken: seedRefreshToken,
        loginInfoUrl: `${wrong}/rest-services/loginInfo`,
      },
      baseUrl: `${right}/rest-services/${corpToken}`,
    },
    dataCentre: dataCentreOf(right),
    wrongDataCentre: dataCentreOf(wrong),
    issueAuthorizationCode(redirectUri?: string) {
      const code = mint("bullhorn-code");
      codes.set(code, { redirectUri });
      return code;
    },
    records: (entity: string) => [...(store.get(entity)?.values() ?? [])],
    set(given: FakeBullhornKnobs) {
      applyKnobs(given ?? {}, () => baseSet(given));
    },
    expireSessions,
    // Sessions and access tokens both stop working; refresh tokens (the grant) stay.
    expireTokens() {
      expireSessions();
      accessTokens.revokeAll();
    },
    stats(): FakeBullhornStats {
      const { authorizationCode, refreshToken, ...rest } = counters;
      return { ...baseStats(), tokenRequests: { authorizationCode, refreshToken }, ...rest };
    },
  });
}
