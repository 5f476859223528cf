/**
 * Grant state in the token store: the current refresh token of a grant whose refresh tokens
 * rotate. A rotated refresh token is single-use, and a server may revoke the whole grant
 * when a spent one is presented again (RFC 9700 §4.14.2), so every process that shares a
 * store must send the newest one, and only one process at a time may send it: the engine
 * runs `obtain` under the store's refresh lock, and this module reads and writes the token
 * beside the access token, under a key derived from the same credential hash.
 *
 * Not part of the engine's core: only schemes with grant state import it.
 */
import { AuthError, invalidOption } from "./errors.js";
import { scrubCause } from "./redact.js";
import { storeKey } from "./store-key.js";
import type { AuthScheme, GrantState, SchemeContext, StoredToken, TokenStore } from "./types.js";

const GRANT_MESSAGES = {
  GRANT_UNAVAILABLE: "grant store or lock unavailable; no refresh token sent",
  GRANT_MISSING: "no refresh token for this grant",
  GRANT_REVOKED: "refresh token refused, none newer stored: consent again",
};

/** The errors of grant state: `GRANT_REVOKED` means a person must consent again; the others do not. */
export function grantError(code: keyof typeof GRANT_MESSAGES, vendor: string, cause?: unknown, status?: number): AuthError {
  return new AuthError(code, `${vendor}: ${GRANT_MESSAGES[code]}`, {
    vendor,
    cause,
    status,
    oauthError: code === "GRANT_REVOKED" ? "invalid_grant" : undefined,
  });
}

/** The store key of a grant's refresh token: the credential's key with a `:grant` suffix. */
const grantKey = (credentialKey: string) => `${credentialKey}:grant`;

/**
 * The grant state `obtain` may use, or `undefined` when the engine gave it no store (a
 * static credential). Throws `GRANT_UNAVAILABLE` when the engine could not take the store's
 * refresh lock: refreshing without it could send a refresh token that another process is
 * spending at the same moment. A store that fails to read fails the same way (guessing the
 * token could send a spent one); a store that fails to write is reported as `store_error`,
 * and the caller keeps the token (and writes it again on its next refresh).
 */
export function grantStateOf(ctx: SchemeContext, vendor: string, known: () => readonly string[]): GrantState | undefined {
  const { store, key } = ctx;
  if (store === undefined) return undefined;
  const fail = (cause?: unknown) => grantError("GRANT_UNAVAILABLE", vendor, cause && scrubCause(cause, known()));
  // The engine hands over the key only under the refresh lock (or when the store has none).
  if (key === undefined) throw fail();
  const name = grantKey(key);
  return {
    async get() {
      let stored: StoredToken | undefined;
      try {
        stored = await store.get(name);
      } catch (err) {
        throw fail(err);
      }
      return stored?.value || undefined;
    },
    async set(refreshToken) {
      try {
        await store.set(name, { value: refreshToken }, undefined);
        return true;
      } catch (err) {
        ctx.emit({ type: "store_error", vendor, operation: "set", error: scrubCause(err, known()) });
        return false;
      }
    },
  };
}

/**
 * Writes a grant's refresh token into a shared store, so that a fleet configured with
 * `grantId` (and no refresh token of its own) starts from it, or so that a new consent
 * replaces a lost grant. The scheme must be the one the fleet uses: the key is derived from
 * its identity (token URL, client id, scope, grant id), never from a secret in clear.
 *
 * @example
 * ```ts
 * const scheme = smartRecruitersAuth({ clientId, clientSecret, grantId: "acme-sync" });
 * await seedGrant(tokenStore, scheme, authorization.refreshToken);
 * // every process: createSmartRecruitersClient({ auth: { clientId, clientSecret, grantId: "acme-sync" }, tokenStore })
 * ```
 */
export async function seedGrant(tokenStore: TokenStore, scheme: AuthScheme, refreshToken: string): Promise<void> {
  const vendor = scheme?.vendor ?? "seedGrant";
  if (scheme?.grantState !== true) throw invalidOption(vendor, "scheme", "must be a scheme with grant state (refreshToken)");
  if (typeof refreshToken !== "string" || refreshToken.trim() === "") {
    throw invalidOption(vendor, "refreshToken", "must be a non-empty string");
  }
  const name = grantKey(await storeKey(vendor, scheme.identity()));
  await tokenStore.set(name, { value: refreshToken }, undefined);
}
