import { memoryTokenStore, seedGrant } from "@hirekit/auth-middleware";
import { smartRecruitersUserAuth } from "@hirekit/auth-middleware/smartrecruiters";
import { afterEach, describe, expect, it } from "vitest";
import { type RotatingServer, startRotatingServer } from "../../../scripts/rotating-token-server.mjs";
import { createSmartRecruitersClient, type SmartRecruitersClient } from "../src/index.js";

const CLIENT = { clientId: "sr-user-app", clientSecret: "sr-user-app-secret" };
let server: RotatingServer | undefined;
const clients: SmartRecruitersClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await server?.close();
});

describe("a user's OAuth grant (refresh tokens that rotate on every use)", () => {
  it("{ clientId, clientSecret, refreshToken }: two clients sharing a store never send a refresh token twice", async () => {
    server = await startRotatingServer({ prefix: "sr-user-refresh-" });
    const s = server;
    const tokenStore = memoryTokenStore();
    let now = Date.now();
    const make = () => {
      const client = createSmartRecruitersClient({
        auth: { ...CLIENT, refreshToken: "sr-user-refresh-1" },
        baseUrl: s.url,
        tokenUrl: s.tokenUrl,
        tokenStore,
        clock: () => now,
        retry: false,
      });
      clients.push(client);
      return client;
    };
    const [a, b] = [make(), make()];
    const statuses: number[] = [];
    for (const client of [a, b, a, b]) {
      const { response } = await client.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } });
      statuses.push(response.status);
      now += 3600_000; // past expiry: the next call refreshes
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(s.state.sent).toEqual(["sr-user-refresh-1", "sr-user-refresh-2", "sr-user-refresh-3", "sr-user-refresh-4"]);
    expect(s.state.reused).toEqual([]);
  });

  it("{ grantId } starts from a seeded store; without one the call fails with GRANT_MISSING and sends nothing", async () => {
    server = await startRotatingServer({ seed: "sr-seeded-refresh-1" });
    const s = server;
    const tokenStore = memoryTokenStore();
    const options = { ...CLIENT, grantId: "acme", baseUrl: s.url, tokenUrl: s.tokenUrl };
    const client = createSmartRecruitersClient({
      auth: { ...CLIENT, grantId: "acme" },
      baseUrl: s.url,
      tokenUrl: s.tokenUrl,
      tokenStore,
      retry: false,
    });
    clients.push(client);
    await expect(client.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } })).rejects.toMatchObject({
      code: "GRANT_MISSING",
    });
    expect(s.state.sent).toEqual([]);
    await seedGrant(tokenStore, smartRecruitersUserAuth(options), "sr-seeded-refresh-1");
    const { response } = await client.GET("/jobs/{jobId}", { params: { path: { jobId: "j1" } } });
    expect(response.status).toBe(200);
    expect(s.state.sent).toEqual(["sr-seeded-refresh-1"]);
  });

  it("smartRecruitersAuth refuses a refresh token and points to smartRecruitersUserAuth", async () => {
    const { smartRecruitersAuth } = await import("@hirekit/auth-middleware/smartrecruiters");
    expect(() => smartRecruitersAuth({ ...CLIENT, refreshToken: "r-token-value" } as never)).toThrow(/smartRecruitersUserAuth/);
  });
});
