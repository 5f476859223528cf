import { type AuthMiddlewareOptions, type AuthScheme, createAuthMiddleware, pinOrigin } from "@hirekit/auth-middleware";
import { PCRECRUITER_BASE_URL, type PCRecruiterSessionOptions, pcrecruiterSession } from "@hirekit/auth-middleware/pcrecruiter";
import { createRetryFetch, mergeRetryOptions, type RetryOptions } from "@hirekit/retry";
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import {
  type PCRecruiterChanges,
  type PCRecruiterChangesOptions,
  type PCRecruiterTrackedPath,
  readChanges,
} from "./change-tracking.js";
import { PCRecruiterError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import {
  type PagerContext,
  type PaginateArgs,
  type PCRecruiterListItem,
  type PCRecruiterPagedPath,
  paginateList,
} from "./paginate.js";

/** The legacy host of older clients and samples (same paths; prefer the default, https://www.pcrecruiter.net/APIDOCS_V2/). */
export const PCRECRUITER_LEGACY_BASE_URL = "https://www.pcrecruiter.net/rest/api";

/** PCRecruiter login: user and database, plus the App ID and API Key from Main Sequence's developer portal. */
export type PCRecruiterCredentials = Omit<PCRecruiterSessionOptions, "baseUrl">;

/** Options of {@link createPCRecruiterClient}. */
export interface PCRecruiterClientOptions extends Omit<AuthMiddlewareOptions, "fetch"> {
  /** The login (a session is created from it), or any ready scheme (e.g. for a proxy). */
  auth: PCRecruiterCredentials | AuthScheme;
  /**
   * API base, default `https://www2.pcrecruiter.net/rest/api`. Also the legacy host
   * ({@link PCRECRUITER_LEGACY_BASE_URL}), an on-premise install, a proxy or a local fake
   * (`http:` only for loopback hosts).
   */
  baseUrl?: string;
  /** `fetch` for API and login calls; default the global `fetch`, looked up at call time. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request (e.g. `Accept-Language`, which formats custom-field values). */
  headers?: ClientOptions["headers"];
  /** `ResultsPerPage` of `paginate` and `changes` when the call sets none (default 500). */
  pageSize?: number;
  /**
   * Retries of failed API calls (network errors, 408, 429, 5xx), on top of
   * {@link PCRECRUITER_RETRY_DEFAULTS}; `false` turns them off.
   */
  retry?: false | RetryOptions;
}

/**
 * PCRecruiter's retry defaults: conservative, since usage is metered in calls per day and
 * every retry counts (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Reference-Guide.html): two retries, 1 s backoff base, 30 s in all.
 */
export const PCRECRUITER_RETRY_DEFAULTS: RetryOptions = {
  retries: 2,
  baseDelayMs: 1000,
  rateLimitDelayMs: 2000,
  maxTotalDelayMs: 30_000,
};

/** The PCRecruiter client: openapi-fetch's typed methods plus `paginate`, `changes` and `dispose`. */
export type PCRecruiterClient = Client<paths> & {
  /**
   * Iterates over every item of a list, page by page (`Page` 1, 2, …), until `TotalRecords`
   * items have arrived or a page is empty; stops after `maxItems` when given. A failed page
   * throws {@link PCRecruiterError} (`HTTP_ERROR`, or `INVALID_RESPONSE` without `Results`).
   */
  paginate<P extends PCRecruiterPagedPath>(path: P, ...args: PaginateArgs<P>): AsyncGenerator<PCRecruiterListItem<P>>;
  /**
   * Incremental sync with change tracking: the records inserted or updated and the ids
   * deleted since `since` (a version stored from the previous call), and the new `version`
   * to store. Without `since`, a full sync.
   */
  changes<P extends PCRecruiterTrackedPath>(
    path: P,
    options: PCRecruiterChangesOptions<P>,
  ): Promise<PCRecruiterChanges<PCRecruiterListItem<P>>>;
  /** Ends the session (`DELETE /access-token`) and stops token work; the client is unusable afterwards. */
  dispose(): Promise<void>;
};

const DEFAULT_PAGE_SIZE = 500;

function invalidOption(option: string, message: string): PCRecruiterError {
  return new PCRecruiterError("INVALID_OPTION", `pcrecruiter: option ${option} ${message}`, { option });
}

function isScheme(auth: object): auth is AuthScheme {
  return typeof (auth as { obtain?: unknown }).obtain === "function";
}

/**
 * A typed PCRecruiter client with the session handled: one login (`POST /access-token`)
 * serves every request, sent as `Authorization: BEARER {SessionId}`; after the database's
 * inactivity timeout the API answers 401, a new session is created and the request replayed
 * once; `dispose()` ends the session.
 *
 * @example
 * ```ts
 * const pcr = createPCRecruiterClient({
 *   auth: {
 *     username: process.env.PCR_USERNAME!, password: process.env.PCR_PASSWORD!,
 *     databaseId: "SampleDB.SampleProfile", apiKey: process.env.PCR_API_KEY!, appId: process.env.PCR_APP_ID!,
 *   },
 * });
 * const { data } = await pcr.GET("/candidatesV2/{CandidateId}", { params: { path: { CandidateId: 42 } } });
 * await pcr.dispose();
 * ```
 */
export function createPCRecruiterClient(options: PCRecruiterClientOptions): PCRecruiterClient {
  if (options === null || typeof options !== "object") throw invalidOption("options", "must be an object");
  const {
    auth,
    baseUrl: baseOption,
    fetch: fetchOption,
    headers,
    pageSize = DEFAULT_PAGE_SIZE,
    retry,
    ...middlewareOptions
  } = options;
  const retryOptions = mergeRetryOptions(PCRECRUITER_RETRY_DEFAULTS, retry);
  if (auth === null || typeof auth !== "object") {
    throw invalidOption("auth", "must be the login ({ username, password, databaseId, apiKey, appId }) or an auth scheme");
  }
  if (baseOption !== undefined && (typeof baseOption !== "string" || !URL.canParse(baseOption))) {
    throw invalidOption("baseUrl", "must be an absolute URL");
  }
  const baseUrl = (baseOption ?? PCRECRUITER_BASE_URL).replace(/\/+$/, "");
  if (fetchOption !== undefined && typeof fetchOption !== "function") throw invalidOption("fetch", "must be a function");
  if (headers !== undefined && (headers === null || typeof headers !== "object"))
    throw invalidOption("headers", "must be an object");
  if (!Number.isInteger(pageSize) || pageSize < 1) throw invalidOption("pageSize", "must be a positive integer");

  // The scheme validates the login and refuses plain http: to non-loopback hosts (rule 9).
  const scheme = isScheme(auth) ? auth : pcrecruiterSession({ ...auth, baseUrl });
  const middleware = createAuthMiddleware(pinOrigin(scheme, baseUrl), { ...middlewareOptions, fetch: fetchOption });
  const fetchAtCallTime = fetchOption ?? ((input: Request) => globalThis.fetch(input));
  // Below the middlewares: every attempt, the 401 replay included, carries the session the
  // middleware set (packages/retry/README.md).
  const fetch = retryOptions === undefined ? fetchAtCallTime : createRetryFetch(fetchAtCallTime, retryOptions);
  const client = createClient<paths>({ baseUrl, fetch, headers });
  client.use(middleware);

  const context: PagerContext = { client, pageSize, secrets: () => scheme.secrets() };
  const paginate = (
    path: string,
    init?: Parameters<typeof paginateList>[2],
    paginateOptions?: Parameters<typeof paginateList>[3],
  ) => paginateList(context, path, init, paginateOptions);
  const changes = <P extends PCRecruiterTrackedPath>(path: P, changesOptions: PCRecruiterChangesOptions<P>) =>
    readChanges(context, path, changesOptions);

  return Object.assign(client, { paginate, changes, dispose: () => middleware.dispose() }) as unknown as PCRecruiterClient;
}
