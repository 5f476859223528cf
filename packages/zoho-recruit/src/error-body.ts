import type { ZohoErrorBody } from "./generated/types.js";

/**
 * Zoho's error from either of its two envelopes, as the flat `{ code, details, message, status }`:
 * the flat body itself, or the `error` of `{ "error": { code, message, ... } }` / `{ "error": "CODE" }`
 * (the second envelope, reported from Recruit by dbx-components' `zoho.error.api.ts`). `undefined`
 * for anything else.
 *
 * @example
 * ```ts
 * const { error } = await zoho.GET("/Candidates");
 * if (error) console.error(zohoErrorBody(error)?.code);
 * ```
 */
export function zohoErrorBody(value: unknown): ZohoErrorBody | undefined {
  const inner = value !== null && typeof value === "object" && "error" in value ? value.error : value;
  if (typeof inner === "string" && inner !== "" && inner !== value)
    return { code: inner, details: {}, message: "", status: "error" };
  if (!isZohoErrorBody(inner)) return undefined;
  // Zoho's `details` and `status` are sometimes absent (dbx-components' ZohoServerErrorData).
  const { details, status } = inner as Partial<ZohoErrorBody>;
  return { ...inner, details: details ?? {}, status: status ?? "error" };
}

/**
 * Whether a value is Zoho's flat request-level error body `{ code, details, message, status }`
 * (the first envelope; {@link zohoErrorBody} reads both).
 *
 * @example
 * ```ts
 * const { error } = await zoho.GET("/Candidates");
 * if (isZohoErrorBody(error) && error.code === "INVALID_MODULE") console.error(error.message);
 * ```
 */
export function isZohoErrorBody(value: unknown): value is ZohoErrorBody {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.message === "string";
}
