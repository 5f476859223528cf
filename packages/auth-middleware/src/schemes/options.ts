import { invalidOption } from "../errors.js";

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

/** Schemes hide their secrets in closures; this keeps `util.inspect` and `JSON.stringify` of a scheme short and safe. */
export function describeScheme<T extends object>(scheme: T, summary: Record<string, unknown>): T {
  Object.defineProperty(scheme, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => `AuthScheme ${JSON.stringify(summary)}`,
  });
  Object.defineProperty(scheme, "toJSON", { value: () => summary });
  return scheme;
}
