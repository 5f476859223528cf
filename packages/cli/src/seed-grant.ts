import { type AuthScheme, seedGrant } from "@hirekit/auth-middleware";
import { smartRecruitersUserAuth } from "@hirekit/auth-middleware/smartrecruiters";
import { CliError } from "./errors.js";
import type { CliIo } from "./io.js";

/** The Redis server a fleet shares (`redis://…` or `rediss://…`). */
export const REDIS_URL_ENV = "HIREKIT_REDIS_URL";
/** The fleet's 32-byte AES-256 key (base64), so that the refresh token is encrypted at rest. */
export const TOKEN_ENCRYPTION_KEY_ENV = "HIREKIT_TOKEN_ENCRYPTION_KEY";

/** What identifies a SmartRecruiters user's grant in the fleet's store. */
export interface SmartRecruitersGrant {
  grantId: string;
  clientId: string;
  clientSecret: string;
  /** The token endpoint the fleet uses (its `tokenUrl`); default SmartRecruiters' own. */
  tokenUrl: string | undefined;
}

/**
 * Writes a new SmartRecruiters grant's refresh token into the fleet's Redis store, under the
 * key that `smartRecruitersUserAuth({ clientId, clientSecret, grantId })` reads.
 */
export function seedSmartRecruitersGrant(io: CliIo, grant: SmartRecruitersGrant, refreshToken: string): Promise<void> {
  const scheme = smartRecruitersUserAuth({
    clientId: grant.clientId,
    clientSecret: grant.clientSecret,
    grantId: grant.grantId,
    ...(grant.tokenUrl === undefined ? {} : { tokenUrl: grant.tokenUrl }),
  });
  return seedFleetGrant(io, grant.grantId, scheme, refreshToken, "{ clientId, clientSecret, grantId");
}

/**
 * Writes a new grant's refresh token into the Redis store a fleet shares, under the key
 * `scheme` (built with the grant's `grantId`) reads, instead of printing it: the processes
 * start from the store, and a new consent replaces a lost grant in place.
 */
export async function seedFleetGrant(
  io: CliIo,
  grantId: string,
  scheme: AuthScheme,
  refreshToken: string,
  authShape: string,
): Promise<void> {
  const url = io.env[REDIS_URL_ENV];
  if (url === undefined || url === "") {
    throw new CliError("USAGE", `--grant-id needs the fleet's Redis server in ${REDIS_URL_ENV}`);
  }
  const encryptionKey = io.env[TOKEN_ENCRYPTION_KEY_ENV];
  const [{ Redis }, { redisTokenStore }] = await Promise.all([import("ioredis"), import("@hirekit/token-store-redis")]);
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    const tokenStore = redisTokenStore({ client: redis, ...(encryptionKey ? { encryptionKey } : {}) });
    await seedGrant(tokenStore, scheme, refreshToken);
  } catch (err) {
    if (err instanceof CliError) throw err;
    // ioredis errors name the host, never the token; the message is scrubbed again by the caller.
    throw new CliError("FAILED", `could not write the grant to Redis: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    redis.disconnect();
  }
  io.out(
    `Refresh token stored in Redis for grant "${grantId}"${encryptionKey ? " (encrypted)" : ""}. ` +
      `Start every process with auth ${authShape}: "${grantId}" } and this store.`,
  );
  if (!encryptionKey) io.err(`Warning: ${TOKEN_ENCRYPTION_KEY_ENV} is not set: the refresh token is stored unencrypted.`);
}
