import { VendorApiError, type VendorErrorDetail } from "@hirekit/vendor-kit";

/**
 * Reads Bullhorn's error body, `{ errorMessage, errorMessageKey, errorCode, errors: [{ field, message }] }`
 * (https://bullhorn.github.io/rest-api-docs/#errors), into one list: one entry per field
 * error, else one for the message. Every string has passed through `redact` by the time a
 * {@link BullhornApiError} holds it.
 *
 * @example
 * ```ts
 * const { error } = await bullhorn.PUT("/entity/Candidate", { body: { firstName: "Ada" } });
 * for (const e of describeBullhornErrors(error)) console.warn(e.field, e.message);
 * ```
 */
export function describeBullhornErrors(body: unknown): VendorErrorDetail[] {
  if (typeof body === "string") return body.trim() === "" ? [] : [{ code: undefined, message: body.trim(), field: undefined }];
  if (body === null || typeof body !== "object") return [];
  const record = body as { errorMessage?: unknown; errorMessageKey?: unknown; errors?: unknown };
  const code = typeof record.errorMessageKey === "string" ? record.errorMessageKey : undefined;
  const fields = Array.isArray(record.errors) ? record.errors.filter((e) => e !== null && typeof e === "object") : [];
  if (fields.length > 0) {
    return fields.map((e: { field?: unknown; message?: unknown }) => ({
      code,
      message: typeof e.message === "string" ? e.message : "",
      field: typeof e.field === "string" ? e.field : undefined,
    }));
  }
  return typeof record.errorMessage === "string" ? [{ code, message: record.errorMessage, field: undefined }] : [];
}

/**
 * Thrown by `paginate` when a page fails (the typed methods return `{ error }` instead).
 * `code` is Bullhorn's `errorMessageKey` (`errors.entity.invalidField`, …), else `HTTP_<status>`.
 *
 * @example
 * ```ts
 * try {
 *   for await (const c of bullhorn.paginate("/search/Candidate", { params: { query: { query: "isDeleted:0", fields: "id" } } })) console.log(c.id);
 * } catch (err) {
 *   if (err instanceof BullhornApiError) console.warn(err.status, err.code, err.vendorMessage);
 *   else throw err;
 * }
 * ```
 */
export class BullhornApiError extends VendorApiError {
  override readonly name = "BullhornApiError";

  constructor(status: number, body: unknown, what: string) {
    const errors = describeBullhornErrors(body);
    const message = (body as { errorMessage?: unknown } | null)?.errorMessage;
    super({
      vendor: "bullhorn",
      status,
      what,
      errors,
      vendorMessage: typeof message === "string" ? message : undefined,
    });
  }
}
