/**
 * @hirekit/vendor-kit: what every hirekit vendor client is built from. `defineVendorClient`
 * turns a vendor definition (base URLs, how credentials become a scheme, extra checks,
 * transport layers, retry defaults, extra methods) into the client factory; `VendorApiError`
 * is the base of every vendor's API error; `walkPages` is the pager kernel behind every
 * `paginate`. The error hierarchy's base, `HirekitError`, and the shared primitives
 * (`redact`, `sleep`, `slidingWindow`) come from `@hirekit/auth-middleware` and are
 * re-exported here.
 *
 * @module @hirekit/vendor-kit
 */
export {
  AuthError,
  type AuthErrorCode,
  HirekitError,
  type HirekitErrorDetails,
  isHirekitError,
  redact,
  type SlidingWindow,
  sleep,
  slidingWindow,
} from "@hirekit/auth-middleware";
export { RetryError, type RetryErrorCode, type RetryOptions } from "@hirekit/retry";
export {
  CONSERVATIVE_RETRY_DEFAULTS,
  defineVendorClient,
  type Fail,
  type Fetch,
  isScheme,
  type LooseRequest,
  oneOf,
  type TransportContext,
  type VendorClient,
  type VendorClientOptions,
  type VendorDefinition,
  type VendorKit,
} from "./define.js";
export {
  invalidOption,
  readJsonObject,
  redactDeep,
  VendorApiError,
  type VendorApiErrorInit,
  type VendorErrorDetail,
} from "./errors.js";
export { type Page, type Pager, type PaginateOptions, readMaxItems, walkPages } from "./pager.js";
export type { GetJson, GetParams, PageItem, PaginateArgs, PaginateInit } from "./paths.js";
