import type { RetryBudgetOptions } from "./budget.js";
import { invalidOption } from "./errors.js";

/** What {@link RetryOptions.onRetry} is told before each wait. Holds no header, query or body. */
export interface RetryEvent {
  /** The retry about to happen: 1 for the second attempt, 2 for the third, … */
  retry: number;
  /** Milliseconds waited before it. */
  delayMs: number;
  /** HTTP method. */
  method: string;
  /** Origin and path of the request, never its query. */
  url: string;
  /** The status that caused the retry, when the server answered. */
  status?: number;
  /** `"network"` or `"timeout"` when the attempt got no answer. */
  failure?: "network" | "timeout";
}

/** Options of `createRetryFetch`. Every field is optional; see {@link DEFAULT_RETRY_OPTIONS}. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 turns retrying off). */
  retries?: number;
  /** Base of the exponential backoff in ms (default 500). */
  baseDelayMs?: number;
  /** Longest single wait in ms (default 20 s). A server asking for more is not retried: its answer is returned. */
  maxDelayMs?: number;
  /** Longest total waiting for one request in ms (default 60 s). */
  maxTotalDelayMs?: number;
  /**
   * Least wait after a 429 that carries no `Retry-After` or reset header, in ms (default 0);
   * the jittered backoff is added to it. Vendors with a per-second window set 1000; Zoho,
   * whose limit is a daily credit budget, waits minutes.
   */
  rateLimitDelayMs?: number;
  /** Statuses that are retried (default 408, 429, 500, 502, 503, 504). 401 is refused: the auth middleware owns it. */
  statuses?: readonly number[];
  /**
   * Retry every method, not only the idempotent ones (RFC 9110 §9.2.2: GET, HEAD, OPTIONS,
   * TRACE, PUT, DELETE) and requests carrying an `Idempotency-Key` (default false).
   */
  retryNonIdempotent?: boolean;
  /** Abort an attempt that has no response headers after this many ms and retry it (default: no limit). */
  attemptTimeoutMs?: number;
  /** The retry budget shared by all requests of this fetch, or `false` for none. */
  budget?: RetryBudgetOptions | false;
  /** Observer called before each wait; its exceptions are swallowed. */
  onRetry?: (event: RetryEvent) => void;
  /** Clock in ms since the epoch, for `Retry-After` dates (default `Date.now`). */
  clock?: () => number;
  /** Source of randomness in [0, 1) for the jitter (default `Math.random`). */
  random?: () => number;
}

/** The defaults: three retries, full jitter from 500 ms, at most 20 s a wait and 60 s in all. */
export const DEFAULT_RETRY_OPTIONS = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxTotalDelayMs: 60_000,
  rateLimitDelayMs: 0,
  statuses: [408, 429, 500, 502, 503, 504],
  retryNonIdempotent: false,
  budget: { capacity: 500, retryCost: 5, networkErrorCost: 10, refund: 1 },
} as const;

export interface ResolvedRetryOptions {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxTotalDelayMs: number;
  rateLimitDelayMs: number;
  statuses: ReadonlySet<number>;
  retryNonIdempotent: boolean;
  attemptTimeoutMs: number | undefined;
  budget: Required<RetryBudgetOptions> | undefined;
  onRetry: ((event: RetryEvent) => void) | undefined;
  clock: () => number;
  random: () => number;
}

/** Validates options at construction; every error names the option at fault. */
export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  if (options !== undefined && (options === null || typeof options !== "object")) {
    throw invalidOption("options", "must be an object");
  }
  const o = options ?? {};
  const d = DEFAULT_RETRY_OPTIONS;
  const statuses = o.statuses ?? d.statuses;
  if (!Array.isArray(statuses) || statuses.some((s) => !Number.isInteger(s) || s < 100 || s > 599)) {
    throw invalidOption("statuses", "must be an array of HTTP status codes (100–599)");
  }
  if (statuses.includes(401)) {
    throw invalidOption("statuses", "must not include 401: the auth middleware renews the credential and replays");
  }
  if (o.retryNonIdempotent !== undefined && typeof o.retryNonIdempotent !== "boolean") {
    throw invalidOption("retryNonIdempotent", "must be a boolean");
  }
  for (const name of ["onRetry", "clock", "random"] as const) {
    if (o[name] !== undefined && typeof o[name] !== "function") throw invalidOption(name, "must be a function");
  }
  let budget: Required<RetryBudgetOptions> | undefined;
  if (o.budget !== false) {
    if (o.budget !== undefined && (o.budget === null || typeof o.budget !== "object")) {
      throw invalidOption("budget", "must be an object or false");
    }
    budget = {
      capacity: count(o.budget?.capacity, d.budget.capacity, "budget.capacity"),
      retryCost: count(o.budget?.retryCost, d.budget.retryCost, "budget.retryCost"),
      networkErrorCost: count(o.budget?.networkErrorCost, d.budget.networkErrorCost, "budget.networkErrorCost"),
      refund: count(o.budget?.refund, d.budget.refund, "budget.refund"),
    };
  }
  const attemptTimeoutMs = o.attemptTimeoutMs === undefined ? undefined : ms(o.attemptTimeoutMs, 0, "attemptTimeoutMs");
  if (attemptTimeoutMs === 0) throw invalidOption("attemptTimeoutMs", "must be greater than 0");
  return {
    retries: count(o.retries, d.retries, "retries"),
    baseDelayMs: ms(o.baseDelayMs, d.baseDelayMs, "baseDelayMs"),
    maxDelayMs: ms(o.maxDelayMs, d.maxDelayMs, "maxDelayMs"),
    maxTotalDelayMs: ms(o.maxTotalDelayMs, d.maxTotalDelayMs, "maxTotalDelayMs"),
    rateLimitDelayMs: ms(o.rateLimitDelayMs, d.rateLimitDelayMs, "rateLimitDelayMs"),
    statuses: new Set(statuses),
    retryNonIdempotent: o.retryNonIdempotent ?? d.retryNonIdempotent,
    attemptTimeoutMs,
    budget,
    onRetry: o.onRetry,
    clock: o.clock ?? Date.now,
    random: o.random ?? Math.random,
  };
}

/**
 * Vendor defaults merged under the user's choice: `false` turns retrying off, an object
 * overrides field by field.
 *
 * @example
 * ```ts
 * const options = mergeRetryOptions({ rateLimitDelayMs: 1000 }, userChoice); // undefined when userChoice is false
 * ```
 */
export function mergeRetryOptions(
  vendorDefaults: RetryOptions,
  choice: false | RetryOptions | undefined,
): RetryOptions | undefined {
  if (choice === false) return undefined;
  if (choice !== undefined && (choice === null || typeof choice !== "object")) {
    throw invalidOption("retry", "must be false or an object of retry options");
  }
  return { ...vendorDefaults, ...choice };
}

function count(value: unknown, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw invalidOption(option, "must be a whole number ≥ 0");
  }
  return value;
}

function ms(value: unknown, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw invalidOption(option, "must be a finite number of milliseconds ≥ 0");
  }
  return value;
}
