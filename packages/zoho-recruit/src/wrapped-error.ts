import type { Middleware } from "openapi-fetch";
import { zohoErrorBody } from "./error-body.js";
import { ZohoRecruitApiError } from "./errors.js";

// A body that starts with an `error` key: Zoho's second envelope, `{"error": {...}}` or
// `{"error": "CODE"}`. dbx-components (packages/zoho/src/lib/zoho.error.api.ts,
// interceptZohoErrorResponseFactory) reads it from Recruit even on HTTP 200, where openapi-fetch
// would hand it over as `data`. Checking the text first keeps other 2xx bodies to one parse.
const WRAPPED = /^\s*\{\s*"error"\s*:/;

/**
 * Turns a 2xx answer whose body is Zoho's `{"error": ...}` envelope into a thrown
 * {@link ZohoRecruitApiError}, so that it cannot pass for data. Non-2xx answers are left to
 * openapi-fetch, which returns them as `error` (typed with both envelopes).
 */
export const wrappedErrorMiddleware: Middleware = {
  async onResponse({ request, response }) {
    if (!response.ok || response.status === 204) return undefined;
    if (!/\bjson\b/i.test(response.headers.get("content-type") ?? "")) return undefined;
    const text = await response.clone().text();
    if (!WRAPPED.test(text)) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (zohoErrorBody(body) === undefined) return undefined;
    throw new ZohoRecruitApiError(response.status, body, `${request.method} ${new URL(request.url).pathname}`);
  },
};
