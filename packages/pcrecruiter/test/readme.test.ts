import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describeReadmeExamples } from "../../../scripts/readme-test.mjs";

const host = "https://www2.pcrecruiter.net";
const base = "/rest/api";

/** Login and logout as PCRecruiter answers them; every example ends its session. */
function session(id: string) {
  nock(host)
    .post(`${base}/access-token`, {
      Username: "u",
      Password: "readme-password",
      DatabaseId: "SampleDB.SampleProfile",
      ApiKey: "readme-key",
      AppId: "app",
    })
    .reply(200, { SessionId: id });
  nock(host).delete(`${base}/access-token`).matchHeader("authorization", `BEARER ${id}`).reply(200, { Success: true });
  return nock(host, { reqheaders: { authorization: `BEARER ${id}` } });
}

describeReadmeExamples({
  packageDir: join(dirname(fileURLToPath(import.meta.url)), ".."),
  env: { PCR_USERNAME: "u", PCR_PASSWORD: "readme-password", PCR_API_KEY: "readme-key", PCR_APP_ID: "app" },
  scenarios: {
    "get-candidate": {
      arrange: () => {
        session("S").get(`${base}/candidatesV2/42`).reply(200, { CandidateId: 42, FirstName: "Ada", LastName: "Lovelace" });
      },
      logs: [["Ada", "Lovelace"]],
    },
    "changed-since": {
      arrange: () => {
        const query = {
          Query: "Status eq 'candidate' AND LastModified ge '2024-05-01T00:00:00Z'",
          Fields: "CandidateId,FirstName,LastName,LastModified",
          ResultsPerPage: "2",
        };
        const api = session("C");
        api
          .get(`${base}/candidatesV2`)
          .query({ ...query, Page: "1" })
          .reply(200, {
            TotalRecords: 3,
            Results: [
              { CandidateId: 1, FirstName: "Ada", LastName: "Lovelace" },
              { CandidateId: 2, FirstName: "Alan", LastName: "Turing" },
            ],
          });
        api
          .get(`${base}/candidatesV2`)
          .query({ ...query, Page: "2" })
          .reply(200, { TotalRecords: 3, Results: [{ CandidateId: 3, FirstName: "Grace", LastName: "Hopper" }] });
      },
      logs: [
        [1, "Ada Lovelace"],
        [2, "Alan Turing"],
        [3, "Grace Hopper"],
      ],
    },
    "pipeline-status": {
      arrange: () => {
        session("P")
          .put(`${base}/pipelineinterviews/3001`, { InterviewStatus: "CLIENTINTERVIEW", Notes: "Sent to the hiring manager." })
          .reply(200, { SendoutId: 3001, CandidateName: "Jane Smith", InterviewStatus: "CLIENTINTERVIEW" });
      },
      logs: [["Jane Smith", "is now", "CLIENTINTERVIEW"]],
    },
    "upload-resume": {
      arrange: () => {
        session("U")
          .post(`${base}/candidates/inhaler`, {
            FileName: "jane-smith.pdf",
            FileContents: Buffer.from("%PDF-1.4 Jane Smith, QC specialist").toString("base64"),
            useAddr: true,
            JobId: 900,
          })
          .reply(200, { Duplicate: false, DupeId: 0, AddId: 556, status: "SUCCESS", errorMessage: "" });
      },
      logs: [["created 556"]],
    },
    sync: {
      arrange: () => {
        const api = session("Y");
        api.get(`${base}/null`).matchHeader("x-changetracking", "GET").reply(200, "", { "X-CHANGETRACKING": "1042" });
        api
          .get(`${base}/positionsV2`)
          .query({ Fields: "JobId,JobTitle", Page: "1", ResultsPerPage: "500" })
          .matchHeader("x-changetracking", "1000")
          .reply(200, { TotalRecords: 2, Results: [{ JobId: 900, JobTitle: "QC Specialist" }, { JobId: -901 }] });
      },
      logs: [[["QC Specialist"], ["901"], "1042"]],
    },
  },
});
