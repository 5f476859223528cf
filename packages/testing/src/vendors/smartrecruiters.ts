import { randomUUID } from "node:crypto";
import { clientCredentialsEndpoint } from "../client-credentials.js";
import { invalidOption, requireStrings } from "../errors.js";
import { type FakeAnswer, type FakeOptions, type FakeServerBase, runFake, type VendorBehaviour } from "../server.js";

/** Options of {@link startFakeSmartRecruiters}. */
export interface FakeSmartRecruitersOptions extends FakeOptions {
  /** Which credential the fake hands out in `credentials` (both are always accepted; default `"oauth"`). */
  auth?: "apiKey" | "oauth";
  /** API key accepted in `X-SmartToken`. */
  apiKey?: string;
  /** OAuth client id accepted by `/identity/oauth/token`. */
  clientId?: string;
  /** OAuth client secret accepted by `/identity/oauth/token`. */
  clientSecret?: string;
}

/** SmartRecruiters credentials, as `createSmartRecruitersClient` takes them in `auth`. */
export type FakeSmartRecruitersCredentials = { apiKey: string } | { clientId: string; clientSecret: string };

/** A running fake SmartRecruiters API. */
export interface FakeSmartRecruiters extends FakeServerBase {
  readonly credentials: FakeSmartRecruitersCredentials;
  /** Everything `createSmartRecruitersClient` needs: `createSmartRecruitersClient(fake.clientOptions)`. */
  readonly clientOptions: { auth: FakeSmartRecruitersCredentials; baseUrl: string };
  /** The id of a job the fake starts with, open for applications. */
  readonly jobId: string;
}

/** SmartRecruiters' error body `{message, errors:[{code, message}]}` (https://developers.smartrecruiters.com/docs/activating-webhook-subscriptions). */
function error(status: number, message: string, problems: readonly { field?: string; message: string }[] = []): FakeAnswer {
  const code: Record<number, string> = {
    401: "UNAUTHORIZED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    429: "TOO_MANY_REQUESTS",
  };
  const errors =
    problems.length > 0
      ? problems.map((p) => ({ code: "INVALID_FIELD", message: p.message }))
      : [{ code: code[status] ?? (status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST"), message }];
  return { status, body: { message, errors } };
}

type Row = Record<string, unknown>;

/** Cursor paging: `limit` and an opaque `pageId` (the offset, base64url), `nextPageId` while more remain. */
function cursorPage(rows: readonly Row[], query: URLSearchParams): FakeAnswer {
  const limit = Math.min(Number(query.get("limit") ?? 10), 100);
  const pageId = query.get("pageId");
  const offset = pageId === null ? 0 : Number(Buffer.from(pageId, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) return error(400, "invalid page id", [{ message: "INVALID_PAGE_ID" }]);
  const content = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? Buffer.from(String(offset + limit)).toString("base64url") : undefined;
  return {
    status: 200,
    body: { limit, offset, totalFound: rows.length, ...(next === undefined ? {} : { nextPageId: next }), content },
  };
}

/**
 * Starts a fake SmartRecruiters Customer API on loopback: `X-SmartToken` API keys and
 * `POST /identity/oauth/token` client credentials (`client_secret_post`), rate-limit headers on
 * every answer, and in memory `/jobs`, `/candidates` (cursor paging with `pageId`),
 * `/jobs/{jobId}/candidates`, candidate attachments and application status.
 *
 * @example
 * ```ts
 * const fake = await startFakeSmartRecruiters();
 * const sr = createSmartRecruitersClient(fake.clientOptions);
 * const { data } = await sr.POST("/candidates", { body: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" } });
 * console.log(typeof data?.id);
 * await sr.dispose();
 * await fake.close();
 * ```
 */
export async function startFakeSmartRecruiters(options: FakeSmartRecruitersOptions = {}): Promise<FakeSmartRecruiters> {
  const vendor = "smartrecruiters";
  const {
    auth = "oauth",
    apiKey = "fake-smart-token",
    clientId = "fake-sr-client",
    clientSecret = "fake-sr-secret",
  } = options ?? {};
  if (auth !== "apiKey" && auth !== "oauth") throw invalidOption(vendor, "auth", 'must be "apiKey" or "oauth"');
  requireStrings(vendor, { apiKey, clientId, clientSecret });
  const jobId = randomUUID();
  const jobs: Row[] = [
    {
      id: jobId,
      title: "Software Engineer",
      refNumber: "ENG-1",
      status: "SOURCING",
      location: { city: "Kraków", country: "pl" },
    },
  ];
  const candidates: Row[] = [];
  const applications = new Map<string, Row>();
  const attachments = new Map<string, Row[]>();
  let remaining = 10_000;

  const behaviour: VendorBehaviour = {
    vendor,
    basePath: "",
    defaultLifetimeSeconds: 1800,
    ...clientCredentialsEndpoint("/identity/oauth/token", {
      refuseClient: (form) =>
        form.get("client_id") === clientId && form.get("client_secret") === clientSecret
          ? undefined
          : { status: 401, body: { error: "invalid_client", error_description: "Bad client credentials" } },
      expiresIn: (seconds) => seconds,
    }),
    authenticate(ctx, book) {
      const key = ctx.headers["x-smarttoken"];
      if (typeof key === "string") return key === apiKey ? "api-key" : error(401, "Invalid API key");
      const match = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization ?? "");
      if (match === null) return error(401, "Missing credentials");
      return book.use(match[1] as string) ? (match[1] as string) : error(401, "Access token expired or invalid");
    },
    apiHeaders() {
      remaining = Math.max(0, remaining - 1);
      return { "x-ratelimit-limit": "10000", "x-ratelimit-remaining": String(remaining) };
    },
    error,
    async api(ctx) {
      const { method, operation } = ctx;
      const key = `${method} ${operation.template}`;
      const { candidateId, jobId: pathJobId } = operation.params;
      const candidate = candidates.find((c) => c.id === candidateId);
      const job = jobs.find((j) => j.id === pathJobId);
      const create = (body: Row, forJob?: Row) => {
        const created: Row = { ...body, id: randomUUID(), createdOn: new Date().toISOString(), primaryAssignment: undefined };
        if (forJob !== undefined) {
          const application = { job: { id: forJob.id, title: forJob.title }, status: "NEW", startsOn: undefined };
          applications.set(`${created.id}|${forJob.id}`, application);
          created.primaryAssignment = application;
        }
        candidates.push(created);
        return created;
      };
      switch (key) {
        case "GET /jobs":
          return cursorPage(jobs, ctx.query);
        case "POST /jobs": {
          const created = { ...(ctx.json() as Row), id: randomUUID(), status: "CREATED" };
          jobs.push(created);
          return { status: 201, body: created };
        }
        case "GET /candidates":
          return cursorPage(candidates, ctx.query);
        case "POST /candidates":
          return { status: 201, body: create(ctx.json() as Row) };
        case "POST /jobs/{jobId}/candidates":
          return job === undefined ? error(404, "Job not found") : { status: 201, body: create(ctx.json() as Row, job) };
        case "GET /candidates/{candidateId}":
          return candidate === undefined ? error(404, "Candidate not found") : { status: 200, body: candidate };
        case "POST /candidates/{candidateId}/attachments": {
          if (candidate === undefined) return error(404, "Candidate not found");
          const form = await ctx.form();
          const file = form.get("file");
          const stored = {
            id: randomUUID(),
            name: typeof file === "string" ? file : (file?.name ?? "file"),
            type: form.get("attachmentType"),
            contentType: typeof file === "string" ? "text/plain" : (file?.type ?? "application/octet-stream"),
          };
          attachments.set(candidate.id as string, [...(attachments.get(candidate.id as string) ?? []), stored]);
          return { status: 201, body: stored };
        }
        case "GET /candidates/{candidateId}/attachments":
          return candidate === undefined
            ? error(404, "Candidate not found")
            : {
                status: 200,
                body: {
                  totalFound: (attachments.get(candidate.id as string) ?? []).length,
                  content: attachments.get(candidate.id as string) ?? [],
                },
              };
        case "GET /candidates/{candidateId}/jobs/{jobId}": {
          const application = applications.get(`${candidateId}|${pathJobId}`);
          return application === undefined ? error(404, "Application not found") : { status: 200, body: application };
        }
        case "PUT /candidates/{candidateId}/jobs/{jobId}/status": {
          const application = applications.get(`${candidateId}|${pathJobId}`);
          if (application === undefined) return error(404, "Application not found");
          const body = ctx.json() as Row;
          application.status = body.status;
          if (body.subStatus !== undefined) application.subStatus = body.subStatus;
          return { status: 204 };
        }
        default:
          return error(501, `${key} is not implemented by the fake`);
      }
    },
  };

  const fake = await runFake(behaviour, options);
  const credentials: FakeSmartRecruitersCredentials = auth === "apiKey" ? { apiKey } : { clientId, clientSecret };
  return Object.assign(fake, { credentials, clientOptions: { auth: credentials, baseUrl: fake.url }, jobId });
}
