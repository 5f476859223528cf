import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, type AuthErrorCode, clientCredentials, createAuthMiddleware } from "../src/index.js";
import { clientFor, json, startApiServer, startServer, type TestServer } from "./helpers.js";

/** Rule 7: every one of these answers is a typed error, never a token. */
const cases: Array<[string, (res: ServerResponse, other: string) => void, AuthErrorCode, Partial<AuthError>?]> = [
  [
    "an HTML page with 200",
    (res) => res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Login</body></html>"),
    "INVALID_TOKEN_RESPONSE",
  ],
  [
    "an HTML error page with 502",
    (res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad gateway</html>"),
    "TOKEN_HTTP_ERROR",
    { status: 502 },
  ],
  [
    "200 carrying an OAuth error",
    (res) => json(res, 200, { error: "invalid_client" }),
    "TOKEN_REJECTED",
    { oauthError: "invalid_client", status: 200 },
  ],
  [
    "400 invalid_grant",
    (res) => json(res, 400, { error: "invalid_grant", error_description: "bad" }),
    "TOKEN_REJECTED",
    { status: 400, oauthError: "invalid_grant" },
  ],
  ["401 without a body", (res) => res.writeHead(401).end(), "TOKEN_REJECTED", { status: 401 }],
  ["429 with Retry-After", (res) => json(res, 429, {}, { "retry-after": "7" }), "TOKEN_RATE_LIMITED", { retryAfterMs: 7000 }],
  ["500", (res) => json(res, 500, { message: "boom" }), "TOKEN_HTTP_ERROR", { status: 500 }],
  ["a missing access_token", (res) => json(res, 200, { token_type: "bearer", expires_in: 3600 }), "INVALID_TOKEN_RESPONSE"],
  ["an empty access_token", (res) => json(res, 200, { access_token: "", expires_in: 3600 }), "INVALID_TOKEN_RESPONSE"],
  ["a numeric access_token", (res) => json(res, 200, { access_token: 12345, expires_in: 3600 }), "INVALID_TOKEN_RESPONSE"],
  [
    "an access_token with white space",
    (res) => json(res, 200, { access_token: "a b", expires_in: 3600 }),
    "INVALID_TOKEN_RESPONSE",
  ],
  ["a negative expires_in", (res) => json(res, 200, { access_token: "t", expires_in: -5 }), "INVALID_TOKEN_RESPONSE"],
  ["a zero expires_in", (res) => json(res, 200, { access_token: "t", expires_in: 0 }), "INVALID_TOKEN_RESPONSE"],
  ["a huge expires_in", (res) => json(res, 200, { access_token: "t", expires_in: 1e12 }), "INVALID_TOKEN_RESPONSE"],
  [
    "a non-numeric expires_in string",
    (res) => json(res, 200, { access_token: "t", expires_in: "soon" }),
    "INVALID_TOKEN_RESPONSE",
  ],
  ["an expires_in object", (res) => json(res, 200, { access_token: "t", expires_in: { s: 1 } }), "INVALID_TOKEN_RESPONSE"],
  [
    "a wrong token_type",
    (res) => json(res, 200, { access_token: "t", token_type: "mac", expires_in: 3600 }),
    "INVALID_TOKEN_RESPONSE",
  ],
  ["an empty body", (res) => res.writeHead(200).end(), "INVALID_TOKEN_RESPONSE"],
  [
    "invalid JSON",
    (res) => res.writeHead(200, { "content-type": "application/json" }).end('{"access_token": "t",'),
    "INVALID_TOKEN_RESPONSE",
  ],
  ["a JSON array", (res) => json(res, 200, [{ access_token: "t" }]), "INVALID_TOKEN_RESPONSE"],
  ["plain text", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("access_token=t"), "INVALID_TOKEN_RESPONSE"],
  [
    "a 302 to another host",
    (res, other) => res.writeHead(302, { location: `${other}/steal` }).end(),
    "TOKEN_REDIRECT",
    { status: 302 },
  ],
  [
    "a 307 to another host",
    (res, other) => res.writeHead(307, { location: `${other}/steal` }).end(),
    "TOKEN_REDIRECT",
    { status: 307 },
  ],
];

let other: TestServer;
let api: TestServer;
beforeAll(async () => {
  other = await startServer((_req, res) => json(res, 200, { access_token: "stolen", expires_in: 3600 }));
  api = await startApiServer();
});
afterAll(async () => {
  await other.close();
  await api.close();
});

describe("malformed token responses are typed errors", () => {
  it.each(cases)("%s", async (_name, respond, code, details = {}) => {
    const server = await startServer((_req, res) => respond(res, other.url));
    try {
      const scheme = clientCredentials({
        tokenUrl: `${server.url}/token`,
        clientId: "id",
        clientSecret: "table-secret",
        clientAuthentication: "client_secret_basic",
      });
      const err = await clientFor(api.url, createAuthMiddleware(scheme))
        .GET("/x")
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect(err).toMatchObject({ code, vendor: "client-credentials", ...details });
      expect(other.requests).toHaveLength(0); // a redirect is never followed
      expect(api.requests).toHaveLength(0); // no request goes out without a credential
    } finally {
      await server.close();
    }
  });

  it("covers at least 15 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it("reports a token endpoint that cannot be reached", async () => {
    const server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    const scheme = clientCredentials({
      tokenUrl: `${url}/token`,
      clientId: "id",
      clientSecret: "s3cret!",
      clientAuthentication: "client_secret_post",
    });
    await expect(clientFor(api.url, createAuthMiddleware(scheme)).GET("/x")).rejects.toMatchObject({
      code: "TOKEN_REQUEST_FAILED",
    });
  });
});
