import { PCRecruiterError } from "./errors.js";
import type { InhalerResult } from "./generated/types.js";

/**
 * Checks the answer of `POST /candidates/inhaler` (résumé import), which reports failures
 * in-band with HTTP 200 (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Reference-Guide.html): returns it when `status` is `SUCCESS`, throws
 * `PCRecruiterError` `IMPORT_FAILED` (with the vendor's `errorMessage`) otherwise.
 *
 * @example
 * ```ts
 * const { data } = await pcr.POST("/candidates/inhaler", { body: { FileName: "cv.pdf", FileContents: base64 } });
 * const { AddId, Duplicate, DupeId } = checkInhalerResult(data);
 * ```
 */
export function checkInhalerResult(result: InhalerResult | undefined): InhalerResult {
  if (result === null || typeof result !== "object") {
    throw new PCRecruiterError("INVALID_RESPONSE", "pcrecruiter: the résumé import returned no result");
  }
  if (typeof result.status === "string" && result.status.toUpperCase() === "SUCCESS") return result;
  const vendorMessage = typeof result.errorMessage === "string" && result.errorMessage !== "" ? result.errorMessage : undefined;
  throw new PCRecruiterError(
    "IMPORT_FAILED",
    `pcrecruiter: the résumé import failed (status ${JSON.stringify(result.status ?? null)})${vendorMessage ? `: ${vendorMessage}` : ""}`,
    { vendorMessage },
  );
}
