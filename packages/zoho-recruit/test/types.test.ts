import { describe, expectTypeOf, it } from "vitest";
import {
  type AssociateResult,
  type Attachment,
  type Candidate,
  createZohoRecruitClient,
  type Lookup,
  type RecordActionResult,
  type User,
  type ZohoCriteria,
  type ZohoRecord,
  type ZohoRecruitBulkResult,
  type ZohoRecruitClient,
  zohoCriteria,
} from "../src/index.js";

// Compile-time checks: `pnpm typecheck` fails if any @ts-expect-error line compiles.
function misuse(zoho: ZohoRecruitClient) {
  // @ts-expect-error recordId is required
  void zoho.GET("/Candidates/{recordId}", { params: { path: {} } });
  // @ts-expect-error recordId is a string: Zoho ids (19 digits) exceed Number.MAX_SAFE_INTEGER
  void zoho.GET("/Candidates/{recordId}", { params: { path: { recordId: 4150868 } } });
  // @ts-expect-error Last_Name is mandatory on insert
  void zoho.POST("/Candidates", { body: { data: [{ First_Name: "Grace" }] } });
  // @ts-expect-error per_page is a number
  void zoho.GET("/Candidates", { params: { query: { per_page: "200" } } });
  // @ts-expect-error sort_order is asc or desc
  void zoho.GET("/Candidates", { params: { query: { sort_order: "up" } } });
  // @ts-expect-error trigger values are workflow, approval and blueprint
  void zoho.PUT("/Candidates", { body: { data: [{ id: "1" }], trigger: ["everything"] } });
  // @ts-expect-error every item of a bulk update carries its id
  void zoho.PUT("/Job_Openings", { body: { data: [{ Posting_Title: "Nurse" }] } });
  // @ts-expect-error status changes take Candidate_Status
  void zoho.PUT("/Applications/status", { body: { data: [{ ids: ["1"], status: "Hired" }] } });
  // @ts-expect-error no such path
  void zoho.GET("/Candidate");
  // @ts-expect-error paginate walks lists only, not a single record
  void zoho.paginate("/Candidates/{recordId}");
  // @ts-expect-error paginate drives page itself
  void zoho.paginate("/Candidates", { params: { query: { page: 2 } } });
  // @ts-expect-error a custom module needs its API name
  void zoho.paginate("/{module}");
  // @ts-expect-error bulkWrite does not write single-record paths
  void zoho.bulkWrite("PUT", "/Candidates/{recordId}", { records: [] });
  // @ts-expect-error an insert record needs Last_Name
  void zoho.bulkWrite("POST", "/Candidates", { records: [{ Email: "a@example.com" }] });
  // @ts-expect-error an upload names its category, by label or by id (vendor page: one is mandatory)
  void zoho.POST("/{module}/{recordId}/Attachments", { params: { path: { module: "Candidates", recordId: "1" } }, body: {} });
  void zoho.POST("/{module}/{recordId}/Attachments", {
    // @ts-expect-error the category is mandatory with attachment_url as well
    params: { path: { module: "Candidates", recordId: "1" }, query: { attachment_url: "https://example.com/cv.pdf" } },
    body: {},
  });
  // @ts-expect-error region is one of Zoho's data centres
  createZohoRecruitClient({ region: "mars", auth: { clientId: "a", clientSecret: "b", refreshToken: "c" } });
  // @ts-expect-error the refresh token is required
  createZohoRecruitClient({ region: "eu", auth: { clientId: "a", clientSecret: "b" } });
  const c = zohoCriteria<Candidate>();
  // @ts-expect-error Zoho's operators are equals and starts_with
  c.where("Last_Name", "contains", "x");
  // @ts-expect-error and() joins two or more criteria
  c.and(c.equals("Email", "x"));
  // @ts-expect-error starts_with compares text
  c.startsWith("Experience_in_Years", 3);
}

describe("types", () => {
  it("types results from the spec", () => {
    expectTypeOf(misuse).toBeFunction();
    expectTypeOf<ReturnType<ZohoRecruitClient["paginate"]>>().not.toBeAny();
    type Yielded<T> = T extends AsyncGenerator<infer I> ? I : never;
    expectTypeOf<Yielded<ReturnType<typeof candidates>>>().toEqualTypeOf<Candidate>();
    expectTypeOf<Yielded<ReturnType<typeof users>>>().toEqualTypeOf<User>();
    expectTypeOf<Yielded<ReturnType<typeof custom>>>().toEqualTypeOf<ZohoRecord>();
    expectTypeOf<Awaited<ReturnType<typeof insert>>>().toMatchTypeOf<ZohoRecruitBulkResult<Candidate & { Last_Name: string }>>();
    expectTypeOf<Awaited<ReturnType<typeof insert>>["failed"][number]["result"]["status"]>().toEqualTypeOf<"error">();
    expectTypeOf<RecordActionResult["status"]>().toEqualTypeOf<"success" | "error">();
    expectTypeOf<Candidate["id"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf(zohoCriteria().equals("Email", "x")).toEqualTypeOf<ZohoCriteria>();
  });

  it("types the association result as Zoho sends it: ids as one string, the reason nested", () => {
    type Details = NonNullable<AssociateResult["details"]>;
    expectTypeOf<Details["ids"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<Details["error"]>[number]["code"]>().toEqualTypeOf<string>();
  });

  it("types an attachment's Created_By as the id string of the vendor sample (or the object a client reads)", () => {
    expectTypeOf<Attachment["Created_By"]>().toEqualTypeOf<string | Lookup | undefined>();
  });

  it("accepts an upload with either category parameter", () => {
    expectTypeOf(upload).toBeFunction();
  });
});

function upload(zoho: ZohoRecruitClient) {
  const path = { module: "Candidates", recordId: "1" };
  void zoho.POST("/{module}/{recordId}/Attachments", { params: { path, query: { attachments_category: "Resume" } }, body: {} });
  void zoho.POST("/{module}/{recordId}/Attachments", { params: { path, query: { attachments_category_id: "42" } }, body: {} });
}

const candidates = (z: ZohoRecruitClient) => z.paginate("/Candidates");
const users = (z: ZohoRecruitClient) => z.paginate("/users");
const custom = (z: ZohoRecruitClient) => z.paginate("/{module}", { params: { path: { module: "Tasks" } } });
const insert = (z: ZohoRecruitClient) => z.bulkWrite("POST", "/Candidates", { records: [{ Last_Name: "Hopper" }] });
