import type { AuthScheme } from "@hirekit/auth-middleware";
import type { SmartRecruitersCommon, SmartRecruitersUserOAuthOptions } from "@hirekit/auth-middleware/smartrecruiters";

/**
 * SmartRecruiters credentials: an API key (`X-SmartToken`), an OAuth client id and secret
 * from the Credential Manager, a user's grant (`refreshToken` and/or `grantId`, rotation-safe
 * through the `tokenStore`; see `smartRecruitersUserAuth`), or any ready scheme (e.g. for a
 * proxy). https://developers.smartrecruiters.com/docs/authentication-oauth-authorization-code
 */
export type SmartRecruitersCredentials =
  | { apiKey: string }
  | { clientId: string; clientSecret: string }
  | Omit<SmartRecruitersUserOAuthOptions, keyof SmartRecruitersCommon | "tokenUrl">
  | AuthScheme;
