import { clientCredentials, createAuthMiddleware } from "@hirekit/auth-middleware";
import { Redis } from "ioredis";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { redisTokenStore } from "../src/index.js";
import { startFleetServer, type TokenServer } from "./fleet.js";
import { type RedisServer, startRedisServer } from "./redis-server.js";

const bin = inject("redisBin");

describe.skipIf(!bin)("Redis goes away and comes back", () => {
  let redis: RedisServer;
  let server: TokenServer;
  beforeAll(async () => {
    redis = await startRedisServer(bin); // its own instance: this test stops it
    server = await startFleetServer({ lifetimeS: 3, latencyMs: 10 });
  });
  afterAll(async () => {
    await redis.stop();
    await server.close();
  });

  it("requests succeed while Redis is down, and sharing resumes when it is back", async () => {
    const storeErrors: string[] = [];
    const members = Array.from({ length: 2 }, () => {
      const io = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
      io.on("error", () => undefined);
      const client = createClient<Record<string, never>>({ baseUrl: server.url });
      const auth = createAuthMiddleware(
        clientCredentials({
          tokenUrl: `${server.url}/token`,
          clientId: "c",
          clientSecret: "s",
          clientAuthentication: "client_secret_post",
        }),
        {
          tokenStore: redisTokenStore({ client: io, commandTimeoutMs: 200 }),
          timeoutMs: 1000,
          onEvent: (e) => e.type === "store_error" && storeErrors.push(e.operation),
        },
      );
      client.use(auth);
      return { io, auth, get: () => (client as unknown as { GET(p: string): Promise<{ response: Response }> }).GET("/records") };
    });
    const burst = async () =>
      (await Promise.all(members.flatMap((m) => Array.from({ length: 25 }, () => m.get())))).map((r) => r.response.status);
    const expire = () => new Promise((r) => setTimeout(r, 2_800)); // 3 s lifetime - 0.3 s margin

    expect(new Set(await burst())).toEqual(new Set([200]));
    expect(server.requests).toHaveLength(1); // shared

    await redis.stop();
    await expire();
    expect(new Set(await burst())).toEqual(new Set([200])); // degraded: each process refreshes alone
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(3);
    expect(storeErrors.length).toBeGreaterThan(0);

    await redis.start();
    await Promise.all(
      members.map(async (m) => {
        for (let i = 0; i < 100 && m.io.status !== "ready"; i++) await new Promise((r) => setTimeout(r, 50));
      }),
    );
    const before = server.requests.length;
    await expire();
    expect(new Set(await burst())).toEqual(new Set([200]));
    expect(server.requests.length - before).toBe(1); // shared again
    for (const m of members) {
      await m.auth.dispose();
      m.io.disconnect();
    }
  }, 30_000);
});
