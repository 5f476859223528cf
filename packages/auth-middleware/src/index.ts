/**
 * @hirekit/auth-middleware: the token lifecycle engine for openapi-fetch, and the
 * credential schemes of PCRecruiter, Zoho Recruit, SmartRecruiters and Sterling.
 */
export { AuthError, type AuthErrorCode, type AuthErrorDetails } from "./errors.js";
export { type MemoryTokenStoreOptions, memoryTokenStore } from "./memory-store.js";
export { type AuthMiddleware, createAuthMiddleware, getAuthHint } from "./middleware.js";
export { pinOrigin } from "./pin-origin.js";
export { redact } from "./redact.js";
export { type ApiKeyOptions, apiKey } from "./schemes/api-key.js";
export {
  type ClientAuthentication,
  type ClientCredentialsOptions,
  clientCredentials,
  type RefreshTokenOptions,
  refreshToken,
} from "./schemes/oauth.js";
export { PCRECRUITER_BASE_URL, type PCRecruiterSessionOptions, pcrecruiterSession } from "./schemes/pcrecruiter.js";
export { type SessionOptions, session } from "./schemes/session.js";
export {
  SMARTRECRUITERS_BASE_URLS,
  type SmartRecruitersApiKeyOptions,
  type SmartRecruitersAuthOptions,
  type SmartRecruitersEnvironment,
  type SmartRecruitersOAuthOptions,
  smartRecruitersAuth,
} from "./schemes/smartrecruiters.js";
export { STERLING_BASE_URLS, type SterlingAuthOptions, type SterlingEnvironment, sterlingAuth } from "./schemes/sterling.js";
export {
  exchangeZohoAuthorizationCode,
  revokeZohoToken,
  ZOHO_ACCESS_TOKEN_LIMIT,
  ZOHO_REFRESH_TOKEN_LIMIT,
  ZOHO_REGIONS,
  type ZohoAuthorization,
  type ZohoCodeExchangeOptions,
  type ZohoRecruitAuthOptions,
  type ZohoRegion,
  type ZohoRevokeOptions,
  zohoRecruitAuth,
  zohoRecruitBaseUrl,
} from "./schemes/zoho-recruit.js";
export { mustRefresh, shouldRefresh } from "./token-cycler.js";
export type {
  AuthEvent,
  AuthHint,
  AuthHintCode,
  AuthMiddlewareOptions,
  AuthScheme,
  MaybePromise,
  ObtainedCredential,
  ReleaseLock,
  SchemeContext,
  StoredToken,
  TokenStore,
} from "./types.js";
