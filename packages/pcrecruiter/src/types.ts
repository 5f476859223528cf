import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** A name record: a candidate or a contact (contacts are names with a contact `Status`). */
export type Candidate = Schemas["Candidate"];
/** A position (job, requisition); note `Zip`, not `PostalCode`. */
export type Position = Schemas["Position"];
/** A company; note `EmailWWWAddress`. */
export type Company = Schemas["Company"];
/** An activity log entry of a name or a position. */
export type Activity = Schemas["Activity"];
/** A file attached to a record; `Data` (base64) only on single reads and writes. */
export type Attachment = Schemas["Attachment"];
/** A name's active or blinded résumé (shape not documented by the vendor). */
export type Resume = Schemas["Resume"];
/** The body of `POST /candidates/inhaler` (résumé import); note the lower-camel keys. */
export type InhalerRequest = Schemas["InhalerRequest"];
/** The answer of `POST /candidates/inhaler`; failures come back in-band with HTTP 200. */
export type InhalerResult = Schemas["InhalerResult"];
/** A pipeline ("interview", "sendout") record linking a candidate to a position. */
export type PipelineInterview = Schemas["PipelineInterview"];
/** A rollup (hot) list. */
export type RollupList = Schemas["RollupList"];
/** A name's membership of a rollup list. */
export type RollupListMember = Schemas["RollupListMember"];
/** A PCRecruiter user (read-only). */
export type User = Schemas["User"];
/** A custom-field value on a record; values are strings. */
export type CustomFieldValue = Schemas["CustomFieldValue"];
/** A custom-field definition from `/system/{RecordType}/CustomFields`. */
export type CustomFieldDefinition = Schemas["CustomFieldDefinition"];
/** An amount with its currency. */
export type Money = Schemas["Money"];
/** The body of `POST /access-token`. */
export type SessionRequest = Schemas["SessionRequest"];
/** PCRecruiter's (undocumented, ASP.NET-style) error body: `{ Message }`, sometimes `message` or `errors`. */
export type PCRecruiterErrorBody = Schemas["ErrorResponse"];
/** The list envelope of every search: `{ TotalRecords, Results }`. */
export interface PCRecruiterPage<T> {
  /** Matching records over all pages. */
  TotalRecords: number;
  /** This page's records. */
  Results: T[];
}
