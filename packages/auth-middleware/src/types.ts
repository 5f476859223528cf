import type { AuthError } from "./errors.js";

/** What a scheme's `obtain` returns: a credential value and, when the vendor states one, its lifetime. */
export interface ObtainedCredential {
  /** The token or session id, sent as `<prefix><value>` in the scheme's header. */
  value: string;
  /** Lifetime in milliseconds as stated by the vendor (`expires_in`); absent when none is stated. */
  lifetimeMs?: number | undefined;
  /**
   * The API base this credential is for, when the login decides it (Bullhorn's `restUrl`):
   * an absolute `https:` (or loopback `http:`) URL. Requests aimed at the client's `baseUrl`
   * are sent under this base instead, path and query kept, and the credential goes to its
   * origin only.
   */
  apiBase?: string | undefined;
}

/**
 * A credential as the engine caches it and as a {@link TokenStore} holds it.
 * Times are epoch milliseconds from the engine's `clock`.
 */
export interface StoredToken {
  value: string;
  /** After this instant the token is never sent. Absent: no stated lifetime (reused until rejected). */
  expiresAt?: number | undefined;
  /** From this instant the token is refreshed in the background while still in use. */
  refreshAt?: number | undefined;
  /** The API base the credential's login returned ({@link ObtainedCredential.apiBase}); stores must keep it. */
  apiBase?: string | undefined;
}

/** Value or promise of it: stores may be synchronous (memory) or asynchronous (Redis). */
export type MaybePromise<T> = T | Promise<T>;

/** Releases a lock taken with {@link TokenStore.lock}. */
export type ReleaseLock = () => MaybePromise<void>;

/**
 * Where tokens are cached, so that several clients, processes or machines share one
 * token per credential. Keys are SHA-256 hashes of the credential's identity (token URL,
 * client id, scope…): a store never sees a client secret, password or API key.
 */
export interface TokenStore {
  /** The token stored under `key`, or `undefined` (none, expired, or unreadable). */
  get(key: string): MaybePromise<StoredToken | undefined>;
  /** `ttlMs` is the token's remaining lifetime; `undefined` when it has none. */
  set(key: string, token: StoredToken, ttlMs: number | undefined): MaybePromise<void>;
  /** Forgets the token under `key` (after the API refused it, or a session ended). */
  delete(key: string): MaybePromise<void>;
  /**
   * Optional cross-process single-flight: take the refresh lock for `key` for at most
   * `ttlMs`. Returns a release function, or `undefined` when another holder has it (the
   * engine then waits for the holder's token to appear in the store).
   */
  lock?(key: string, ttlMs: number): MaybePromise<ReleaseLock | undefined>;
}

/** What the engine hands a scheme when it asks for a credential. */
export interface SchemeContext {
  /** `fetch` for token requests (the middleware's `fetch` option, else the global one at call time). */
  fetch: typeof globalThis.fetch;
  /** Aborted on timeout and on `dispose()`. */
  signal: AbortSignal;
  /** Per-request timeout for token-endpoint calls, in ms. */
  timeoutMs: number;
  /** Epoch ms. */
  clock: () => number;
  /** Reports an observability event (never with a secret). */
  emit: (event: AuthEvent) => void;
  /** The token store, for schemes that keep grant state there (`grantState`). */
  store?: TokenStore | undefined;
  /**
   * This credential's key in `store`, given only while `obtain` may change grant state: the
   * engine holds the store's refresh lock for it, or the store has no lock. Absent for
   * static credentials and when the lock could not be taken.
   */
  key?: string | undefined;
}

/**
 * The current refresh token of one grant, kept in the {@link TokenStore} beside the access
 * token so that every process sharing the store sends the newest one, and none sends a
 * spent one (RFC 9700 §4.14.2: a server may revoke the whole grant when a rotated refresh
 * token is presented again).
 */
export interface GrantState {
  /**
   * The stored refresh token, or `undefined` when the store holds none.
   * Rejects with `AuthError("GRANT_UNAVAILABLE")` when the store cannot be read: a refresh
   * must then wait, since guessing the token could replay a spent one.
   */
  get(): Promise<string | undefined>;
  /**
   * Stores a rotated refresh token; resolves `true` once stored. A failing store is reported
   * as a `store_error` event and resolves `false`: the caller keeps the token itself.
   */
  set(refreshToken: string): Promise<boolean>;
}

/**
 * One vendor's way of obtaining, applying and ending a credential. Schemes are plain
 * values built by `apiKey`, `clientCredentials`, `refreshToken`, `session` and the vendor
 * functions; the middleware owns caching, refresh timing, single-flight and replay.
 * Secrets live in closures, never in properties, so logging a scheme prints none.
 */
export interface AuthScheme {
  /** Vendor or generic scheme name, used in errors and events. */
  readonly vendor: string;
  /**
   * What identifies the credential (token URL, client id, scope, …). Only ever hashed
   * into the cache key (SHA-256), so it may include a secret such as a refresh token; it
   * is a function so that logging the scheme never prints it.
   */
  identity(): string;
  /** Header that carries the credential. */
  readonly header: string;
  /** Text before the credential in the header (`"Bearer "`, `"BEARER "`, `"Zoho-oauthtoken "`, `""`). */
  readonly prefix: string;
  /** `https://host` of the API this credential is for; requests to other origins are refused. */
  readonly apiOrigin?: string | undefined;
  /** A static credential (API key) is never written to a store and never replayed after 401. */
  readonly static?: boolean | undefined;
  /**
   * The scheme keeps grant state (a refresh token that may rotate) in the store: the engine
   * gives `obtain` the store and the credential's key, and `obtain` refuses to send a
   * refresh token unless the engine holds the store's refresh lock (when it has one).
   */
  readonly grantState?: boolean | undefined;
  /** Obtains a fresh credential. */
  obtain(ctx: SchemeContext): Promise<ObtainedCredential>;
  /** Ends the credential on `dispose()` (PCRecruiter's session logout); `token` is the whole credential (its `apiBase`). */
  end?(value: string, ctx: SchemeContext, token: StoredToken): Promise<void>;
  /** Every secret the scheme holds, for scrubbing server-provided text. */
  secrets(): readonly string[];
}

/** Why a 401 was handed back to the caller without a replay (see `getAuthHint`). */
export type AuthHintCode =
  /** The request body was a one-shot stream, or could not be copied: it cannot be re-sent. */
  | "NOT_REPLAYABLE"
  /** Re-authentication produced the same credential, so a replay could not succeed. */
  | "CREDENTIAL_UNCHANGED"
  /** The credential is static (API key): nothing to renew. */
  | "STATIC_CREDENTIAL"
  /** The request was replayed once with a new credential and was rejected again. */
  | "REPLAY_REJECTED";

/** A typed explanation attached to a 401 response that the middleware did not (or could not) fix. */
export interface AuthHint {
  code: AuthHintCode;
  message: string;
}

/** Observability events. None carries a token, password, secret or API key. */
export type AuthEvent =
  | {
      type: "token_obtained";
      vendor: string;
      /** `endpoint`: fetched by this process; `store`: taken from the shared store. */
      source: "endpoint" | "store";
      expiresAt: number | undefined;
      durationMs: number;
    }
  | {
      type: "refresh_failed";
      vendor: string;
      /** `true` when the old token is still valid and in use. */
      background: boolean;
      error: AuthError;
      /** When the next background attempt may start, in ms. */
      retryInMs: number | undefined;
    }
  | { type: "token_invalidated"; vendor: string; reason: "unauthorized" }
  | { type: "replayed"; vendor: string; method: string; url: string; status: number }
  | { type: "replay_skipped"; vendor: string; method: string; url: string; reason: AuthHintCode }
  | { type: "token_request_queued"; vendor: string; waitMs: number }
  | { type: "store_error"; vendor: string; operation: "get" | "set" | "delete" | "lock" | "release"; error: Error }
  | {
      type: "refresh_token_rotated";
      vendor: string;
      /** `false` when the store write failed: this process holds the new refresh token alone. */
      stored: boolean;
    }
  | { type: "session_ended"; vendor: string }
  | { type: "session_end_failed"; vendor: string; error: AuthError };

/** Options shared by every middleware. */
export interface AuthMiddlewareOptions {
  /** Where tokens are cached (default: an in-memory store of this middleware's own, holding only its scheme's few keys). */
  tokenStore?: TokenStore;
  /** Refresh in the background this long before expiry (default 120 000; never more than half the lifetime). */
  refreshWindowMs?: number;
  /** `fetch` for token requests (default: `globalThis.fetch`, looked up at call time). */
  fetch?: typeof globalThis.fetch;
  /** Epoch-ms clock (default `Date.now`). */
  clock?: () => number;
  /** Timeout for each token-endpoint call, in ms (default 10 000). */
  timeoutMs?: number;
  /** Aborting it disposes the middleware: in-flight token requests stop, later requests fail with `DISPOSED`. */
  signal?: AbortSignal;
  /** Observability hook; exceptions it throws are ignored. */
  onEvent?: (event: AuthEvent) => void;
}
