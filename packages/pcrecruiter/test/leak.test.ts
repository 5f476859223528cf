import { describe, expect, it } from "vitest";
import { leakedSecrets, useEchoServers } from "../../../scripts/test-leaks.mjs";
import { checkInhalerResult, createPCRecruiterClient, PCRecruiterApiError, type PCRecruiterError } from "../src/index.js";

const PASSWORD = "pcr-leak-password-0123";
const API_KEY = "pcr-leak-api-key-0123456789";
const SESSION_TOKEN = "pcr-leak-session-id-0123456789";

const startEchoServer = useEchoServers();

/**
 * PCRecruiter's login, and an API that answers every request with the error fields its
 * clients read (`Message`, `message`, `errorMessage`, `errors`; the format is undocumented,
 * https://www.pcrecruiter.net/APIDOCS_V2/), copying into them what it received: this
 * request, then each earlier one (the login with password and API key). The résumé
 * inhaler answers 200 with the failure in-band, as documented.
 */
async function echoingPCRecruiter() {
  return startEchoServer((echo, seen, req) => {
    if (req.url?.endsWith("/access-token")) return [200, { SessionId: SESSION_TOKEN }];
    if (req.url?.endsWith("/candidates/inhaler")) return [200, { status: echo, errorMessage: seen.join(" | ") }];
    return [400, { Message: echo, errors: seen, errorMessage: seen[1] }];
  });
}

const SECRETS = [PASSWORD, API_KEY, SESSION_TOKEN];

describe("no secret in a PCRecruiter error, when the API echoes the request", () => {
  const login = { username: "leak-user", password: PASSWORD, databaseId: "Leak.DB", apiKey: API_KEY, appId: "leak-app" };

  it("paginate's PCRecruiterApiError: message, vendorMessage, JSON, inspect and stack", async () => {
    const server = await echoingPCRecruiter();
    const pcr = createPCRecruiterClient({ auth: login, baseUrl: `${server.url}/rest/api`, retry: false });
    let caught: unknown;
    try {
      for await (const _ of pcr.paginate("/candidatesV2")) break;
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PCRecruiterApiError);
    expect((caught as PCRecruiterApiError).vendorMessage).toContain("GET /rest/api/candidatesV2");
    expect((caught as PCRecruiterApiError).message).toContain("authorization: BEARER [redacted]");
    expect(leakedSecrets(caught, SECRETS)).toEqual([]);
    await pcr.dispose();
  });

  it("checkInhalerResult's IMPORT_FAILED", async () => {
    const server = await echoingPCRecruiter();
    const pcr = createPCRecruiterClient({ auth: login, baseUrl: `${server.url}/rest/api`, retry: false });
    const { data } = await pcr.POST("/candidates/inhaler", { body: { FileName: "cv.pdf", FileContents: "UEsD" } });
    let caught: unknown;
    try {
      checkInhalerResult(data);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: "IMPORT_FAILED" });
    expect((caught as PCRecruiterError).vendorMessage).toContain("POST /rest/api/access-token");
    expect(leakedSecrets(caught, SECRETS)).toEqual([]);
    await pcr.dispose();
  });
});
