/**
 * The cache key of a credential: `<vendor>:<sha-256 of its identity>`. The identity
 * (token URL, client id, scope, …) never contains a secret, and the hash keeps even
 * those identifiers out of a shared store's key space.
 */
export async function storeKey(vendor: string, identity: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(identity));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return `${vendor}:${hex}`;
}
