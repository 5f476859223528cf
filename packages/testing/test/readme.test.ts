import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

// The examples talk to real loopback fakes, not to nock interceptors.
const loopback = () => nock.enableNetConnect(/^127\.0\.0\.1:\d+$/);

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  scenarios: {
    sterling: { arrange: loopback, logs: [["Pending", 1]] },
    expiry: {
      arrange: loopback,
      logs: [[200, { requests: 3, tokensIssued: 2, tokensRefused: 0, retries: 1, statuses: { 200: 2, 401: 1 }, invalid: 0 }]],
    },
    throttle: {
      arrange: loopback,
      logs: [
        [429, "30", { message: "too many requests", errors: [{ code: "TOO_MANY_REQUESTS", message: "too many requests" }] }],
        [200, ["GET /jobs 429", "GET /jobs 200"]],
      ],
    },
    "spec-check": {
      arrange: loopback,
      logs: [
        [
          400,
          { errors: [{ code: "400#email", message: '"email" is required' }] },
          [{ in: "body", field: "email", message: '"email" is required' }],
        ],
      ],
    },
    zoho: { arrange: loopback, logs: [["https://www.zohoapis.eu", "string"]] },
    bullhorn: { arrange: loopback, logs: [[307, 5, 2, 400, 1]] },
    demo: { arrange: loopback, logs: [[{ requests: 69, tokensFetched: 12, retries: 10, invalid: 0 }]] },
  },
});
