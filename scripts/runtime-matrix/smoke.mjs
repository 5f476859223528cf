// The smoke program of the runtime matrix: the same module runs on Node 20, 22 and 24, Bun,
// Deno and workerd, using only what the packages promise to need (fetch, crypto.subtle). It
// talks to the @hirekit/testing fakes that matrix.mjs runs in Node, and returns a report the
// matrix checks; any failure throws.
import { createBullhornClient } from "@hirekit/bullhorn";
import { createPCRecruiterClient } from "@hirekit/pcrecruiter";
import { createSmartRecruitersClient, parseWebhookEvent, verifyWebhookSignature } from "@hirekit/smartrecruiters";
import { createSterlingClient } from "@hirekit/sterling";
import { createZohoRecruitClient } from "@hirekit/zoho-recruit";

function check(condition, what) {
  if (!condition) throw new Error(`smoke: ${what}`);
}

/** Collects the first `count` items of a paginate() iteration. */
async function firstItems(iterable, count) {
  const items = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length === count) break;
  }
  return items;
}

/** One vendor: a token exchange (by the first call), a typed call that creates, a page, dispose. */
async function vendor(client, create, list) {
  try {
    const { data, error, response } = await create(client);
    check(response.ok, `create answered ${response.status}: ${JSON.stringify(error)}`);
    const page = await firstItems(list(client), 2);
    check(page.length >= 1, "the page held the created record");
    return { created: data !== undefined, paged: page.length };
  } finally {
    await client.dispose();
  }
}

/** Runs the smoke program against the fakes described by `fixture` (see matrix.mjs). */
export async function smoke(fixture) {
  const { sterling, pcrecruiter, zohoRecruit, smartRecruiters, bullhorn, webhook } = fixture;
  const report = {};
  // Every run adds records to the same fakes, and emails must be unique.
  const email = (name) => `${name}.${crypto.randomUUID().slice(0, 8)}@example.com`;

  report.sterling = await vendor(
    createSterlingClient(sterling.clientOptions),
    async (client) => {
      const { data: packages } = await client.GET("/packages");
      check(Array.isArray(packages) && packages.length > 0, "sterling: GET /packages listed packages");
      return client.POST("/candidates", {
        // clientReferenceId: required for a new candidate, unique (the fakes may be shared by the runtimes).
        body: {
          givenName: "Ada",
          familyName: "Lovelace",
          email: email("ada"),
          clientReferenceId: `smoke-${crypto.randomUUID()}`,
        },
      });
    },
    (client) => client.paginate("/candidates", { params: { query: { limit: 2 } } }),
  );
  report.pcrecruiter = await vendor(
    createPCRecruiterClient(pcrecruiter.clientOptions),
    (client) =>
      client.POST("/candidatesV2", {
        body: { FirstName: "Grace", LastName: "Hopper", EmailAddress: email("grace"), Status: "New" },
      }),
    (client) => client.paginate("/candidatesV2", { params: { query: { ResultsPerPage: 2 } } }),
  );
  report.zohoRecruit = await vendor(
    createZohoRecruitClient(zohoRecruit.clientOptions),
    (client) =>
      client.POST("/Candidates", { body: { data: [{ First_Name: "Alan", Last_Name: "Turing", Email: email("alan") }] } }),
    (client) => client.paginate("/Candidates", { params: { query: { per_page: 2 } } }),
  );
  report.smartRecruiters = await vendor(
    createSmartRecruitersClient(smartRecruiters.clientOptions),
    (client) =>
      client.POST("/jobs/{jobId}/candidates", {
        params: { path: { jobId: smartRecruiters.jobId } },
        body: { firstName: "Katherine", lastName: "Johnson", email: email("katherine") },
      }),
    (client) => client.paginate("/candidates", { params: { query: { limit: 2 } } }),
  );
  // Discovery, the refresh grant and the REST login come with the first call (the grant's
  // refresh token is single-use: matrix.mjs hands each run a grant of its own).
  report.bullhorn = await vendor(
    createBullhornClient(bullhorn.clientOptions),
    async (client) => {
      const { data, response } = await client.PUT("/entity/Candidate", {
        body: { firstName: "Dorothy", lastName: "Vaughan", email: email("dorothy") },
      });
      check(
        response.ok && typeof data?.changedEntityId === "number",
        `bullhorn: PUT /entity/Candidate answered ${response.status}`,
      );
      return client.GET("/entity/Candidate/{id}", {
        params: { path: { id: data.changedEntityId }, query: { fields: "id,lastName" } },
      });
    },
    (client) => client.paginate("/search/Candidate", { params: { query: { query: "isDeleted:0", fields: "id", count: 2 } } }),
  );

  // A webhook signed by matrix.mjs with Node's crypto, checked here with crypto.subtle.
  const headers = new Headers(webhook.headers);
  const valid = await verifyWebhookSignature({ headers, body: webhook.body, secret: webhook.secret });
  const tampered = await verifyWebhookSignature({ headers, body: `${webhook.body} `, secret: webhook.secret });
  const event = parseWebhookEvent(headers, webhook.body);
  report.webhook = { valid: valid.valid, tampered: tampered.valid ? "accepted" : tampered.reason, event: event.name };
  return report;
}
