/**
 * @hirekit/bullhorn: a typed client for the Bullhorn REST API, generated from
 * `specs/bullhorn.openapi.yaml`, with data-centre discovery, the rotating OAuth grant and the
 * REST session handled, and paging over search and query.
 *
 * @module @hirekit/bullhorn
 */
export { seedGrant } from "@hirekit/auth-middleware";
export { BULLHORN_BASE_URL, BULLHORN_LOGIN_INFO_URL, type BullhornAuthOptions } from "@hirekit/auth-middleware/bullhorn";
export * from "@hirekit/vendor-kit/common";
export {
  BULLHORN_RETRY_DEFAULTS,
  type BullhornClient,
  type BullhornClientOptions,
  type BullhornCredentials,
  createBullhornClient,
} from "./client.js";
export { BullhornApiError, describeBullhornErrors } from "./errors.js";
export type { components, operations, paths } from "./generated/schema.js";
export type * from "./generated/types.js";
export { BULLHORN_MAX_COUNT, type BullhornExtras, type BullhornPageItem, type BullhornPaginatedPath } from "./paginate.js";
