/**
 * @hirekit/sterling: types generated from `specs/sterling.openapi.yaml`.
 */
export type { components, operations, paths, webhooks } from "./generated/schema.js";
