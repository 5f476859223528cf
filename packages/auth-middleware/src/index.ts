/**
 * @hirekit/auth-middleware: the token lifecycle engine for openapi-fetch and its generic
 * credential schemes. Each vendor's scheme is a subpath of its own
 * (`@hirekit/auth-middleware/bullhorn`, `/pcrecruiter`, `/smartrecruiters`, `/sterling`,
 * `/zoho-recruit`), so the engine's entry names no vendor.
 *
 * @module @hirekit/auth-middleware
 */
export {
  AuthError,
  type AuthErrorCode,
  type AuthErrorDetails,
  HirekitError,
  type HirekitErrorDetails,
  isHirekitError,
} from "./errors.js";
export { seedGrant } from "./grant.js";
export { type MemoryTokenStoreOptions, memoryTokenStore } from "./memory-store.js";
export { type AuthMiddleware, createAuthMiddleware, getAuthHint } from "./middleware.js";
export { pinOrigin } from "./pin-origin.js";
export { type SlidingWindow, sleep, slidingWindow } from "./rate-limit.js";
export { redact } from "./redact.js";
export { type ApiKeyOptions, apiKey } from "./schemes/api-key.js";
export {
  type ClientAuthentication,
  type ClientCredentialsOptions,
  clientCredentials,
  type RefreshTokenOptions,
  refreshToken,
} from "./schemes/oauth.js";
export { type SessionOptions, session } from "./schemes/session.js";
export { mustRefresh, shouldRefresh } from "./token-cycler.js";
export type {
  AuthEvent,
  AuthHint,
  AuthHintCode,
  AuthMiddlewareOptions,
  AuthScheme,
  GrantState,
  MaybePromise,
  ObtainedCredential,
  ReleaseLock,
  SchemeContext,
  StoredToken,
  TokenStore,
} from "./types.js";
