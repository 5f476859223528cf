import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** A candidate (https://bullhorn.github.io/rest-api-docs/entityref.html#candidate). */
export type Candidate = Schemas["Candidate"];
/** A job order. */
export type JobOrder = Schemas["JobOrder"];
/** A candidate submitted to a job order. */
export type JobSubmission = Schemas["JobSubmission"];
/** A placement of a candidate. */
export type Placement = Schemas["Placement"];
/** A contact at a client company. */
export type ClientContact = Schemas["ClientContact"];
/** A client company. */
export type ClientCorporation = Schemas["ClientCorporation"];
/** A note on a record. */
export type Note = Schemas["Note"];
/** A user of the Bullhorn account. */
export type CorporateUser = Schemas["CorporateUser"];
/** Bullhorn's error body. */
export type BullhornErrorBody = Schemas["ErrorResponse"];
/** The answer of a create, update or delete: `{ changedEntityType, changedEntityId, changeType, data }`. */
export type ChangeResponse = Schemas["ChangeResponse"];
/** An entity event of a subscription. */
export type BullhornEvent = Schemas["Event"];
