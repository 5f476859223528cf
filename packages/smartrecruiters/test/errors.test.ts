import { describe, expect, it } from "vitest";
import { describeSmartRecruitersErrors, formatSmartRecruitersErrors, SmartRecruitersApiError } from "../src/index.js";

describe("SmartRecruiters error bodies", () => {
  it("reads the Customer API envelope, including 422 dataPath entries", () => {
    expect(
      describeSmartRecruitersErrors({
        message: "Validation failed",
        errors: [
          { code: "PERMISSION_DENIED", message: "Access denied" },
          { dataPath: "email", message: "must be a valid email" },
        ],
      }),
    ).toEqual([
      { code: "PERMISSION_DENIED", message: "Access denied", field: undefined },
      { code: undefined, message: "must be a valid email", field: "email" },
    ]);
  });

  it("reads the Apply API's flat error, the legacy Marketplace error and the OAuth error", () => {
    expect(describeSmartRecruitersErrors({ id: "e1", code: "TRAFFIC_LOCKED", message: "Locked" })).toEqual([
      { code: "TRAFFIC_LOCKED", message: "Locked", field: undefined },
    ]);
    expect(
      describeSmartRecruitersErrors({
        id: "e2",
        httpCode: 404,
        code: "NOT_FOUND",
        message: "No such job",
        helpUrl: "https://dev",
      })[0]?.code,
    ).toBe("NOT_FOUND");
    expect(describeSmartRecruitersErrors({ error: "invalid_client", error_description: "Bad client" })).toEqual([
      { code: "invalid_client", message: "Bad client", field: undefined },
    ]);
    expect(describeSmartRecruitersErrors({ error: "invalid_client" })[0]?.message).toBe("invalid_client");
    expect(describeSmartRecruitersErrors({ message: "Only a summary", errors: [] })).toEqual([
      { code: undefined, message: "Only a summary", field: undefined },
    ]);
    expect(describeSmartRecruitersErrors({ code: "ONLY_CODE" })).toEqual([
      { code: "ONLY_CODE", message: "ONLY_CODE", field: undefined },
    ]);
  });

  it("keeps plain text and ignores what is not an error", () => {
    expect(describeSmartRecruitersErrors("  Bad Gateway ")).toEqual([
      { code: undefined, message: "Bad Gateway", field: undefined },
    ]);
    expect(describeSmartRecruitersErrors("")).toEqual([]);
    expect(describeSmartRecruitersErrors(undefined)).toEqual([]);
    expect(describeSmartRecruitersErrors({ unexpected: true })).toEqual([]);
  });

  it("formats one line per error", () => {
    expect(
      formatSmartRecruitersErrors({
        errors: [
          { code: "USER_NOT_FOUND", message: "User not found" },
          { dataPath: "callbackUrl", message: "must be https" },
          { message: "something else" },
        ],
      }),
    ).toBe("USER_NOT_FOUND: User not found\ncallbackUrl: must be https\nrequest: something else");
    expect(formatSmartRecruitersErrors({})).toBe("SmartRecruiters returned an error without details");
  });

  it("gives SmartRecruitersApiError a stable code", () => {
    const coded = new SmartRecruitersApiError(
      403,
      {
        errors: [
          { dataPath: "x", message: "m" },
          { code: "PERMISSION_DENIED", message: "no" },
        ],
      },
      "GET /jobs",
    );
    expect(coded).toMatchObject({
      name: "SmartRecruitersApiError",
      status: 403,
      code: "PERMISSION_DENIED",
      rateLimit: undefined,
    });
    expect(coded.message).toBe("smartrecruiters: GET /jobs failed with HTTP 403:\nx: m\nPERMISSION_DENIED: no");
    const bare = new SmartRecruitersApiError(502, undefined, "GET /jobs");
    expect(bare).toMatchObject({ code: "HTTP_502", errors: [] });
    expect(bare.message).toBe("smartrecruiters: GET /jobs failed with HTTP 502");
  });
});
