import { HirekitError, type HirekitErrorDetails, redact } from "@hirekit/auth-middleware";
import { VendorApiError } from "@hirekit/vendor-kit";

/**
 * Stable codes of {@link PCRecruiterError}. Switch on `code`, not on `message`.
 *
 * | code | meaning |
 * | --- | --- |
 * | `INVALID_OPTION` | a client option or helper argument is missing or malformed; `option` names it |
 * | `INVALID_QUERY` | a query builder argument cannot be written as a PCRecruiter `Query` |
 * | `INVALID_RESPONSE` | a 2XX answer that is not what the API documents (no `Results` array, …) |
 * | `NO_CHANGE_TRACKING_VERSION` | `GET /null` did not return the `X-CHANGETRACKING` header |
 * | `IMPORT_FAILED` | the résumé inhaler reported a failure in-band (`status` other than `SUCCESS`) |
 */
export type PCRecruiterErrorCode =
  | "INVALID_OPTION"
  | "INVALID_QUERY"
  | "INVALID_RESPONSE"
  | "NO_CHANGE_TRACKING_VERSION"
  | "IMPORT_FAILED";

/** Details of a {@link PCRecruiterError}. */
export interface PCRecruiterErrorDetails extends HirekitErrorDetails {
  /** The vendor's own text (`Message`, `message`, `errorMessage` or the raw body), secrets removed. */
  vendorMessage?: string | undefined;
}

/**
 * The error type of this package for what is not an API failure (those are
 * {@link PCRecruiterApiError}s; authentication failures are `AuthError`s). Messages are
 * built from non-secret facts; `message` and `vendorMessage` pass through `redact`, which
 * removes the credentials of every live client in the process and any `Bearer`/`Basic` value.
 *
 * @example
 * ```ts
 * try {
 *   where("FirstName", "eq", "");
 * } catch (err) {
 *   if (err instanceof PCRecruiterError && err.code === "INVALID_QUERY") console.warn(err.message);
 * }
 * ```
 */
export class PCRecruiterError extends HirekitError<PCRecruiterErrorCode, PCRecruiterErrorDetails> {
  override readonly name = "PCRecruiterError";
  declare readonly vendorMessage: string | undefined;

  constructor(code: PCRecruiterErrorCode, message: string, details: PCRecruiterErrorDetails = {}) {
    // Server text may reach the message: redact() before super(), so that `stack` is clean too.
    const { vendorMessage } = details;
    super(code, redact(message), {
      vendor: "pcrecruiter",
      ...details,
      ...(vendorMessage === undefined ? {} : { vendorMessage: redact(vendorMessage) }),
    });
  }
}

/**
 * Thrown by `paginate` and `changes` when PCRecruiter answers with a non-2XX status (the
 * typed methods return `{ error }` instead). `code` is `HTTP_<status>`; `vendorMessage` is
 * the vendor's text, redacted.
 *
 * @example
 * ```ts
 * try {
 *   for await (const c of pcr.paginate("/candidatesV2")) console.log(c.CandidateId);
 * } catch (err) {
 *   if (err instanceof PCRecruiterApiError) console.warn(err.status, err.vendorMessage);
 * }
 * ```
 */
export class PCRecruiterApiError extends VendorApiError {
  override readonly name = "PCRecruiterApiError";

  constructor(status: number, body: unknown, what: string, secrets?: readonly string[]) {
    const text = pcrecruiterErrorMessage(body);
    super({
      vendor: "pcrecruiter",
      secrets,
      status,
      what,
      errors: text === undefined ? [] : [{ code: undefined, message: text, field: undefined }],
      vendorMessage: text,
      summary: text === undefined ? "" : `: ${text}`,
    });
  }
}

/**
 * The vendor's text in an error body. The format is undocumented (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Reference-Guide.html):
 * ASP.NET's `{ "Message": … }` is likely, community clients also read `message` and
 * `errors`, and all fall back to the raw text. Returns `undefined` when there is none.
 *
 * @example
 * ```ts
 * const { error } = await pcr.GET("/candidatesV2/{CandidateId}", { params: { path: { CandidateId: 1 } } });
 * if (error !== undefined) console.warn(pcrecruiterErrorMessage(error)); // "Authorization has been denied for this request."
 * ```
 */
export function pcrecruiterErrorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() || undefined;
  if (body === null || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ["Message", "message", "errorMessage"]) {
    const value = record[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  const errors = record.errors;
  if (typeof errors === "string" && errors.trim() !== "") return errors.trim();
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.map((e) => (typeof e === "string" ? e : (pcrecruiterErrorMessage(e) ?? JSON.stringify(e)))).join("; ");
  }
  return undefined;
}
