import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

const USER = "readme.api.user";
const CORP = "https://rest42.bullhornstaffing.com";

/** Discovery, the refresh-token grant and the login, exactly as Bullhorn documents them. */
function session(): nock.Scope {
  nock("https://rest.bullhornstaffing.com").get("/rest-services/loginInfo").query({ username: USER }).reply(200, {
    oauthUrl: "https://auth-west.bullhornstaffing.com/oauth",
    restUrl: "https://rest-west.bullhornstaffing.com/rest-services",
  });
  nock("https://auth-west.bullhornstaffing.com")
    .post("/oauth/token")
    .query({
      grant_type: "refresh_token",
      refresh_token: "readme-refresh-1",
      client_id: "readme-client",
      client_secret: "readme-secret",
    })
    .reply(200, { access_token: "readme-access", token_type: "Bearer", expires_in: 600, refresh_token: "readme-refresh-2" });
  nock("https://rest-west.bullhornstaffing.com")
    .get("/rest-services/login")
    .query({ version: "*", access_token: "readme-access" })
    .reply(200, { BhRestToken: "readme-session", restUrl: `${CORP}/rest-services/e999/` });
  const corp = nock(CORP, { reqheaders: { bhresttoken: "readme-session" } });
  corp.get("/rest-services/e999/logout").reply(200, { logout: "OK" });
  return corp;
}

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: {
    BULLHORN_CLIENT_ID: "readme-client",
    BULLHORN_CLIENT_SECRET: "readme-secret",
    BULLHORN_API_USER: USER,
    BULLHORN_REFRESH_TOKEN: "readme-refresh-1",
  },
  scenarios: {
    "quick-start": {
      arrange: () => {
        const corp = session();
        corp
          .get("/rest-services/e999/entity/Candidate/7")
          .query({ fields: "id,firstName,lastName" })
          .reply(200, { data: { id: 7, firstName: "Ada", lastName: "Lovelace" } });
        const jobs = (start: number, data: unknown[]) =>
          corp
            .get("/rest-services/e999/search/JobOrder")
            .query({ query: "isOpen:1 AND isDeleted:0", fields: "id,title", count: "2", start: String(start) })
            .reply(200, { total: 3, start, count: data.length, data });
        jobs(0, [
          { id: 1, title: "Welder" },
          { id: 2, title: "Nurse" },
        ]);
        jobs(2, [{ id: 3, title: "Driver" }]);
      },
      logs: [["rotated refresh token stored"], ["Ada"], ["Welder"], ["Nurse"], ["Driver"]],
    },
    errors: {
      arrange: () => {
        session()
          .get("/rest-services/e999/search/Candidate")
          .query({ query: "name:(", fields: "id", count: "500", start: "0" })
          .reply(400, { errorMessage: "Invalid query", errorMessageKey: "errors.search.badQuery", errorCode: 400 });
      },
      logs: [[400, "errors.search.badQuery"]],
    },
  },
});
