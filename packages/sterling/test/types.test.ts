import { describe, expectTypeOf, it } from "vitest";
import { type Candidate, createSterlingClient, type Screening, type SterlingClient } from "../src/index.js";

// Compile-time checks: `pnpm typecheck` fails if any @ts-expect-error line compiles.
function misuse(sterling: SterlingClient) {
  // @ts-expect-error screeningId is required
  void sterling.GET("/screenings/{screeningId}", { params: { path: {} } });
  // @ts-expect-error candidateId must be a string
  void sterling.GET("/candidates/{candidateId}", { params: { path: { candidateId: 42 } } });
  // @ts-expect-error familyName and email are required
  void sterling.POST("/candidates", { body: { givenName: "Jane" } });
  // @ts-expect-error no such path
  void sterling.GET("/orders");
  // @ts-expect-error paginate only walks the list endpoints
  void sterling.paginate("/packages");
  // @ts-expect-error environment is one of the four documented ones
  createSterlingClient({ auth: { clientId: "a", clientSecret: "b" }, environment: "staging" });
}

async function iterate(sterling: SterlingClient) {
  for await (const candidate of sterling.paginate("/candidates", { params: { query: { email: "a@b.c", limit: 10 } } })) {
    expectTypeOf(candidate).toEqualTypeOf<Candidate>();
  }
  for await (const screening of sterling.paginate("/screenings")) expectTypeOf(screening).toEqualTypeOf<Screening>();
  // @ts-expect-error paginate owns offset
  void sterling.paginate("/candidates", { params: { query: { offset: 5 } } });
}

describe("types", () => {
  it("types results from the spec", () => {
    expectTypeOf(misuse).toBeFunction();
    expectTypeOf(iterate).toBeFunction();
    expectTypeOf<Screening["status"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Candidate["id"]>().toEqualTypeOf<string>();
  });
});
