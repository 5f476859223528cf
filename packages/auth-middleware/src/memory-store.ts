import type { ReleaseLock, StoredToken, TokenStore } from "./types.js";

/** Options of {@link memoryTokenStore}. */
export interface MemoryTokenStoreOptions {
  /** Most entries kept; the least recently written is dropped first (default 1000). */
  maxEntries?: number;
  /** Epoch-ms clock (default `Date.now`). */
  clock?: () => number;
}

/**
 * The in-process {@link TokenStore}: a map, bounded, with expired entries dropped on read.
 * Share one instance between clients to share tokens between them; its
 * `lock` gives single-flight across those clients. Entries live in a closure, so logging
 * the store prints no token.
 *
 * @example
 * ```ts
 * const tokenStore = memoryTokenStore();
 * const a = createAuthMiddleware(sterlingAuth(creds), { tokenStore });
 * const b = createAuthMiddleware(sterlingAuth(creds), { tokenStore }); // same token as `a`
 * ```
 */
export function memoryTokenStore(options: MemoryTokenStoreOptions = {}): TokenStore {
  const maxEntries = options.maxEntries ?? 1000;
  const clock = options.clock ?? Date.now;
  /** key → [token, deadline]; a lock is the deadline array itself, so a release can tell it is still its own. */
  const entries = new Map<string, [token: StoredToken, deadline: number]>();
  const locks = new Map<string, [deadline: number]>();

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry !== undefined && clock() < entry[1]) return entry[0];
      entries.delete(key); // expired (or absent)
      return undefined;
    },
    set(key, token, ttlMs) {
      entries.delete(key);
      entries.set(key, [token, clock() + (ttlMs ?? Infinity)]);
      // One entry is added per call, so dropping one (the least recently written) keeps the bound.
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    delete(key) {
      entries.delete(key);
    },
    lock(key, ttlMs): ReleaseLock | undefined {
      if (clock() < (locks.get(key)?.[0] ?? 0)) return undefined;
      const mine: [number] = [clock() + ttlMs];
      locks.set(key, mine);
      return () => {
        if (locks.get(key) === mine) locks.delete(key);
      };
    },
  };
}
