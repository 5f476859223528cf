import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { inject } from "vitest";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

const redisUrl = inject("redisUrl");

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  skip: !redisUrl,
  env: {
    REDIS_URL: redisUrl,
    CLIENT_ID: "fleet-client",
    CLIENT_SECRET: "fleet-secret",
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  },
  scenarios: {
    fleet: {
      arrange: () => {
        nock("https://auth.example.org")
          .post("/oauth/token")
          .once()
          .delay(50)
          .reply(200, { access_token: "shared", expires_in: 3600 });
        nock("https://api.example.org")
          .get("/jobs")
          .times(2)
          .matchHeader("authorization", "Bearer shared")
          .reply(200, { totalFound: 7 });
      },
      logs: [[[7, 7]]],
    },
  },
});
