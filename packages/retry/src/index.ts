/**
 * @hirekit/retry: a retrying `fetch` for openapi-fetch clients (network errors, 408, 429,
 * 5xx; full-jitter backoff; `Retry-After` and reset headers; a retry budget).
 */
export type { RetryBudgetOptions } from "./budget.js";
export { fullJitterMs, serverDelayMs } from "./delay.js";
export { RetryError, type RetryErrorCode, type RetryErrorDetails } from "./errors.js";
export { DEFAULT_RETRY_OPTIONS, mergeRetryOptions, type RetryEvent, type RetryOptions } from "./options.js";
export { createRetryFetch, type FetchLike } from "./retry-fetch.js";
