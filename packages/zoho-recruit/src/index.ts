/**
 * @hirekit/zoho-recruit: a typed client for the Zoho Recruit REST API v2, generated from
 * `specs/zoho-recruit.openapi.yaml`.
 */

export {
  exchangeZohoAuthorizationCode,
  revokeZohoToken,
  ZOHO_REGIONS,
  type ZohoAuthorization,
  type ZohoCodeExchangeOptions,
  type ZohoRegion,
  type ZohoRevokeOptions,
  zohoRecruitBaseUrl,
} from "@hirekit/auth-middleware/zoho-recruit";
export * from "@hirekit/vendor-kit/common";
export {
  ZOHO_MAX_RECORDS_PER_REQUEST,
  type ZohoRecruitBulkEntry,
  type ZohoRecruitBulkInit,
  type ZohoRecruitBulkMethod,
  type ZohoRecruitBulkPath,
  type ZohoRecruitBulkRecord,
  type ZohoRecruitBulkResult,
  ZohoRecruitBulkWriteError,
} from "./bulk.js";
export {
  createZohoRecruitClient,
  ZOHO_RECRUIT_RETRY_DEFAULTS,
  type ZohoRecruitClient,
  type ZohoRecruitClientOptions,
  type ZohoRecruitCredentials,
} from "./client.js";
export {
  escapeCriteriaValue,
  ZOHO_MAX_CRITERIA_CONDITIONS,
  type ZohoCriteria,
  type ZohoCriteriaBuilder,
  type ZohoCriteriaField,
  type ZohoCriteriaOperator,
  type ZohoCriteriaValue,
  zohoCriteria,
} from "./criteria.js";
export { isZohoErrorBody, zohoErrorBody } from "./error-body.js";
export { ZohoRecruitApiError, ZohoRecruitError, type ZohoRecruitErrorCode } from "./errors.js";
export type { components, operations, paths, webhooks } from "./generated/schema.js";
export type * from "./generated/types.js";
export {
  ZOHO_MAX_PER_PAGE,
  type ZohoRecruitExtras,
  type ZohoRecruitPageItem,
  type ZohoRecruitPaginateArgs,
  type ZohoRecruitPaginatedPath,
  type ZohoRecruitPaginateInit,
  type ZohoRecruitPaginateOptions,
} from "./paginate.js";
export type { AttachmentUploadQuery, ZohoRecruitPaths } from "./paths.js";
