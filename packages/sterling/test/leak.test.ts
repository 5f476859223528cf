import { describe, expect, it } from "vitest";
import { leakedSecrets, useEchoServers } from "../../../scripts/test-leaks.mjs";
import { createSterlingClient, describeSterlingErrors, formatSterlingErrors, SterlingApiError } from "../src/index.js";

const CLIENT_ID = "sterling-leak-client";
const CLIENT_SECRET = "sterling-leak-client-secret";
const ACCESS_TOKEN = "sterling-leak-access-token-0123456789";

const startEchoServer = useEchoServers();

/**
 * Sterling's token endpoint, and an API that answers every request with its documented
 * error envelope `{ errors: [{ code, message }] }` (https://apidocs.sterlingcheck.app/),
 * copying into every field what it received: this request, then each earlier one (the
 * token request's Basic header with the client secret).
 */
async function echoingSterling() {
  return startEchoServer((_echo, seen, req) => {
    if (req.url?.endsWith("/oauth")) return [200, { access_token: ACCESS_TOKEN, token_type: "bearer", expires_in: 3600 }];
    return [400, { errors: seen.map((e) => ({ code: `400#${e}?${e}`, message: e })) }];
  });
}

describe("no secret in a Sterling error, when the API echoes the request", () => {
  it("paginate's SterlingApiError: message, JSON, inspect and stack", async () => {
    const server = await echoingSterling();
    const sterling = createSterlingClient({
      auth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      environment: "integration",
      baseUrl: `${server.url}/v2`,
      tokenUrl: `${server.url}/v2/oauth`,
      retry: false,
    });
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
    let caught: unknown;
    try {
      for await (const _ of sterling.paginate("/candidates")) break;
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SterlingApiError);
    const error = caught as SterlingApiError;
    // The echo is there (the test is not vacuous), the credentials are not.
    expect(error.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("GET /v2/candidates"),
      expect.stringContaining("POST /v2/oauth"),
    ]);
    expect(error.message).toContain("[redacted]");
    expect(leakedSecrets(error, [ACCESS_TOKEN, CLIENT_SECRET, basic])).toEqual([]);

    // The same body read by the public helpers, from the typed methods' `{ error }`.
    const { error: body } = await sterling.GET("/candidates", {});
    expect(leakedSecrets(new Error(formatSterlingErrors(body)), [ACCESS_TOKEN, CLIENT_SECRET, basic])).toEqual([]);
    expect(JSON.stringify(describeSterlingErrors(body))).not.toContain(ACCESS_TOKEN);
    await sterling.dispose();
  });
});
