import { PCRecruiterApiError, PCRecruiterError } from "./errors.js";
import {
  type HeaderOf,
  type PagerContext,
  type PaginateArgs,
  type PCRecruiterListInit,
  type PCRecruiterListItem,
  type PCRecruiterPagedPath,
  paginateList,
} from "./paginate.js";

/** Paged paths that honour the change-tracking headers (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Change-Tracking.html). */
export type PCRecruiterTrackedPath = {
  [P in PCRecruiterPagedPath]: [NonNullable<HeaderOf<P>>] extends [never]
    ? never
    : "X-CHANGETRACKING" extends keyof NonNullable<HeaderOf<P>>
      ? P
      : never;
}[PCRecruiterPagedPath];

/** Primary keys of the records that come back under change tracking, per path. */
const ID_FIELDS: Partial<Record<PCRecruiterTrackedPath, string>> = {
  "/candidatesV2": "CandidateId",
  "/positionsV2": "JobId",
  "/companiesV2": "CompanyId",
  "/RollupListsV2": "Code",
  "/candidates/{CandidateId}/attachments": "AttachmentId",
  "/globalV2/attachments/{RecordId}": "AttachmentId",
};

/** Options of `changes`: the list parameters (without the change-tracking headers) plus the sync state. */
export type PCRecruiterChangesOptions<P extends PCRecruiterTrackedPath> = Omit<PCRecruiterListInit<P>, "params"> & {
  params?: Omit<NonNullable<PCRecruiterListInit<P>["params"]>, "header">;
  /**
   * The `version` of the previous sync. Absent: a full sync (every record, no deletions).
   * History is kept about seven days: a sync from an older version must be a full one.
   */
  since?: string | undefined;
  /** Primary-key field of the records (default known for candidates, positions, companies, rollup lists, attachments). */
  idField?: Extract<keyof PCRecruiterListItem<P>, string>;
  /**
   * `true`: three passes (`X-CHANGETRACKING-OPERATION: I`, `U`, then `D`), so that inserts and
   * updates come back apart, at the price of three times the (billed) calls. Default `false`:
   * one pass for all operations.
   */
  separateOperations?: boolean;
};

/** The outcome of `changes`. */
export interface PCRecruiterChanges<T> {
  /** Store it and pass it as `since` next time. Taken before the records were read, so nothing is missed. */
  version: string;
  /** `true` when `since` was absent: `changed` holds every record, and deletions are unknown. */
  full: boolean;
  /** Records inserted or updated since `since` (every record on a full sync). */
  changed: T[];
  /** Inserted records; only with `separateOperations`. */
  inserted: T[] | undefined;
  /** Updated records; only with `separateOperations`. */
  updated: T[] | undefined;
  /** Primary keys of the records deleted since `since`, as strings (ids are 64-bit), without the `-` marker. */
  deleted: string[];
}

/**
 * Incremental sync through change tracking, since PCRecruiter has no webhooks
 * (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Change-Tracking.html): reads the current version with `GET /null` and `X-CHANGETRACKING: GET`,
 * then pages through `path` with `X-CHANGETRACKING: <since>`, sorting deletion markers (the
 * primary key with a `-` in front) from records.
 */
export async function readChanges<P extends PCRecruiterTrackedPath>(
  context: PagerContext,
  path: P,
  options: PCRecruiterChangesOptions<P>,
): Promise<PCRecruiterChanges<PCRecruiterListItem<P>>> {
  if (options === null || typeof options !== "object") {
    throw new PCRecruiterError("INVALID_OPTION", "pcrecruiter: changes() needs an options object ({ since })", {
      option: "options",
    });
  }
  const { since, idField: idOption, separateOperations = false, ...init } = options;
  if (since !== undefined && (typeof since !== "string" || !/^\S+$/.test(since))) {
    throw new PCRecruiterError("INVALID_OPTION", "pcrecruiter: changes() option since must be the stored version string", {
      option: "since",
    });
  }
  const idField: string | undefined = idOption ?? ID_FIELDS[path];
  const version = await currentVersion(context);
  const list = (operation: "I" | "U" | "D" | undefined) => {
    const header: Record<string, string> = {};
    if (since !== undefined) header["X-CHANGETRACKING"] = since;
    if (operation !== undefined) header["X-CHANGETRACKING-OPERATION"] = operation;
    const params = { ...(init.params as Record<string, unknown> | undefined), header };
    return collect(paginateList(context, path, { ...init, params } as Parameters<typeof paginateList>[2]));
  };

  type Item = PCRecruiterListItem<P>;
  if (since === undefined) {
    const changed = (await list(undefined)) as Item[];
    return { version, full: true, changed, inserted: undefined, updated: undefined, deleted: [] };
  }
  if (!separateOperations) {
    const changed: Item[] = [];
    const deleted: string[] = [];
    for (const item of await list(undefined)) {
      const marker = deletionMarker(item, idField, true);
      if (marker === undefined) changed.push(item as Item);
      else deleted.push(marker);
    }
    return { version, full: false, changed, inserted: undefined, updated: undefined, deleted };
  }
  const inserted = (await list("I")) as Item[];
  const updated = (await list("U")) as Item[];
  // With `D` alone the keys carry no minus sign (https://www.pcrecruiter.net/APIDOCS_V2/additional-references/Change-Tracking.html).
  const deleted = (await list("D")).map((item) => deletionMarker(item, idField, false) ?? unreadableKey(path));
  return { version, full: false, changed: [...inserted, ...updated], inserted, updated, deleted };
}

async function currentVersion(context: PagerContext): Promise<string> {
  const { error, response } = await context.request("GET", "/null", { params: { header: { "X-CHANGETRACKING": "GET" } } });
  if (error !== undefined || !response.ok) {
    throw new PCRecruiterApiError(response.status, error, "GET /null (change-tracking version)", context.secrets());
  }
  const version = response.headers.get("X-CHANGETRACKING")?.trim();
  if (!version) {
    throw new PCRecruiterError(
      "NO_CHANGE_TRACKING_VERSION",
      "pcrecruiter: GET /null answered without an X-CHANGETRACKING header",
      {
        status: response.status,
      },
    );
  }
  return version;
}

async function collect(items: AsyncIterable<unknown>): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * The deleted primary key an item stands for, or `undefined` for a record. JSON encoding of
 * the marker is unverified (a negative number or a `-` string, bare or in an object with
 * only the key), so all are read. `signed`: the marker carries the minus sign (all operations).
 */
function deletionMarker(item: unknown, idField: string | undefined, signed: boolean): string | undefined {
  const key = keyOf(item, idField);
  if (key === undefined) return undefined;
  if (!signed) return key.startsWith("-") ? key.slice(1) : key;
  return key.startsWith("-") ? key.slice(1) : undefined;
}

function keyOf(item: unknown, idField: string | undefined): string | undefined {
  if (typeof item === "number" || typeof item === "bigint") return String(item);
  if (typeof item === "string") return item.trim();
  if (item === null || typeof item !== "object") return undefined;
  const record = item as Record<string, unknown>;
  const present = Object.keys(record).filter((k) => record[k] !== null && record[k] !== undefined);
  const field = idField ?? (present.length === 1 ? present[0] : undefined);
  if (field === undefined) return undefined;
  const value = record[field];
  return typeof value === "number" || typeof value === "string" ? String(value).trim() : undefined;
}

function unreadableKey(path: string): never {
  throw new PCRecruiterError(
    "INVALID_RESPONSE",
    `pcrecruiter: a deleted record of GET ${path} has no readable primary key; pass idField`,
  );
}

/** PCRecruiter's extra methods. */
export interface PCRecruiterExtras {
  /**
   * Iterates over every item of a list, page by page (`Page` 1, 2, …), until `TotalRecords`
   * items have arrived or a page is empty; stops after `maxItems` when given. A failed page
   * throws `PCRecruiterApiError` (`PCRecruiterError` `INVALID_RESPONSE` without `Results`).
   */
  paginate<P extends PCRecruiterPagedPath>(path: P, ...args: PaginateArgs<P>): AsyncGenerator<PCRecruiterListItem<P>>;
  /**
   * Incremental sync with change tracking: the records inserted or updated and the ids
   * deleted since `since` (a version stored from the previous call), and the new `version`
   * to store. Without `since`, a full sync.
   */
  changes<P extends PCRecruiterTrackedPath>(
    path: P,
    options: PCRecruiterChangesOptions<P>,
  ): Promise<PCRecruiterChanges<PCRecruiterListItem<P>>>;
}
