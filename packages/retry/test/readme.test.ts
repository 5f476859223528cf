import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: { SR_API_KEY: "readme-retry-sr-api-key" },
  scenarios: {
    generic: {
      arrange: () => {
        nock("https://api.example.com").get("/jobs/j1").reply(503, "", { "retry-after": "0" });
        nock("https://api.example.com").get("/jobs/j1").reply(200, { id: "j1", title: "Engineer" });
      },
      logs: [["retry", 1, "after HTTP", 503], ["Engineer"]],
    },
    vendor: {
      arrange: () => {
        const api = () => nock("https://api.smartrecruiters.com", { reqheaders: { "x-smarttoken": "readme-retry-sr-api-key" } });
        api().get("/jobs/3f1c2b9e").reply(429, {}, { "retry-after": "0" });
        api().get("/jobs/3f1c2b9e").reply(200, { id: "3f1c2b9e", title: "Nurse" });
      },
      logs: [["SmartRecruiters busy, retry", 1], ["Nurse"]],
    },
  },
});
