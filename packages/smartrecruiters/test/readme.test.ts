import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: { SR_API_KEY: "readme-sr-key" },
  scenarios: {
    "list-jobs": {
      arrange: () => {
        nock("https://api.smartrecruiters.com")
          .get("/jobs")
          .query({ limit: "10" })
          .matchHeader("x-smarttoken", "readme-sr-key")
          .reply(200, { offset: 0, limit: 10, totalFound: 1, content: [{ id: "j1", title: "Recruiter" }] });
      },
      logs: [[1, ["Recruiter"]]],
    },
  },
});
