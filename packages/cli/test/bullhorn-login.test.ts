import { createBullhornClient } from "@hirekit/bullhorn";
import { startFakeBullhorn } from "@hirekit/testing";
import { redisTokenStore } from "@hirekit/token-store-redis";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { runInProcess, transcript } from "./helpers.js";

const redisUrl = process.env.HIREKIT_REDIS_URL;

/** `hirekit auth bullhorn` against the fake: its client, API user and loginInfo URL, then `extra`. */
function loginArgv(fake: Awaited<ReturnType<typeof startFakeBullhorn>>, ...extra: string[]): string[] {
  const { clientId, username } = fake.credentials;
  const loginInfoUrl = fake.clientOptions.auth.loginInfoUrl;
  return ["auth", "bullhorn", "--client-id", clientId, "--username", username, "--login-info-url", loginInfoUrl, ...extra];
}

describe("hirekit auth bullhorn", () => {
  it("finds the data centre, runs the consent, exchanges the code and prints the refresh token once", async () => {
    const fake = await startFakeBullhorn();
    try {
      const { clientId, clientSecret } = fake.credentials;
      const run = await runInProcess(
        loginArgv(fake),
        { HIREKIT_BULLHORN_CLIENT_SECRET: clientSecret },
        { consentPrefix: fake.dataCentre.oauthUrl },
      );
      expect(run.code).toBe(0);
      const printed = run.out.find((line) => line.startsWith("Refresh token: "));
      expect(printed).toBeDefined();
      expect(transcript(run)).not.toContain(clientSecret);
      expect(fake.stats().tokenRequests.authorizationCode).toBe(1);
      expect(run.opened).toEqual([expect.stringContaining(`${fake.dataCentre.oauthUrl}/authorize?client_id=${clientId}`)]);
    } finally {
      await fake.close();
    }
  });

  it.skipIf(!redisUrl)(
    "--grant-id seeds the fleet's Redis store, encrypted; a client started with the grant id alone works",
    async () => {
      const fake = await startFakeBullhorn();
      const redis = new Redis(redisUrl as string);
      try {
        const { clientId, clientSecret, username } = fake.credentials;
        const grantId = `cli-bullhorn-${Date.now()}`;
        const key = Buffer.alloc(32, 9).toString("base64");
        const loginInfoUrl = fake.clientOptions.auth.loginInfoUrl;
        const argv = loginArgv(fake, "--grant-id", grantId);
        const env = {
          HIREKIT_BULLHORN_CLIENT_SECRET: clientSecret,
          HIREKIT_REDIS_URL: redisUrl as string,
          HIREKIT_TOKEN_ENCRYPTION_KEY: key,
        };
        const run = await runInProcess(argv, env, { consentPrefix: fake.dataCentre.oauthUrl });
        expect(run.code).toBe(0);
        expect(run.out.join("\n")).toContain(`Refresh token stored in Redis for grant "${grantId}" (encrypted)`);
        expect(run.out.join("\n")).not.toContain("Refresh token: ");

        const tokenStore = redisTokenStore({ client: redis, encryptionKey: key });
        const id = Number(fake.records("Candidate")[0]?.id);
        const client = createBullhornClient({
          auth: { clientId, clientSecret, username, grantId, loginInfoUrl },
          baseUrl: fake.url,
          tokenStore,
        });
        try {
          const { data, error } = await client.GET("/entity/Candidate/{id}", {
            params: { path: { id }, query: { fields: "id" } },
          });
          expect(error).toBeUndefined();
          expect(data?.data.id).toBe(id);
        } finally {
          await client.dispose();
        }
        // One code exchange by the CLI, one refresh by the client from the stored token; none reused.
        expect(fake.stats()).toMatchObject({ refreshTokenReuses: 0, tokenRequests: { authorizationCode: 1, refreshToken: 1 } });
      } finally {
        redis.disconnect();
        await fake.close();
      }
    },
  );
});
