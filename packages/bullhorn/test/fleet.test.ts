import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { seedGrant } from "@hirekit/auth-middleware";
import { bullhornAuth } from "@hirekit/auth-middleware/bullhorn";
import { type FakeBullhorn, type FakeBullhornOptions, startFakeBullhorn } from "@hirekit/testing";
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

/** A started worker: its result line to come, how many sessions it has taken up so far, and its exit. */
interface Worker {
  done: Promise<Result>;
  sessions: () => number;
  /** Lets the worker dispose of its client (log out) and exit. */
  finish: () => Promise<void>;
}

/** Starts one worker process; resolves once it is ready. */
function startWorker(id: string, env: Record<string, string>): Promise<Worker> {
  const child = spawn(process.execPath, [worker], {
    env: { ...process.env, ...env, WORKER_ID: id },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const finish = () => {
    child.stdin?.end();
    return exited;
  };
  return new Promise((ready, fail) => {
    let result: ((r: Result) => void) | undefined;
    const done = new Promise<Result>((resolve) => (result = resolve));
    let sessions = 0;
    lines.on("line", (line) => {
      const message = JSON.parse(line) as { ready?: string; obtained?: string } & Result;
      // Wrapped: resolving with the promise itself would wait for the worker to finish.
      if (message.ready !== undefined) ready({ done, sessions: () => sessions, finish });
      else if (message.obtained !== undefined) sessions++;
      else result?.(message);
    });
    child.on("exit", (code) => code !== 0 && fail(new Error(`worker ${id} exited with ${code}`)));
  });
}

/** What the fake saw of the credential flow between two expiries (or before the first, or after the last). */
interface Window {
  /** OAuth refresh grants sent (each rotates the grant's refresh token). */
  refreshes: number;
  /** REST logins accepted. */
  logins: number;
  /** REST logins refused for a dead access token. */
  refusedLogins: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Three worker processes share one grant and one session through an encrypted Redis store and
 * send for `DURATION_MS` to a fake started with `options`; `expire` ends the session twice while
 * they do, each time once every process holds it and `notBefore` has passed. Asserts what every
 * scenario must show (every request served, no refresh token reused, nothing in clear in
 * Redis) and returns the fake's stats and the credential calls it saw in each window: before
 * the first expiry (the cold start), between the two, after the second.
 */
async function runFleet(
  label: string,
  options: FakeBullhornOptions,
  expire: (fake: FakeBullhorn) => void,
  notBefore: (fake: FakeBullhorn) => number = () => 0,
) {
  const fake = await startFakeBullhorn(options);
  const redis = new Redis(redisUrl as string);
  // A prefix of its own: no other test (or an earlier run) shares these keys.
  const prefix = `bh-fleet-${randomUUID()}:`;
  const key = Buffer.alloc(32, 5).toString("base64");
  try {
    const { clientId, clientSecret, username, refreshToken } = fake.credentials;
    const auth = { clientId, clientSecret, username, grantId: "fleet", loginInfoUrl: fake.clientOptions.auth.loginInfoUrl };
    // The grant's first refresh token goes into the shared store once (as `hirekit auth bullhorn --grant-id` does).
    await seedGrant(redisTokenStore({ client: redis, prefix, encryptionKey: key }), bullhornAuth(auth), refreshToken);
    // Far enough ahead for three processes to load; they all start sending then.
    const startAt = Date.now() + 2500;
    const env = {
      REDIS_URL: redisUrl as string,
      REDIS_PREFIX: prefix,
      ENCRYPTION_KEY: key,
      AUTH: JSON.stringify(auth),
      BASE_URL: fake.url,
      CANDIDATE_ID: String(fake.records("Candidate")[0]?.id),
      DURATION_MS: "5000",
      START_AT: String(startAt),
    };
    const results = await Promise.all(["w1", "w2", "w3"].map((id) => startWorker(id, env)));
    const expiries: number[] = [];
    for (const [n, at] of [1600, 3300].entries()) {
      // A loaded machine may be slow to open a session or to take it up: each expiry waits until
      // every process holds the session it ends (a request that met two expiries in a row would
      // be replayed only once, by rule).
      const settled = () => results.every((w) => w.sessions() > n);
      while (Date.now() < Math.max(startAt + at, notBefore(fake)) || !settled()) await sleep(20);
      expiries.push(Date.now());
      expire(fake);
    }
    const lines = await Promise.all(results.map((r) => r.done));
    // Every process has stopped sending: now they may log out.
    await Promise.all(results.map((r) => r.finish()));
    // Nothing in Redis is a plaintext token.
    const keys = await redis.keys(`${prefix}*`);
    const values = await Promise.all(keys.map((k) => redis.get(k)));
    expect(values.join("\n")).not.toMatch(/bullhorn-(refresh|access|session)/i);
    if (keys.length > 0) await redis.del(...keys);

    const windows: Window[] = [0, 1, 2].map(() => ({ refreshes: 0, logins: 0, refusedLogins: 0 }));
    for (const r of fake.requests) {
      const window = windows[expiries.filter((t) => r.at >= t).length] as Window;
      if (r.path === "/oauth/token" && r.status !== 307) window.refreshes++;
      if (r.path === "/rest-services/login" && r.status === 200) window.logins++;
      if (r.path === "/rest-services/login" && r.status === 400) window.refusedLogins++;
    }
    const sent = lines.reduce((n, r) => n + r.sent, 0);
    const served = lines.reduce((n, r) => n + r.served, 0);
    expect(lines.map((r) => r.failures)).toEqual([{}, {}, {}]);
    expect(served).toBe(sent);
    expect(sent).toBeGreaterThan(300);
    const stats = fake.stats();
    expect(stats).toMatchObject({ refreshTokenReuses: 0, grantsRevoked: 0, invalid: 0 });
    console.log(`bullhorn fleet (${label}): ${served}/${sent} served, per window ${JSON.stringify(windows)}`);
    return { windows, stats };
  } finally {
    redis.disconnect();
    await fake.close();
  }
}

describe.skipIf(!redisUrl)("a Bullhorn fleet: 3 processes, one grant, one session, real Redis", () => {
  it("access tokens expire by their expires_in, sessions on their own: each expiry costs exactly one refresh and one login, none refused, no refresh token reused", async () => {
    // One-second access tokens (Bullhorn's last 10 minutes, https://bullhorn.github.io/docs/oauth/);
    // each session is ended once the access token that opened it is past its expires_in, so
    // each expiry needs a new access token and a new session: one refresh, one login.
    const lastRefresh = (fake: FakeBullhorn) =>
      Math.max(0, ...fake.requests.filter((r) => r.path === "/oauth/token").map((r) => r.at));
    const { windows, stats } = await runFleet(
      "sessions expire after their access token",
      { accessTokenLifetimeSeconds: 1 },
      (fake) => fake.expireSessions(),
      (fake) => lastRefresh(fake) + 1000 + 50,
    );
    // The cold start and each of the two expiries.
    expect(windows).toEqual([0, 1, 2].map(() => ({ refreshes: 1, logins: 1, refusedLogins: 0 })));
    expect(stats).toMatchObject({ logins: 3, loginsRefused: 0, tokenRequests: { refreshToken: 3 } });
  }, 20_000);

  it("sessions end while their access token lives: each expiry costs exactly one login and no refresh, whichever process logs in", async () => {
    // The 10-minute access token outlives both sessions it opened; the fleet shares it through
    // the store, so no process spends the grant on a new one.
    const { windows, stats } = await runFleet("sessions end, access tokens live", {}, (fake) => fake.expireSessions());
    expect(windows).toEqual([
      { refreshes: 1, logins: 1, refusedLogins: 0 },
      { refreshes: 0, logins: 1, refusedLogins: 0 },
      { refreshes: 0, logins: 1, refusedLogins: 0 },
    ]);
    expect(stats).toMatchObject({ logins: 3, loginsRefused: 0, tokenRequests: { refreshToken: 1 } });
  }, 20_000);

  it("access tokens and sessions revoked at once (harsher than Bullhorn): each expiry costs one refused login with the revoked access token, then exactly one refresh and one login; no refresh token reused", async () => {
    // The access token dies before its announced 10 minutes, with the session: the process that
    // logs in tries the fleet's access token first (refused), then refreshes once and logs in.
    const { windows, stats } = await runFleet("both revoked at once", {}, (fake) => fake.expireTokens());
    expect(windows).toEqual([
      { refreshes: 1, logins: 1, refusedLogins: 0 },
      { refreshes: 1, logins: 1, refusedLogins: 1 },
      { refreshes: 1, logins: 1, refusedLogins: 1 },
    ]);
    expect(stats).toMatchObject({ logins: 3, loginsRefused: 2, tokenRequests: { refreshToken: 3 } });
  }, 20_000);
});
