import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** A record of any module, custom modules included: the system fields plus any field API name. */
export type ZohoRecord = Schemas["ZohoRecord"];
/** A reference to another record or a user, as `{ id, name }`. */
export type Lookup = Schemas["Lookup"];
/** A record of the `Candidates` module. */
export type Candidate = Schemas["Candidate"];
/** A record of the `Job_Openings` module. */
export type JobOpening = Schemas["Job"];
/** A record of the `Clients` module (Staffing Agency edition). */
export type Client = Schemas["Client"];
/** A record of the `Contacts` module (Staffing Agency edition). */
export type Contact = Schemas["Contact"];
/** A record of the `Interviews` module. */
export type Interview = Schemas["Interview"];
/** A record of the `Applications` module: a candidate's application to a job opening. */
export type Application = Schemas["Application"];
/** Paging information of a list: keep asking while `more_records` is true. */
export type PageInfo = Schemas["PageInfo"];
/** Automations to run for a write (`workflow`, `approval`, `blueprint`); `[]` runs none. */
export type WriteTrigger = Schemas["WriteTrigger"];
/** Result of one record of a write, success or error: switch on `status`. */
export type RecordActionResult = Schemas["RecordActionResult"];
/** Result of one record written successfully (`status: "success"`, `details.id`). */
export type RecordActionSuccess = Schemas["RecordActionSuccess"];
/** Result of one record that failed (`status: "error"`, `code`, `details.api_name`). */
export type RecordActionError = Schemas["RecordActionError"];
/** Write response: one result per input record. */
export type RecordActionResponse = Schemas["RecordActionResponse"];
/** Change-status response: results nested one level deeper (an array of arrays). */
export type StatusChangeResponse = Schemas["StatusChangeResponse"];
/** Zoho's request-level error body: `{ code, details, message, status }`. */
export type ZohoErrorBody = Schemas["ErrorResponse"];
/** Zoho's second error envelope: `{ error: { code, message, details?, status? } | "CODE" }`. */
export type ZohoWrappedErrorBody = Schemas["WrappedErrorResponse"];
/** A deleted record, from `GET /{module}/deleted`. */
export type DeletedRecord = Schemas["DeletedRecord"];
/** Candidates to associate with job openings (`PUT /Candidates/actions/associate`). */
export type Association = Schemas["Association"];
/**
 * Result of an association, one per job opening. `details.ids` is one string; a candidate already
 * associated is `code: "FAILURE"` with `details.error[0].code === "ALREADY_ASSOCIATED"`, which counts as done.
 */
export type AssociateResult = Schemas["AssociateResult"];
/** A status change of candidates or applications (`Candidate_Status`). */
export type CandidateStatusChange = Schemas["CandidateStatusChange"];
/** A status change of job openings (`Job_Opening_Status`). */
export type JobOpeningStatusChange = Schemas["JobStatusChange"];
/** A note as Zoho returns it. */
export type Note = Schemas["Note"];
/** The fields of a note to create or update (`Parent_Id`, `se_module`, `Note_Title`, `Note_Content`). */
export type NoteInput = Schemas["NoteInput"];
/** A file attached to a record (times without offset, `Size` as a string). */
export type Attachment = Schemas["Attachment"];
/** A user of the Recruit org. */
export type User = Schemas["User"];
/** Metadata of a module (`api_name`, capabilities). */
export type ZohoModule = Schemas["Module"];
/** Metadata of a field (`api_name`, `data_type`, picklist values). */
export type ZohoField = Schemas["Field"];
/** A notification channel of `POST /actions/watch` (unverified for Recruit). */
export type WatchChannel = Schemas["WatchChannel"];
