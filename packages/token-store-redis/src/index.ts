/**
 * @hirekit/token-store-redis: a Redis `TokenStore` for @hirekit/auth-middleware.
 */
export type { IoRedisLike, NodeRedisLike, RedisClientLike } from "./commands.js";
export type { EncryptionKeyInput } from "./crypto.js";
export { type RedisTokenStoreOptions, redisTokenStore } from "./store.js";
