import type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
import { AuthError, invalidOption } from "./errors.js";
import { rememberSecrets } from "./redact.js";
import { createTokenCycler, DEFAULT_REFRESH_WINDOW_MS, DEFAULT_TIMEOUT_MS, disposedError } from "./token-cycler.js";
import type { AuthEvent, AuthHint, AuthHintCode, AuthMiddlewareOptions, AuthScheme, StoredToken, TokenStore } from "./types.js";
import { endpointName, isLoopbackHost, trimSlash } from "./url.js";

/** The openapi-fetch middleware returned by {@link createAuthMiddleware}, plus `dispose`. */
export type AuthMiddleware = Middleware & {
  /**
   * Ends the session (PCRecruiter logout), aborts token requests in flight (but waits for a
   * rotating refresh token's exchange, so that the new refresh token is stored); later requests
   * fail with `DISPOSED`.
   */
  dispose(): Promise<void>;
  /**
   * For openapi-fetch's `Request` option. When the login decides the API base (Bullhorn's
   * `restUrl`), a request aimed at the client's `baseUrl` is built at that base directly,
   * instead of being copied there by the middleware (a `Request`'s URL cannot change). With
   * any other scheme it is `Request`.
   */
  Request: typeof Request;
};

/** The vendor and code of each 401 handed back; the text is added by getAuthHint, so an import without it carries none. */
const hints = new WeakMap<Response, [vendor: string, code: AuthHintCode]>();

/**
 * Why the middleware handed a 401 back without fixing it, or `undefined` when it did not
 * touch the response.
 *
 * @example
 * ```ts
 * const { error, response } = await client.POST("/candidates", { body });
 * if (response.status === 401) console.warn(getAuthHint(response)?.code); // e.g. "NOT_REPLAYABLE"
 * ```
 */
export function getAuthHint(response: Response): AuthHint | undefined {
  const found = hints.get(response);
  return found === undefined ? undefined : { code: found[1], message: `${found[0]}: ${HINT_TEXT[found[1]]}` };
}

const HINT_TEXT: Record<AuthHintCode, string> = {
  NOT_REPLAYABLE: "the request body could not be copied for a replay",
  CREDENTIAL_UNCHANGED: "re-authentication returned the same credential",
  STATIC_CREDENTIAL: "a static credential (API key) was refused",
  REPLAY_REJECTED: "replayed once with a new credential and refused again",
};

/**
 * Plugs a credential scheme into openapi-fetch. The middleware owns everything around the
 * scheme: caching, refresh-ahead, single-flight, replay after 401, errors and redaction.
 *
 * @example
 * ```ts
 * import createClient from "openapi-fetch";
 * import { createAuthMiddleware } from "@hirekit/auth-middleware";
 * import { sterlingAuth } from "@hirekit/auth-middleware/sterling";
 *
 * const client = createClient<paths>({ baseUrl: "https://api.us.int.sterlingcheck.app/v2" });
 * const auth = createAuthMiddleware(sterlingAuth({ clientId, clientSecret, environment: "integration" }));
 * client.use(auth);
 * // on shutdown:
 * await auth.dispose();
 * ```
 */
export function createAuthMiddleware(scheme: AuthScheme, options: AuthMiddlewareOptions = {}): AuthMiddleware {
  const vendor = typeof scheme?.vendor === "string" ? scheme.vendor : "auth";
  if (typeof scheme?.obtain !== "function") {
    throw invalidOption(vendor, "scheme", "must be a scheme such as sterlingAuth(…)");
  }
  const refreshWindowMs = milliseconds(options.refreshWindowMs, DEFAULT_REFRESH_WINDOW_MS, vendor, "refreshWindowMs", 0);
  const timeoutMs = milliseconds(options.timeoutMs, DEFAULT_TIMEOUT_MS, vendor, "timeoutMs", 1);
  for (const name of ["fetch", "clock", "onEvent"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function")
      throw invalidOption(vendor, name, "must be a function");
  }
  const store = options.tokenStore ?? ownStore();
  for (const method of ["get", "set", "delete"] as const) {
    if (typeof store[method] !== "function") throw invalidOption(vendor, "tokenStore", `must implement ${method}()`);
  }

  const lifecycle = new AbortController();
  const onEvent = options.onEvent;
  const emit = (event: AuthEvent) => {
    try {
      onEvent?.(event);
    } catch {
      // An observer's failure must never fail a request.
    }
  };
  const cycler = createTokenCycler(scheme, {
    store,
    refreshWindowMs,
    timeoutMs,
    clock: options.clock ?? Date.now,
    fetch: options.fetch,
    emit,
    lifecycle: lifecycle.signal,
  });
  /**
   * Teed copies of request bodies, so that a 401 can replay them (undefined: could not be
   * copied). Keyed by the request itself: a request answered by a later middleware, aborted
   * or thrown, whose onResponse/onError never runs here, takes its copy with it when it is
   * collected, whatever the body's size; after dispose() no request is teed any more.
   */
  const pending = new WeakMap<Request, Request | undefined>();
  let disposing: Promise<void> | undefined;
  const dispose = () => {
    disposing ??= (async () => {
      lifecycle.abort(disposedError(vendor));
      await cycler.dispose();
    })();
    return disposing;
  };
  if (options.signal !== undefined) {
    if (options.signal.aborted) void dispose();
    else options.signal.addEventListener("abort", () => void dispose(), { once: true });
  }

  const replayable = scheme.static !== true;
  const header = scheme.header;
  const prefix = scheme.prefix;
  /** The one origin the credential may go to: the scheme's (see pinOrigin), else pinned by the first request. */
  let origin = scheme.apiOrigin;
  /**
   * `${origin}/` once a request passed the checks, or the session's API base once a login
   * decided it: one prefix comparison is then all a request costs.
   */
  let allowedPrefix: string | undefined;

  /**
   * Rule 9: the credential goes only to the API origin it is pinned to, over https or
   * loopback http. Never re-derived per request: openapi-fetch passes a per-request
   * `baseUrl` as `options.baseUrl`, so it only pins the origin when nothing else has.
   */
  function checkOrigin(url: string, baseUrl: string): void {
    if ((allowedPrefix && under(url, allowedPrefix)) || bases.some((base) => under(url, base))) return;
    const pin = origin ?? originOf(baseUrl);
    if (pin === undefined || originOf(url) !== pin) throw originError(pin, url);
    origin = secure(pin);
    allowedPrefix ??= `${pin}/`;
  }

  function originError(pin: string | undefined, url: string): AuthError {
    return new AuthError("ORIGIN_NOT_ALLOWED", `${vendor}: not sending the credential of ${pin} to ${originOf(url)}`, { vendor });
  }

  /** The origin of `url`, which must be https, or http to a loopback host. */
  function secure(url: string): string {
    const { protocol, hostname, origin } = new URL(url);
    if (protocol !== "https:" && !(protocol === "http:" && isLoopbackHost(hostname))) {
      throw new AuthError("INSECURE_URL", `${vendor}: refusing to send the credential over ${protocol} to ${hostname}`, {
        vendor,
      });
    }
    return origin;
  }

  function hint(response: Response, code: AuthHintCode, request: Request): Response {
    hints.set(response, [vendor, code]);
    emit({ type: "replay_skipped", vendor, method: request.method, url: endpointName(request.url), reason: code });
    return response;
  }

  /** Sets the credential. Synchronous on a warm cache (rule 1): the hot path allocates no promise. */
  function onRequest({ request, options: { baseUrl } }: MiddlewareCallbackParams): Request | Promise<Request> {
    if (disposing) throw disposedError(vendor);
    checkOrigin(request.url, baseUrl);
    const found = cycler.getToken(request);
    if (found instanceof Promise) return found.then((token) => attach(request, token, baseUrl));
    return attach(request, found, baseUrl);
  }

  /** The header value of the last token attached: built once per token, not once per request. */
  let signedWith: StoredToken | undefined;
  let headerValue = "";
  /** The last token's API base (ObtainedCredential.apiBase), ending in "/": whatever follows stays on its origin. */
  let rebase: string | undefined;
  /**
   * Once a login decided the API base: the client's base plus "/" as `request.url` spells it,
   * then every API base a login returned (normally one). A request aimed at any of them moves to `rebase`.
   */
  const bases: string[] = [];

  /**
   * openapi-fetch's `Request` option: a request aimed at the client's base is built at
   * `rebase` directly, so the middleware need not copy it there.
   */
  function SessionRequest(url: string, init?: RequestInit): Request {
    const from = bases[0] as string;
    return new Request(rebase && under(url, from) ? rebase + url.slice(from.length) : url, init);
  }
  SessionRequest.prototype = Request.prototype; // openapi-fetch checks what a middleware returns with instanceof

  /** `request`, or its copy at `rebase` when a login decided the API base and it is aimed elsewhere. */
  function route(request: Request): Request {
    if (!rebase) return request;
    const url = request.url;
    if (under(url, rebase)) return request;
    // Aimed at the client's base (or an earlier session's): moved, path and query kept. The
    // credential goes to the session's origin only.
    const from = bases.find((base) => under(url, base));
    if (!from) throw originError(rebase, url);
    return new Request(rebase + url.slice(from.length), request);
  }

  /** `request` with `token` set, at the session's API base when a login decided one. */
  function sign(request: Request, token: StoredToken, baseUrl: string): Request {
    if (token !== signedWith) {
      const base = token.apiBase;
      rebase = base && `${trimSlash(base)}/`;
      if (rebase) {
        secure(rebase);
        allowedPrefix = rebase;
        bases[0] ??= new URL(`${baseUrl}/`).href; // openapi-fetch drops baseUrl's trailing slash
        bases.includes(rebase) || bases.push(rebase);
      }
      headerValue = prefix + token.value;
      // Once per token: vendor errors built from server text scrub what is registered (redact.ts).
      rememberSecrets([token.value, ...scheme.secrets()]);
      signedWith = token;
    }
    request = route(request);
    request.headers.set(header, headerValue);
    return request;
  }

  function attach(request: Request, token: StoredToken, baseUrl: string): Request {
    request = sign(request, token, baseUrl);
    // A body is teed now so that a 401 can send it again; a bodiless request is re-sent from itself.
    if (replayable && request.body !== null) {
      let copy: Request | undefined;
      try {
        copy = request.clone();
      } catch {
        // Not copyable: kept as undefined, so that a 401 gets the NOT_REPLAYABLE hint.
      }
      pending.set(request, copy);
    }
    return request;
  }

  function onResponse({
    request,
    response,
    options: clientOptions,
  }: MiddlewareCallbackParams & { response: Response }): undefined | Promise<Response | undefined> {
    if (response.status === 401) return recover(request, response, clientOptions);
    return onError({ request } as MiddlewareCallbackParams);
  }

  /** Rule 5: invalidate the credential the request carried, get a different one, replay once. */
  async function recover(
    request: Request,
    response: Response,
    { fetch: send, baseUrl }: MiddlewareCallbackParams["options"],
  ): Promise<Response | undefined> {
    const copy = request.body === null ? request : pending.get(request);
    pending.delete(request);
    if (!replayable) return hint(response, "STATIC_CREDENTIAL", request);
    const sent = request.headers.get(header);
    if (!sent?.startsWith(prefix)) return undefined; // not a request we signed
    const credential = sent.slice(prefix.length);
    if (copy === undefined || copy.bodyUsed) return hint(response, "NOT_REPLAYABLE", request);
    cycler.invalidate(credential);
    // A failure to re-authenticate surfaces as the typed AuthError.
    const token = await cycler.getToken(request);
    if (token.value === credential) return hint(response, "CREDENTIAL_UNCHANGED", request);
    await response.body?.cancel().catch(() => undefined);
    // Sent to the API base of the new session (a login may name another).
    const replay = sign(new Request(copy, { signal: request.signal }), token, baseUrl);
    const replayed = await send(replay);
    emit({ type: "replayed", vendor, method: request.method, url: endpointName(request.url), status: replayed.status });
    if (replayed.status === 401) hints.set(replayed, [vendor, "REPLAY_REJECTED"]);
    return replayed;
  }

  /** Releases the teed copy at once; only requests with a body were teed (rule 1: no map traffic otherwise). */
  function onError({ request }: MiddlewareCallbackParams): undefined {
    if (request.body !== null) pending.delete(request);
    return undefined;
  }

  // Only functions: printing or serialising the middleware shows no state, so no secret.
  return { onRequest, onResponse, onError, dispose, Request: SessionRequest as unknown as typeof Request };
}

/**
 * `url.startsWith(prefix)`, in a fraction of its instructions: a slice compared whole (V8's
 * startsWith walks a long prefix character by character; this runs on every request).
 */
function under(url: string, prefix: string): boolean {
  return url.slice(0, prefix.length) === prefix;
}

/**
 * The default store: a map only this middleware writes, under the few keys of its scheme
 * (the credential, a grant's refresh token, Bullhorn's access token). The engine checks every
 * expiry itself and single-flights within the process, so it needs no TTL, bound or lock;
 * `memoryTokenStore()` is the one to share between clients.
 */
function ownStore(): TokenStore {
  const entries = new Map<string, StoredToken>();
  return {
    get: (key) => entries.get(key),
    set: (key, token) => void entries.set(key, token),
    delete: (key) => void entries.delete(key),
  };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** A duration option of at least `min` ms (`timeoutMs` 0 would abort every token request at once). */
function milliseconds(value: unknown, fallback: number, vendor: string, option: string, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw invalidOption(vendor, option, `must be a number of ms ≥ ${min}`);
  }
  return value;
}
