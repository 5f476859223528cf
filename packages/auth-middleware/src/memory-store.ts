import type { ReleaseLock, StoredToken, TokenStore } from "./types.js";

/** Options of {@link memoryTokenStore}. */
export interface MemoryTokenStoreOptions {
  /** Most entries kept; the least recently written is dropped first (default 1000). */
  maxEntries?: number;
  /** Epoch-ms clock (default `Date.now`). */
  clock?: () => number;
}

/**
 * The default {@link TokenStore}: an in-process map, bounded, with expired entries
 * dropped on read. Share one instance between clients to share tokens between them; its
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
  const entries = new Map<string, { token: StoredToken; deadline: number }>();
  const locks = new Map<string, { owner: symbol; deadline: number }>();

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (clock() >= entry.deadline) {
        entries.delete(key);
        return undefined;
      }
      return entry.token;
    },
    set(key, token, ttlMs) {
      entries.delete(key);
      entries.set(key, { token, deadline: ttlMs === undefined ? Infinity : clock() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    delete(key) {
      entries.delete(key);
    },
    lock(key, ttlMs): ReleaseLock | undefined {
      const held = locks.get(key);
      if (held !== undefined && clock() < held.deadline) return undefined;
      const owner = Symbol("lock");
      locks.set(key, { owner, deadline: clock() + ttlMs });
      return () => {
        if (locks.get(key)?.owner === owner) locks.delete(key);
      };
    },
  };
}
