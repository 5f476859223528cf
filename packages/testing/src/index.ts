/**
 * @hirekit/testing: fake PCRecruiter, Zoho Recruit, SmartRecruiters and Sterling servers on
 * loopback, with the vendors' real token endpoints and wire formats, requests checked against
 * hirekit's OpenAPI documents, knobs for failures, and the `runDemo` scenario.
 */
export { type DemoSummary, type DemoVendorSummary, type RunDemoOptions, runDemo } from "./demo.js";
export { FakeServerError, type FakeServerErrorCode } from "./errors.js";
export type { FakeKnobs, FakeOptions, FakeServerBase, ForcedFailure } from "./server.js";
export { type FakeRequest, type FakeRequestKind, type FakeStats, summarizeRequests } from "./summary.js";
export type { RequestProblem } from "./validator.js";
export { HIREKIT_VENDORS, type HirekitVendor, type HirekitVendorInfo } from "./vendor-list.js";
export {
  type FakeBullhorn,
  type FakeBullhornCredentials,
  type FakeBullhornDataCentre,
  type FakeBullhornKnobs,
  type FakeBullhornOptions,
  type FakeBullhornRecord,
  type FakeBullhornStats,
  startFakeBullhorn,
} from "./vendors/bullhorn.js";
export {
  type FakePCRecruiter,
  type FakePCRecruiterCredentials,
  type FakePCRecruiterOptions,
  startFakePCRecruiter,
} from "./vendors/pcrecruiter.js";
export {
  type FakeSmartRecruiters,
  type FakeSmartRecruitersCredentials,
  type FakeSmartRecruitersOptions,
  startFakeSmartRecruiters,
} from "./vendors/smartrecruiters.js";
export {
  type FakeSterling,
  type FakeSterlingCredentials,
  type FakeSterlingOptions,
  type FakeSterlingScreening,
  startFakeSterling,
} from "./vendors/sterling.js";
export {
  type FakeZohoRecruit,
  type FakeZohoRecruitCredentials,
  type FakeZohoRecruitOptions,
  type FakeZohoRegion,
  startFakeZohoRecruit,
} from "./vendors/zoho-recruit.js";
