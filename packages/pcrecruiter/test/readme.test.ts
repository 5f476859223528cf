import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

const host = "https://www2.pcrecruiter.net";
describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: { PCR_USERNAME: "u", PCR_PASSWORD: "readme-password", PCR_API_KEY: "readme-key", PCR_APP_ID: "app" },
  scenarios: {
    "get-candidate": {
      arrange: () => {
        nock(host).post("/rest/api/access-token").reply(200, { SessionId: "S" });
        nock(host)
          .get("/rest/api/candidatesV2/42")
          .matchHeader("authorization", "BEARER S")
          .reply(200, { CandidateId: 42, FirstName: "Ada", LastName: "Lovelace" });
        nock(host).delete("/rest/api/access-token").matchHeader("authorization", "BEARER S").reply(200, { Success: true });
      },
      logs: [["Ada", "Lovelace"]],
    },
  },
});
