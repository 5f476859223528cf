import { redact } from "@hirekit/auth-middleware";
import { VendorApiError } from "@hirekit/vendor-kit";
import type { SterlingErrorDetail } from "./generated/types.js";

/** One Sterling error, with its `code` (`400#dob?format`) taken apart; its text has passed through `redact`. */
export interface SterlingFieldError {
  /** The whole code, e.g. `"409#email?already-in-use"`: automate on this. */
  code: string;
  /** HTTP status at the head of the code, e.g. `409`. */
  status: number | undefined;
  /** Offending field path, e.g. `"email"`, `"address.postalCode"`; absent for request-level errors. */
  field: string | undefined;
  /** Reason after `?`, e.g. `"already-in-use"`, `"format"`, `"required-fields=address.state"`. */
  reason: string | undefined;
  /** Sterling's text (may change; show it, do not parse it). */
  message: string;
}

/**
 * Reads any Sterling error body (the documented `{ errors: [...] }` envelope, a single
 * `{ code, message }` object, or an OAuth-style `{ error }`) into one list of field errors.
 *
 * @example
 * ```ts
 * const { error } = await sterling.POST("/candidates", { body });
 * for (const e of describeSterlingErrors(error)) console.log(e.field, e.reason, e.message);
 * ```
 */
export function describeSterlingErrors(body: unknown): SterlingFieldError[] {
  if (body === null || typeof body !== "object") {
    return typeof body === "string" && body.length > 0 ? [parseDetail({ code: "", message: body })] : [];
  }
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.errors)) {
    return record.errors.filter(isDetail).map(parseDetail);
  }
  if (isDetail(record)) return [parseDetail(record)];
  if (typeof record.error === "string") {
    const message = typeof record.error_description === "string" ? record.error_description : record.error;
    return [parseDetail({ code: record.error, message })];
  }
  return [];
}

/**
 * One readable line per field: `email: Email already in use (409#email?already-in-use)`.
 *
 * @example
 * ```ts
 * if (error) throw new Error(`Sterling refused the candidate:\n${formatSterlingErrors(error)}`);
 * ```
 */
export function formatSterlingErrors(body: unknown): string {
  const errors = describeSterlingErrors(body);
  if (errors.length === 0) return "Sterling returned an error without details";
  return errors.map((e) => `${e.field ?? "request"}: ${e.message}${e.code ? ` (${e.code})` : ""}`).join("\n");
}

/**
 * Thrown by `paginate` when a page fails (the typed methods return `{ error }` instead).
 * `code` is the first error's code (`400#dob?format`), else `HTTP_<status>`; `errors` are the
 * body's field errors, taken apart.
 *
 * @example
 * ```ts
 * try {
 *   for await (const screening of sterling.paginate("/screenings")) console.log(screening.id);
 * } catch (err) {
 *   if (err instanceof SterlingApiError) for (const e of err.errors) console.warn(e.field, e.reason);
 *   else throw err;
 * }
 * ```
 */
export class SterlingApiError extends VendorApiError<SterlingFieldError> {
  override readonly name = "SterlingApiError";

  constructor(status: number, body: unknown, what: string) {
    const errors = describeSterlingErrors(body);
    super({ vendor: "sterling", status, what, errors, summary: errors.length ? `:\n${formatSterlingErrors(body)}` : "" });
  }
}

function isDetail(value: unknown): value is SterlingErrorDetail {
  const v = value as Record<string, unknown> | null;
  return v !== null && typeof v === "object" && typeof v.code === "string" && typeof v.message === "string";
}

/**
 * `<status>#<field path>?<reason>`, each part optional (https://sterling.readme.io/reference/errors). Sterling may echo
 * the request (its Authorization header included), so both strings are redacted first.
 */
function parseDetail(detail: { code: string; message: string }): SterlingFieldError {
  const code = redact(detail.code);
  const message = redact(detail.message);
  const match = /^(\d{3})?(?:#([^?]*))?(?:\?(.*))?$/.exec(code);
  const status = match?.[1] === undefined ? undefined : Number(match[1]);
  const field = match?.[2] || undefined;
  const reason = match?.[3] || undefined;
  return { code, status, field, reason, message };
}
