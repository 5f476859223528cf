import { describe, expect, it } from "vitest";
import { leakedSecrets, useEchoServers } from "../../../scripts/test-leaks.mjs";
import { createZohoRecruitClient, ZohoRecruitApiError } from "../src/index.js";

const CLIENT_SECRET = "zoho-leak-client-secret";
const REFRESH_TOKEN = "1000.zoho-leak-refresh-token";
const ACCESS_TOKEN = "1000.zoho-leak-access-token-0123456789";

const startEchoServer = useEchoServers();

/**
 * Zoho's accounts server, and a Recruit API that answers every request with Zoho's error
 * body `{ code, details, message, status }` (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html),
 * copying into every field what it received: this request, then each earlier one (the
 * token request's client secret and refresh token).
 */
async function echoingZoho() {
  return startEchoServer((echo, seen, req) => {
    if (req.url?.startsWith("/oauth/v2/token")) {
      return [200, { access_token: ACCESS_TOKEN, api_domain: "https://www.zohoapis.eu", token_type: "Bearer", expires_in: 3600 }];
    }
    const details = Object.fromEntries(seen.map((e, i) => [i === 0 ? "api_name" : `seen_${i}`, e]));
    return [400, { code: "INVALID_DATA", details, message: echo, status: "error" }];
  });
}

function zohoClient(url: string) {
  return createZohoRecruitClient({
    region: "eu",
    auth: { clientId: "1000.LEAKCLIENT", clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN },
    baseUrl: `${url}/recruit/v2`,
    accountsUrl: url,
    retry: false,
  });
}

const SECRETS = [ACCESS_TOKEN, CLIENT_SECRET, REFRESH_TOKEN];

describe("no secret in a Zoho Recruit error, when the API echoes the request", () => {
  it("paginate's ZohoRecruitApiError: message, body, details, JSON, inspect and stack", async () => {
    const server = await echoingZoho();
    const zoho = zohoClient(server.url);
    let caught: unknown;
    try {
      for await (const _ of zoho.paginate("/Candidates")) break;
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ZohoRecruitApiError);
    const error = caught as ZohoRecruitApiError;
    expect(error.code).toBe("INVALID_DATA");
    expect(error.body?.message).toContain("GET /recruit/v2/Candidates");
    expect(JSON.stringify(error.details)).toContain("POST /oauth/v2/token");
    expect(error.message).toContain("[redacted]");
    expect(leakedSecrets(error, SECRETS)).toEqual([]);
    await zoho.dispose();
  });

  it("bulkWrite's ZohoRecruitBulkWriteError", async () => {
    const server = await echoingZoho();
    const zoho = zohoClient(server.url);
    const error = await zoho.bulkWrite("POST", "/Candidates/upsert", { records: [{ Last_Name: "Smith" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(ZohoRecruitApiError);
    expect((error as ZohoRecruitApiError).body?.message).toContain("POST /recruit/v2/Candidates/upsert");
    expect(leakedSecrets(error, SECRETS)).toEqual([]);
    await zoho.dispose();
  });
});
