import { describe, expect, it } from "vitest";
import { leakedSecrets, useEchoServers } from "../../../scripts/test-leaks.mjs";
import {
  createSmartRecruitersClient,
  describeSmartRecruitersErrors,
  formatSmartRecruitersErrors,
  SmartRecruitersApiError,
} from "../src/index.js";

const CLIENT_SECRET = "sr-leak-client-secret";
const ACCESS_TOKEN = "sr-leak-access-token-0123456789";
const API_KEY = "sr-leak-api-key-0123456789";

const startEchoServer = useEchoServers();

/**
 * SmartRecruiters' token endpoint, and an API that answers every request with the Customer
 * API error envelope `{ message, errors: [{ code, message, dataPath }] }`
 * (https://developers.smartrecruiters.com/docs/customer-overview), copying into every field what it
 * received: this request, then each earlier one (the token request's client secret).
 */
async function echoingSmartRecruiters() {
  return startEchoServer((echo, seen, req) => {
    if (req.url?.startsWith("/identity/oauth/token")) {
      return [200, { access_token: ACCESS_TOKEN, token_type: "bearer", expires_in: 1800 }];
    }
    return [400, { message: echo, errors: seen.map((e) => ({ code: e, message: e, dataPath: e })) }];
  });
}

async function pageError(client: ReturnType<typeof createSmartRecruitersClient>): Promise<unknown> {
  try {
    for await (const _ of client.paginate("/candidates")) break;
  } catch (err) {
    return err;
  }
  return undefined;
}

describe("no secret in a SmartRecruiters error, when the API echoes the request", () => {
  it("OAuth client: paginate's SmartRecruitersApiError, message, JSON, inspect and stack", async () => {
    const server = await echoingSmartRecruiters();
    const sr = createSmartRecruitersClient({
      auth: { clientId: "sr-leak-client", clientSecret: CLIENT_SECRET },
      baseUrl: server.url,
      tokenUrl: `${server.url}/identity/oauth/token`,
      retry: false,
    });
    const error = (await pageError(sr)) as SmartRecruitersApiError;
    expect(error).toBeInstanceOf(SmartRecruitersApiError);
    expect(error.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("GET /candidates"),
      expect.stringContaining("POST /identity/oauth/token"),
    ]);
    expect(error.code).toContain("[redacted]");
    expect(leakedSecrets(error, [ACCESS_TOKEN, CLIENT_SECRET])).toEqual([]);

    const { error: body } = await sr.GET("/candidates", {});
    expect(leakedSecrets(new Error(formatSmartRecruitersErrors(body)), [ACCESS_TOKEN, CLIENT_SECRET])).toEqual([]);
    expect(JSON.stringify(describeSmartRecruitersErrors(body))).not.toContain(ACCESS_TOKEN);
    await sr.dispose();
  });

  it("API key client: the X-SmartToken echoed back is redacted", async () => {
    const server = await echoingSmartRecruiters();
    const sr = createSmartRecruitersClient({ auth: { apiKey: API_KEY }, baseUrl: server.url, retry: false });
    const error = await pageError(sr);
    expect(error).toBeInstanceOf(SmartRecruitersApiError);
    expect((error as SmartRecruitersApiError).errors[0]?.message).toContain("x-smarttoken: [redacted]");
    expect(leakedSecrets(error, [API_KEY])).toEqual([]);
    await sr.dispose();
  });
});
