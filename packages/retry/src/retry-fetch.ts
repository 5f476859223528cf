import { sleep } from "@hirekit/auth-middleware";
import { RetryBudget } from "./budget.js";
import { fullJitterMs, serverDelayMs } from "./delay.js";
import { RetryError } from "./errors.js";
import { type ResolvedRetryOptions, type RetryEvent, type RetryOptions, resolveRetryOptions } from "./options.js";

/** The `fetch` shape openapi-fetch calls (`createClient({ fetch })`), and what we return. */
export type FetchLike = (input: Request) => Promise<Response>;

/** RFC 9110 §9.2.2: methods whose repetition has the same effect as one request. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);

/** Socket errors after which the server may have seen the request (so only idempotent requests retry). */
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/**
 * Wraps `fetch` so that failed attempts are retried: network errors and the statuses of
 * `statuses` (408, 429, 500, 502, 503, 504), for idempotent methods, requests with an
 * `Idempotency-Key`, or any method with `retryNonIdempotent`. A connection refused is
 * retried for every method (nothing reached the server). Waits honour `Retry-After` and
 * reset headers, else full-jitter exponential backoff; a shared budget stops retry storms.
 *
 * Give it to openapi-fetch's `createClient({ fetch })`: it sits below the middleware
 * chain, so every attempt carries the headers the middlewares set, and the auth
 * middleware's 401 replay goes through it too. It never retries 401.
 *
 * The request is cloned before each attempt; a body that cannot be cloned (already read)
 * is sent once. Aborting the request's signal ends a wait at once with the signal's
 * reason and leaves no timer behind. When retries run out, the last response is returned
 * (openapi-fetch reports it as `error`); after network failures a {@link RetryError}
 * `NETWORK_ERROR` is thrown.
 *
 * @example
 * ```ts
 * import createClient from "openapi-fetch";
 * import { createRetryFetch } from "@hirekit/retry";
 *
 * const client = createClient<paths>({
 *   baseUrl: "https://api.example.com",
 *   fetch: createRetryFetch((request) => globalThis.fetch(request), { retries: 2 }),
 * });
 * ```
 */
export function createRetryFetch(fetch: FetchLike, options?: RetryOptions): FetchLike {
  if (typeof fetch !== "function")
    throw new RetryError("INVALID_OPTION", 'retry: "fetch" must be a function', { option: "fetch" });
  const settings = resolveRetryOptions(options);
  const budget = settings.budget === undefined ? undefined : new RetryBudget(settings.budget);
  return (input) => send(fetch, input, settings, budget);
}

async function send(
  fetch: FetchLike,
  input: Request,
  settings: ResolvedRetryOptions,
  budget: RetryBudget | undefined,
): Promise<Response> {
  const request = input instanceof Request ? input : new Request(input);
  const signal = request.signal;
  const method = request.method.toUpperCase();
  const idempotent = settings.retryNonIdempotent || IDEMPOTENT.has(method) || request.headers.has("idempotency-key");
  let next: Request = request;
  let waited = 0;
  let spent = 0;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    const mayRetry = attempt <= settings.retries;
    let spare: Request | undefined;
    if (mayRetry) {
      try {
        spare = next.clone();
      } catch {
        // A body already read or locked cannot be sent twice: this attempt is the last.
        spare = undefined;
      }
    }
    let response: Response | undefined;
    let failure: unknown;
    let failureKind: "network" | "timeout" | "refused" | undefined;
    try {
      const answer = await attemptOnce(fetch, next, settings.attemptTimeoutMs);
      // A JSON answer to a request we may still retry is read here, so that a connection
      // reset in the middle of the body is retried too instead of failing the caller's parse.
      response = spare !== undefined && idempotent && isJson(answer) ? await buffered(answer) : answer;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      failureKind = classify(error);
      if (failureKind === undefined) throw error;
      failure = error;
    }

    const retryable =
      spare !== undefined &&
      (response === undefined ? idempotent || failureKind === "refused" : settings.statuses.has(response.status) && idempotent);
    const delay = retryable ? chooseDelay(response, attempt, settings) : undefined;
    const withinTime = delay !== undefined && delay <= settings.maxDelayMs && waited + delay <= settings.maxTotalDelayMs;
    const cost = !withinTime ? undefined : budget === undefined ? 0 : budget.withdraw(response === undefined);
    if (cost === undefined || delay === undefined || spare === undefined) {
      if (response !== undefined) {
        if (response.status < 500 && response.status !== 429 && response.status !== 408) budget?.deposit(spent);
        return response;
      }
      throw new RetryError("NETWORK_ERROR", `${method} ${where(request.url)} failed after ${attempt} attempt(s)`, {
        attempts: attempt,
        cause: failure,
      });
    }
    spent += cost;
    // Free the socket of the answer we are not going to read.
    await response?.body?.cancel().catch(() => undefined);
    notify(settings, {
      retry: attempt,
      delayMs: delay,
      method,
      url: where(request.url),
      ...(response === undefined ? { failure: failureKind === "timeout" ? "timeout" : "network" } : { status: response.status }),
    });
    await sleep(delay, signal);
    waited += delay;
    next = spare;
  }
}

/** One attempt, aborted after `timeoutMs` without response headers; the timer is cleared either way. */
async function attemptOnce(fetch: FetchLike, request: Request, timeoutMs: number | undefined): Promise<Response> {
  if (timeoutMs === undefined) return await fetch(request);
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(new AttemptTimeout()), timeoutMs);
  try {
    return await fetch(new Request(request, { signal: AbortSignal.any([request.signal, timer.signal]) }));
  } catch (error) {
    throw timer.signal.aborted ? timer.signal.reason : error;
  } finally {
    clearTimeout(handle);
  }
}

class AttemptTimeout extends Error {
  override readonly name = "TimeoutError";
}

/** `undefined` for failures that are not the network's (a bug, a refused credential, …): those are thrown as they are. */
function classify(error: unknown): "network" | "timeout" | "refused" | undefined {
  if (error instanceof AttemptTimeout) return "timeout";
  const codes: unknown[] = [];
  for (let e: unknown = error, depth = 0; e !== null && typeof e === "object" && depth < 5; depth++) {
    codes.push((e as { code?: unknown }).code);
    e = (e as { cause?: unknown }).cause;
  }
  if (codes.includes("ECONNREFUSED")) return "refused";
  if (codes.some((c) => typeof c === "string" && NETWORK_CODES.has(c))) return "network";
  // WHATWG fetch rejects with a TypeError ("fetch failed") on any network error.
  if (error instanceof TypeError && /fetch failed|network|socket|terminated/i.test(error.message)) return "network";
  return undefined;
}

function isJson(response: Response): boolean {
  if (response.body === null || [101, 204, 205, 304].includes(response.status)) return false;
  return /[/+]json\b/i.test(response.headers.get("content-type") ?? "");
}

async function buffered(response: Response): Promise<Response> {
  const body = await response.arrayBuffer();
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  // Keep what a constructed Response cannot carry: paging resolves `Link` targets against `url`.
  Object.defineProperties(copy, { url: { value: response.url }, redirected: { value: response.redirected } });
  return copy;
}

function chooseDelay(response: Response | undefined, attempt: number, s: ResolvedRetryOptions): number {
  const backoff = fullJitterMs(attempt, s.baseDelayMs, s.maxDelayMs, s.random);
  if (response === undefined) return backoff;
  const asked = serverDelayMs(response.headers, s.clock());
  if (asked !== undefined) return asked;
  return response.status === 429 ? s.rateLimitDelayMs + backoff : backoff;
}

function notify(settings: ResolvedRetryOptions, event: RetryEvent): void {
  try {
    settings.onRetry?.(event);
  } catch {
    // An observer's failure must never fail a request.
  }
}

function where(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}
