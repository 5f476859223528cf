/**
 * @hirekit/smartrecruiters: a typed client for the SmartRecruiters Customer API (jobs,
 * postings, candidates, applications, attachments, offers, users, webhook subscriptions),
 * generated from `specs/smartrecruiters.openapi.yaml`.
 */
export { SMARTRECRUITERS_BASE_URLS, type SmartRecruitersEnvironment } from "@hirekit/auth-middleware/smartrecruiters";
export * from "@hirekit/vendor-kit/common";
export {
  createSmartRecruitersClient,
  SMARTRECRUITERS_RETRY_DEFAULTS,
  type SmartRecruitersClient,
  type SmartRecruitersClientOptions,
} from "./client.js";
export { SMARTRECRUITERS_CONCURRENCY, SMARTRECRUITERS_RATE, type SmartRecruitersLimits } from "./concurrency.js";
export type { SmartRecruitersCredentials } from "./credentials.js";
export {
  describeSmartRecruitersErrors,
  formatSmartRecruitersErrors,
  SmartRecruitersApiError,
  type SmartRecruitersErrorDetail,
} from "./errors.js";
export type { components, operations, paths, webhooks } from "./generated/schema.js";
export type * from "./generated/types.js";
export { attachmentForm, type MultipartInit, resumeForm, type UploadFile } from "./multipart.js";
export type {
  PaginateOptions,
  SmartRecruitersExtras,
  SmartRecruitersPageItem,
  SmartRecruitersPaginateArgs,
  SmartRecruitersPaginatedPath,
  SmartRecruitersPaginateInit,
} from "./paginate.js";
export { readRateLimit, type SmartRecruitersRateLimit } from "./rate-limit.js";
export {
  parseWebhookEvent,
  SmartRecruitersWebhookError,
  type VerifyWebhookSignatureOptions,
  verifyWebhookSignature,
  type WebhookEvent,
  type WebhookHandshakeReply,
  type WebhookHeaders,
  type WebhookRawBody,
  type WebhookVerification,
  type WebhookVerificationFailure,
  webhookHandshake,
} from "./webhooks.js";
