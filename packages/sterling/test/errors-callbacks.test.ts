import { describe, expect, it } from "vitest";
import {
  describeSterlingErrors,
  formatSterlingErrors,
  parseScreeningCallback,
  SterlingCallbackError,
  verifyCallbackAuthorization,
} from "../src/index.js";

describe("Sterling error bodies", () => {
  it("takes each code apart into status, field and reason", () => {
    const errors = describeSterlingErrors({
      errors: [
        { code: "400#dob?format", message: "dob must be in the format of YYYY-MM-DD" },
        { code: "409#email?already-in-use", message: "Email already in use" },
        { code: "400#candidate?required-fields=address.state", message: "Missing fields" },
        { code: "422#not-yet-complete", message: "Not complete" },
        { code: "400#address.postalCode", message: "Bad postal code" },
      ],
    });
    expect(errors.map(({ status, field, reason }) => [status, field, reason])).toEqual([
      [400, "dob", "format"],
      [409, "email", "already-in-use"],
      [400, "candidate", "required-fields=address.state"],
      [422, "not-yet-complete", undefined],
      [400, "address.postalCode", undefined],
    ]);
  });

  it("accepts the single-object and OAuth-style forms the docs also show", () => {
    expect(describeSterlingErrors({ code: "401", message: "Unauthorized" })).toEqual([
      { code: "401", status: 401, field: undefined, reason: undefined, message: "Unauthorized" },
    ]);
    expect(describeSterlingErrors({ error: "invalid_client", error_description: "Bad client" })[0]).toMatchObject({
      code: "invalid_client",
      message: "Bad client",
    });
    expect(describeSterlingErrors({ error: "invalid_client" })[0]?.message).toBe("invalid_client");
    expect(describeSterlingErrors("Internal Server Error")[0]?.message).toBe("Internal Server Error");
    expect(describeSterlingErrors(undefined)).toEqual([]);
    expect(describeSterlingErrors({ unexpected: true })).toEqual([]);
  });

  it("formats one readable line per field", () => {
    expect(
      formatSterlingErrors({
        errors: [
          { code: "400#givenName", message: "givenName is required" },
          { code: "409#email?already-in-use", message: "Email already in use" },
        ],
      }),
    ).toBe("givenName: givenName is required (400#givenName)\nemail: Email already in use (409#email?already-in-use)");
    expect(formatSterlingErrors({})).toBe("Sterling returned an error without details");
    expect(formatSterlingErrors("boom")).toBe("request: boom");
  });
});

describe("screening callbacks", () => {
  const screening = {
    id: "900001",
    packageId: "1",
    candidateId: "c-uuid",
    status: "Complete",
    result: "Clear",
    reportItems: [{ id: "r1", type: "County Criminal", status: "complete", result: "clear", updatedAt: "2026-11-27T10:00:00Z" }],
    submittedAt: "2026-11-20T10:00:00Z",
    updatedAt: "2026-11-27T10:00:00Z",
  };

  it("types a screening delivery, from an object or from raw text", () => {
    expect(parseScreeningCallback({ type: "screening", payload: screening })).toEqual({ type: "screening", screening });
    const parsed = parseScreeningCallback(JSON.stringify({ type: "screening", payload: screening }));
    expect(parsed.type === "screening" && parsed.screening.reportItems?.[0]?.result).toBe("clear");
  });

  it("passes unknown event types through, to be acknowledged and ignored", () => {
    expect(parseScreeningCallback({ type: "identity", payload: { id: "x" } })).toEqual({
      type: "unknown",
      receivedType: "identity",
      payload: { id: "x" },
    });
  });

  it.each([
    ["not JSON", "{", "not JSON"],
    ["an array", [], "not a JSON object"],
    ["no type", { payload: screening }, 'no "type"'],
    ["no payload", { type: "screening" }, 'no "payload"'],
    ["a payload without id", { type: "screening", payload: { ...screening, id: 5 } }, '"id"'],
    ["reportItems not a list", { type: "screening", payload: { ...screening, reportItems: {} } }, "reportItems"],
  ])("rejects %s with SterlingCallbackError", (_name, body, message) => {
    expect(() => parseScreeningCallback(body)).toThrowError(SterlingCallbackError);
    expect(() => parseScreeningCallback(body)).toThrowError(message);
  });

  it("verifies the callback's Basic credentials", async () => {
    const good = `Basic ${Buffer.from("sterling:callback-pass").toString("base64")}`;
    expect(await verifyCallbackAuthorization(good, "sterling:callback-pass")).toBe(true);
    expect(await verifyCallbackAuthorization(good.replace("Basic", "basic"), "sterling:callback-pass")).toBe(true);
    expect(
      await verifyCallbackAuthorization(`Basic ${Buffer.from("sterling:wrong").toString("base64")}`, "sterling:callback-pass"),
    ).toBe(false);
    expect(await verifyCallbackAuthorization("Bearer x", "sterling:callback-pass")).toBe(false);
    expect(await verifyCallbackAuthorization(undefined, "sterling:callback-pass")).toBe(false);
  });
});
