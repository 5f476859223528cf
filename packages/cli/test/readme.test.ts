import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: {
    SR_CLIENT_ID: "readme-sr-client",
    SR_CLIENT_SECRET: "readme-sr-secret",
    HIREKIT_STERLING_CLIENT_ID: "readme-id",
    HIREKIT_STERLING_CLIENT_SECRET: "readme-secret",
    HIREKIT_STERLING_ENVIRONMENT: "integration",
  },
  scenarios: {
    exchange: {
      arrange: () => {
        nock("https://api.smartrecruiters.com")
          .post("/identity/oauth/token", {
            grant_type: "authorization_code",
            client_id: "readme-sr-client",
            client_secret: "readme-sr-secret",
            code: "code-from-the-redirect",
            redirect_uri: "http://127.0.0.1:8721/callback",
          })
          .reply(200, { access_token: "sr-access", refresh_token: "sr-refresh", token_type: "bearer", expires_in: 1800 });
      },
      logs: [
        ["refresh token received:", true],
        ["access token for", 30, "minutes"],
      ],
    },
    "run-cli": {
      arrange: () => {
        nock("https://api.us.int.sterlingcheck.app")
          .post("/v2/oauth", "grant_type=client_credentials")
          .matchHeader("authorization", `Basic ${Buffer.from("readme-id:readme-secret").toString("base64")}`)
          .reply(200, { access_token: "t", token_type: "bearer", expires_in: "36000" });
      },
      logs: [["exit code", 0, true]],
    },
  },
});
