import { requireStrings } from "../errors.js";
import { type FakeAnswer, type FakeOptions, type FakeServerBase, runFake, type VendorBehaviour } from "../server.js";

/** Options of {@link startFakePCRecruiter}. */
export interface FakePCRecruiterOptions extends FakeOptions {
  /** The login the fake accepts; defaults are fake values. */
  login?: Partial<FakePCRecruiterCredentials>;
}

/** A PCRecruiter login, as `createPCRecruiterClient` takes it in `auth`. */
export interface FakePCRecruiterCredentials {
  username: string;
  password: string;
  databaseId: string;
  apiKey: string;
  appId: string;
}

/** A running fake PCRecruiter API. */
export interface FakePCRecruiter extends FakeServerBase {
  readonly credentials: FakePCRecruiterCredentials;
  /** Everything `createPCRecruiterClient` needs: `createPCRecruiterClient(fake.clientOptions)`. */
  readonly clientOptions: { auth: FakePCRecruiterCredentials; baseUrl: string };
  /** Resumes attached so far, by candidate id. */
  readonly resumes: ReadonlyMap<number, readonly unknown[]>;
}

const DEFAULT_LOGIN: FakePCRecruiterCredentials = {
  username: "fake.api.user",
  password: "fake-password",
  databaseId: "FakeDB.Profile",
  apiKey: "fake-pcr-api-key",
  appId: "fake-pcr-app-id",
};

/** PCRecruiter errors are ASP.NET's `{"Message": "..."}` (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Reference-Guide.html, unverified by the vendor). */
function error(status: number, message: string, problems: readonly { message: string }[] = []): FakeAnswer {
  return {
    status,
    body: { Message: problems.length > 0 ? `The request is invalid. ${problems.map((p) => p.message).join("; ")}` : message },
  };
}

type Row = Record<string, unknown>;

/** `Field eq 'value'` clauses joined by `AND`: the part of PCRecruiter's query language the fake understands. */
function filterOf(query: string | null): ((row: Row) => boolean) | string {
  if (query === null || query.trim() === "") return () => true;
  const clauses = query.split(/\s+AND\s+/i).map((clause) => /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(clause));
  if (clauses.some((c) => c === null)) return `the fake understands only "Field eq 'value'" clauses joined by AND`;
  return (row) =>
    clauses.every(
      (c) =>
        String(row[(c as RegExpExecArray)[1] as string] ?? "").toLowerCase() ===
        ((c as RegExpExecArray)[2] as string).replace(/''/g, "'").toLowerCase(),
    );
}

function list(rows: readonly Row[], query: URLSearchParams): FakeAnswer {
  const filter = filterOf(query.get("Query"));
  if (typeof filter === "string") return error(400, filter);
  const matching = rows.filter(filter);
  const size = Math.min(Number(query.get("ResultsPerPage") ?? 25), 500);
  const page = Number(query.get("Page") ?? 1);
  return { status: 200, body: { TotalRecords: matching.length, Results: matching.slice((page - 1) * size, page * size) } };
}

/**
 * Starts a fake PCRecruiter REST API on loopback: `POST /access-token` (JSON login) issues a
 * session that expires after a period of inactivity (`tokenLifetimeSeconds`, default one hour,
 * the database's Global Timeout), `DELETE /access-token` ends it, and in memory
 * `/candidatesV2` (with `Query`, `Page`, `ResultsPerPage`), `/candidates/{id}/resumes` and
 * `/positionsV2`.
 *
 * @example
 * ```ts
 * const fake = await startFakePCRecruiter();
 * const pcr = createPCRecruiterClient(fake.clientOptions);
 * await pcr.POST("/candidatesV2", { body: { FirstName: "Ada", LastName: "Lovelace", Status: "Available" } });
 * const { data } = await pcr.GET("/candidatesV2", { params: { query: { Query: "LastName eq 'Lovelace'" } } });
 * console.log(data?.TotalRecords);
 * await pcr.dispose();
 * await fake.close();
 * ```
 */
export async function startFakePCRecruiter(options: FakePCRecruiterOptions = {}): Promise<FakePCRecruiter> {
  const vendor = "pcrecruiter";
  const login = { ...DEFAULT_LOGIN, ...options?.login };
  requireStrings(vendor, login, "login.");
  const candidates: Row[] = [];
  const positions: Row[] = [];
  const resumes = new Map<number, unknown[]>();
  let nextId = 1000;

  const sessionOf = (authorization: string | undefined) => /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const notFound = (what: string) => error(404, `${what} not found`);

  const behaviour: VendorBehaviour = {
    vendor,
    basePath: "/rest/api",
    aging: "inactivity",
    defaultLifetimeSeconds: 3600,
    tokenCall: (_origin, method, path) =>
      path.toLowerCase() === "/access-token"
        ? method === "POST"
          ? "token"
          : method === "DELETE"
            ? "logout"
            : undefined
        : undefined,
    token(ctx, kind, book, lifetimeMs) {
      if (kind === "logout") {
        const session = sessionOf(ctx.headers.authorization);
        return session !== undefined && book.revoke(session)
          ? { status: 200, body: { Success: true } }
          : error(401, "Authorization has been denied for this request.");
      }
      const body = (ctx.json() ?? {}) as Record<string, unknown>;
      const ok =
        body.Username === login.username &&
        body.Password === login.password &&
        body.DatabaseId === login.databaseId &&
        body.ApiKey === login.apiKey &&
        body.AppId === login.appId;
      if (!ok) return { ...error(401, "Invalid login credentials."), refused: true };
      return { status: 200, body: { SessionId: book.issue(lifetimeMs) } };
    },
    authenticate(ctx, book) {
      const session = sessionOf(ctx.headers.authorization);
      // Each successful call resets the inactivity timer (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Access-Token.html).
      return session !== undefined && book.use(session) ? session : error(401, "Authorization has been denied for this request.");
    },
    error,
    api(ctx) {
      const { method, operation } = ctx;
      const key = `${method} ${operation.template}`;
      const id = Number(operation.params.CandidateId ?? operation.params.JobId);
      const candidate = candidates.find((c) => c.CandidateId === id);
      switch (key) {
        case "GET /candidatesV2":
          return list(candidates, ctx.query);
        case "POST /candidatesV2": {
          const created = { ...(ctx.json() as Row), CandidateId: nextId++, DateEntered: new Date().toISOString() };
          candidates.push(created);
          return { status: 200, body: created };
        }
        case "GET /candidatesV2/{CandidateId}":
        case "GET /candidates/{CandidateId}":
          return candidate === undefined ? notFound("Candidate") : { status: 200, body: candidate };
        case "PUT /candidatesV2/{CandidateId}":
          if (candidate === undefined) return notFound("Candidate");
          Object.assign(candidate, ctx.json() as Row, { CandidateId: candidate.CandidateId });
          return { status: 200, body: candidate };
        case "POST /candidates/{CandidateId}/resumes": {
          if (candidate === undefined) return notFound("Candidate");
          const stored = resumes.get(id) ?? [];
          stored.push(ctx.json());
          resumes.set(id, stored);
          return { status: 200, body: { Success: true } };
        }
        case "GET /positionsV2":
          return list(positions, ctx.query);
        case "POST /positionsV2": {
          const created = { ...(ctx.json() as Row), JobId: nextId++ };
          positions.push(created);
          return { status: 200, body: created };
        }
        default:
          return error(501, `${key} is not implemented by the fake`);
      }
    },
  };

  const fake = await runFake(behaviour, options);
  return Object.assign(fake, { credentials: login, clientOptions: { auth: login, baseUrl: fake.url }, resumes });
}
