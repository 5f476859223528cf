import type { AuthScheme } from "@hirekit/auth-middleware";
import type { SmartRecruitersCommon, SmartRecruitersUserOAuthOptions } from "@hirekit/auth-middleware/smartrecruiters";
import type { components } from "./generated/schema.js";

/**
 * SmartRecruiters credentials: an API key (`X-SmartToken`), an OAuth client id and secret
 * from the Credential Manager, a user's grant (`refreshToken` and/or `grantId`, rotation-safe
 * through the `tokenStore`; see `smartRecruitersUserAuth`), or any ready scheme (e.g. for a
 * proxy). https://developers.smartrecruiters.com/docs/authentication-oauth-authorization-code
 */
export type SmartRecruitersCredentials =
  | { apiKey: string }
  | { clientId: string; clientSecret: string }
  | Omit<SmartRecruitersUserOAuthOptions, keyof SmartRecruitersCommon | "tokenUrl">
  | AuthScheme;

type Schemas = components["schemas"];

/** A job as `GET /jobs/{jobId}` returns it. */
export type Job = Schemas["Job"];
/** A job as the job search lists it. */
export type JobSummary = Schemas["JobSummary"];
/** The body of `POST /jobs` and `PUT /jobs/{jobId}`. */
export type JobInput = Schemas["JobInput"];
/** A job's status (`CREATED`, `SOURCING`, `FILLED`, …). */
export type JobStatus = Schemas["JobStatus"];
/** The body of `PUT /jobs/{jobId}/status`. */
export type JobStatusUpdate = Schemas["JobStatusUpdate"];
/** A job's hiring team. */
export type HiringTeam = Schemas["HiringTeam"];
/** One member of a hiring team. */
export type HiringTeamMember = Schemas["HiringTeamMember"];
/** A publication of a job on a job board. */
export type JobPublication = Schemas["JobPublication"];
/** A public job posting (Posting API). */
export type Posting = Schemas["Posting"];
/** A candidate with details (`GET /candidates/{candidateId}`, 201 of the create calls). */
export type Candidate = Schemas["Candidate"];
/** A candidate as the candidate search lists it. */
export type CandidateSummary = Schemas["CandidateSummary"];
/** The body of `POST /candidates` and `POST /jobs/{jobId}/candidates`. */
export type CandidateInput = Schemas["CandidateInput"];
/** The body of `PATCH /candidates/{candidateId}`. */
export type CandidateUpdate = Schemas["CandidateUpdate"];
/** A candidate's application to a job. */
export type Application = Schemas["Application"];
/** Application status of the Customer API (`IN_REVIEW`, `OFFERED`, `HIRED`, …). */
export type ApplicationStatus = Schemas["ApplicationStatus"];
/** The body of `PUT /candidates/{candidateId}/jobs/{jobId}/status`. */
export type ApplicationStatusUpdate = Schemas["ApplicationStatusUpdate"];
/** One entry of an application's status history. */
export type StatusHistoryEntry = Schemas["StatusHistoryEntry"];
/** Application status of the Apply API (`OFFER`, `HIRE`, …): a separate vocabulary. */
export type ApplyStatus = Schemas["ApplyStatus"];
/** The body of `POST /postings/{postingUuid}/candidates`. */
export type ApplyRequest = Schemas["ApplyRequest"];
/** A file attached to a candidate or an application. */
export type Attachment = Schemas["Attachment"];
/** `GENERIC_FILE`, `RESUME` or `COVER_LETTER`. */
export type AttachmentType = Schemas["AttachmentType"];
/** The multipart body of the attachment uploads (see `attachmentForm`). */
export type AttachmentUpload = Schemas["AttachmentUpload"];
/** The multipart body of the resume-parsing calls (see `resumeForm`). */
export type ResumeUpload = Schemas["ResumeUpload"];
/** A job offer made on an application. */
export type Offer = Schemas["Offer"];
/** An offer's status (`CREATED`, `APPROVED`, `ACCEPTED`, …). */
export type OfferStatus = Schemas["OfferStatus"];
/** A SmartRecruiters user (User API). */
export type User = Schemas["User"];
/** The body of `POST /user-api/v201804/users`. */
export type UserInput = Schemas["UserInput"];
/** A webhook subscription. */
export type WebhookSubscription = Schemas["WebhookSubscription"];
/** The body of `POST /webhooks-api/v201907/subscriptions`. */
export type WebhookSubscriptionInput = Schemas["WebhookSubscriptionInput"];
/** A webhook event name (`application.status.updated`, …; open set). */
export type WebhookEventName = Schemas["WebhookEventName"];
/** The ids a webhook delivery carries. */
export type WebhookPayload = Schemas["WebhookPayload"];
/** The Customer API error envelope `{ message, errors: [{ code, message }] }`. */
export type SmartRecruitersErrorBody = Schemas["ErrorResponse"];
/** The Apply API's flat error `{ id, code, message }`. */
export type ApplyErrorBody = Schemas["ApplyError"];
