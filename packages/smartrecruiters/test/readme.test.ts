import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

const HOST = "https://api.smartrecruiters.com";
const SANDBOX = "https://api.sandbox.smartrecruiters.com";
const api = () => nock(HOST, { reqheaders: { "x-smarttoken": "readme-sr-key" } });

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: {
    SR_API_KEY: "readme-sr-key",
    SR_CLIENT_ID: "readme-client",
    SR_CLIENT_SECRET: "readme-secret",
    SR_REFRESH_TOKEN: "readme-refresh-1",
    SR_WEBHOOK_SECRET: "readme-hook-key",
  },
  scenarios: {
    "api-key": {
      arrange: () => {
        api()
          .get("/jobs/3f1c2b9e")
          .reply(200, { id: "3f1c2b9e", title: "Recruiter" }, { "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "9" });
      },
      logs: [["Recruiter", 9]],
    },
    oauth: {
      arrange: () => {
        nock(SANDBOX)
          .post("/identity/oauth/token", {
            grant_type: "client_credentials",
            client_id: "readme-client",
            client_secret: "readme-secret",
          })
          .reply(200, { access_token: "sandbox-token", token_type: "bearer", expires_in: 1800 });
        nock(SANDBOX, { reqheaders: { authorization: "Bearer sandbox-token" } })
          .get("/user-api/v201804/users/me")
          .reply(200, { id: "5e8f0c3b2a1d4e5f6a7b8c9d", email: "integration@example.com" });
      },
      logs: [["token_obtained"], ["integration@example.com"]],
    },
    "user-grant": {
      arrange: () => {
        nock(HOST)
          .post("/identity/oauth/token", {
            grant_type: "refresh_token",
            refresh_token: "readme-refresh-1",
            client_id: "readme-client",
            client_secret: "readme-secret",
          })
          .reply(200, { access_token: "user-token", token_type: "bearer", expires_in: 1800, refresh_token: "readme-refresh-2" });
        nock(HOST, { reqheaders: { authorization: "Bearer user-token" } })
          .get("/user-api/v201804/users/me")
          .reply(200, { id: "5e8f0c3b2a1d4e5f6a7b8c9d", email: "recruiter@example.com" });
      },
      logs: [["recruiter@example.com"]],
    },
    "changed-candidates": {
      arrange: () => {
        const query = { updatedAfter: "2024-05-01T00:00:00Z", status: ["INTERVIEW", "OFFERED"], limit: "100" };
        api()
          .get("/candidates")
          .query(query)
          .reply(200, {
            limit: 100,
            offset: 0,
            totalFound: 2,
            nextPageId: "page-2",
            content: [{ id: "c1", email: "ada@example.com", primaryAssignment: { job: { id: "j1" }, status: "INTERVIEW" } }],
          });
        api()
          .get("/candidates")
          .query({ ...query, pageId: "page-2" })
          .reply(200, {
            limit: 100,
            offset: 1,
            totalFound: 2,
            content: [{ id: "c2", email: "grace@example.com", primaryAssignment: { job: { id: "j1" }, status: "OFFERED" } }],
          });
      },
      logs: [
        ["ada@example.com", "INTERVIEW"],
        ["grace@example.com", "OFFERED"],
      ],
    },
    "move-application": {
      arrange: () => {
        api().put("/candidates/7a8b9c0d/jobs/3f1c2b9e/status", { status: "INTERVIEW", subStatus: "Phone screen" }).reply(204);
        api()
          .get("/candidates/7a8b9c0d/jobs/3f1c2b9e/status/history")
          .reply(200, {
            totalFound: 2,
            content: [
              { changedOn: "2024-05-01T09:00:00Z", status: "NEW" },
              { changedOn: "2024-05-02T09:00:00Z", status: "INTERVIEW" },
            ],
          });
      },
      logs: [[["NEW", "INTERVIEW"]]],
    },
    "upload-resume": {
      arrange: () => {
        api()
          .post(
            "/candidates/7a8b9c0d/attachments",
            (body: string) =>
              body.includes('name="attachmentType"\r\n\r\nRESUME') && body.includes('filename="ada-lovelace.pdf"'),
          )
          .reply(201, { id: "att-1", name: "ada-lovelace.pdf", type: "RESUME" });
      },
      logs: [["att-1", "RESUME"]],
    },
    "webhook-receiver": {
      arrange: () => undefined,
      logs: [[200, "abc123"]],
    },
  },
});
