/**
 * @hirekit/pcrecruiter: types generated from `specs/pcrecruiter.openapi.yaml`.
 */
export type { components, operations, paths } from "./generated/schema.js";
