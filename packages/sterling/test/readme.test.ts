import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

const host = "https://api.us.int.sterlingcheck.app";
describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: { STERLING_CLIENT_ID: "readme-id", STERLING_CLIENT_SECRET: "readme-secret" },
  scenarios: {
    "list-packages": {
      arrange: () => {
        nock(host)
          .post("/v2/oauth", "grant_type=client_credentials")
          .reply(200, { access_token: "t", token_type: "bearer", expires_in: "3600" });
        nock(host)
          .get("/v2/packages")
          .matchHeader("authorization", "Bearer t")
          .reply(200, [
            { id: "123", title: "Standard", active: true, type: "Standard", components: [], products: [], requiredFields: [] },
          ]);
      },
      logs: [[["123: Standard"]]],
    },
  },
});
