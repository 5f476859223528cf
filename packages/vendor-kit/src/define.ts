import { type AuthMiddlewareOptions, type AuthScheme, createAuthMiddleware, pinOrigin } from "@hirekit/auth-middleware";
import { createRetryFetch, mergeRetryOptions, type RetryOptions } from "@hirekit/retry";
import createClient, { type Client, type ClientOptions, type HeadersOptions, type Middleware } from "openapi-fetch";
import { invalidOption } from "./errors.js";

/** A `fetch` of one `Request`: what the transport layers wrap. */
export type Fetch = (request: Request) => Promise<Response>;

/**
 * The options every vendor client takes, besides the vendor's own (`environment`,
 * `region`, …), and the token engine's (`tokenStore`, `refreshWindowMs`, `timeoutMs`,
 * `signal`, `onEvent`, `clock`).
 */
export interface VendorClientOptions<Credentials extends object = object> extends Omit<AuthMiddlewareOptions, "fetch"> {
  /** The vendor's credentials, or any ready scheme (e.g. for a proxy). */
  auth: Credentials | AuthScheme;
  /**
   * API base override (a proxy, an on-premise install, a local fake); a trailing `/` is
   * trimmed. The credential is pinned to its origin; `http:` only for loopback hosts.
   */
  baseUrl?: string;
  /**
   * `fetch` for API and token calls. Default: the global `fetch`, looked up at each call (so
   * an interceptor installed after the client was created still sees the calls).
   */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: ClientOptions["headers"];
  /**
   * Retries of failed API calls (network errors, 408, 429, 5xx), on top of the vendor's
   * defaults (exported as `<VENDOR>_RETRY_DEFAULTS`); `false` turns them off.
   */
  retry?: false | RetryOptions;
}

/** An untyped view of `client.request`, for helpers that walk paths chosen at run time. */
export type LooseRequest = (
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  init?: {
    params?: { path?: unknown; query?: unknown; header?: unknown };
    body?: unknown;
    baseUrl?: string;
    headers?: HeadersOptions;
    signal?: AbortSignal | undefined;
    [key: string]: unknown;
  },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** What a vendor's extra methods are built from. */
export interface VendorKit<Paths extends {}, Options> {
  /** The openapi-fetch client, middlewares registered. */
  client: Client<Paths>;
  /** `client.request` without path typing. */
  request: LooseRequest;
  /** The options as given. */
  options: Options;
  /** The API base, trailing `/` trimmed. */
  baseUrl: string;
  /** The credential scheme, pinned to the base URL's origin. */
  scheme: AuthScheme;
  /** State of this client shared by its transport layers and its extra methods (e.g. the latest quota seen). */
  shared: Record<string, unknown>;
}

/** What the transport layers of one client are built from. */
export interface TransportContext<Options> {
  /** The options as given. */
  options: Options;
  /** The API base, trailing `/` trimmed. */
  baseUrl: string;
  /** The same object as {@link VendorKit.shared}. */
  shared: Record<string, unknown>;
}

/** Throws the `INVALID_OPTION` error naming `option`. */
export type Fail = (option: string, problem: string) => never;

/**
 * The retry defaults of a vendor that counts every call against a quota (per day, per month
 * or by contract) and documents no rate-limit headers: every retry spends quota, so retries
 * are few. Two retries, 1 s backoff base, a 429 waits at least 2 s, 30 s in all. A
 * definition without `retryDefaults` gets these.
 */
export const CONSERVATIVE_RETRY_DEFAULTS: Readonly<RetryOptions> = Object.freeze({
  retries: 2,
  baseDelayMs: 1000,
  rateLimitDelayMs: 2000,
  maxTotalDelayMs: 30_000,
});

/** What differs per vendor; {@link defineVendorClient} does the rest. */
export interface VendorDefinition<Paths extends {}, Options extends VendorClientOptions, Extras extends object> {
  /** The vendor's name in errors and events: `"sterling"`, `"zoho-recruit"`, … */
  vendor: string;
  /** What `auth` may be, for the error when it is missing: `"{ apiKey } or a scheme"`. */
  credentials: string;
  /** Retry defaults under the caller's `retry` option; {@link CONSERVATIVE_RETRY_DEFAULTS} when left out. */
  retryDefaults?: RetryOptions;
  /** Checks the vendor's own options (call `fail` to refuse one) and returns the default API base. */
  configure(options: Options, fail: Fail): string;
  /** Turns credentials into a scheme for the (trimmed) API base; not called for a ready scheme. */
  scheme(auth: Exclude<Options["auth"], AuthScheme>, options: Options, baseUrl: string, fail: Fail): AuthScheme;
  /** How query parameters are written (openapi-fetch's `querySerializer`). */
  querySerializer?: ClientOptions["querySerializer"];
  /** Middlewares registered before the auth middleware: their `onResponse` sees the answer it settled. */
  middleware?: Middleware[];
  /** Layers around retries: `attempt` wraps every attempt (below retries), `request` every request (above them). */
  transport?: {
    /** Wraps the `fetch` of every attempt (below retries): a rate limiter counts each retry. */
    attempt?(fetch: Fetch, context: TransportContext<Options>): Fetch;
    /** Wraps the `fetch` of every request (above retries): a concurrency slot is kept while it backs off. */
    request?(fetch: Fetch, context: TransportContext<Options>): Fetch;
  };
  /** The vendor's extra methods (`paginate`, `changes`, `bulkWrite`, …). */
  extend?(kit: VendorKit<Paths, Options>): Extras;
}

/** A client made by {@link defineVendorClient}: openapi-fetch's methods, the extras and `dispose`. */
export type VendorClient<Paths extends {}, Extras extends object = Record<never, never>> = Client<Paths> &
  Extras & {
    /** Ends the session where there is one and stops token work; later requests fail with `DISPOSED`. */
    dispose(): Promise<void>;
  };

// The token engine's own options, passed through as given (it checks them).
const ENGINE_OPTIONS = [
  "tokenStore",
  "refreshWindowMs",
  "clock",
  "timeoutMs",
  "signal",
  "onEvent",
] as const satisfies ReadonlyArray<keyof AuthMiddlewareOptions>;

/**
 * Makes a vendor's client factory from what differs about the vendor. The factory checks
 * the shared options (each error names its option), trims the base URL, pins the
 * credential to its origin, looks `fetch` up at call time, and wires openapi-fetch →
 * middlewares → `request` layers → retries → `attempt` layers → `fetch`, so every attempt,
 * the auth middleware's replay after a 401 included, carries the credential the middleware
 * set (see `@hirekit/retry`). `dispose()` ends the credential's session and token work.
 *
 * @example
 * ```ts
 * import { apiKey } from "@hirekit/auth-middleware";
 * import { defineVendorClient, type VendorClientOptions } from "@hirekit/vendor-kit";
 *
 * interface paths {
 *   "/jobs": { get: { responses: { 200: { content: { "application/json": { id: string }[] } } } } };
 * }
 * const createExampleClient = defineVendorClient<paths, VendorClientOptions<{ key: string }>>({
 *   vendor: "example",
 *   credentials: "{ key } or a scheme",
 *   retryDefaults: { retries: 2 },
 *   configure: () => "https://api.example.com/v1",
 *   scheme: (auth) => apiKey({ header: "X-Api-Key", value: auth.key, vendor: "example" }),
 * });
 * const example = createExampleClient({ auth: { key: process.env.EXAMPLE_KEY! } });
 * ```
 */
export function defineVendorClient<
  Paths extends {},
  Options extends VendorClientOptions,
  Extras extends object = Record<never, never>,
>(definition: VendorDefinition<Paths, Options, Extras>): (options: Options) => VendorClient<Paths, Extras> {
  const { vendor } = definition;
  const fail: Fail = (option, problem) => {
    throw invalidOption(vendor, option, problem);
  };
  return (options) => {
    if (options === null || typeof options !== "object") fail("options", "must be an object");
    const { auth, baseUrl: baseOption, fetch: fetchOption, headers, retry } = options;
    if (auth === null || typeof auth !== "object") fail("auth", `must be ${definition.credentials}`);
    if (baseOption !== undefined && (typeof baseOption !== "string" || !URL.canParse(baseOption))) {
      fail("baseUrl", "must be an absolute URL");
    }
    if (fetchOption !== undefined && typeof fetchOption !== "function") fail("fetch", "must be a function");
    if (headers !== undefined && (headers === null || typeof headers !== "object")) fail("headers", "must be an object");
    const retryOptions = mergeRetryOptions(definition.retryDefaults ?? CONSERVATIVE_RETRY_DEFAULTS, retry);
    const defaultBaseUrl = definition.configure(options, fail);
    const baseUrl = (baseOption ?? defaultBaseUrl).replace(/\/+$/, "");
    const scheme = pinOrigin(
      isScheme(auth) ? auth : definition.scheme(auth as Exclude<Options["auth"], AuthScheme>, options, baseUrl, fail),
      baseUrl,
    );
    const engineOptions: AuthMiddlewareOptions = { fetch: fetchOption };
    for (const key of ENGINE_OPTIONS) if (options[key] !== undefined) Object.assign(engineOptions, { [key]: options[key] });
    const middleware = createAuthMiddleware(scheme, engineOptions);

    const { attempt, request } = definition.transport ?? {};
    const shared: Record<string, unknown> = {};
    const context: TransportContext<Options> = { options, baseUrl, shared };
    const atCallTime: Fetch = fetchOption ?? ((input) => globalThis.fetch(input));
    const attempts = attempt === undefined ? atCallTime : attempt(atCallTime, context);
    const retrying = retryOptions === undefined ? attempts : createRetryFetch(attempts, retryOptions);
    const fetch = request === undefined ? retrying : request(retrying, context);
    const client = createClient<Paths>({
      baseUrl,
      fetch,
      // Builds requests at the API base a login decided (Bullhorn's restUrl), not copied there.
      Request: middleware.Request,
      headers,
      ...(definition.querySerializer === undefined ? {} : { querySerializer: definition.querySerializer }),
    });
    for (const layer of definition.middleware ?? []) client.use(layer);
    client.use(middleware);

    const kit: VendorKit<Paths, Options> = {
      client,
      request: client.request as unknown as LooseRequest,
      options,
      baseUrl,
      scheme,
      shared,
    };
    const extras = definition.extend?.(kit) ?? ({} as Extras);
    return Object.assign(client, extras, { dispose: () => middleware.dispose() });
  };
}

/**
 * The entry of `table` that an option names (an environment, a region), or the
 * `INVALID_OPTION` error listing the allowed values.
 *
 * @example
 * ```ts
 * configure: ({ environment }, fail) => oneOf(BASE_URLS, environment, "environment", fail),
 * ```
 */
export function oneOf<T>(table: Readonly<Record<string, T>>, value: unknown, option: string, fail: Fail): T {
  if (typeof value === "string" && Object.hasOwn(table, value)) return table[value] as T;
  return fail(
    option,
    `must be one of ${Object.keys(table)
      .map((key) => `"${key}"`)
      .join(", ")}`,
  );
}

/** A ready scheme rather than credentials: it knows how to obtain a credential. */
export function isScheme(auth: object): auth is AuthScheme {
  return typeof (auth as { obtain?: unknown }).obtain === "function";
}
