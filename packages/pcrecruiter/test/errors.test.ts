import { VendorApiError } from "@hirekit/vendor-kit";
import { describe, expect, it } from "vitest";
import { checkInhalerResult, PCRecruiterApiError, PCRecruiterError, pcrecruiterErrorMessage } from "../src/index.js";

const httpError = (status: number, body: unknown, what: string, secrets: string[]) =>
  new PCRecruiterApiError(status, body, what, secrets);

describe("pcrecruiterErrorMessage", () => {
  it.each([
    [{ Message: "Authorization has been denied for this request." }, "Authorization has been denied for this request."],
    [{ message: "lower-case" }, "lower-case"],
    [{ errorMessage: "inhaler text" }, "inhaler text"],
    [{ errors: "one string" }, "one string"],
    [{ errors: ["a", { Message: "b" }, { code: 1 }] }, 'a; b; {"code":1}'],
    ["  raw text  ", "raw text"],
    ["", undefined],
    [{ Message: "" }, undefined],
    [{ errors: [] }, undefined],
    [null, undefined],
    [42, undefined],
  ])("reads %j as %j", (body, expected) => {
    expect(pcrecruiterErrorMessage(body)).toBe(expected);
  });
});

describe("secrets in server text", () => {
  it("removes the client's secrets and bearer values through the shared redact(), and bounds the length", () => {
    const error = httpError(400, { Message: "bad key k-12345 for BEARER abc.def" }, "GET /x", ["k-12345", ""]);
    expect(error.vendorMessage).toBe("bad key [redacted] for BEARER [redacted]");
    expect(httpError(400, "x".repeat(400), "GET /x", []).vendorMessage?.length).toBe(301);
    expect(new PCRecruiterError("INVALID_RESPONSE", `echo Bearer s3ss10n-${"y".repeat(20)}`).message).toBe(
      "echo Bearer [redacted]",
    );
  });

  it("builds HTTP errors that carry status and scrubbed text", () => {
    const error = httpError(400, { Message: "password hunter2 rejected" }, "GET /users", ["hunter2"]);
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).toMatchObject({
      code: "HTTP_400",
      vendor: "pcrecruiter",
      status: 400,
      vendorMessage: "password [redacted] rejected",
    });
    expect(error.message).toBe("pcrecruiter: GET /users failed with HTTP 400: password [redacted] rejected");
    expect(httpError(502, undefined, "GET /users", []).message).toBe("pcrecruiter: GET /users failed with HTTP 502");
  });
});

describe("checkInhalerResult", () => {
  it("passes a SUCCESS through, in any case", () => {
    const ok = { status: "success", AddId: 1, Duplicate: false };
    expect(checkInhalerResult(ok)).toBe(ok);
  });

  it("throws IMPORT_FAILED for an in-band failure, and INVALID_RESPONSE for no result", () => {
    expect(() => checkInhalerResult({ status: "ERROR", errorMessage: "" })).toThrow(
      expect.objectContaining({
        code: "IMPORT_FAILED",
        vendorMessage: undefined,
        message: 'pcrecruiter: the résumé import failed (status "ERROR")',
      }),
    );
    expect(() => checkInhalerResult({})).toThrow(expect.objectContaining({ code: "IMPORT_FAILED" }));
    expect(() => checkInhalerResult(undefined)).toThrow(expect.objectContaining({ code: "INVALID_RESPONSE" }));
  });
});
