import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples, type ReadmeScenario } from "../../../scripts/readme-test.mjs";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

const env = {
  STERLING_CLIENT_ID: "readme-client",
  STERLING_CLIENT_SECRET: "readme-sterling-secret",
  PCR_USERNAME: "readme.user",
  PCR_PASSWORD: "readme-pcr-password",
  PCR_API_KEY: "readme-pcr-key",
  PCR_APP_ID: "readme-app",
  ZOHO_CLIENT_ID: "1000.README",
  ZOHO_CLIENT_SECRET: "readme-zoho-secret",
  ZOHO_REFRESH_TOKEN: "1000.readme.refresh",
  ZOHO_GRANT_CODE: "1000.readme.code",
  SR_API_KEY: "readme-sr-api-key",
  SR_CLIENT_ID: "readme-sr-client",
  SR_CLIENT_SECRET: "readme-sr-secret",
  SR_REFRESH_TOKEN: "readme-sr-refresh-1",
  BH_CLIENT_ID: "readme-bh-client",
  BH_CLIENT_SECRET: "readme-bh-secret",
  BH_API_USER: "readme.api.user",
  BH_REFRESH_TOKEN: "readme-bh-refresh-1",
  CLIENT_ID: "generic-client",
  CLIENT_SECRET: "generic-secret",
};

const sterling = () => {
  nock("https://api.us.int.sterlingcheck.app")
    .post("/v2/oauth", "grant_type=client_credentials")
    .matchHeader("authorization", `Basic ${Buffer.from("readme-client:readme-sterling-secret").toString("base64")}`)
    .reply(200, { access_token: "st-token", token_type: "bearer", expires_in: "36000" });
  nock("https://api.us.int.sterlingcheck.app")
    .get("/v2/packages")
    .matchHeader("authorization", "Bearer st-token")
    .reply(200, [{ id: "pkg-1", title: "Basic criminal" }]);
};

/** The vendor's side of each README example, and what the example must print. */
const scenarios: Record<string, ReadmeScenario> = {
  "quick-start": { arrange: sterling, logs: [[["Basic criminal"]]] },
  pcrecruiter: {
    arrange: () => {
      const pcr = nock("https://www2.pcrecruiter.net");
      pcr.post("/rest/api/access-token").reply(200, { SessionId: "pcr-session" });
      pcr
        .get("/rest/api/candidatesV2/1234567")
        .matchHeader("authorization", "BEARER pcr-session")
        .reply(200, { CandidateId: 1234567, FirstName: "Ada" });
      pcr.delete("/rest/api/access-token").matchHeader("authorization", "BEARER pcr-session").reply(200, { Success: true });
    },
    logs: [["Ada"]],
  },
  "zoho-recruit": {
    arrange: () => {
      nock("https://accounts.zoho.eu")
        .post("/oauth/v2/token")
        .reply(200, { access_token: "1000.zat", token_type: "Bearer", expires_in: 3600 });
      nock("https://recruit.zoho.eu")
        .get("/recruit/v2/users")
        .matchHeader("authorization", "Zoho-oauthtoken 1000.zat")
        .reply(200, { users: [{ id: "1", full_name: "Grace Hopper" }] });
    },
    logs: [[["Grace Hopper"]]],
  },
  "zoho-code": {
    arrange: () => {
      nock("https://accounts.zoho.eu")
        .post("/oauth/v2/token", (body) => body.grant_type === "authorization_code" && body.code === "1000.readme.code")
        .reply(200, {
          access_token: "1000.a",
          refresh_token: "1000.r",
          api_domain: "https://www.zohoapis.eu",
          token_type: "Bearer",
          expires_in: 3600,
        });
      nock("https://accounts.zoho.eu")
        .post("/oauth/v2/token/revoke")
        .query({ token: "1000.r" })
        .reply(200, { status: "success" });
    },
    logs: [["refresh token received:", true, "API domain:", "https://www.zohoapis.eu"]],
  },
  smartrecruiters: {
    arrange: () => {
      const sr = nock("https://api.smartrecruiters.com");
      sr.get("/jobs").matchHeader("x-smarttoken", "readme-sr-api-key").reply(200, { totalFound: 3 });
      sr.post("/identity/oauth/token").reply(200, { access_token: "sr-token", token_type: "bearer", expires_in: 1799 });
      sr.get("/jobs").matchHeader("authorization", "Bearer sr-token").reply(200, { totalFound: 3 });
    },
    logs: [[3, 3]],
  },
  "smartrecruiters-user": {
    arrange: () => {
      const sr = nock("https://api.smartrecruiters.com");
      sr.post(
        "/identity/oauth/token",
        (body) =>
          body.grant_type === "refresh_token" &&
          body.refresh_token === "readme-sr-refresh-1" &&
          body.client_id === "readme-sr-client",
      ).reply(200, {
        access_token: "sr-user-token",
        token_type: "bearer",
        expires_in: 1799,
        refresh_token: "readme-sr-refresh-2",
      });
      sr.get("/jobs").matchHeader("authorization", "Bearer sr-user-token").reply(200, { totalFound: 7 });
    },
    logs: [[7]],
  },
  bullhorn: {
    arrange: () => {
      nock("https://rest.bullhornstaffing.com")
        .get("/rest-services/loginInfo")
        .query({ username: "readme.api.user" })
        .reply(200, {
          oauthUrl: "https://auth-west.bullhornstaffing.com/oauth",
          restUrl: "https://rest-west.bullhornstaffing.com/rest-services",
        });
      nock("https://auth-west.bullhornstaffing.com")
        .post("/oauth/token")
        .query({
          grant_type: "refresh_token",
          refresh_token: "readme-bh-refresh-1",
          client_id: "readme-bh-client",
          client_secret: "readme-bh-secret",
        })
        .reply(200, { access_token: "bh-access", token_type: "Bearer", expires_in: 600, refresh_token: "readme-bh-refresh-2" });
      nock("https://rest-west.bullhornstaffing.com")
        .get("/rest-services/login")
        .query({ version: "*", access_token: "bh-access", ttl: "60" })
        .reply(200, { BhRestToken: "bh-session", restUrl: "https://rest42.bullhornstaffing.com/rest-services/e999/" });
      const corp = nock("https://rest42.bullhornstaffing.com", { reqheaders: { bhresttoken: "bh-session" } });
      corp
        .get("/rest-services/e999/entity/Candidate/7")
        .query({ fields: "id,firstName" })
        .reply(200, { data: { id: 7, firstName: "Ada" } });
      corp.get("/rest-services/e999/logout").reply(200, { logout: "OK" });
    },
    logs: [["new refresh token stored"], ["Ada"]],
  },
  generic: {
    arrange: () => {
      nock("https://auth.example.org")
        .post("/oauth/token", "grant_type=client_credentials&scope=profile")
        .reply(200, { access_token: "g", expires_in: 60 });
      nock("https://api.example.org").get("/v1/me").matchHeader("authorization", "Bearer g").reply(200, { name: "generic" });
    },
    logs: [["generic"]],
  },
  origin: {
    arrange: () => {
      nock("https://api.smartrecruiters.com")
        .get("/jobs")
        .matchHeader("x-smarttoken", "readme-sr-api-key")
        .reply(400, { message: "key readme-sr-api-key is not allowed here" });
    },
    logs: [["ORIGIN_NOT_ALLOWED"], ["key [redacted] is not allowed here"]],
  },
  "shared-store": {
    arrange: () => {
      nock("https://api.us.int.sterlingcheck.app")
        .post("/v2/oauth")
        .once()
        .reply(200, { access_token: "shared", expires_in: 36000 });
      nock("https://api.us.int.sterlingcheck.app")
        .get("/v2/packages")
        .times(2)
        .matchHeader("authorization", "Bearer shared")
        .reply(200, []);
    },
    logs: [],
  },
  events: {
    arrange: () => {
      nock("https://api.us.int.sterlingcheck.app").post("/v2/oauth").reply(401, { error: "invalid_client" });
    },
    logs: [
      ["auth event", "refresh_failed"],
      ["TOKEN_REJECTED", 401, "invalid_client"],
    ],
  },
};

describeReadmeExamples({ packageDir, env, scenarios });
