import { HirekitError, type HirekitErrorDetails, redact } from "@hirekit/auth-middleware";

/** One error of a vendor's error body, whatever shape it came in; every string has passed through `redact`. */
export interface VendorErrorDetail {
  /** The vendor's code for this error (`PERMISSION_DENIED`, `409#email?already-in-use`, …), when it sent one. */
  code: string | undefined;
  /** The vendor's text (may change; show it, do not parse it). */
  message: string;
  /** The offending field, when the vendor names one. */
  field: string | undefined;
}

/** What a vendor's error class hands to {@link VendorApiError}: the facts its body parser read. */
export interface VendorApiErrorInit<D extends VendorErrorDetail = VendorErrorDetail> {
  /** The vendor (`"sterling"`, …). */
  vendor: string;
  /** HTTP status of the failed answer. */
  status: number;
  /** The request, e.g. `GET /candidates (page 2)`: method and path only, never a query or header. */
  what: string;
  /** Every error of the body, as the vendor's parser read it. */
  errors: D[];
  /** The vendor's own code when the body has a top-level one; default the first `errors[].code`, else `HTTP_<status>`. */
  code?: string | undefined;
  /** The vendor's text in one line, when the body has one. */
  vendorMessage?: string | undefined;
  /** What follows "failed with HTTP <status>" in `message`; default one line per error. */
  summary?: string | undefined;
  /** The client's own secrets (`scheme.secrets()`), removed too, on top of every live client's. */
  secrets?: readonly string[] | undefined;
}

/**
 * The base of every vendor's API error (`SmartRecruitersApiError`, `SterlingApiError`, …):
 * thrown by the helpers that walk several requests (`paginate`, `bulkWrite`, …), where the
 * typed methods' `{ error }` result cannot be returned. `code` is the vendor's code, else
 * `HTTP_<status>`; `errors` holds every error of the body; everything from the server is
 * passed through `redact`, since a vendor may echo the request with its credential.
 *
 * @example
 * ```ts
 * try {
 *   for await (const job of client.paginate("/jobs")) console.log(job.id);
 * } catch (err) {
 *   if (err instanceof VendorApiError && err.status === 429) console.warn(err.vendor, err.code, err.errors);
 *   else throw err;
 * }
 * ```
 */
export class VendorApiError<D extends VendorErrorDetail = VendorErrorDetail> extends HirekitError<string, HirekitErrorDetails> {
  override readonly name: string = "VendorApiError";
  declare readonly vendor: string;
  declare readonly status: number;
  /** Every error of the body, redacted. */
  readonly errors: D[];
  /** The vendor's text, redacted, when the body has one. */
  readonly vendorMessage: string | undefined;

  constructor(init: VendorApiErrorInit<D>) {
    const secrets = init.secrets ?? [];
    const errors = redactDeep(init.errors, secrets);
    const summary =
      init.summary ??
      (errors.length === 0 ? "" : `:\n${errors.map((e) => `${e.field ?? e.code ?? "request"}: ${e.message}`).join("\n")}`);
    const code = init.code ?? errors.find((e) => e.code)?.code ?? `HTTP_${init.status}`;
    super(redact(code, secrets), redact(`${init.vendor}: ${init.what} failed with HTTP ${init.status}${summary}`, secrets), {
      vendor: init.vendor,
      status: init.status,
    });
    this.errors = errors;
    this.vendorMessage = init.vendorMessage === undefined ? undefined : redact(init.vendorMessage, secrets);
  }
}

/** A copy of `value` with `redact` applied to every string in it (error bodies have no fixed keys). */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === "string") return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets)) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)])) as T;
}

/**
 * The error for a bad option or argument, thrown before anything is sent: a
 * {@link HirekitError} with code `INVALID_OPTION` and `option` naming it.
 *
 * @example
 * ```ts
 * if (!Number.isInteger(pageSize)) throw invalidOption("pcrecruiter", "pageSize", "must be a positive integer");
 * ```
 */
export function invalidOption(vendor: string, option: string, problem: string): HirekitError {
  return new HirekitError("INVALID_OPTION", `${vendor}: option "${option}" ${problem}`, { vendor, option });
}

/**
 * The JSON object in a webhook or callback body (text, bytes, or already parsed), or the
 * error `invalid(problem)` makes when it is not JSON or not an object.
 *
 * @example
 * ```ts
 * const event = readJsonObject(await request.text(), (problem) => new Error(`webhook body ${problem}`));
 * ```
 */
export function readJsonObject(body: unknown, invalid: (problem: string) => Error): Record<string, unknown> {
  let value = body;
  if (typeof body === "string" || body instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
    } catch {
      throw invalid("is not JSON");
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalid("is not a JSON object");
  return value as Record<string, unknown>;
}
