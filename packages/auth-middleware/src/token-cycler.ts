/**
 * The token lifecycle of one credential: cache, refresh-ahead, single-flight, shared
 * store, cross-process lock, backoff after a failed background refresh, invalidation
 * after a 401. Shaped after the Azure SDK's token cycler: two predicates name the states,
 * `shouldRefresh` (inside the refresh window: refresh in the background, keep using the
 * token) and `mustRefresh` (expired: wait for a new one).
 */
import { AuthError } from "./errors.js";
import { sleep } from "./rate-limit.js";
import { scrub, scrubCause } from "./redact.js";
import { storeKey } from "./store-key.js";
import type { AuthEvent, AuthScheme, ObtainedCredential, SchemeContext, StoredToken, TokenStore } from "./types.js";

export const DEFAULT_REFRESH_WINDOW_MS = 120_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Subtracted from every stated lifetime (at most a tenth of it), for latency and clock drift. */
export const SAFETY_MARGIN_MS = 30_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

/** Inside the refresh window: refresh in the background while the token stays in use. */
export function shouldRefresh(token: StoredToken, now: number): boolean {
  return token.refreshAt !== undefined && now >= token.refreshAt;
}

/** Expired (or within the safety margin): the token is never sent again. */
export function mustRefresh(token: StoredToken, now: number): boolean {
  return token.expiresAt !== undefined && now >= token.expiresAt;
}

/**
 * Turns a vendor's stated lifetime into cache times (rule 6): expiry is the lifetime minus
 * a safety margin, measured from when the request was sent; the refresh window is at most
 * half of what remains. No stated lifetime: no expiry, reused until rejected.
 */
export function toStoredToken(
  { value, lifetimeMs, apiBase }: ObtainedCredential,
  sentAt: number,
  refreshWindowMs: number,
): StoredToken {
  if (lifetimeMs === undefined) return { value, apiBase };
  const usable = lifetimeMs - Math.min(SAFETY_MARGIN_MS, lifetimeMs / 10);
  const expiresAt = sentAt + usable;
  return { value, apiBase, expiresAt, refreshAt: expiresAt - Math.min(refreshWindowMs, usable / 2) };
}

export interface CyclerSettings {
  store: TokenStore;
  refreshWindowMs: number;
  timeoutMs: number;
  clock: () => number;
  fetch: typeof globalThis.fetch | undefined;
  emit: (event: AuthEvent) => void;
  /** Aborted on dispose: stops token requests and waits. */
  lifecycle: AbortSignal;
}

export interface TokenCycler {
  /** A token valid now: synchronously on a warm cache (rule 1), else after one shared refresh (rule 2). */
  getToken(caller: { readonly signal: AbortSignal }): StoredToken | Promise<StoredToken>;
  /**
   * Drops `rejected` after the API refused it (rule 5). Never called for static schemes. The
   * store's copy stays until the new credential, obtained under the refresh lock, replaces it:
   * never taken again here, and deleting it could delete a newer one another process wrote.
   */
  invalidate(rejected: string): void;
  /** Ends the credential (PCRecruiter logout) and forgets it; only session schemes have `end`. */
  dispose(): Promise<void>;
}

export function createTokenCycler(scheme: AuthScheme, settings: CyclerSettings): TokenCycler {
  const { store, clock, emit, lifecycle } = settings;
  const vendor = scheme.vendor;
  const shared = scheme.static !== true;
  // A holder needs at most one token-request timeout (plus store round trips) to publish.
  const lockTtlMs = 2 * settings.timeoutMs + 1_000;
  let current: StoredToken | undefined;
  let inflight: Promise<StoredToken> | undefined;
  let failures = 0;
  let retryAt = 0;
  let rejected: string | undefined;
  let keyPromise: Promise<string> | undefined;

  // `key` is handed to `obtain` only while it may touch grant state: under the refresh lock,
  // or when the store has no lock.
  const context = (signal: AbortSignal = lifecycle, key?: string): SchemeContext => ({
    fetch: settings.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    signal,
    timeoutMs: settings.timeoutMs,
    clock,
    emit,
    store,
    key,
  });
  const key = () => {
    keyPromise ??= storeKey(vendor, scheme.identity());
    return keyPromise;
  };

  // --- store access: a failing or slow store degrades to in-process caching, never fails a request
  async function guarded<T>(
    operation: "get" | "set" | "delete" | "lock" | "release",
    fn: () => T | Promise<T>,
    fallback?: T,
  ): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      emit({ type: "store_error", vendor, operation, error: scrubCause(err, [...scheme.secrets(), current?.value]) });
      return fallback;
    }
  }

  /** Deletes the stored token if it is still `value` (another process may have replaced it). */
  async function forget(value: string) {
    const k = await key();
    const stored = await guarded("get", () => store.get(k));
    if (stored?.value === value) await guarded("delete", () => store.delete(k));
  }

  /** A stored token worth taking: valid, not the one the API just refused, not the one being replaced. */
  function adoptable(token: StoredToken | undefined, replacing: string | undefined): token is StoredToken {
    return (
      typeof token?.value === "string" && token.value !== rejected && token.value !== replacing && !mustRefresh(token, clock())
    );
  }

  /** Makes `token` the current one and reports where it came from. */
  function adopt(token: StoredToken, startedAt: number, source: "endpoint" | "store" = "store"): StoredToken {
    current = token;
    emit({ type: "token_obtained", vendor, source, expiresAt: token.expiresAt, durationMs: clock() - startedAt });
    return token;
  }

  async function obtainFresh(storeKeyValue: string | undefined, startedAt: number, locked = true): Promise<StoredToken> {
    const sentAt = clock();
    const obtained = await scheme.obtain(context(lifecycle, locked ? storeKeyValue : undefined));
    if (lifecycle.aborted) throw disposedError(vendor);
    const token = toStoredToken(obtained, sentAt, settings.refreshWindowMs);
    current = token;
    if (storeKeyValue !== undefined) {
      const ttl = token.expiresAt === undefined ? undefined : Math.max(1, token.expiresAt - clock());
      await guarded("set", () => store.set(storeKeyValue, token, ttl));
    }
    return adopt(token, startedAt, "endpoint");
  }

  /** Waits for another process's refresh to land in the store, polling with backoff. */
  async function waitForHolder(k: string, replacing: string | undefined): Promise<StoredToken | undefined> {
    const deadline = clock() + lockTtlMs;
    let delay = 10;
    while (clock() < deadline) {
      await sleep(delay, lifecycle);
      const token = await guarded("get", () => store.get(k));
      if (adoptable(token, replacing)) return token;
      delay = Math.min(delay * 2, 250);
    }
    return undefined;
  }

  async function obtainShared(): Promise<StoredToken> {
    const startedAt = clock();
    if (!shared) return obtainFresh(undefined, startedAt);
    const replacing = current?.value;
    const k = await key();
    const stored = await guarded("get", () => store.get(k));
    if (adoptable(stored, replacing)) return adopt(stored, startedAt);
    if (store.lock === undefined) return obtainFresh(k, startedAt);
    const lock = store.lock.bind(store);
    // Take the lock, or wait for its holder's token. A holder that dies leaves a lock that
    // expires within lockTtlMs, so the second round finds it free; only a store that keeps
    // refusing makes us refresh without it, rather than fail.
    for (let round = 0; round < 2; round++) {
      // A store that fails to lock degrades to a local refresh (`null`: not locked), which a
      // scheme with grant state refuses.
      const release = await guarded("lock", () => lock(k, lockTtlMs), null);
      if (release !== undefined) {
        try {
          const again = await guarded("get", () => store.get(k));
          if (adoptable(again, replacing)) return adopt(again, startedAt);
          return await obtainFresh(k, startedAt, release !== null);
        } finally {
          if (release) await guarded("release", release);
        }
      }
      const landed = await waitForHolder(k, replacing);
      if (landed !== undefined) return adopt(landed, startedAt);
    }
    return obtainFresh(k, startedAt, false);
  }

  async function run(): Promise<StoredToken> {
    try {
      const token = await obtainShared();
      failures = 0;
      retryAt = 0;
      return token;
    } catch (err) {
      const error = toAuthError(err, scheme, lifecycle);
      const now = clock();
      const background = current !== undefined && !mustRefresh(current, now);
      let retryInMs: number | undefined;
      if (background) {
        // Rule 4: keep the valid token, retry later with backoff (equal jitter), never fail a request for it.
        failures++;
        const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
        retryInMs = Math.max((ceiling * (1 + Math.random())) / 2, error.retryAfterMs ?? 0);
        retryAt = now + retryInMs;
      }
      if (error.code !== "DISPOSED") emit({ type: "refresh_failed", vendor, background, error, retryInMs });
      throw error;
    }
  }

  function refresh(): Promise<StoredToken> {
    inflight ??= run().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    getToken(caller) {
      const token = current;
      // A token without an expiry (an API key, or an OAuth answer without expires_in) is
      // used until the API refuses it: no clock read.
      if (token && token.expiresAt === undefined) return token;
      const now = clock();
      if (token && !mustRefresh(token, now)) {
        if (inflight === undefined && shouldRefresh(token, now) && now >= retryAt) {
          refresh().catch(() => undefined);
        }
        return token;
      }
      // The caller's signal is read only here, off the warm path. A caller that already gave
      // up starts nothing (and leaves no promise unobserved).
      const { signal } = caller;
      if (signal.aborted) return Promise.reject(signal.reason);
      return waitFor(refresh(), signal);
    },

    invalidate(value) {
      rejected = value;
      if (current?.value !== value) return;
      current = undefined;
      emit({ type: "token_invalidated", vendor, reason: "unauthorized" });
    },

    async dispose() {
      // A grant's refresh in flight settles first, so that a rotated refresh token reaches the
      // store (its exchange ignores dispose, bounded by the token timeout; see rotationSafe).
      if (scheme.grantState) await inflight?.catch(() => undefined);
      const token = current;
      current = undefined;
      if (scheme.end === undefined || token === undefined) return;
      try {
        await scheme.end(token.value, context(AbortSignal.timeout(settings.timeoutMs)), token);
        emit({ type: "session_ended", vendor });
        await forget(token.value);
      } catch (err) {
        emit({ type: "session_end_failed", vendor, error: toAuthError(err, scheme, lifecycle) });
      }
    },
  };
}

/** Waits for the shared refresh; the caller's abort ends only its own wait, never the refresh. */
function waitFor<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    // The listener goes once the refresh settles: a long-lived signal keeps no closure.
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function disposedError(vendor: string): AuthError {
  return new AuthError("DISPOSED", `${vendor}: the auth middleware was disposed`, { vendor });
}

function toAuthError(err: unknown, scheme: AuthScheme, lifecycle: AbortSignal): AuthError {
  if (err instanceof AuthError) return err;
  if (lifecycle.aborted) return disposedError(scheme.vendor);
  const secrets = scheme.secrets();
  const message = err instanceof Error ? err.message : String(err);
  return new AuthError("TOKEN_REQUEST_FAILED", `${scheme.vendor}: obtaining a credential failed: ${scrub(message, secrets)}`, {
    vendor: scheme.vendor,
    cause: scrubCause(err, secrets),
  });
}
