/**
 * @hirekit/pcrecruiter: a typed client for the PCRecruiter REST API, generated from
 * `specs/pcrecruiter.openapi.yaml`, with the session handled, paging, change tracking and a
 * `Query` builder.
 */

export { PCRECRUITER_BASE_URL } from "@hirekit/auth-middleware/pcrecruiter";
export * from "@hirekit/vendor-kit/common";
export type {
  PCRecruiterChanges,
  PCRecruiterChangesOptions,
  PCRecruiterExtras,
  PCRecruiterTrackedPath,
} from "./change-tracking.js";
export {
  createPCRecruiterClient,
  PCRECRUITER_LEGACY_BASE_URL,
  PCRECRUITER_RETRY_DEFAULTS,
  type PCRecruiterClient,
  type PCRecruiterClientOptions,
  type PCRecruiterCredentials,
} from "./client.js";
export {
  PCRecruiterApiError,
  PCRecruiterError,
  type PCRecruiterErrorCode,
  type PCRecruiterErrorDetails,
  pcrecruiterErrorMessage,
} from "./errors.js";
export type { components, operations, paths } from "./generated/schema.js";
export type * from "./generated/types.js";
export { checkInhalerResult } from "./inhaler.js";
export type {
  PaginateArgs,
  PaginateOptions,
  PCRecruiterListInit,
  PCRecruiterListItem,
  PCRecruiterPage,
  PCRecruiterPagedPath,
} from "./paginate.js";
export {
  and,
  customField,
  or,
  type PCRecruiterQuery,
  type QueryField,
  type QueryOperator,
  type QueryValue,
  type TextOperator,
  type WhereOptions,
  where,
} from "./query.js";
