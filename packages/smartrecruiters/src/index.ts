/**
 * @hirekit/smartrecruiters: types generated from `specs/smartrecruiters.openapi.yaml`.
 */
export type { components, operations, paths, webhooks } from "./generated/schema.js";
