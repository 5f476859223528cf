/**
 * @hirekit/vendor-kit/common: what every hirekit vendor package re-exports, so that its one
 * dependency is enough to catch every failure and share a token store: the error hierarchy
 * (`HirekitError`, `isHirekitError`, `AuthError`, `RetryError`, `VendorApiError`), the
 * in-memory token store, and the shared option types. A vendor package writes
 * `export * from "@hirekit/vendor-kit/common";` and so cannot forget one of them.
 *
 * @example
 * ```ts
 * import { isHirekitError } from "@hirekit/sterling"; // the same function as here
 *
 * try {
 *   await sterling.GET("/packages");
 * } catch (error) {
 *   if (isHirekitError(error)) console.error(error.code);
 * }
 * ```
 *
 * @module @hirekit/vendor-kit/common
 */
export {
  AuthError,
  type AuthErrorCode,
  HirekitError,
  isHirekitError,
  memoryTokenStore,
  type TokenStore,
} from "@hirekit/auth-middleware";
export { RetryError, type RetryOptions } from "@hirekit/retry";
export type { VendorClientOptions } from "./define.js";
export { VendorApiError, type VendorErrorDetail } from "./errors.js";
