import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** A screening package (bundle of products) of the account. */
export type Package = Schemas["Package"];
/** A candidate as Sterling returns it. */
export type Candidate = Schemas["Candidate"];
/** The body of `PUT /candidates/{candidateId}` (a full replacement). */
export type CandidateInput = Schemas["CandidateInput"];
/** The body of `POST /candidates`: {@link CandidateInput} with `clientReferenceId` required. */
export type CandidateCreate = Schemas["CandidateCreate"];
/** A background-check order. */
export type Screening = Schemas["Screening"];
/** The body of `POST /screenings`. */
export type ScreeningInput = Schemas["ScreeningInput"];
/** One product of a screening (criminal search, drug test, …) with its own status. */
export type ReportItem = Schemas["ReportItem"];
/** A one-time link to a completed report. */
export type ReportLink = Schemas["ReportLink"];
/** A knowledge-based identity verification. */
export type Identity = Schemas["Identity"];
/** Sterling's error envelope: `{ errors: [{ code, message }] }`. */
export type SterlingErrorBody = Schemas["ErrorResponse"];
/** One error of the envelope; `code` reads `<status>#<field path>?<reason>`. */
export type SterlingErrorDetail = Schemas["ErrorDetail"];
/** The body Sterling POSTs to a screening's callback URI. */
export type ScreeningCallbackBody = Schemas["ScreeningCallback"];
