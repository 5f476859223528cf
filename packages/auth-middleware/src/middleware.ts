import type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
import { AuthError, invalidOption } from "./errors.js";
import { memoryTokenStore } from "./memory-store.js";
import { createTokenCycler, DEFAULT_REFRESH_WINDOW_MS, DEFAULT_TIMEOUT_MS, disposedError } from "./token-cycler.js";
import type { AuthEvent, AuthHint, AuthHintCode, AuthMiddlewareOptions, AuthScheme, StoredToken } from "./types.js";
import { endpointName, isLoopbackHost } from "./url.js";

/** The openapi-fetch middleware returned by {@link createAuthMiddleware}, plus `dispose`. */
export type AuthMiddleware = Middleware & {
  /** Ends the session (PCRecruiter logout), aborts token requests in flight; later requests fail with `DISPOSED`. */
  dispose(): Promise<void>;
};

/** Requests awaiting their response, kept so that a 401 can be replayed; bounded against leaks. */
const MAX_PENDING = 10_000;

const hints = new WeakMap<Response, AuthHint>();

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
  return hints.get(response);
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
  if (scheme === null || typeof scheme !== "object" || typeof scheme.obtain !== "function") {
    throw invalidOption(vendor, "scheme", "must be a scheme such as sterlingAuth(…)");
  }
  const refreshWindowMs = nonNegative(options.refreshWindowMs, DEFAULT_REFRESH_WINDOW_MS, vendor, "refreshWindowMs");
  const timeoutMs = nonNegative(options.timeoutMs, DEFAULT_TIMEOUT_MS, vendor, "timeoutMs");
  if (timeoutMs === 0) throw invalidOption(vendor, "timeoutMs", "must be greater than 0");
  for (const name of ["fetch", "clock", "onEvent"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function")
      throw invalidOption(vendor, name, "must be a function");
  }
  const store = options.tokenStore ?? memoryTokenStore({ clock: options.clock });
  for (const method of ["get", "set", "delete"] as const) {
    if (typeof store[method] !== "function") throw invalidOption(vendor, "tokenStore", `must implement ${method}()`);
  }

  const lifecycle = new AbortController();
  const onEvent = options.onEvent;
  const emit = (event: AuthEvent) => {
    if (onEvent === undefined) return;
    try {
      onEvent(event);
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
  /** Teed copies of request bodies, so that a 401 can replay them (undefined: could not be copied). */
  const pending = new Map<string, Request | undefined>();
  let disposing: Promise<void> | undefined;
  const dispose = () => {
    disposing ??= (async () => {
      lifecycle.abort(disposedError(vendor));
      pending.clear();
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
  let allowedBase: string | undefined;
  let allowedPrefix = "";

  /** Rule 9: the credential goes only to the API origin this client was built for, over https or loopback http. */
  function checkOrigin(url: string, baseUrl: string): void {
    if (url.startsWith(allowedPrefix) && allowedBase !== undefined) return;
    const origin = scheme.apiOrigin ?? originOf(baseUrl);
    const target = originOf(url);
    if (origin === undefined || target !== origin) {
      throw new AuthError(
        "ORIGIN_NOT_ALLOWED",
        `${vendor}: not sending the credential of ${String(origin)} to ${String(target)}`,
        { vendor },
      );
    }
    const { protocol, hostname } = new URL(origin);
    if (protocol !== "https:" && !(protocol === "http:" && isLoopbackHost(hostname))) {
      throw new AuthError("INSECURE_URL", `${vendor}: refusing to send the credential over ${protocol} to ${hostname}`, {
        vendor,
      });
    }
    allowedBase = baseUrl;
    allowedPrefix = `${origin}/`;
  }

  function hint(response: Response, code: AuthHintCode, request: Request): Response {
    hints.set(response, { code, message: `${vendor}: ${HINT_TEXT[code]}` });
    emit({ type: "replay_skipped", vendor, method: request.method, url: endpointName(request.url), reason: code });
    return response;
  }

  /** Sets the credential. Synchronous on a warm cache (rule 1): the hot path allocates no promise. */
  function onRequest({ request, id, options: clientOptions }: MiddlewareCallbackParams): undefined | Promise<undefined> {
    if (disposing !== undefined) throw disposedError(vendor);
    checkOrigin(request.url, clientOptions.baseUrl);
    const found = cycler.getToken(request);
    if (found instanceof Promise) return found.then((token) => attach(request, id, token));
    return attach(request, id, found);
  }

  /** The header value of the last token attached: built once per token, not once per request. */
  let signedWith: StoredToken | undefined;
  let headerValue = "";

  function attach(request: Request, id: string, token: StoredToken): undefined {
    if (token !== signedWith) {
      signedWith = token;
      headerValue = prefix + token.value;
    }
    request.headers.set(header, headerValue);
    // A body is teed now so that a 401 can send it again; a bodiless request is re-sent from itself.
    if (replayable && request.body !== null) {
      let copy: Request | undefined;
      try {
        copy = request.clone();
      } catch {
        copy = undefined;
      }
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string);
      pending.set(id, copy);
    }
    return undefined;
  }

  function onResponse({
    request,
    response,
    id,
    options: clientOptions,
  }: MiddlewareCallbackParams & { response: Response }): undefined | Promise<Response | undefined> {
    if (response.status === 401) return recover(request, response, id, clientOptions.fetch);
    if (pending.size !== 0) pending.delete(id);
    return undefined;
  }

  /** Rule 5: invalidate the credential the request carried, get a different one, replay once. */
  async function recover(request: Request, response: Response, id: string, send: typeof fetch): Promise<Response | undefined> {
    const copy = request.body === null ? request : pending.get(id);
    pending.delete(id);
    if (!replayable) return hint(response, "STATIC_CREDENTIAL", request);
    const sent = request.headers.get(header);
    if (sent === null || !sent.startsWith(prefix)) return undefined; // not a request we signed
    const credential = sent.slice(prefix.length);
    if (copy === undefined || copy.bodyUsed) return hint(response, "NOT_REPLAYABLE", request);
    await cycler.invalidate(credential);
    // A failure to re-authenticate surfaces as the typed AuthError.
    const found = cycler.getToken(request);
    const token = found instanceof Promise ? await found : found;
    if (token.value === credential) return hint(response, "CREDENTIAL_UNCHANGED", request);
    await response.body?.cancel().catch(() => undefined);
    const replay = new Request(copy, { signal: request.signal });
    replay.headers.set(header, prefix + token.value);
    const replayed = await send(replay);
    emit({ type: "replayed", vendor, method: request.method, url: endpointName(request.url), status: replayed.status });
    if (replayed.status === 401)
      hints.set(replayed, { code: "REPLAY_REJECTED", message: `${vendor}: ${HINT_TEXT.REPLAY_REJECTED}` });
    return replayed;
  }

  function onError({ id }: MiddlewareCallbackParams): undefined {
    if (pending.size !== 0) pending.delete(id);
    return undefined;
  }

  // Only functions: printing or serialising the middleware shows no state, so no secret.
  return { onRequest, onResponse, onError, dispose };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function nonNegative(value: unknown, fallback: number, vendor: string, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw invalidOption(vendor, option, "must be a number of ms ≥ 0");
  }
  return value;
}
