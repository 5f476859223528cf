import { randomBytes } from "node:crypto";
import { invalidOption, requireStrings } from "../errors.js";
import { type FakeAnswer, type FakeOptions, type FakeServerBase, runFake, type VendorBehaviour } from "../server.js";

/** The Zoho data centres (`us`, `eu`, …), as `createZohoRecruitClient` takes them in `region`. */
export type FakeZohoRegion = "us" | "eu" | "in" | "au" | "jp" | "ca" | "sa" | "uk" | "cn" | "ae" | "sg";
const REGIONS: readonly FakeZohoRegion[] = ["us", "eu", "in", "au", "jp", "ca", "sa", "uk", "cn", "ae", "sg"];
const API_DOMAINS: Record<FakeZohoRegion, string> = {
  us: "https://www.zohoapis.com",
  eu: "https://www.zohoapis.eu",
  in: "https://www.zohoapis.in",
  au: "https://www.zohoapis.com.au",
  jp: "https://www.zohoapis.jp",
  ca: "https://www.zohoapis.ca",
  sa: "https://www.zohoapis.sa",
  uk: "https://www.zohoapis.uk",
  cn: "https://www.zohoapis.com.cn",
  ae: "https://www.zohoapis.ae",
  sg: "https://www.zohoapis.sg",
};

/** Options of {@link startFakeZohoRecruit}. */
export interface FakeZohoRecruitOptions extends FakeOptions {
  /** Data centre the fake plays (default `"eu"`); it decides `api_domain` and the client's `region`. */
  region?: FakeZohoRegion;
  /** Client id the accounts server accepts (default `"1000.FAKEZOHOCLIENT"`). */
  clientId?: string;
  /** Client secret the accounts server accepts. */
  clientSecret?: string;
  /** Access tokens per refresh token per 10 minutes before Zoho answers "Access Denied" (default 10, https://www.zoho.com/recruit/developer-guide/apiv2/oauth-overview.html). */
  tokenRateLimit?: number;
}

/** Zoho OAuth client and refresh token, as `createZohoRecruitClient` takes them in `auth`. */
export interface FakeZohoRecruitCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** A running fake Zoho Recruit: the accounts server and the Recruit API, both on loopback. */
export interface FakeZohoRecruit extends FakeServerBase {
  readonly region: FakeZohoRegion;
  /** Root of the fake accounts server (`accountsUrl` of the client). */
  readonly accountsUrl: string;
  readonly credentials: FakeZohoRecruitCredentials;
  /** Everything `createZohoRecruitClient` needs: `createZohoRecruitClient(fake.clientOptions)`. */
  readonly clientOptions: { auth: FakeZohoRecruitCredentials; region: FakeZohoRegion; baseUrl: string; accountsUrl: string };
  /**
   * A one-time grant code for `exchangeZohoAuthorizationCode` (as Zoho's consent redirect
   * would hand out); `redirectUri` must match on exchange.
   */
  issueGrantCode(redirectUri: string): string;
}

/** Zoho's request-level error body (https://www.zoho.com/recruit/developer-guide/apiv2/insert-records.html). */
function error(status: number, message: string, problems: readonly { field?: string; message: string }[] = []): FakeAnswer {
  const codes: Record<number, string> = {
    401: "INVALID_TOKEN",
    404: "INVALID_URL_PATTERN",
    405: "INVALID_REQUEST_METHOD",
    429: "TOO_MANY_REQUESTS",
    501: "INVALID_URL_PATTERN",
  };
  const first = problems[0];
  const missing = problems.find((p) => p.message.endsWith("is required"));
  const code =
    status === 400 ? (missing !== undefined ? "MANDATORY_NOT_FOUND" : "INVALID_DATA") : (codes[status] ?? "INTERNAL_ERROR");
  // Zoho names the field by its API name only (`Last_Name`), not its path in the envelope.
  const field = (missing ?? first)?.field;
  const details = field === undefined ? {} : { api_name: field.split(".").at(-1) };
  return {
    status,
    body: { code, details, message: problems.length > 0 ? problems.map((p) => p.message).join("; ") : message, status: "error" },
  };
}

const MODULES = new Set(["Candidates", "Job_Openings", "Applications", "Clients", "Contacts", "Interviews"]);
const STATUS_FIELD: Record<string, string> = {
  Candidates: "Candidate_Status",
  Applications: "Application_Status",
  Job_Openings: "Job_Opening_Status",
};
const MANDATORY: Record<string, string> = {
  Candidates: "Last_Name",
  Job_Openings: "Posting_Title",
  Clients: "Client_Name",
  Contacts: "Last_Name",
};

/**
 * Starts a fake Zoho Recruit on loopback: an accounts server (`POST /oauth/v2/token` with the
 * refresh-token and authorization-code grants, `POST /oauth/v2/token/revoke`) that answers
 * failures with HTTP 200 and `{"error": …}` and throttles access tokens per refresh token,
 * and the Recruit API v2 (`/recruit/v2`) with in-memory modules, `page`/`per_page` paging
 * with `info.more_records`, 204 for empty lists, write envelopes, nested change-status
 * answers and attachments.
 *
 * @example
 * ```ts
 * const fake = await startFakeZohoRecruit({ region: "eu" });
 * const zoho = createZohoRecruitClient(fake.clientOptions);
 * const { data } = await zoho.POST("/Candidates", { body: { data: [{ First_Name: "Ada", Last_Name: "Lovelace" }] } });
 * console.log(data?.data?.[0]?.code);
 * await zoho.dispose();
 * await fake.close();
 * ```
 */
export async function startFakeZohoRecruit(options: FakeZohoRecruitOptions = {}): Promise<FakeZohoRecruit> {
  const vendor = "zoho-recruit";
  const {
    region = "eu",
    clientId = "1000.FAKEZOHOCLIENT",
    clientSecret = "fake-zoho-client-secret",
    tokenRateLimit = 10,
  } = options ?? {};
  if (!REGIONS.includes(region)) throw invalidOption(vendor, "region", `must be one of ${REGIONS.join(", ")}`);
  requireStrings(vendor, { clientId, clientSecret });
  if (!(Number.isInteger(tokenRateLimit) && tokenRateLimit >= 1))
    throw invalidOption(vendor, "tokenRateLimit", "must be a whole number ≥ 1");
  const clock = options?.clock ?? Date.now;
  const refreshTokens = new Set([`1000.${randomBytes(16).toString("hex")}.${randomBytes(16).toString("hex")}`]);
  const refreshToken = [...refreshTokens][0] as string;
  const grantCodes = new Map<string, string>();
  const issuedAt = new Map<string, number[]>();
  const records = new Map<string, Record<string, unknown>[]>();
  const attachmentsOf = new Map<string, Record<string, unknown>[]>();
  const associated = new Set<string>();
  let nextId = 5_000_000_000_000;

  const now = () => new Date(clock()).toISOString().replace(/\.\d{3}Z$/, "+00:00");
  const table = (module: string) => {
    let rows = records.get(module);
    if (rows === undefined) {
      rows = [];
      records.set(module, rows);
    }
    return rows;
  };
  const success = (message: string, details: Record<string, unknown>) => ({
    code: "SUCCESS",
    details,
    message,
    status: "success",
  });
  const oauthError = (code: string, description?: string): FakeAnswer => ({
    // Zoho answers token failures with HTTP 200 (https://www.zoho.com/recruit/developer-guide/apiv2/access-refresh.html).
    status: 200,
    body: description === undefined ? { error: code } : { error: code, error_description: description },
    refused: true,
  });

  const behaviour: VendorBehaviour = {
    vendor,
    basePath: "/recruit/v2",
    accountsServer: true,
    defaultLifetimeSeconds: 3600,
    tokenCall(origin, method, path) {
      if (origin !== "accounts" || method !== "POST") return undefined;
      return path === "/oauth/v2/token" ? "token" : path === "/oauth/v2/token/revoke" ? "revoke" : undefined;
    },
    async token(ctx, kind, book, lifetimeMs) {
      const form = await ctx.form();
      const field = (name: string) => (ctx.query.get(name) ?? form.get(name)) as string | undefined;
      if (kind === "revoke") {
        const token = field("token");
        if (token !== undefined && refreshTokens.delete(token)) return { status: 200, body: { status: "success" } };
        if (token !== undefined && book.revoke(token)) return { status: 200, body: { status: "success" } };
        return oauthError("invalid_token");
      }
      if (field("client_id") !== clientId) return oauthError("invalid_client");
      if (field("client_secret") !== clientSecret) return oauthError("invalid_client_secret");
      const grant = field("grant_type");
      if (grant === "authorization_code") {
        const code = field("code") ?? "";
        const redirect = grantCodes.get(code);
        grantCodes.delete(code);
        if (redirect === undefined) return oauthError("invalid_code");
        if (redirect !== field("redirect_uri")) return oauthError("invalid_redirect_uri");
        const minted = `1000.${randomBytes(16).toString("hex")}.${randomBytes(16).toString("hex")}`;
        refreshTokens.add(minted);
        const access = book.issue(lifetimeMs);
        return {
          status: 200,
          body: {
            access_token: access,
            refresh_token: minted,
            api_domain: API_DOMAINS[region],
            token_type: "Bearer",
            expires_in: lifetimeMs / 1000,
          },
        };
      }
      if (grant !== "refresh_token") return oauthError("unsupported_grant_type");
      const presented = field("refresh_token") ?? "";
      if (!refreshTokens.has(presented)) return oauthError("invalid_code");
      // At most `tokenRateLimit` access tokens per refresh token per 10 minutes (https://www.zoho.com/recruit/developer-guide/apiv2/oauth-overview.html).
      const window = (issuedAt.get(presented) ?? []).filter((t) => clock() - t < 10 * 60_000);
      if (window.length >= tokenRateLimit) {
        issuedAt.set(presented, window);
        return oauthError("Access Denied", "You have made too many requests continuously. Please try again after some time.");
      }
      window.push(clock());
      issuedAt.set(presented, window);
      return {
        status: 200,
        body: {
          access_token: book.issue(lifetimeMs),
          api_domain: API_DOMAINS[region],
          token_type: "Bearer",
          expires_in: lifetimeMs / 1000,
        },
      };
    },
    authenticate(ctx, book) {
      const match = /^Zoho-oauthtoken\s+(\S+)$/.exec(ctx.headers.authorization ?? "");
      if (match === null) {
        return {
          status: 401,
          body: { code: "AUTHENTICATION_FAILURE", details: {}, message: "Authentication failed", status: "error" },
        };
      }
      return book.use(match[1] as string) ? (match[1] as string) : error(401, "invalid oauth token");
    },
    error,
    tokenRequestError: (problems) => oauthError("invalid_request", problems.map((p) => p.message).join("; ")),
    async api(ctx) {
      const segments = ctx.path.split("/").filter((s) => s !== "");
      const [module = "", second, third] = segments;
      if (!MODULES.has(module))
        return error(400, `the module name given seems to be invalid`, [
          { field: "module", message: `invalid module ${module}` },
        ]);
      const rows = table(module);
      const find = (id: string | undefined) => rows.find((r) => r.id === id);
      const body = (ctx.json() ?? {}) as { data?: Record<string, unknown>[] };
      if (ctx.method === "PUT" && module === "Candidates" && second === "actions" && third === "associate") {
        // One result per job opening; `details.ids` is one string and an already-associated
        // candidate is a FAILURE with the reason nested, as the vendor sample
        // (https://www.zoho.com/recruit/developer-guide/apiv2/associate-candidate.html) and
        // dbx-components (recruit.api.candidates.ts) show.
        const jobs = table("Job_Openings");
        const results = (body.data ?? []).flatMap((item) => {
          const ids = (item.ids as string[] | undefined) ?? [];
          return ((item.jobids as string[] | undefined) ?? []).map((jobid) => {
            const listed = `[${ids.join(", ")}]`;
            if (!jobs.some((j) => j.id === jobid) || ids.some((id) => find(id) === undefined))
              return {
                code: "INVALID_DATA",
                details: { jobid, ids: listed },
                message: "the id given seems to be invalid",
                status: "error",
              };
            const fresh = ids.filter((id) => !associated.has(`${jobid}:${id}`));
            if (fresh.length === 0) {
              const reason = { code: "ALREADY_ASSOCIATED", details: {}, message: "already associated", status: "error" };
              return { code: "FAILURE", details: { jobid, ids: listed, error: [reason] }, message: "failure", status: "error" };
            }
            for (const id of fresh) associated.add(`${jobid}:${id}`);
            return success("Record associated successfully", { jobid, ids: listed });
          });
        });
        return { status: 200, body: { data: results } };
      }
      if (ctx.method === "GET" && second === undefined) {
        const perPage = Number(ctx.query.get("per_page") ?? 200);
        const page = Number(ctx.query.get("page") ?? 1);
        if (perPage > 200)
          return error(400, "per_page must be at most 200", [{ field: "per_page", message: "per_page must be at most 200" }]);
        const slice = rows.slice((page - 1) * perPage, page * perPage);
        // An empty page is HTTP 204 with no body (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html).
        if (slice.length === 0) return { status: 204 };
        return {
          status: 200,
          body: {
            data: slice,
            info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < rows.length },
          },
        };
      }
      if (ctx.method === "POST" && second === undefined) {
        const results = (body.data ?? []).map((item) => {
          const mandatory = MANDATORY[module];
          if (mandatory !== undefined && (item[mandatory] === undefined || item[mandatory] === "")) {
            return {
              code: "MANDATORY_NOT_FOUND",
              details: { api_name: mandatory },
              message: "required field not found",
              status: "error",
            };
          }
          const id = String(nextId++);
          const stamp = now();
          rows.push({ ...item, id, Created_Time: stamp, Modified_Time: stamp });
          return success("record added", {
            id,
            Created_Time: stamp,
            Modified_Time: stamp,
            Created_By: { id: "1", name: "Fake User" },
          });
        });
        return { status: 201, body: { data: results } };
      }
      if (ctx.method === "PUT" && second === "status") {
        const statusField = STATUS_FIELD[module] ?? "Status";
        const groups = (body.data ?? []).map((item) =>
          ((item.ids as string[] | undefined) ?? []).map((id) => {
            const row = find(id);
            if (row === undefined)
              return { code: "INVALID_DATA", details: { id }, message: "the id given seems to be invalid", status: "error" };
            row[statusField] = item[statusField];
            row.Modified_Time = now();
            return success("status changed", { id, Modified_Time: row.Modified_Time });
          }),
        );
        // Change Status answers an array of arrays (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html #11).
        return { status: 200, body: { data: groups } };
      }
      const row = find(second);
      if (ctx.method === "GET" && third === undefined) {
        return row === undefined ? { status: 204 } : { status: 200, body: { data: [row] } };
      }
      if (ctx.method === "PUT" && third === undefined) {
        if (row === undefined)
          return {
            status: 200,
            body: {
              data: [
                { code: "INVALID_DATA", details: { id: second }, message: "the id given seems to be invalid", status: "error" },
              ],
            },
          };
        Object.assign(row, body.data?.[0] ?? {}, { id: row.id, Modified_Time: now() });
        return { status: 200, body: { data: [success("record updated", { id: row.id, Modified_Time: row.Modified_Time })] } };
      }
      if (third === "Attachments" && row !== undefined) {
        const attachments = attachmentsOf.get(row.id as string) ?? [];
        attachmentsOf.set(row.id as string, attachments);
        if (ctx.method === "POST") {
          // The category is mandatory, by label or by id
          // (https://www.zoho.com/recruit/developer-guide/apiv2/upload-attachment.html).
          const category = ctx.query.get("attachments_category") ?? ctx.query.get("attachments_category_id");
          if (category === null)
            return error(400, "attachments_category is required", [
              { field: "attachments_category", message: "attachments_category is required" },
            ]);
          const file = (await ctx.form()).get("file");
          const id = String(nextId++);
          // User fields are id strings with the names under `$…`, as in the vendor sample
          // (https://www.zoho.com/recruit/developer-guide/apiv2/get-attachments.html).
          attachments.push({
            id,
            File_Name: typeof file === "string" ? file : (file?.name ?? ctx.query.get("attachment_url") ?? "attachment"),
            Size: String(typeof file === "string" ? file.length : (file?.size ?? 0)),
            Category: category,
            Parent_Id: row.id,
            Owner: "1",
            $Owner: "Fake User",
            Created_By: "1",
            $Created_By: "Fake User",
            Created_Time: now().replace("T", " ").replace("+00:00", ""),
          });
          return { status: 200, body: { data: [success("attachment uploaded", { id, Created_Time: now() })] } };
        }
        if (ctx.method === "GET") {
          return attachments.length === 0
            ? { status: 204 }
            : { status: 200, body: { data: attachments, info: { range: `1-${attachments.length}`, more_records: false } } };
        }
      }
      if (row === undefined && second !== undefined)
        return error(404, `record ${second} not found`, [{ field: "id", message: "the id given seems to be invalid" }]);
      return error(501, `${ctx.method} ${ctx.operation.template} is not implemented by the fake`);
    },
  };

  const fake = await runFake(behaviour, options);
  const accountsUrl = fake.accountsOrigin as string;
  const credentials = { clientId, clientSecret, refreshToken };
  return Object.assign(fake, {
    region,
    accountsUrl,
    credentials,
    clientOptions: { auth: credentials, region, baseUrl: fake.url, accountsUrl },
    issueGrantCode(redirectUri: string) {
      const code = `1000.${randomBytes(16).toString("hex")}.${randomBytes(16).toString("hex")}`;
      grantCodes.set(code, redirectUri);
      return code;
    },
  });
}
