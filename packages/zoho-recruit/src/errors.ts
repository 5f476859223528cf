import { redact } from "@hirekit/auth-middleware";
import { zohoErrorBody } from "./error-body.js";
import type { ZohoErrorBody } from "./types.js";

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
export class ZohoRecruitApiError extends Error {
  override readonly name: string = "ZohoRecruitApiError";
  /** HTTP status of Zoho's answer. */
  readonly status: number;
  /** Zoho's error code, or `HTTP_<status>` when the body had none. Automate on this, not on the message. */
  readonly code: string;
  /** Zoho's `details` (`api_name` names the offending field, `id` the offending record). */
  readonly details: ZohoErrorBody["details"];
  /** Zoho's error as `{ code, details, message, status }`, read from either envelope (see {@link zohoErrorBody}), every string redacted. */
  readonly body: ZohoErrorBody | undefined;

  constructor(status: number, body: unknown, what: string) {
    // Zoho may echo the request (its Authorization header included): the kept body is redacted too.
    const found = zohoErrorBody(body);
    const zoho = found === undefined ? undefined : redactValue(found);
    const code = zoho?.code ?? `HTTP_${status}`;
    const field = zoho?.details?.api_name === undefined ? "" : ` on field ${zoho.details.api_name}`;
    super(redact(`${what} failed with HTTP ${status}: ${code}${field}${zoho?.message ? ` (${zoho.message})` : ""}`));
    this.status = status;
    this.code = code;
    this.details = zoho?.details ?? {};
    this.body = zoho;
  }
}

/** What a {@link ZohoRecruitError} is about: a bad argument, or a criteria expression Zoho would refuse. */
export type ZohoRecruitErrorCode = "INVALID_ARGUMENT" | "INVALID_CRITERIA" | "UNEXPECTED_RESPONSE";

/**
 * A mistake in how this package was called (thrown before anything is sent), or an answer
 * from Zoho that does not have the documented shape.
 *
 * @example
 * ```ts
 * try {
 *   zohoCriteria<Candidate>().equals("", "x");
 * } catch (e) {
 *   if (e instanceof ZohoRecruitError) console.error(e.code, e.argument); // INVALID_CRITERIA field
 * }
 * ```
 */
export class ZohoRecruitError extends Error {
  override readonly name = "ZohoRecruitError";
  readonly code: ZohoRecruitErrorCode;
  /** The argument or option at fault, when there is one. */
  readonly argument: string | undefined;

  constructor(code: ZohoRecruitErrorCode, message: string, argument?: string) {
    super(message);
    this.code = code;
    this.argument = argument;
  }
}

/** A copy of an error body with `redact` applied to every string in it (`details` has no fixed keys). */
function redactValue<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item)])) as T;
}
