/**
 * @hirekit/cli: the `hirekit` command (demo, OAuth consent for Zoho Recruit and
 * SmartRecruiters, credential check), and the pieces it is built from.
 */

export {
  exchangeSmartRecruitersAuthorizationCode,
  SMARTRECRUITERS_CONSENT_URL,
  SMARTRECRUITERS_TOKEN_URL,
  type SmartRecruitersAuthorization,
  type SmartRecruitersCodeExchangeOptions,
} from "@hirekit/auth-middleware/smartrecruiters";
export { CHECK_ENV, type CheckVendor } from "./check.js";
export { type RunCliOptions, runCli } from "./cli.js";
export { CliError, type CliErrorCode, EXIT_CODES } from "./errors.js";
export type { CliIo } from "./io.js";
export { nodeIo } from "./node-io.js";
