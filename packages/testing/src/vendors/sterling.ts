import { randomUUID } from "node:crypto";
import { clientCredentialsEndpoint } from "../client-credentials.js";
import { requireStrings } from "../errors.js";
import { type FakeAnswer, type FakeOptions, type FakeServerBase, runFake, type VendorBehaviour } from "../server.js";

/** Options of {@link startFakeSterling}. */
export interface FakeSterlingOptions extends FakeOptions {
  /** Client id the fake accepts (default `"fake-sterling-client"`). */
  clientId?: string;
  /** Client secret the fake accepts (default `"fake-sterling-secret"`). */
  clientSecret?: string;
}

/** Sterling credentials, as `createSterlingClient` takes them in `auth`. */
export interface FakeSterlingCredentials {
  clientId: string;
  clientSecret: string;
}

/** A running fake Sterling API. */
export interface FakeSterling extends FakeServerBase {
  readonly credentials: FakeSterlingCredentials;
  /** Everything `createSterlingClient` needs: `createSterlingClient(fake.clientOptions)`. */
  readonly clientOptions: { auth: FakeSterlingCredentials; environment: "integration"; baseUrl: string };
  /** Screenings ordered so far. */
  readonly screenings: readonly FakeSterlingScreening[];
}

/** A screening in the fake: its status advances on each read (Pending, In Progress, Complete). */
export interface FakeSterlingScreening {
  id: string;
  candidateId: string;
  packageId: string;
  packageName: string;
  status: string;
  result?: string;
  submittedAt: string;
}

const PACKAGES = [
  { id: "pkg-basic", title: "Basic Criminal", active: true, products: ["County Criminal", "SSN Trace"] },
  { id: "pkg-plus", title: "Criminal + Employment", active: true, products: ["County Criminal", "Employment Verification"] },
];
const STATUSES = ["Pending", "In Progress", "Complete"];

/** Sterling's error envelope, `{"errors":[{code, message}]}` with `code` as `<status>#<field>?<reason>` (https://sterling.readme.io/reference/errors). */
function error(status: number, message: string, problems: readonly { field?: string; message: string }[] = []): FakeAnswer {
  const errors =
    problems.length > 0
      ? problems.map((p) => ({ code: `${status}${p.field === undefined ? "" : `#${p.field}`}`, message: p.message }))
      : [{ code: String(status), message }];
  return { status, body: { errors } };
}

function page<T>(items: readonly T[], query: URLSearchParams): T[] {
  const limit = Number(query.get("limit") ?? 100);
  const offset = Number(query.get("offset") ?? 0);
  return items.slice(offset, offset + limit);
}

/**
 * Starts a fake Sterling (First Advantage) API v2 on loopback: `POST /oauth` with HTTP Basic
 * client credentials (answers `expires_in` as a string, like the live service), and in memory
 * `/packages`, `/candidates`, `/candidates/{id}/documents` and `/screenings` with `limit`/`offset`
 * paging and bare-array lists.
 *
 * @example
 * ```ts
 * const fake = await startFakeSterling();
 * const sterling = createSterlingClient(fake.clientOptions);
 * const { data } = await sterling.GET("/packages");
 * console.log(data?.map((p) => p.id));
 * await sterling.dispose();
 * await fake.close();
 * ```
 */
export async function startFakeSterling(options: FakeSterlingOptions = {}): Promise<FakeSterling> {
  const vendor = "sterling";
  const { clientId = "fake-sterling-client", clientSecret = "fake-sterling-secret" } = options ?? {};
  requireStrings(vendor, { clientId, clientSecret });
  const candidates: Record<string, unknown>[] = [];
  const screenings: FakeSterlingScreening[] = [];
  const documents = new Map<string, number>();

  // Sterling form-urlencodes id and secret before Basic encoding (https://sterling.readme.io/reference/authentication); accept raw too.
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  const basicMatches = (header: string | undefined) => {
    const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
    if (match === null) return false;
    const [id, ...rest] = Buffer.from(match[1] as string, "base64")
      .toString("utf8")
      .split(":");
    const secret = rest.join(":");
    return (id === clientId && secret === clientSecret) || (decode(id ?? "") === clientId && decode(secret) === clientSecret);
  };
  const screeningView = (s: FakeSterlingScreening) => ({ ...s });

  const behaviour: VendorBehaviour = {
    vendor,
    basePath: "/v2",
    defaultLifetimeSeconds: 3600,
    ...clientCredentialsEndpoint("/oauth", {
      refuseClient: (form, ctx) =>
        form.has("client_secret")
          ? error(400, "client credentials belong in the Basic header", [
              { field: "client_secret", message: "not accepted in the body" },
            ])
          : basicMatches(ctx.headers.authorization)
            ? undefined
            : error(401, "invalid client credentials"),
      // A string, as Sterling's live answers and official SDK have it (`AccessToken` in specs/sterling.openapi.yaml).
      expiresIn: (seconds) => String(Math.floor(seconds)),
    }),
    authenticate(ctx, book) {
      const match = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization ?? "");
      if (match === null) return error(401, "missing bearer token");
      return book.use(match[1] as string) ? (match[1] as string) : error(401, "invalid or expired token");
    },
    error,
    async api(ctx) {
      const { method, operation } = ctx;
      const id = operation.params.candidateId ?? operation.params.screeningId;
      const key = `${method} ${operation.template}`;
      const candidate = id === undefined ? undefined : candidates.find((c) => c.id === id);
      switch (key) {
        case "GET /packages":
          return { status: 200, body: PACKAGES };
        case "POST /candidates": {
          const body = ctx.json() as Record<string, unknown>;
          if (candidates.some((c) => c.email === body.email)) {
            return error(409, "email already in use", [
              { field: "email?already-in-use", message: "a candidate with this email exists" },
            ]);
          }
          if (body.clientReferenceId !== undefined && candidates.some((c) => c.clientReferenceId === body.clientReferenceId)) {
            return error(409, "clientReferenceId already in use", [
              { field: "clientReferenceId?already-in-use", message: "a candidate with this clientReferenceId exists" },
            ]);
          }
          const created = { ...body, id: randomUUID() };
          candidates.push(created);
          return { status: 201, body: created };
        }
        case "GET /candidates": {
          const filters = ["email", "givenName", "familyName", "clientReferenceId"].filter((f) => ctx.query.has(f));
          const found = candidates.filter((c) => filters.every((f) => c[f] === ctx.query.get(f)));
          return { status: 200, body: page(found, ctx.query) };
        }
        case "GET /candidates/{candidateId}":
          return candidate === undefined
            ? error(404, "candidate not found", [{ field: "candidateId", message: "not found" }])
            : { status: 200, body: candidate };
        case "PUT /candidates/{candidateId}": {
          if (candidate === undefined) return error(404, "candidate not found", [{ field: "candidateId", message: "not found" }]);
          Object.assign(candidate, ctx.json() as object, { id: candidate.id });
          return { status: 200, body: candidate };
        }
        case "POST /candidates/{candidateId}/documents": {
          if (candidate === undefined) return error(404, "candidate not found", [{ field: "candidateId", message: "not found" }]);
          const n = (documents.get(candidate.id as string) ?? 0) + 1;
          documents.set(candidate.id as string, n);
          return {
            status: 201,
            body: { id: `doc-${n}`, type: String(ctx.headers.documenttype ?? "other"), size: ctx.body.length },
          };
        }
        case "POST /screenings": {
          const body = ctx.json() as { candidateId: string; packageId?: string };
          if (!candidates.some((c) => c.id === body.candidateId)) {
            return error(400, "unknown candidate", [{ field: "candidateId?not-found", message: "no candidate with this id" }]);
          }
          const pkg = PACKAGES.find((p) => p.id === body.packageId);
          if (pkg === undefined)
            return error(400, "unknown package", [{ field: "packageId?not-found", message: "no package with this id" }]);
          const screening: FakeSterlingScreening = {
            id: String(900000 + screenings.length + 1),
            candidateId: body.candidateId,
            packageId: pkg.id,
            packageName: pkg.title,
            status: "Pending",
            submittedAt: new Date().toISOString(),
          };
          screenings.push(screening);
          return { status: 201, body: screeningView(screening) };
        }
        case "GET /screenings":
          return { status: 200, body: page(screenings, ctx.query).map(screeningView) };
        case "GET /screenings/{screeningId}": {
          const screening = screenings.find((s) => s.id === id);
          if (screening === undefined) return error(404, "screening not found", [{ field: "screeningId", message: "not found" }]);
          const view = screeningView(screening);
          // Each read moves the order one step on, so a poll loop sees it complete.
          const next = STATUSES[STATUSES.indexOf(screening.status) + 1];
          if (next !== undefined) screening.status = next;
          if (screening.status === "Complete") screening.result = "Clear";
          return { status: 200, body: view };
        }
        default:
          return error(501, `${key} is not implemented by the fake`);
      }
    },
  };

  const fake = await runFake(behaviour, options);
  const credentials = { clientId, clientSecret };
  return Object.assign(fake, {
    credentials,
    clientOptions: { auth: credentials, environment: "integration" as const, baseUrl: fake.url },
    screenings,
  });
}
