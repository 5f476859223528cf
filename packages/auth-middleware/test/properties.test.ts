/**
 * Property-based tests (fast-check) of the token-response parser: whatever a token endpoint
 * answers, the caller gets a token taken verbatim from `access_token` or a typed AuthError,
 * never another exception, and never a secret in the message.
 */
import fc from "fast-check";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { AuthError, clientCredentials, createAuthMiddleware } from "../src/index.js";
import { parseOAuthToken } from "../src/token-endpoint.js";

const SECRET = "prop-test-client-secret-5d1e";
const YEAR_MS = 366 * 24 * 3600 * 1000;
const CODES = new Set(["TOKEN_REJECTED", "TOKEN_RATE_LIMITED", "TOKEN_HTTP_ERROR", "TOKEN_REDIRECT", "INVALID_TOKEN_RESPONSE"]);

const tokenish = fc.record(
  {
    access_token: fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,40}$/), fc.integer(), fc.constant(null)),
    token_type: fc.oneof(fc.constantFrom("bearer", "Bearer", "BEARER", "mac"), fc.string(), fc.integer()),
    expires_in: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constantFrom("3600", " 60 ", "1e3", "-1", null)),
    refresh_token: fc.oneof(fc.string(), fc.integer()),
    error: fc.oneof(fc.constantFrom("invalid_client", "invalid_grant", "slow_down"), fc.string()),
    error_description: fc.oneof(fc.string(), fc.constant(`secret is ${SECRET}`)),
  },
  { requiredKeys: [] },
);

describe("token response parser (properties)", () => {
  it("parseOAuthToken: any JSON object gives the access_token verbatim with a sane lifetime, or INVALID_TOKEN_RESPONSE", () => {
    fc.assert(
      fc.property(fc.oneof(tokenish, fc.dictionary(fc.string(), fc.jsonValue())), (body) => {
        try {
          const token = parseOAuthToken(body as Record<string, unknown>, "prop", 200);
          expect(token.value).toBe(body.access_token);
          expect(token.value).toMatch(/^\S+$/);
          if (token.lifetimeMs !== undefined) {
            expect(token.lifetimeMs).toBeGreaterThan(0);
            expect(token.lifetimeMs).toBeLessThanOrEqual(YEAR_MS);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(AuthError);
          expect((error as AuthError).code).toBe("INVALID_TOKEN_RESPONSE");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("end to end: any status and body from the token endpoint gives the API that token, or a typed AuthError without the secret", async () => {
    const answer = fc.record({
      status: fc.constantFrom(200, 201, 204, 302, 400, 401, 403, 429, 500, 502, 503),
      contentType: fc.constantFrom("application/json", "text/html", "text/plain", ""),
      body: fc.oneof(
        tokenish.map((b) => JSON.stringify(b)),
        fc.string(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      ),
    });
    await fc.assert(
      fc.asyncProperty(answer, async ({ status, contentType, body }) => {
        let sent: string | null = null;
        const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          if (request.url.endsWith("/token")) {
            const headers: Record<string, string> = contentType === "" ? {} : { "content-type": contentType };
            if (status === 302) headers.location = "https://elsewhere.example/";
            return new Response([204, 302].includes(status) ? null : body, { status, headers });
          }
          sent = request.headers.get("authorization");
          return new Response("{}", { headers: { "content-type": "application/json" } });
        };
        const auth = createAuthMiddleware(
          clientCredentials({
            tokenUrl: "https://auth.example/token",
            clientId: "prop-client",
            clientSecret: SECRET,
            clientAuthentication: "client_secret_post",
            apiBaseUrl: "https://api.example",
          }),
          { fetch: fetch as typeof globalThis.fetch },
        );
        const client = createClient<Record<string, never>>({ baseUrl: "https://api.example", fetch: fetch as never });
        client.use(auth);
        try {
          await (client.GET as unknown as (p: string) => Promise<unknown>)("/records");
          const parsed = JSON.parse(body) as { access_token: string };
          expect(sent).toBe(`Bearer ${parsed.access_token}`);
        } catch (error) {
          expect(error).toBeInstanceOf(AuthError);
          expect(CODES.has((error as AuthError).code)).toBe(true);
          expect(String(error) + JSON.stringify(error)).not.toContain(SECRET);
          expect(sent).toBeNull();
        } finally {
          await auth.dispose();
        }
      }),
      { numRuns: 300 },
    );
  });
});
