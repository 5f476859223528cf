import { clientCredentials, createAuthMiddleware, type TokenStore } from "@hirekit/auth-middleware";
import { Redis } from "ioredis";
import createClient from "openapi-fetch";
import { createClient as createNodeRedis } from "redis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { redisTokenStore } from "../src/index.js";
import { startFleetServer } from "./fleet.js";

const url = inject("redisUrl");
const KEY = Buffer.alloc(32, 7).toString("base64");

describe.skipIf(!url)("redisTokenStore on a real Redis", () => {
  let io: Redis;
  let nodeRedis: ReturnType<typeof createNodeRedis>;
  beforeAll(async () => {
    io = new Redis(url);
    nodeRedis = createNodeRedis({ url });
    await nodeRedis.connect();
  });
  afterAll(async () => {
    io.disconnect();
    await nodeRedis.quit();
  });

  const stores = (): Array<[string, TokenStore]> => [
    ["ioredis", redisTokenStore({ client: io, prefix: `t${Math.random()}:` })],
    ["node-redis", redisTokenStore({ client: nodeRedis, prefix: `t${Math.random()}:` })],
  ];

  it.each(["ioredis", "node-redis"])(
    "%s: stores, reads and deletes a token, with a TTL equal to its remaining life",
    async (kind) => {
      const [, store] = stores().find(([k]) => k === kind) as [string, TokenStore];
      await store.set("k1", { value: "tok", expiresAt: 123, refreshAt: 100 }, 60_000);
      expect(await store.get("k1")).toEqual({ value: "tok", expiresAt: 123, refreshAt: 100 });
      const ttl = Number(await io.pttl(((await io.keys("*token:k1")) as string[]).find((k) => k.length > 0) ?? ""));
      expect(ttl).toBeGreaterThan(55_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      await store.delete("k1");
      expect(await store.get("k1")).toBeUndefined();
      await store.set("k2", { value: "session" }, undefined);
      expect(await store.get("k2")).toEqual({ value: "session", expiresAt: undefined, refreshAt: undefined });
    },
  );

  it("keeps a session's apiBase (Bullhorn's restUrl), encrypted or not, so a process adopting it sends requests there", async () => {
    const apiBase = "https://rest91.bullhornstaffing.com/rest-services/corp/";
    for (const store of [
      redisTokenStore({ client: io, prefix: `t${Math.random()}:` }),
      redisTokenStore({ client: io, prefix: `t${Math.random()}:`, encryptionKey: KEY }),
    ]) {
      await store.set("s", { value: "bh-session", expiresAt: 9, refreshAt: 5, apiBase }, 60_000);
      expect(await store.get("s")).toEqual({ value: "bh-session", expiresAt: 9, refreshAt: 5, apiBase });
    }
  });

  it.each(["ioredis", "node-redis"])("%s: the lock is exclusive, expires, and is released only by its owner", async (kind) => {
    const [, store] = stores().find(([k]) => k === kind) as [string, TokenStore];
    const release = await store.lock?.("L", 200);
    expect(release).toBeTypeOf("function");
    expect(await store.lock?.("L", 200)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 250)); // the holder "died": its lock expires
    const second = await store.lock?.("L", 5_000);
    expect(second).toBeTypeOf("function");
    await release?.(); // the first owner's late release must not free the second owner's lock
    expect(await store.lock?.("L", 200)).toBeUndefined();
    await second?.();
    expect(await store.lock?.("L", 200)).toBeTypeOf("function");
  });

  it("keeps secrets out of keys and, with encryptionKey, out of values", async () => {
    const prefix = `enc${Math.random()}:`;
    const sealed = redisTokenStore({ client: io, prefix, encryptionKey: KEY });
    await sealed.set("cred", { value: "at-very-secret-token", expiresAt: 1 }, 60_000);
    const [name] = await io.keys(`${prefix}*`);
    expect(name).toBe(`${prefix}token:cred`);
    const raw = (await io.get(name as string)) as string;
    expect(raw).not.toContain("at-very-secret-token");
    expect(raw.startsWith("v1:")).toBe(true);
    // Round-trips with the key…
    expect(await sealed.get("cred")).toEqual({ value: "at-very-secret-token", expiresAt: 1, refreshAt: undefined });
    // …and is unreadable without it, or with another key, or moved under another name.
    expect(await redisTokenStore({ client: io, prefix }).get("cred")).toBeUndefined();
    expect(await redisTokenStore({ client: io, prefix, encryptionKey: Buffer.alloc(32, 9) }).get("cred")).toBeUndefined();
    await io.set(`${prefix}token:other`, raw);
    expect(await sealed.get("other")).toBeUndefined();
  });

  it("validates its options", () => {
    expect(() => redisTokenStore({ client: {} as never })).toThrow(/option "client"/);
    expect(() => redisTokenStore({ client: io, encryptionKey: Buffer.alloc(16) })).toThrow(/32 bytes/);
    expect(() => redisTokenStore({ client: io, encryptionKey: "%%%" })).toThrow(/base64/);
    expect(() => redisTokenStore({ client: io, commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs/);
    expect(() => redisTokenStore({ client: io, prefix: 5 as never })).toThrow(/prefix/);
  });

  it("shares one token between middlewares in one process through Redis", async () => {
    const server = await startFleetServer({ lifetimeS: 3600, latencyMs: 30 });
    try {
      const prefix = `share${Math.random()}:`;
      const clients = Array.from({ length: 3 }, () => {
        const c = createClient<Record<string, never>>({ baseUrl: server.url });
        c.use(
          createAuthMiddleware(
            clientCredentials({
              tokenUrl: `${server.url}/token`,
              clientId: "c",
              clientSecret: "s",
              clientAuthentication: "client_secret_post",
            }),
            { tokenStore: redisTokenStore({ client: io, prefix }) },
          ),
        );
        return c as unknown as { GET(p: string): Promise<{ data: { auth: string } }> };
      });
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => clients[i % 3]?.GET("/records")));
      expect(new Set(results.map((r) => r?.data.auth))).toEqual(new Set(["Bearer fleet-1"]));
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
