import { describe, expectTypeOf, it } from "vitest";
import {
  type Activity,
  and,
  type Candidate,
  createPCRecruiterClient,
  type PCRecruiterClient,
  type PCRecruiterQuery,
  type Position,
  type User,
  where,
} from "../src/index.js";

// Compile-time checks: `pnpm typecheck` fails if any @ts-expect-error line compiles.
function misuse(pcr: PCRecruiterClient) {
  // @ts-expect-error CandidateId is required
  void pcr.GET("/candidatesV2/{CandidateId}", { params: { path: {} } });
  // @ts-expect-error CandidateId is a number (int64)
  void pcr.GET("/candidatesV2/{CandidateId}", { params: { path: { CandidateId: "42" } } });
  // @ts-expect-error Page is a number
  void pcr.GET("/candidatesV2", { params: { query: { Page: "2" } } });
  // @ts-expect-error RecordType is Candidates, Companies or Positions
  void pcr.GET("/system/{RecordType}/CustomFields", { params: { path: { RecordType: "Users" } } });
  // @ts-expect-error the session request needs every credential
  void pcr.POST("/access-token", { body: { Username: "u", Password: "p" } });
  // @ts-expect-error useAddr is a boolean
  void pcr.POST("/candidates/inhaler", { body: { FileName: "cv.pdf", useAddr: "yes" } });
  // @ts-expect-error no such path
  void pcr.GET("/candidates/{CandidateId}/placements", { params: { path: { CandidateId: 1 } } });
  // @ts-expect-error an attachment is updated at its own path, not on the collection (PHP client: putAttachments)
  void pcr.PUT("/candidates/{CandidateId}/attachments", { params: { path: { CandidateId: 1 } }, body: { Name: "cv.pdf" } });
  // @ts-expect-error the update names the attachment
  void pcr.PUT("/candidates/{CandidateId}/attachments/{AttachmentId}", { params: { path: { CandidateId: 1 } }, body: {} });
  // @ts-expect-error paginate only walks the paged lists
  void pcr.paginate("/candidatesV2/{CandidateId}");
  // @ts-expect-error a path with path parameters needs them
  void pcr.paginate("/candidates/{CandidateId}/activities");
  // @ts-expect-error users are not change-tracked
  void pcr.changes("/users", {});
  // @ts-expect-error idField is a field of the record
  void pcr.changes("/candidatesV2", { since: "1", idField: "JobId" });
  // @ts-expect-error auth is required
  createPCRecruiterClient({ baseUrl: "https://www2.pcrecruiter.net/rest/api" });
  // @ts-expect-error not a field of a candidate
  where<Candidate>("JobTitle", "eq", "x");
  // @ts-expect-error "co" takes a string
  where<Candidate>("CandidateId", "co", 5);
  // @ts-expect-error and() takes built conditions, not raw strings
  and("Status eq 'candidate'");
}

async function iterate(pcr: PCRecruiterClient) {
  for await (const candidate of pcr.paginate("/candidatesV2", { params: { query: { ResultsPerPage: 100 } } })) {
    expectTypeOf(candidate).toEqualTypeOf<Candidate>();
  }
  for await (const activity of pcr.paginate("/candidates/{CandidateId}/activities", { params: { path: { CandidateId: 1 } } })) {
    expectTypeOf(activity).toEqualTypeOf<Activity>();
  }
  for await (const user of pcr.paginate("/users")) expectTypeOf(user).toEqualTypeOf<User>();
  const changes = await pcr.changes("/positionsV2", { since: "1" });
  expectTypeOf(changes.changed).toEqualTypeOf<Position[]>();
  expectTypeOf(changes.deleted).toEqualTypeOf<string[]>();
  expectTypeOf(where<Candidate>("Status", "eq", "x")).toExtend<string>();
  expectTypeOf(and(where("A", "eq", 1), where("B", "co", "x"))).toEqualTypeOf<PCRecruiterQuery>();
}

describe("types", () => {
  it("types results from the spec", () => {
    expectTypeOf(misuse).toBeFunction();
    expectTypeOf(iterate).toBeFunction();
    expectTypeOf<Candidate["CandidateId"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Position["Zip"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("types the position fields of the vendor's Positions V2 page, ShowOnWeb and Status among them", () => {
    expectTypeOf<Position["ShowOnWeb"]>().toEqualTypeOf<boolean | null | undefined>();
    // The vendor page gives Status no type: it stays unknown rather than a guess.
    expectTypeOf<Position["Status"]>().toEqualTypeOf<unknown>();
    expectTypeOf<Position["ExternalExpiration"]>().toEqualTypeOf<string | null | undefined>();
  });
});
