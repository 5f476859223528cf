import nock from "nock";
import { createPCRecruiterClient, type PCRecruiterClientOptions } from "../src/index.js";

export const HOST = "https://www2.pcrecruiter.net";
export const BASE = "/rest/api";
export const login = {
  username: "apiuser",
  password: "pcr-test-password",
  databaseId: "SampleDB.SampleProfile",
  apiKey: "pcr-test-api-key",
  appId: "app-1",
};

/** The vendor's login endpoint (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Access-Token.html): one session, whatever follows. */
export function session(id = "S1", host = HOST) {
  return nock(host)
    .post(`${BASE}/access-token`, {
      Username: login.username,
      Password: login.password,
      DatabaseId: login.databaseId,
      ApiKey: login.apiKey,
      AppId: login.appId,
    })
    .matchHeader("content-type", "application/json")
    .once()
    .reply(200, { SessionId: id });
}

/** Interceptors that only match a request carrying the session as documented: `BEARER {SessionId}`. */
export const api = (id = "S1", host = HOST) => nock(host, { reqheaders: { authorization: `BEARER ${id}` } });

export const client = (options: Partial<PCRecruiterClientOptions> = {}) => createPCRecruiterClient({ auth: login, ...options });
