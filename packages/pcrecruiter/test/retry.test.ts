import { describe, expect, it } from "vitest";
import { useNock } from "../../../scripts/test-nock.mjs";
import { PCRECRUITER_RETRY_DEFAULTS } from "../src/index.js";
import { api, BASE, client, session } from "./helpers.js";

useNock();

const noWait = { random: () => 0 };

describe("retries (PCRECRUITER_RETRY_DEFAULTS)", () => {
  it("retries a GET answered 503 with the same session", async () => {
    session();
    api().get(`${BASE}/companies/1`).reply(503);
    api().get(`${BASE}/companies/1`).reply(200, { CompanyId: 1 });
    const { data } = await client({ retry: noWait }).GET("/companies/{CompanyId}", { params: { path: { CompanyId: 1 } } });
    expect(data).toMatchObject({ CompanyId: 1 });
  });

  it("retries the replay after an expired session with the new session", async () => {
    session("S1");
    api("S1").get(`${BASE}/companies/1`).reply(401);
    session("S2");
    api("S2").get(`${BASE}/companies/1`).reply(500);
    api("S2").get(`${BASE}/companies/1`).reply(200, { CompanyId: 1 });
    const { response } = await client({ retry: noWait }).GET("/companies/{CompanyId}", { params: { path: { CompanyId: 1 } } });
    expect(response.status).toBe(200);
  });

  it("spends at most the default two retries of the daily call budget", async () => {
    session();
    api().get(`${BASE}/companies/1`).times(3).reply(503);
    const { response } = await client({ retry: noWait }).GET("/companies/{CompanyId}", { params: { path: { CompanyId: 1 } } });
    expect(response.status).toBe(503);
    expect(PCRECRUITER_RETRY_DEFAULTS.retries).toBe(2);
  });

  it("sends once with retry: false", async () => {
    session();
    api().get(`${BASE}/companies/1`).reply(503);
    const { response } = await client({ retry: false }).GET("/companies/{CompanyId}", { params: { path: { CompanyId: 1 } } });
    expect(response.status).toBe(503);
  });

  it("rejects a malformed retry option at construction", () => {
    expect(() => client({ retry: { statuses: [401] } })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", option: "statuses" }),
    );
  });
});
