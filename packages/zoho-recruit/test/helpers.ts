import nock from "nock";
import { createZohoRecruitClient, type ZohoRecruitClientOptions, type ZohoRegion } from "../src/index.js";

export const ACCOUNTS = "https://accounts.zoho.eu";
export const RECRUIT = "https://recruit.zoho.eu";
export const CLIENT_SECRET = "zoho-test-client-secret";

/** nock for every test file: no real network, every interceptor used. */
export { useNock } from "../../../scripts/test-nock.mjs";

// Zoho allows 10 access tokens per refresh token per 10 minutes and the scheme queues
// requests beyond that for the whole process, so each client gets its own refresh token.
let serial = 0;
export function credentials() {
  serial++;
  return { clientId: "1000.TESTCLIENT", clientSecret: CLIENT_SECRET, refreshToken: `1000.refresh.${serial}` };
}

/** Zoho's refresh grant at the accounts server (form body), answering one access token. */
export function token(refreshToken: string, accounts = ACCOUNTS, accessToken = "1000.access"): nock.Scope {
  return nock(accounts)
    .post(
      "/oauth/v2/token",
      (body: Record<string, string>) => body.grant_type === "refresh_token" && body.refresh_token === refreshToken,
    )
    .once()
    .reply(200, { access_token: accessToken, api_domain: "https://www.zohoapis.eu", token_type: "Bearer", expires_in: 3600 });
}

/** The Recruit API of the EU data centre, expecting Zoho's `Zoho-oauthtoken` header. */
export const api = (host = RECRUIT, accessToken = "1000.access") =>
  nock(host, { reqheaders: { authorization: `Zoho-oauthtoken ${accessToken}` } });

/** A client of the EU data centre whose token request is already arranged. */
export function client(options: Partial<ZohoRecruitClientOptions> & { region?: ZohoRegion } = {}) {
  const auth = credentials();
  token(auth.refreshToken);
  return createZohoRecruitClient({ region: "eu", auth, ...options });
}
