import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { type RedisServer, redisServerBinary, startRedisServer } from "./redis-server.js";

let server: RedisServer | undefined;

/**
 * One redis-server for the suite: the one CI started (HIREKIT_REDIS_URL), else our own on
 * a free loopback port. Without a redis-server binary the Redis tests are skipped, except
 * where HIREKIT_REQUIRE_REDIS=1 (CI) makes that an error.
 */
export async function setup(project: TestProject): Promise<void> {
  const bin = redisServerBinary();
  const given = process.env.HIREKIT_REDIS_URL;
  if (given && bin !== undefined) {
    project.provide("redisBin", bin);
    project.provide("redisUrl", given);
    return;
  }
  if (bin === undefined) {
    if (process.env.HIREKIT_REQUIRE_REDIS === "1")
      throw new Error("redis-server is required (HIREKIT_REQUIRE_REDIS=1) but was not found");
    project.provide("redisBin", "");
    project.provide("redisUrl", "");
    return;
  }
  server = await startRedisServer(bin);
  project.provide("redisBin", bin);
  project.provide("redisUrl", server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    redisBin: string;
  }
}
