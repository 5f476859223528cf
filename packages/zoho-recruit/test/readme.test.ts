import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

const accounts = "https://accounts.zoho.eu";
const recruit = "https://recruit.zoho.eu";

/** The refresh grant of the examples' credentials, once per example (each builds its client). */
function token() {
  nock(accounts)
    .post("/oauth/v2/token", {
      grant_type: "refresh_token",
      refresh_token: "1000.r",
      client_id: "1000.C",
      client_secret: "readme-secret",
    })
    .reply(200, { access_token: "1000.a", api_domain: "https://www.zohoapis.eu", token_type: "Bearer", expires_in: 3600 });
}
const api = () => nock(recruit, { reqheaders: { authorization: "Zoho-oauthtoken 1000.a" } });
const success = (id: string, message = "record added") => ({ code: "SUCCESS", details: { id }, message, status: "success" });

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: {
    ZOHO_CLIENT_ID: "1000.C",
    ZOHO_CLIENT_SECRET: "readme-secret",
    ZOHO_REFRESH_TOKEN: "1000.r",
    ZOHO_GRANT_CODE: "1000.code",
  },
  scenarios: {
    "code-exchange": {
      arrange: () => {
        nock(accounts)
          .post("/oauth/v2/token", {
            grant_type: "authorization_code",
            client_id: "1000.C",
            client_secret: "readme-secret",
            redirect_uri: "https://app.example.com/zoho/callback",
            code: "1000.code",
          })
          .reply(200, {
            access_token: "1000.a",
            refresh_token: "1000.new-refresh",
            api_domain: "https://www.zohoapis.eu",
            expires_in: 3600,
          });
      },
      logs: [["refresh token received:", true, "API domain:", "https://www.zohoapis.eu"]],
    },
    "get-candidate": {
      arrange: () => {
        token();
        api()
          .get("/recruit/v2/Candidates/4150868000000225013")
          .query({ fields: "First_Name,Last_Name,Email" })
          .reply(200, {
            data: [{ id: "4150868000000225013", First_Name: "Grace", Last_Name: "Hopper", Email: "grace@example.com" }],
          });
      },
      logs: [["Grace Hopper <grace@example.com>"]],
    },
    "changed-since": {
      arrange: () => {
        token();
        const query = { fields: "Last_Name,Modified_Time", sort_by: "Modified_Time", sort_order: "desc", per_page: "200" };
        const since = { "if-modified-since": "2024-05-01T00:00:00+00:00" };
        api()
          .get("/recruit/v2/Candidates")
          .query({ ...query, page: "1" })
          .matchHeader("if-modified-since", since["if-modified-since"])
          .reply(200, {
            data: [{ id: "1", Last_Name: "Hopper", Modified_Time: "2024-05-03T09:00:00+02:00" }],
            info: { page: 1, per_page: 200, count: 1, more_records: true },
          });
        api()
          .get("/recruit/v2/Candidates")
          .query({ ...query, page: "2" })
          .reply(200, {
            data: [
              { id: "2", Last_Name: "Lovelace", Modified_Time: "2024-05-02T09:00:00+02:00" },
              { id: "3", Last_Name: "Babbage", Modified_Time: "2024-04-30T09:00:00+02:00" },
            ],
            info: { page: 2, per_page: 200, count: 2, more_records: true },
          });
      },
      logs: [[["1 Hopper", "2 Lovelace"]]],
    },
    search: {
      arrange: () => {
        token();
        api()
          .get("/recruit/v2/Candidates/search")
          .query({
            criteria: "((Last_Name:equals:Burns\\,B)and((First_Name:starts_with:M)or(Source:equals:Referral)))",
            page: "1",
            per_page: "200",
          })
          .reply(200, {
            data: [{ id: "7", Email: "m.burns@example.com" }],
            info: { page: 1, per_page: 200, count: 1, more_records: false },
          });
      },
      logs: [
        ["((Last_Name:equals:Burns\\,B)and((First_Name:starts_with:M)or(Source:equals:Referral)))"],
        [["m.burns@example.com"]],
      ],
    },
    "move-application": {
      arrange: () => {
        token();
        api()
          .put("/recruit/v2/Applications/status", {
            data: [{ ids: ["4150868000000912001"], Candidate_Status: "Offer-Made", comments: "Approved by the panel" }],
          })
          .reply(200, { data: [[success("4150868000000912001", "status changed")]] });
      },
      logs: [["moved 4150868000000912001"]],
    },
    "upload-resume": {
      arrange: () => {
        token();
        api()
          .post("/recruit/v2/Candidates/4150868000000225013/Attachments", (body: string) =>
            body.includes('filename="grace-hopper.pdf"'),
          )
          .query({ attachments_category: "Resume" })
          .matchHeader("content-type", /^multipart\/form-data; boundary=/)
          .reply(200, { data: [success("1210")] });
      },
      logs: [["attachment 1210"]],
    },
    "bulk-import": {
      arrange: () => {
        token();
        api()
          .post("/recruit/v2/Candidates/upsert", {
            data: [
              { First_Name: "Grace", Last_Name: "Hopper", Email: "grace@example.com" },
              { First_Name: "Ada", Last_Name: "Lovelace", Email: "ada@example.com" },
            ],
            duplicate_check_fields: ["Email"],
            trigger: [],
          })
          .reply(200, {
            data: [
              success("11"),
              { code: "DUPLICATE_DATA", details: { api_name: "Email" }, message: "duplicate data", status: "error" },
            ],
          });
      },
      logs: [["1 written"], ["ada@example.com: DUPLICATE_DATA Email"]],
    },
  },
});
