import { redact } from "@hirekit/auth-middleware";
import { VendorApiError } from "@hirekit/vendor-kit";
import type { SmartRecruitersRateLimit } from "./rate-limit.js";

/** One SmartRecruiters error, whatever body shape it came in; its text has passed through `redact`. */
export interface SmartRecruitersErrorDetail {
  /** Stable UPPER_SNAKE code to automate on (`PERMISSION_DENIED`, `INVALID_PAGE_ID`, …); absent on some 422s. */
  code: string | undefined;
  /** SmartRecruiters' text (may change; show it, do not parse it). */
  message: string;
  /** Path of the offending field, on the 422s that name one (`errors[].dataPath`). */
  field: string | undefined;
}

/**
 * Reads any SmartRecruiters error body into one list (https://developers.smartrecruiters.com/docs/error-handling): the Customer API
 * envelope `{ message, errors: [{ code, message }] }` (or `{ dataPath, message }` on some 422s),
 * the Apply API's flat `{ id, code, message }`, the legacy Marketplace `{ httpCode, code, message }`
 * and the token endpoint's OAuth `{ error, error_description }`.
 *
 * @example
 * ```ts
 * const { error } = await sr.POST("/webhooks-api/v201907/subscriptions", { body });
 * if (describeSmartRecruitersErrors(error).some((e) => e.code === "SUBSCRIPTIONS_LIMIT_EXCEEDED")) await pruneSubscriptions();
 * ```
 */
export function describeSmartRecruitersErrors(body: unknown): SmartRecruitersErrorDetail[] {
  // The vendor may echo the request (its Authorization header included): every field is redacted.
  return readErrors(body).map(({ code, message, field }) => ({
    code: code === undefined ? undefined : redact(code),
    message: redact(message),
    field: field === undefined ? undefined : redact(field),
  }));
}

function readErrors(body: unknown): SmartRecruitersErrorDetail[] {
  if (body === null || typeof body !== "object") {
    return typeof body === "string" && body.trim().length > 0
      ? [{ code: undefined, message: body.trim(), field: undefined }]
      : [];
  }
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.errors)) {
    const details = record.errors.filter(isObject).map(toDetail);
    if (details.length > 0) return details;
  }
  if (typeof record.code === "string" || typeof record.message === "string") return [toDetail(record)];
  if (typeof record.error === "string") {
    const message = typeof record.error_description === "string" ? record.error_description : record.error;
    return [{ code: record.error, message, field: undefined }];
  }
  return [];
}

/**
 * One readable line per error: `PERMISSION_DENIED: Access denied`, `email: must be valid`.
 *
 * @example
 * ```ts
 * if (error) throw new Error(`SmartRecruiters refused the candidate:\n${formatSmartRecruitersErrors(error)}`);
 * ```
 */
export function formatSmartRecruitersErrors(body: unknown): string {
  const errors = describeSmartRecruitersErrors(body);
  if (errors.length === 0) return "SmartRecruiters returned an error without details";
  return errors.map((e) => `${e.field ?? e.code ?? "request"}: ${e.message}`).join("\n");
}

/**
 * Thrown by `paginate` when a page fails (the typed methods return `{ error }` instead).
 * `code` is the first error code of the body, else `HTTP_<status>`; on 429 `rateLimit` holds
 * the quota headers of the refusal.
 *
 * @example
 * ```ts
 * try {
 *   for await (const candidate of sr.paginate("/candidates")) handle(candidate);
 * } catch (err) {
 *   if (err instanceof SmartRecruitersApiError && err.status === 429) retryLater(err.rateLimit);
 * }
 * ```
 */
export class SmartRecruitersApiError extends VendorApiError<SmartRecruitersErrorDetail> {
  override readonly name = "SmartRecruitersApiError";
  /** Quota reported with the failure (`X-RateLimit-*`), when the response had the headers. */
  readonly rateLimit: SmartRecruitersRateLimit | undefined;

  constructor(status: number, body: unknown, what: string, rateLimit?: SmartRecruitersRateLimit) {
    const errors = describeSmartRecruitersErrors(body);
    super({
      vendor: "smartrecruiters",
      status,
      what,
      errors,
      summary: errors.length ? `:\n${formatSmartRecruitersErrors(body)}` : "",
    });
    this.rateLimit = rateLimit;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object";
}

function toDetail(record: Record<string, unknown>): SmartRecruitersErrorDetail {
  const code = typeof record.code === "string" && record.code.length > 0 ? record.code : undefined;
  const field = typeof record.dataPath === "string" && record.dataPath.length > 0 ? record.dataPath : undefined;
  const message = typeof record.message === "string" ? record.message : (code ?? "");
  return { code, message, field };
}
