/**
 * @hirekit/zoho-recruit: types generated from `specs/zoho-recruit.openapi.yaml`.
 */
export type { components, operations, paths, webhooks } from "./generated/schema.js";
