import { HirekitError } from "@hirekit/auth-middleware";
import { redactDeep, VendorApiError } from "@hirekit/vendor-kit";
import { zohoErrorBody } from "./error-body.js";
import type { ZohoErrorBody } from "./generated/types.js";

/**
 * Thrown by `paginate` and `bulkWrite` when Zoho answers a request with an error (the
 * typed methods return `{ error }` instead). `code` is Zoho's code (`INVALID_TOKEN`,
 * `TOO_MANY_REQUESTS`, …; https://www.zoho.com/recruit/developer-guide/apiv2/insert-records.html), or `HTTP_<status>` when the body carried none.
 *
 * @example
 * ```ts
 * try {
 *   for await (const candidate of zoho.paginate("/Candidates")) console.log(candidate.id);
 * } catch (e) {
 *   if (e instanceof ZohoRecruitApiError && e.code === "TOO_MANY_REQUESTS") await backOff();
 *   else throw e;
 * }
 * ```
 */
export class ZohoRecruitApiError extends VendorApiError {
  override readonly name: string = "ZohoRecruitApiError";
  /** Zoho's `details` (`api_name` names the offending field, `id` the offending record), redacted. */
  readonly details: ZohoErrorBody["details"];
  /** Zoho's error as `{ code, details, message, status }`, read from either envelope (see {@link zohoErrorBody}), every string redacted. */
  readonly body: ZohoErrorBody | undefined;

  constructor(status: number, body: unknown, what: string) {
    // Zoho may echo the request (its Authorization header included): the kept body is redacted too.
    const zoho = redactDeep(zohoErrorBody(body));
    const code = zoho?.code ?? `HTTP_${status}`;
    const field = zoho?.details?.api_name;
    super({
      vendor: "zoho-recruit",
      status,
      what,
      code,
      errors: zoho === undefined ? [] : [{ code: zoho.code, message: zoho.message ?? "", field }],
      vendorMessage: zoho?.message,
      summary: `: ${code}${field === undefined ? "" : ` on field ${field}`}${zoho?.message ? ` (${zoho.message})` : ""}`,
    });
    this.details = zoho?.details ?? {};
    this.body = zoho;
  }
}

/** What a {@link ZohoRecruitError} is about: a bad argument, a criteria expression Zoho would refuse, or an answer without the documented shape. */
export type ZohoRecruitErrorCode = "INVALID_OPTION" | "INVALID_CRITERIA" | "INVALID_RESPONSE";

/**
 * A mistake in how this package was called (thrown before anything is sent; `option` names
 * the argument at fault), or an answer from Zoho that does not have the documented shape.
 *
 * @example
 * ```ts
 * try {
 *   zohoCriteria<Candidate>().equals("", "x");
 * } catch (e) {
 *   if (e instanceof ZohoRecruitError) console.error(e.code, e.option); // INVALID_CRITERIA field
 * }
 * ```
 */
export class ZohoRecruitError extends HirekitError<ZohoRecruitErrorCode> {
  override readonly name = "ZohoRecruitError";

  constructor(code: ZohoRecruitErrorCode, message: string, option?: string) {
    super(code, message, { vendor: "zoho-recruit", option });
  }
}
