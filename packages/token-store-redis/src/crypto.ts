/**
 * AES-256-GCM at rest (Web Crypto): a Redis dump or a replica holds no usable credential.
 * Each value gets a fresh 96-bit IV; the entry's key is the additional authenticated data,
 * so a ciphertext copied under another key does not decrypt.
 */
const VERSION = "v1";

export type EncryptionKeyInput = string | Uint8Array | CryptoKey;

/** Validates the key synchronously (so a bad one fails at construction), then imports it. */
export function importKey(input: EncryptionKeyInput): Promise<CryptoKey> {
  const isKey = typeof CryptoKey !== "undefined" && input instanceof CryptoKey;
  if (isKey) return Promise.resolve(input);
  let bytes: Uint8Array;
  if (typeof input === "string") {
    try {
      bytes = fromBase64(input);
    } catch {
      throw new TypeError('token-store-redis: option "encryptionKey" is not valid base64');
    }
  } else if (input instanceof Uint8Array) bytes = input;
  else throw new TypeError('token-store-redis: option "encryptionKey" must be 32 bytes, base64 text of them, or a CryptoKey');
  if (bytes.byteLength !== 32) {
    throw new TypeError(`token-store-redis: option "encryptionKey" must be 32 bytes (AES-256), got ${bytes.byteLength}`);
  }
  return crypto.subtle.importKey("raw", bytes as Uint8Array<ArrayBuffer>, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function seal(key: CryptoKey, plaintext: string, aad: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(plaintext);
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(aad) }, key, data);
  return `${VERSION}:${toBase64(iv)}:${toBase64(new Uint8Array(sealed))}`;
}

/** The plaintext, or `undefined` when the value was not sealed with this key for this entry. */
export async function open(key: CryptoKey, value: string, aad: string): Promise<string | undefined> {
  const [version, iv, data] = value.split(":");
  if (version !== VERSION || iv === undefined || data === undefined) return undefined;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(iv) as Uint8Array<ArrayBuffer>, additionalData: new TextEncoder().encode(aad) },
      key,
      fromBase64(data) as Uint8Array<ArrayBuffer>,
    );
    return new TextDecoder().decode(plain);
  } catch {
    return undefined;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
