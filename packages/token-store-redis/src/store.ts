import type { ReleaseLock, StoredToken, TokenStore } from "@hirekit/auth-middleware";
import { commandsOf, type RedisClientLike, withTimeout } from "./commands.js";
import { type EncryptionKeyInput, importKey, open, seal } from "./crypto.js";

/** Options of {@link redisTokenStore}. */
export interface RedisTokenStoreOptions {
  /** An ioredis or node-redis client you already have (connected). */
  client: RedisClientLike;
  /** Prefix of every key (default `"hirekit:"`). Keys are `<prefix>token:<hashed credential key>`. */
  prefix?: string;
  /** 32-byte AES-256 key (bytes, base64 text or a `CryptoKey`): tokens are stored encrypted. */
  encryptionKey?: EncryptionKeyInput;
  /** Longest wait for one Redis command before the engine falls back to its own cache (default 500 ms). */
  commandTimeoutMs?: number;
}

/** Compare-and-delete: release the lock only if we still hold it (a lock that expired may be someone else's). */
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

/**
 * A {@link TokenStore} on Redis, so that a fleet of processes behaves like one client: one
 * cached token per credential, and one refresh at a time (`SET NX PX` lock with a random
 * value, released by compare-and-delete). Values are JSON, or AES-256-GCM ciphertext with
 * `encryptionKey`; keys are the engine's SHA-256 credential hashes, never a secret.
 *
 * Every command is bounded by `commandTimeoutMs`: when Redis is down or slow the middleware
 * keeps working from its in-process cache (reporting `store_error` events) and shares again
 * when Redis is back.
 *
 * @example
 * ```ts
 * import Redis from "ioredis";
 * const tokenStore = redisTokenStore({ client: new Redis(process.env.REDIS_URL!), encryptionKey: process.env.TOKEN_KEY! });
 * const sterling = createSterlingClient({ auth, environment: "production", tokenStore });
 * ```
 */
export function redisTokenStore(options: RedisTokenStoreOptions): TokenStore {
  const command = commandsOf(options?.client);
  if (command === undefined) {
    throw new TypeError(
      'token-store-redis: option "client" must be an ioredis client (call) or a node-redis client (sendCommand)',
    );
  }
  const prefix = options.prefix ?? "hirekit:";
  if (typeof prefix !== "string") throw new TypeError('token-store-redis: option "prefix" must be a string');
  const timeoutMs = options.commandTimeoutMs ?? 500;
  if (!(timeoutMs > 0)) throw new TypeError('token-store-redis: option "commandTimeoutMs" must be a positive number');
  const cryptoKey = options.encryptionKey === undefined ? undefined : importKey(options.encryptionKey);

  const run = (args: string[]) => withTimeout(command(args), timeoutMs, args[0] as string);
  const tokenKey = (key: string) => `${prefix}token:${key}`;
  const lockKey = (key: string) => `${prefix}lock:${key}`;

  async function encode(name: string, token: StoredToken): Promise<string> {
    // `apiBase`: where a session's requests go (a Bullhorn login's restUrl); a process that adopts
    // the session from the store must send it there too.
    const json = JSON.stringify({
      value: token.value,
      expiresAt: token.expiresAt,
      refreshAt: token.refreshAt,
      apiBase: token.apiBase,
    });
    return cryptoKey === undefined ? json : seal(await cryptoKey, json, name);
  }

  async function decode(name: string, raw: unknown): Promise<StoredToken | undefined> {
    if (typeof raw !== "string") return undefined;
    const json = cryptoKey === undefined ? raw : await open(await cryptoKey, raw, name);
    if (json === undefined) return undefined;
    try {
      const parsed = JSON.parse(json) as Partial<StoredToken>;
      if (typeof parsed.value !== "string") return undefined;
      const token: StoredToken = {
        value: parsed.value,
        expiresAt: parsed.expiresAt ?? undefined,
        refreshAt: parsed.refreshAt ?? undefined,
      };
      return typeof parsed.apiBase === "string" ? { ...token, apiBase: parsed.apiBase } : token;
    } catch {
      // Not ours (or encrypted while we have no key): a miss, never a crash.
      return undefined;
    }
  }

  return {
    async get(key) {
      const name = tokenKey(key);
      return decode(name, await run(["GET", name]));
    },
    async set(key, token, ttlMs) {
      const name = tokenKey(key);
      const value = await encode(name, token);
      await run(ttlMs === undefined ? ["SET", name, value] : ["SET", name, value, "PX", String(Math.max(1, Math.ceil(ttlMs)))]);
    },
    async delete(key) {
      await run(["DEL", tokenKey(key)]);
    },
    async lock(key, ttlMs): Promise<ReleaseLock | undefined> {
      const name = lockKey(key);
      const owner = crypto.randomUUID();
      const answer = await run(["SET", name, owner, "NX", "PX", String(Math.max(1, Math.ceil(ttlMs)))]);
      if (answer !== "OK") return undefined;
      return async () => {
        await run(["EVAL", RELEASE, "1", name, owner]);
      };
    },
  };
}
