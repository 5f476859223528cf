import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { seedGrant } from "@hirekit/auth-middleware";
import { bullhornAuth } from "@hirekit/auth-middleware/bullhorn";
import { startFakeBullhorn } from "@hirekit/testing";
import { redisTokenStore } from "@hirekit/token-store-redis";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";

const redisUrl = process.env.HIREKIT_REDIS_URL;
const worker = fileURLToPath(new URL("./fixtures/fleet-worker.mjs", import.meta.url));

interface Result {
  worker: string;
  sent: number;
  served: number;
  failures: Record<string, number>;
}

/** Starts one worker process; resolves once it is ready, with a promise of its result line. */
function startWorker(id: string, env: Record<string, string>): Promise<{ done: Promise<Result> }> {
  const child = spawn(process.execPath, [worker], {
    env: { ...process.env, ...env, WORKER_ID: id },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  return new Promise((ready, fail) => {
    let result: ((r: Result) => void) | undefined;
    const done = new Promise<Result>((resolve) => (result = resolve));
    lines.on("line", (line) => {
      const message = JSON.parse(line) as { ready?: string } & Result;
      // Wrapped: resolving with the promise itself would wait for the worker to finish.
      if (message.ready !== undefined) ready({ done });
      else result?.(message);
    });
    child.on("exit", (code) => code !== 0 && fail(new Error(`worker ${id} exited with ${code}`)));
  });
}

describe.skipIf(!redisUrl)("a Bullhorn fleet: 3 processes, one grant, one session, real Redis", () => {
  it("serves every request across two session expiries with one refresh and one login each, reusing no refresh token", async () => {
    const fake = await startFakeBullhorn();
    const redis = new Redis(redisUrl as string);
    const prefix = `bh-fleet-${Date.now()}:`;
    const key = Buffer.alloc(32, 5).toString("base64");
    try {
      const { clientId, clientSecret, username, refreshToken } = fake.credentials;
      const auth = { clientId, clientSecret, username, grantId: "fleet", loginInfoUrl: fake.clientOptions.auth.loginInfoUrl };
      // The grant's first refresh token goes into the shared store once (as `hirekit auth bullhorn --grant-id` does).
      await seedGrant(redisTokenStore({ client: redis, prefix, encryptionKey: key }), bullhornAuth(auth), refreshToken);
      const env = {
        REDIS_URL: redisUrl as string,
        REDIS_PREFIX: prefix,
        ENCRYPTION_KEY: key,
        AUTH: JSON.stringify(auth),
        BASE_URL: fake.url,
        CANDIDATE_ID: String(fake.records("Candidate")[0]?.id),
        DURATION_MS: "5000",
        // Far enough ahead for three processes to load; they all start sending then.
        START_AT: String(Date.now() + 3000),
      };
      const startAt = Number(env.START_AT);
      const results = await Promise.all(["w1", "w2", "w3"].map((id) => startWorker(id, env)));
      // Two forced expiries of the session (and of the access tokens) while the fleet sends.
      for (const at of [1500, 3000]) {
        await new Promise((r) => setTimeout(r, startAt + at - Date.now()));
        fake.expireTokens();
      }
      const lines = await Promise.all(results.map((r) => r.done));
      const sent = lines.reduce((n, r) => n + r.sent, 0);
      const served = lines.reduce((n, r) => n + r.served, 0);
      expect(lines.map((r) => r.failures)).toEqual([{}, {}, {}]);
      expect(served).toBe(sent);
      expect(sent).toBeGreaterThan(300);
      console.log(`bullhorn fleet: ${served}/${sent} requests served by 3 processes`);
      const stats = fake.stats();
      // The start and each of the two expiries: one refresh (rotating the grant) and one login, for the whole fleet.
      expect(stats).toMatchObject({ refreshTokenReuses: 0, grantsRevoked: 0, logins: 3, tokenRequests: { refreshToken: 3 } });
      expect(stats.invalid).toBe(0);
      // Nothing in Redis is a plaintext token.
      const values = await Promise.all((await redis.keys(`${prefix}*`)).map((k) => redis.get(k)));
      expect(values.join("\n")).not.toMatch(/bullhorn-(refresh|access|session)/i);
    } finally {
      redis.disconnect();
      await fake.close();
    }
  }, 30_000);
});
