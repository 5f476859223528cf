import { randomBytes } from "node:crypto";

/** How a credential ages: from when it was issued (OAuth) or from its last use (PCRecruiter sessions). */
export type TokenAging = "absolute" | "inactivity";

interface Entry {
  issuedAt: number;
  lastUsed: number;
  lifetimeMs: number;
}

/** The credentials a fake has issued, with their lifetimes on the fake's clock. */
export interface TokenBook {
  /** Issues a new opaque token valid for `lifetimeMs`. */
  issue(lifetimeMs: number): string;
  /** Whether a token is known and still valid; a valid use renews an inactivity timer. */
  use(token: string): boolean;
  /** Forgets one token (logout, revoke, forced 401). */
  revoke(token: string): boolean;
  /** Forgets every token: the next API call with any of them answers 401. */
  revokeAll(): void;
}

/** A token book for one fake; `prefix` makes the vendor visible in test failures. */
export function createTokenBook(prefix: string, aging: TokenAging, clock: () => number): TokenBook {
  const live = new Map<string, Entry>();
  let issued = 0;
  return {
    issue(lifetimeMs) {
      issued++;
      const token = `${prefix}-${issued}-${randomBytes(12).toString("hex")}`;
      const now = clock();
      live.set(token, { issuedAt: now, lastUsed: now, lifetimeMs });
      return token;
    },
    use(token) {
      const entry = live.get(token);
      if (entry === undefined) return false;
      const now = clock();
      const since = aging === "absolute" ? entry.issuedAt : entry.lastUsed;
      if (now - since >= entry.lifetimeMs) {
        live.delete(token);
        return false;
      }
      entry.lastUsed = now;
      return true;
    },
    revoke: (token) => live.delete(token),
    revokeAll: () => live.clear(),
  };
}
