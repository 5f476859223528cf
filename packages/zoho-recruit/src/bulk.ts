import type { LooseRequest } from "@hirekit/vendor-kit";
import { ZohoRecruitApiError, ZohoRecruitError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import type { RecordActionError, RecordActionResponse, RecordActionResult, RecordActionSuccess } from "./generated/types.js";

/** Zoho's per-request record limit for inserts, updates, upserts and deletes (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html). */
export const ZOHO_MAX_RECORDS_PER_REQUEST = 100;

/** HTTP methods of the bulk writes. */
export type ZohoRecruitBulkMethod = "POST" | "PUT";

type Operation<P extends keyof paths, M extends ZohoRecruitBulkMethod> = paths[P] extends { [K in Lowercase<M>]: infer O }
  ? O
  : never;
type JsonBody<P extends keyof paths, M extends ZohoRecruitBulkMethod> =
  Operation<P, M> extends {
    requestBody: { content: { "application/json": infer B } };
  }
    ? B
    : never;
type Answers<P extends keyof paths, M extends ZohoRecruitBulkMethod> = Operation<P, M> extends { responses: infer R } ? R : never;
type AnswersWithResults<R> = {
  [S in keyof R]: R[S] extends { content: { "application/json": RecordActionResponse } } ? S : never;
}[keyof R];

/**
 * Paths that take many records in one request (`{ data: [...] }`) and answer one result per
 * record: insert (`POST /Candidates`, `POST /{module}`, `POST /Notes`), update
 * (`PUT /Candidates`, `PUT /{module}`) and upsert (`POST /Candidates/upsert`).
 */
export type ZohoRecruitBulkPath<M extends ZohoRecruitBulkMethod> = {
  [P in keyof paths]: P extends `${string}{recordId}${string}` | `${string}{noteId}${string}`
    ? never
    : JsonBody<P, M> extends { data: unknown[] }
      ? [AnswersWithResults<Answers<P, M>>] extends [never]
        ? never
        : P
      : never;
}[keyof paths];

/** The record type a bulk write of `path` takes. */
export type ZohoRecruitBulkRecord<M extends ZohoRecruitBulkMethod, P extends ZohoRecruitBulkPath<M>> =
  JsonBody<P, M> extends {
    data: Array<infer R>;
  }
    ? R
    : never;

type PathParams<P extends keyof paths, M extends ZohoRecruitBulkMethod> =
  Operation<P, M> extends { parameters: { path: infer T } } ? T : never;

/**
 * What `bulkWrite` sends: all the records (any number; they are split into requests of at
 * most 100), the other body fields of the operation (`trigger`, `duplicate_check_fields`)
 * applied to every request, and the path parameters where the path has some.
 */
export type ZohoRecruitBulkInit<M extends ZohoRecruitBulkMethod, P extends ZohoRecruitBulkPath<M>> = Omit<
  JsonBody<P, M>,
  "data"
> & {
  records: readonly ZohoRecruitBulkRecord<M, P>[];
  /** Records per request, from 1 to 100 (default 100, Zoho's limit). */
  batchSize?: number;
} & ([PathParams<P, M>] extends [never] | [undefined] ? { params?: never } : { params: { path: PathParams<P, M> } });

/** The result of one input record, next to the record and its position in the input. */
export interface ZohoRecruitBulkEntry<R, A extends RecordActionResult = RecordActionResult> {
  /** Position of the record in `records`. */
  index: number;
  record: R;
  /** Zoho's result for it: `status: "success"` with `details.id`, or `status: "error"` with `code` and `details.api_name`. */
  result: A;
}

/** Per-record results of a bulk write, in input order, and split by outcome. */
export interface ZohoRecruitBulkResult<R> {
  /** One entry per input record, success and error entries side by side. */
  results: ZohoRecruitBulkEntry<R>[];
  succeeded: ZohoRecruitBulkEntry<R, RecordActionSuccess>[];
  failed: ZohoRecruitBulkEntry<R, RecordActionError>[];
}

/**
 * Thrown by `bulkWrite` when a whole request fails (HTTP error such as 401, 429 or 400
 * `INVALID_DATA` for the body). `completed` holds the results of the requests that went
 * through before it; the records of later requests were not sent.
 */
export class ZohoRecruitBulkWriteError<R = unknown> extends ZohoRecruitApiError {
  override readonly name = "ZohoRecruitBulkWriteError";
  /** Results of the records written by earlier requests. */
  readonly completed: ZohoRecruitBulkResult<R>;
  /** Index in `records` of the first record of the failed request; it and all later ones were not written. */
  readonly firstUnwrittenIndex: number;

  constructor(status: number, body: unknown, what: string, completed: ZohoRecruitBulkResult<R>, firstUnwrittenIndex: number) {
    super(status, body, what);
    this.completed = completed;
    this.firstUnwrittenIndex = firstUnwrittenIndex;
  }
}

/** Builds the `bulkWrite` method of a client (see `ZohoRecruitClient.bulkWrite`). */
export function createBulkWrite(request: LooseRequest) {
  return async function bulkWrite<M extends ZohoRecruitBulkMethod, P extends ZohoRecruitBulkPath<M>>(
    method: M,
    path: P,
    init: ZohoRecruitBulkInit<M, P>,
  ): Promise<ZohoRecruitBulkResult<ZohoRecruitBulkRecord<M, P>>> {
    type R = ZohoRecruitBulkRecord<M, P>;
    if (method !== "POST" && method !== "PUT") {
      throw new ZohoRecruitError("INVALID_OPTION", 'bulkWrite: "method" must be "POST" or "PUT"', "method");
    }
    const {
      records,
      batchSize = ZOHO_MAX_RECORDS_PER_REQUEST,
      params,
      ...rest
    } = init as ZohoRecruitBulkInit<M, P> & {
      params?: unknown;
    };
    if (!Array.isArray(records)) {
      throw new ZohoRecruitError("INVALID_OPTION", 'bulkWrite: "records" must be an array', "records");
    }
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > ZOHO_MAX_RECORDS_PER_REQUEST) {
      throw new ZohoRecruitError(
        "INVALID_OPTION",
        `bulkWrite: "batchSize" must be an integer from 1 to ${ZOHO_MAX_RECORDS_PER_REQUEST}`,
        "batchSize",
      );
    }
    const result: ZohoRecruitBulkResult<R> = { results: [], succeeded: [], failed: [] };
    // Requests go one after another: Zoho also caps concurrent calls per org (https://www.zoho.com/recruit/developer-guide/apiv2/limits.html).
    for (let start = 0; start < records.length; start += batchSize) {
      const batch = records.slice(start, start + batchSize);
      const what = `${method} ${path} (records ${start}-${start + batch.length - 1})`;
      const { data, error, response } = await request(method, path, { params: params as never, body: { ...rest, data: batch } });
      if (!response.ok || error !== undefined) {
        throw new ZohoRecruitBulkWriteError<R>(response.status, error, what, result, start);
      }
      const answers = (data as { data?: unknown } | undefined)?.data;
      // Zoho answers one result per record, in order (https://www.zoho.com/recruit/developer-guide/apiv2/get-records.html); anything else
      // cannot be matched to the records and must not be guessed at.
      if (!Array.isArray(answers) || answers.length !== batch.length || !answers.every(isActionResult)) {
        throw new ZohoRecruitError("INVALID_RESPONSE", `${what} did not answer one result per record`);
      }
      answers.forEach((answer, i) => {
        const entry = { index: start + i, record: batch[i] as R, result: answer };
        result.results.push(entry);
        if (answer.status === "success") result.succeeded.push(entry as ZohoRecruitBulkEntry<R, RecordActionSuccess>);
        else result.failed.push(entry as ZohoRecruitBulkEntry<R, RecordActionError>);
      });
    }
    return result;
  };
}

function isActionResult(value: unknown): value is RecordActionResult {
  const v = value as Record<string, unknown> | null;
  return v !== null && typeof v === "object" && (v.status === "success" || v.status === "error") && typeof v.code === "string";
}
