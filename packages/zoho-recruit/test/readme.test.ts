import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: { ZOHO_CLIENT_ID: "1000.C", ZOHO_CLIENT_SECRET: "readme-secret", ZOHO_REFRESH_TOKEN: "1000.r" },
  scenarios: {
    "list-candidates": {
      arrange: () => {
        nock("https://accounts.zoho.eu").post("/oauth/v2/token").reply(200, { access_token: "1000.a", expires_in: 3600 });
        nock("https://recruit.zoho.eu")
          .get("/recruit/v2/Candidates")
          .query({ page: "1", per_page: "50" })
          .matchHeader("authorization", "Zoho-oauthtoken 1000.a")
          .reply(200, {
            data: [{ id: "1", Last_Name: "Hopper" }],
            info: { page: 1, per_page: 50, count: 1, more_records: false },
          });
      },
      logs: [[200, ["Hopper"]]],
    },
  },
});
