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
  // @ts-expect-error clientReferenceId is one of the minimum fields to create a candidate (vendor docs)
  void sterling.POST("/candidates", { body: { givenName: "Jane", familyName: "Doe", email: "jane@example.com" } });
  // an update keeps clientReferenceId optional (https://sterling.readme.io/reference/candidates-id)
  void sterling.PUT("/candidates/{candidateId}", {
    params: { path: { candidateId: "c" } },
    body: { givenName: "Jane", familyName: "Doe", email: "jane@example.com" },
  });
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

  it("types both shapes of the code lists until v2 settles them (v1 SDK: wrapped)", () => {
    type Billing = NonNullable<Awaited<ReturnType<typeof billing>>["data"]>;
    expectTypeOf<Extract<Billing, { billingCodes: unknown }>["billingCodes"][number]>().toEqualTypeOf<
      string | { [key: string]: unknown }
    >();
    expectTypeOf<Extract<Billing, unknown[]>>().not.toBeNever();
    type Reference = NonNullable<Awaited<ReturnType<typeof reference>>["data"]>;
    expectTypeOf<Extract<Reference, { referenceCodes: unknown }>>().not.toBeNever();
  });
});

const billing = (sterling: SterlingClient) => sterling.GET("/billing-codes");
const reference = (sterling: SterlingClient) => sterling.GET("/reference-codes");
