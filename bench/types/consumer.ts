// A consumer of every vendor client making 20 typed calls: what `tsc` pays for our types.
// bench/type-cost.mjs measures it; CI fails when it doubles against the recorded baseline.
import { createPCRecruiterClient } from "@hirekit/pcrecruiter";
import { createSmartRecruitersClient } from "@hirekit/smartrecruiters";
import { createSterlingClient } from "@hirekit/sterling";
import { createZohoRecruitClient } from "@hirekit/zoho-recruit";

const pcr = createPCRecruiterClient({ auth: { username: "u", password: "p", databaseId: "D.P", apiKey: "k", appId: "a" } });
const sr = createSmartRecruitersClient({ auth: { apiKey: "k" } });
const sterling = createSterlingClient({ auth: { clientId: "c", clientSecret: "s" }, environment: "integration" });
const zoho = createZohoRecruitClient({ region: "eu", auth: { clientId: "c", clientSecret: "s", refreshToken: "r" } });

export async function twentyCalls() {
  const a = await pcr.GET("/candidatesV2/{CandidateId}", { params: { path: { CandidateId: 1 } } });
  const b = await pcr.GET("/candidatesV2", { params: { query: { Query: "LastName eq 'Doe'", ResultsPerPage: 10 } } });
  const c = await pcr.GET("/positionsV2", {});
  const d = await pcr.GET("/companiesV2", {});
  const e = await pcr.GET("/users", {});
  const f = await sr.GET("/jobs", { params: { query: { limit: 10 } } });
  const g = await sr.GET("/jobs/{jobId}", { params: { path: { jobId: "j" } } });
  const h = await sr.GET("/candidates", { params: { query: { limit: 10 } } });
  const i = await sr.GET("/candidates/{candidateId}", { params: { path: { candidateId: "c" } } });
  const j = await sr.GET("/user-api/v201804/users", {});
  const k = await sterling.GET("/packages");
  const l = await sterling.GET("/candidates/{candidateId}", { params: { path: { candidateId: "c" } } });
  const m = await sterling.POST("/candidates", {
    body: { givenName: "J", familyName: "D", email: "j@d.example", clientReferenceId: "crm-1" },
  });
  const n = await sterling.GET("/screenings/{screeningId}", { params: { path: { screeningId: "s" } } });
  const o = await sterling.GET("/billing-codes");
  const p = await zoho.GET("/Candidates", { params: { query: { page: 1 } } });
  const q = await zoho.GET("/Candidates/{recordId}", { params: { path: { recordId: "1" } } });
  const r = await zoho.GET("/Job_Openings", { params: { query: { page: 1 } } });
  const s = await zoho.GET("/users", {});
  const t = await zoho.GET("/settings/modules", {});
  return [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t].map((x) => x.response.status);
}
