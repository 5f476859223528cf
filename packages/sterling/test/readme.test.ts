import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

const HOST = "https://api.us.int.sterlingcheck.app";
const token = () =>
  nock(HOST)
    .post("/v2/oauth", "grant_type=client_credentials")
    .matchHeader("authorization", `Basic ${Buffer.from("readme-id:readme-secret").toString("base64")}`)
    .reply(200, { access_token: "t", token_type: "bearer", expires_in: "36000" });
const api = () => nock(HOST, { reqheaders: { authorization: "Bearer t" } });

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: { STERLING_CLIENT_ID: "readme-id", STERLING_CLIENT_SECRET: "readme-secret" },
  scenarios: {
    setup: {
      arrange: () => {
        token();
        api()
          .get("/v2/packages")
          .reply(200, [
            { id: "1", title: "Basic", active: true },
            { id: "2", title: "Retired", active: false },
          ]);
      },
      logs: [[["Basic"]]],
    },
    "order-screening": {
      arrange: () => {
        token();
        api()
          .post("/v2/candidates", (b) => b.email === "jane.doe@example.com" && b.address.regionCode === "US-TN")
          .reply(201, { id: "c-uuid", givenName: "Jane", familyName: "Doe", email: "jane.doe@example.com" });
        api()
          .post(
            "/v2/screenings",
            (b) =>
              b.candidateId === "c-uuid" &&
              b.packageId === "pkg-basic" &&
              b.callback.credentials.basicAuth === "sterling:callback-secret",
          )
          .matchHeader("idempotency-key", "order-emp-1234-basic")
          .reply(201, {
            id: "900001",
            candidateId: "c-uuid",
            status: "Pending",
            invite: { method: "link", link: "https://portal.example/i/abc" },
          });
      },
      logs: [["900001", "Pending", "https://portal.example/i/abc"]],
    },
    callbacks: {
      arrange: () => undefined,
      logs: [
        ["screening", "900001", "is", "Complete", "Clear"],
        ["attempt", 1, "answered", 200],
        ["attempt", 2, "answered", 200],
      ],
    },
    report: {
      arrange: () => {
        token();
        api().get("/v2/screenings/900001").reply(200, { id: "900001", candidateId: "c", status: "Complete" });
        api()
          .get("/v2/screenings/900001/report")
          .matchHeader("accept", "application/pdf")
          .reply(200, Buffer.alloc(2048, 1), { "content-type": "application/pdf" });
      },
      logs: [["report bytes:", 2048]],
    },
    paginate: {
      arrange: () => {
        token();
        api()
          .get("/v2/candidates")
          .query({ familyName: "Doe", limit: "2", offset: "0" })
          .reply(200, [{ id: "a", email: "a@x" }, { id: "b" }]);
        api()
          .get("/v2/candidates")
          .query({ familyName: "Doe", limit: "2", offset: "2" })
          .reply(200, [{ id: "c", email: "c@x" }]);
      },
      logs: [
        ["no email on", "b"],
        [3, "candidates"],
      ],
    },
  },
});
