/**
 * @hirekit/sterling: a typed client for the Sterling (First Advantage) background
 * screening API v2, generated from `specs/sterling.openapi.yaml`.
 */

export { STERLING_BASE_URLS, type SterlingEnvironment } from "@hirekit/auth-middleware/sterling";
export * from "@hirekit/vendor-kit/common";
export {
  parseScreeningCallback,
  type SterlingCallback,
  SterlingCallbackError,
  verifyCallbackAuthorization,
} from "./callbacks.js";
export {
  createSterlingClient,
  STERLING_RETRY_DEFAULTS,
  type SterlingClient,
  type SterlingClientOptions,
  type SterlingCredentials,
} from "./client.js";
export { describeSterlingErrors, formatSterlingErrors, SterlingApiError, type SterlingFieldError } from "./errors.js";
export type { components, operations, paths, webhooks } from "./generated/schema.js";
export type * from "./generated/types.js";
export type { SterlingExtras, SterlingPaginatedPath } from "./paginate.js";
