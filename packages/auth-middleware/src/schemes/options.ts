import { invalidOption } from "../errors.js";
import { DEFAULT_TIMEOUT_MS } from "../token-cycler.js";
import type { SchemeContext } from "../types.js";

/** Reads a required non-empty string option, naming it when it is missing. */
export function requiredString(options: object | undefined, name: string, vendor: string): string {
  const value = (options as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== "string" || value.trim().length === 0) {
    throw invalidOption(vendor, name, value === undefined ? "is required" : "must be a non-empty string");
  }
  return value;
}

/** Reads an optional string option. */
export function optionalString(options: object | undefined, name: string, vendor: string): string | undefined {
  const value = (options as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim().length === 0) throw invalidOption(vendor, name, "must be a non-empty string");
  return value;
}

/** Reads an option that must be one of `choices`. */
export function oneOf<T extends string>(
  options: object | undefined,
  name: string,
  vendor: string,
  choices: readonly T[],
  fallback?: T,
): T {
  const value = (options as Record<string, unknown> | undefined)?.[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    throw invalidOption(vendor, name, `must be one of ${choices.map((c) => `"${c}"`).join(", ")}`);
  }
  return value as T;
}

/** Ensures `options` is an object before reading it. */
export function requireObject(options: unknown, vendor: string): asserts options is object {
  if (options === null || typeof options !== "object") throw invalidOption(vendor, "options", "must be an object");
}

/** Base64 of UTF-8 text with Web APIs only, so it runs on every runtime. */
export function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `application/x-www-form-urlencoded` encoding of one value (RFC 6749 §2.3.1, Appendix B). */
export function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/**
 * Schemes (and the tokens of a code exchange) hide their secrets; this keeps `util.inspect` and
 * `JSON.stringify` of one short and safe: `summary` is all they show, after `label`.
 */
export function describeScheme<T extends object>(scheme: T, summary: Record<string, unknown>, label = "AuthScheme"): T {
  Object.defineProperty(scheme, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => `${label} ${JSON.stringify(summary)}`,
  });
  Object.defineProperty(scheme, "toJSON", { value: () => summary });
  return scheme;
}

/** The context for token-endpoint calls made outside a middleware (code exchanges, discovery, revocation). */
export function standaloneContext(
  options: { fetch?: typeof globalThis.fetch; timeoutMs?: number; signal?: AbortSignal },
  vendor: string,
): SchemeContext {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw invalidOption(vendor, "timeoutMs", "must be > 0");
  return {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    signal: options.signal ?? new AbortController().signal,
    timeoutMs,
    clock: Date.now,
    emit: () => undefined,
  };
}
