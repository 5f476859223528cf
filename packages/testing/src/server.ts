import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeServerError, invalidOption } from "./errors.js";
import type { SpecVendor } from "./spec.js";
import { type FakeRequest, type FakeRequestKind, type FakeStats, summarizeRequests } from "./summary.js";
import { createTokenBook, type TokenAging, type TokenBook } from "./tokens.js";
import { type MatchedOperation, type RequestProblem, specValidator } from "./validator.js";

/** Make the next API calls fail, as a vendor under load or with an expired token would. */
export interface ForcedFailure {
  /** 401 (the presented token is also revoked, as on a real expiry), 429, or a 5xx. */
  status: number;
  /** How many API calls fail (default 1). */
  count?: number;
  /** `Retry-After` in seconds on 429 and 503 answers (default 1). */
  retryAfterSeconds?: number;
}

/** Settings a test can change at any time with `set`. */
export interface FakeKnobs {
  /** Lifetime of the tokens issued from now on, in seconds (PCRecruiter: inactivity timeout of new sessions). */
  tokenLifetimeSeconds?: number;
  /** Delay before every answer, in milliseconds (default 0). */
  latencyMs?: number;
  /** Fail the next API calls (token calls are not affected); `undefined` cancels. */
  failNext?: ForcedFailure | undefined;
}

/** Options common to every fake. */
export interface FakeOptions extends FakeKnobs {
  /** Clock used for token and session expiry (default `Date.now`); a manual clock makes expiry testable without waiting. */
  clock?: () => number;
  /** Check requests against the vendor's OpenAPI document (default `true`). */
  validateRequests?: boolean;
}

/** What every fake resolves to. */
export interface FakeServerBase {
  /** The API base URL (what the vendor factory takes as `baseUrl`). */
  readonly url: string;
  /** Every request so far, in arrival order (a live array; no credential is recorded). */
  readonly requests: readonly FakeRequest[];
  /** Changes knobs for the following requests. */
  set(knobs: FakeKnobs): void;
  /** Invalidates every token or session issued so far: the next API call with one answers 401. */
  expireTokens(): void;
  /** Counts of the request log. */
  stats(): FakeStats;
  /** Stops the server(s) and drops open connections. */
  close(): Promise<void>;
}

/** A request as a vendor handler sees it. */
export interface FakeContext {
  /** Which server of the fake received it. */
  origin: FakeOrigin;
  method: string;
  /** Path relative to the server's base path. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The matched operation (API calls only). */
  operation: MatchedOperation;
  /** The token the request was authenticated with (API calls only). */
  token: string;
  /** The JSON body (undefined when there is none or it is not JSON). */
  json(): unknown;
  /** The form fields of a urlencoded or multipart body. */
  form(): Promise<Map<string, string | File>>;
}

/** An answer of a vendor handler. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The token call was refused (recorded in the log; Zoho refuses with HTTP 200). */
  refused?: boolean;
}

/** Which server of a fake received the request (Zoho has a separate accounts server; Bullhorn a wrong data centre). */
export type FakeOrigin = "api" | "accounts";

/** What makes one fake a given vendor. */
export interface VendorBehaviour {
  vendor: SpecVendor;
  /** Base path of the API in the spec's server URL (`/v2`, `/rest/api`, `/recruit/v2`, ``). */
  basePath: string;
  /** Servers to start besides the API server. */
  accountsServer?: boolean;
  /** Whether a request is a token call, and which kind. */
  tokenCall(origin: FakeOrigin, method: string, path: string): FakeRequestKind | undefined;
  /** Answers a token call (issue, logout, revoke). */
  token(
    ctx: Omit<FakeContext, "operation" | "token">,
    kind: FakeRequestKind,
    book: TokenBook,
    lifetimeMs: number,
  ): FakeAnswer | Promise<FakeAnswer>;
  /** The token of an API call, or the 401 answer. */
  authenticate(ctx: Omit<FakeContext, "operation" | "token">, book: TokenBook): string | FakeAnswer;
  /** Answers a valid, authenticated API call. */
  api(ctx: FakeContext): FakeAnswer | Promise<FakeAnswer>;
  /** The answer to a token call that breaks the OpenAPI document (default: {@link VendorBehaviour.error} with 400). */
  tokenRequestError?(problems: readonly RequestProblem[]): FakeAnswer;
  /** The vendor's error body for a status, with the problems that caused it. */
  error(status: number, message: string, problems?: readonly RequestProblem[]): FakeAnswer;
  /** Aging of issued tokens: `absolute` (default: an OAuth token lives its lifetime from issue) or `inactivity` (PCRecruiter and Bullhorn sessions). */
  aging?: TokenAging;
  /** Default token lifetime in seconds. */
  defaultLifetimeSeconds: number;
  /** Headers added to every API answer (SmartRecruiters' rate-limit headers). */
  apiHeaders?(): Record<string, string>;
  /**
   * The path of the OpenAPI document a request is checked against, for a vendor whose
   * operations sit under several server URLs (Bullhorn: `/rest-services/login` is `/login`,
   * `/rest-services/{corpToken}/ping` is `/ping`); `undefined` means the document does not
   * describe the call (a browser page) and it is not checked. Default: the path itself.
   */
  specPath?(origin: FakeOrigin, path: string): string | undefined;
  /** Query parameters that carry a credential on any call (Bullhorn's `BhRestToken`): logged as `[redacted]`. */
  secretQuery?: readonly string[];
  /** Also check every answer to a matched operation against the document; one that breaks it becomes a 500. */
  checkAnswers?: boolean;
}

/** The running servers of a fake, for the vendor modules to build their public object. */
export interface RunningFake extends FakeServerBase {
  /** Root URL of the API server (`http://127.0.0.1:port`). */
  readonly origin: string;
  /** Root URL of the accounts server, when the vendor has one. */
  readonly accountsOrigin: string | undefined;
}

function checkKnobs(vendor: string, knobs: FakeKnobs): void {
  if (knobs === null || typeof knobs !== "object") throw invalidOption(vendor, "knobs", "must be an object");
  const { tokenLifetimeSeconds, latencyMs, failNext } = knobs;
  if (tokenLifetimeSeconds !== undefined && !(typeof tokenLifetimeSeconds === "number" && tokenLifetimeSeconds > 0)) {
    throw invalidOption(vendor, "tokenLifetimeSeconds", "must be a positive number of seconds");
  }
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) {
    throw invalidOption(vendor, "latencyMs", "must be a number of milliseconds ≥ 0");
  }
  if (failNext !== undefined) {
    if (failNext === null || typeof failNext !== "object")
      throw invalidOption(vendor, "failNext", "must be { status, count?, retryAfterSeconds? }");
    const { status, count = 1, retryAfterSeconds = 1 } = failNext;
    if (!(status === 401 || status === 429 || (Number.isInteger(status) && status >= 500 && status <= 599))) {
      throw invalidOption(vendor, "failNext.status", "must be 401, 429 or a 5xx status");
    }
    if (!(Number.isInteger(count) && count >= 1)) throw invalidOption(vendor, "failNext.count", "must be a whole number ≥ 1");
    if (!(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 0)) {
      throw invalidOption(vendor, "failNext.retryAfterSeconds", "must be a whole number of seconds ≥ 0");
    }
  }
}

function redactQuery(url: URL, secret: readonly string[] = []): string {
  const names = new Set(secret.map((name) => name.toLowerCase()));
  const query = url.searchParams;
  if (![...query.keys()].some((key) => names.has(key.toLowerCase()))) return url.search.slice(1);
  return [...query.entries()]
    .map(([key, value]) => `${key}=${names.has(key.toLowerCase()) ? "[redacted]" : encodeURIComponent(value)}`)
    .join("&");
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Starts the servers of one fake vendor on loopback. */
export async function runFake(behaviour: VendorBehaviour, options: FakeOptions = {}): Promise<RunningFake> {
  const vendor = behaviour.vendor;
  if (options === null || typeof options !== "object") throw invalidOption(vendor, "options", "must be an object");
  checkKnobs(vendor, options);
  const { clock = Date.now, validateRequests = true } = options;
  if (typeof clock !== "function") throw invalidOption(vendor, "clock", "must be a function returning epoch milliseconds");
  let lifetimeSeconds = options.tokenLifetimeSeconds ?? behaviour.defaultLifetimeSeconds;
  let latencyMs = options.latencyMs ?? 0;
  let failure: Required<ForcedFailure> | undefined;
  const setFailure = (f: ForcedFailure | undefined) => {
    failure = f === undefined ? undefined : { count: 1, retryAfterSeconds: 1, ...f };
  };
  setFailure(options.failNext);
  const validator = validateRequests ? specValidator(vendor) : undefined;
  const book = createTokenBook(vendor, behaviour.aging ?? "absolute", clock);
  const requests: FakeRequest[] = [];
  let closed = false;

  // A fake whose answers break the document would teach clients the wrong wire format:
  // such an answer becomes a 500 naming what is wrong, so the fake's own test fails.
  function checkAnswer(operation: MatchedOperation | undefined, answer: FakeAnswer): FakeAnswer {
    if (behaviour.checkAnswers !== true || validator === undefined || operation === undefined) return answer;
    const found = validator.validateAnswer(operation, answer.status, answer.body);
    if (found.length === 0) return answer;
    return behaviour.error(500, `the fake's answer breaks the OpenAPI document: ${found.map((p) => p.message).join("; ")}`);
  }

  async function handle(origin: FakeOrigin, req: IncomingMessage): Promise<{ answer: FakeAnswer; entry: FakeRequest }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://fake");
    const method = (req.method ?? "GET").toUpperCase();
    const entry: FakeRequest = {
      seq: requests.length + 1,
      at: clock(),
      method,
      path: url.pathname,
      query: redactQuery(url, behaviour.secretQuery),
      kind: "api",
      operation: undefined,
      status: 0,
      refused: false,
      forced: false,
      problems: [],
    };
    requests.push(entry);
    const matched: { operation?: MatchedOperation } = {};
    try {
      const answer = await respond(origin, req, entry, url, body, matched);
      return { answer: checkAnswer(matched.operation, answer), entry };
    } catch (err) {
      // A handler that trips over a request the spec check let through (or that skipped the
      // check) answers 500, like a vendor bug would, and the log says so.
      return { answer: behaviour.error(500, `the fake failed: ${String(err)}`), entry };
    }
  }

  async function respond(
    origin: FakeOrigin,
    req: IncomingMessage,
    entry: FakeRequest,
    url: URL,
    body: Buffer,
    matched: { operation?: MatchedOperation },
  ): Promise<FakeAnswer> {
    const method = entry.method;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const base = origin === "api" ? behaviour.basePath : "";
    if (!url.pathname.startsWith(`${base}/`)) {
      return behaviour.error(404, `${url.pathname} is outside ${base || "/"}`);
    }
    const path = url.pathname.slice(base.length);
    const contentType = req.headers["content-type"];
    let formCache: Map<string, string | File> | undefined;
    const ctx = {
      origin,
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      json: () => {
        try {
          return body.length === 0 ? undefined : JSON.parse(body.toString("utf8"));
        } catch {
          return undefined;
        }
      },
      form: async () => {
        if (formCache === undefined) {
          formCache = new Map();
          if (contentType?.startsWith("multipart/form-data")) {
            const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
            for (const [key, value] of form.entries()) formCache.set(key, value);
          } else {
            for (const [key, value] of new URLSearchParams(body.toString("utf8"))) formCache.set(key, value);
          }
        }
        return formCache;
      },
    };
    const kind = behaviour.tokenCall(origin, method, path);
    const specPath = behaviour.specPath === undefined ? path : behaviour.specPath(origin, path);
    const problems = async (): Promise<RequestProblem[]> => {
      if (validator === undefined || specPath === undefined) return [];
      const op = validator.match(method, specPath);
      if ("in" in op) return [op];
      entry.operation = op.template;
      matched.operation = op;
      return validator.validate(op, { method, path: specPath, query: url.searchParams, headers: req.headers, contentType, body });
    };
    if (kind !== undefined) {
      entry.kind = kind;
      // Token calls may carry secrets in the query (Zoho's revoke takes `?token=`): keep the keys only.
      entry.query = [...url.searchParams.keys()].map((k) => `${k}=[redacted]`).join("&");
      const found = await problems();
      if (found.length > 0) {
        entry.problems = found;
        entry.refused = true;
        const answer =
          behaviour.tokenRequestError?.(found) ??
          behaviour.error(400, "the token request does not match the OpenAPI document", found);
        return answer;
      }
      const answer = await behaviour.token(ctx, kind, book, lifetimeSeconds * 1000);
      entry.refused = answer.refused === true;
      return answer;
    }
    if (origin !== "api") return behaviour.error(404, `${path} is not served by the accounts server`);
    const match = specPath === undefined ? undefined : validator?.match(method, specPath);
    if (match !== undefined && !("in" in match)) matched.operation = match;
    if (match !== undefined && "in" in match) {
      entry.problems = [match];
      return behaviour.error(match.message.includes("not an operation") ? 405 : 404, match.message, [match]);
    }
    const token = behaviour.authenticate(ctx, book);
    if (typeof token !== "string") return token;
    if (failure !== undefined) {
      const { status, retryAfterSeconds } = failure;
      failure.count--;
      if (failure.count <= 0) failure = undefined;
      entry.forced = true;
      // A forced 401 stands for an expired token: the token really stops working.
      if (status === 401) book.revoke(token);
      const answer = behaviour.error(
        status,
        status === 429 ? "too many requests" : status === 401 ? "token expired" : "service unavailable",
      );
      if (status === 429 || status === 503) answer.headers = { ...answer.headers, "retry-after": String(retryAfterSeconds) };
      return answer;
    }
    const found = await problems();
    if (found.length > 0) {
      entry.problems = found;
      return behaviour.error(400, found.map((p) => p.message).join("; "), found);
    }
    const operation = match ?? { template: specPath ?? path, method: method.toLowerCase(), params: {} };
    entry.operation = operation.template;
    return await behaviour.api({ ...ctx, operation, token });
  }

  function serverFor(origin: FakeOrigin): Server {
    const server = createServer((req, res) => {
      handle(origin, req)
        .then(({ answer, entry }) => {
          entry.status = answer.status;
          const headers: Record<string, string> = { ...(origin === "api" ? behaviour.apiHeaders?.() : {}), ...answer.headers };
          if (answer.body === undefined || answer.status === 204) {
            res.writeHead(answer.status, headers).end();
          } else {
            res
              .writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...headers })
              .end(JSON.stringify(answer.body));
          }
        })
        .catch(() => {
          // Only a write to a connection the client already dropped gets here.
          res.destroy();
        });
    });
    server.keepAliveTimeout = 1000;
    return server;
  }

  const apiServer = serverFor("api");
  const accountsServer = behaviour.accountsServer === true ? serverFor("accounts") : undefined;
  const origin = await listen(apiServer);
  const accountsOrigin = accountsServer === undefined ? undefined : await listen(accountsServer);
  const stop = (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

  return {
    origin,
    accountsOrigin,
    url: `${origin}${behaviour.basePath}`,
    requests,
    set(knobs) {
      if (closed) throw new FakeServerError("CLOSED", `${vendor} fake: set() after close()`);
      checkKnobs(vendor, knobs);
      if (knobs.tokenLifetimeSeconds !== undefined) lifetimeSeconds = knobs.tokenLifetimeSeconds;
      if (knobs.latencyMs !== undefined) latencyMs = knobs.latencyMs;
      if ("failNext" in knobs) setFailure(knobs.failNext);
    },
    expireTokens: () => book.revokeAll(),
    stats: () => summarizeRequests(requests),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([stop(apiServer), ...(accountsServer === undefined ? [] : [stop(accountsServer)])]);
    },
  };
}
