import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: { EXAMPLE_KEY: "readme-example-key" },
  scenarios: {
    define: {
      arrange: () => {
        const api = () => nock("https://eu.api.example.com", { reqheaders: { "x-api-key": "readme-example-key" } });
        api()
          .get("/v1/jobs")
          .query({ page: 1 })
          .reply(200, { jobs: [{ id: "1", title: "Nurse" }], more: true });
        api().get("/v1/jobs").query({ page: 2 }).reply(503, "", { "retry-after": "0" });
        api()
          .get("/v1/jobs")
          .query({ page: 2 })
          .reply(200, { jobs: [{ id: "2", title: "Welder" }], more: false });
      },
      logs: [["Nurse"], ["Welder"]],
    },
    errors: {
      arrange: () => undefined,
      logs: [["INVALID_OPTION", "baseUrl", 'example: option "baseUrl" must be an absolute URL']],
    },
  },
});
