import type { PageInfo } from "@/lib/types";
import { biginFetch, type BiginConn, type Query } from "./client";
import { dedupe, orgKey, queryKey } from "./cache";
import { ConflictError, notFound, BiginError } from "./errors";
import { parseList, parseOne, writeDetails, type RawRecord } from "./reshape";

/**
 * Generic record calls shared by the entity verbs (deals, contacts, companies). Modules and
 * paths are fixed here: nothing from a request chooses them. bigin-api.md §5.
 */
export type RecordModule = "Contacts" | "Accounts" | "Pipelines";
export type SortBy = "id" | "Created_Time" | "Modified_Time";

export type ListOptions = {
  page?: number;
  perPage?: number;
  /** Continues past Bigin's 2,000-record page limit (`info.next_page_token`); replaces `page`. */
  pageToken?: string;
  sortBy?: SortBy;
  sortOrder?: "asc" | "desc";
};

export type RawList = { data: RawRecord[]; info: PageInfo };

const ID = /^[0-9]{1,19}$/;

/**
 * Bigin's answer to an id that does not exist: INVALID_DATA on the id, with `api_name: "id"`
 * or only `details.id` (bigin-api.md §5.2, §10; unverified which) — not a user's field error.
 */
export function isUnknownIdError(e: unknown): boolean {
  if (!(e instanceof BiginError) || e.code !== "INVALID_DATA") return false;
  const api = e.details.api_name;
  return api === "id" || (api === undefined && e.details.id !== undefined);
}
export function assertId(id: string): string {
  if (!ID.test(id)) throw new BiginError({ status: 400, code: "INVALID_ID", message: `Not a record id: ${id}` });
  return id;
}

/** `fields` is required by Bigin on lists and capped at 50 (bigin-api.md §5.1). */
export function fieldsParam(fields: readonly string[]): string {
  if (fields.length === 0 || fields.length > 50) throw new Error("fields: 1–50 API names");
  return fields.join(",");
}

export function pagingQuery(opts: ListOptions): Query {
  const perPage = opts.perPage ?? 50;
  return {
    per_page: perPage,
    ...(opts.pageToken ? { page_token: opts.pageToken } : { page: opts.page ?? 1 }),
    sort_by: opts.sortBy,
    sort_order: opts.sortBy ? (opts.sortOrder ?? "desc") : opts.sortOrder,
  };
}

/** A list GET; identical concurrent calls of the same user share one Bigin call. */
export function getList(conn: BiginConn, path: string, query: Query, opts: ListOptions): Promise<RawList> {
  const key = `${orgKey(conn)}|${conn.userKey}|GET ${path}?${queryKey(query)}`;
  return dedupe(key, async () => {
    const body = await biginFetch(conn, { method: "GET", path, query });
    return parseList(body, { page: opts.page ?? 1, perPage: opts.perPage ?? 50 });
  });
}

/** A related list of one record (`/{module}/{id}/{list}`, bigin-api.md §5.9); an unknown parent is NOT_FOUND. */
export async function getRelatedList(
  conn: BiginConn,
  parent: { module: RecordModule; id: string },
  list: "Notes" | "Contacts" | "Pipelines",
  query: Query,
  opts: ListOptions,
): Promise<RawList> {
  assertId(parent.id);
  try {
    return await getList(conn, `/${parent.module}/${parent.id}/${list}`, query, opts);
  } catch (e) {
    if (isUnknownIdError(e)) throw notFound(parent.module, parent.id);
    throw e;
  }
}

export async function getRecord(conn: BiginConn, module: RecordModule, id: string): Promise<RawRecord> {
  assertId(id);
  let body: unknown;
  try {
    body = await dedupe(`${orgKey(conn)}|${conn.userKey}|GET /${module}/${id}`, () =>
      biginFetch(conn, { method: "GET", path: `/${module}/${id}` }),
    );
  } catch (e) {
    // An unknown id is 204 or 400 INVALID_DATA on the id (bigin-api.md §5.2, unverified which).
    if (isUnknownIdError(e)) throw notFound(module, id);
    throw e;
  }
  const rec = parseOne(body);
  if (!rec) throw notFound(module, id);
  return rec;
}

export async function createRecord(conn: BiginConn, module: RecordModule, data: Record<string, unknown>) {
  const body = await biginFetch(conn, { method: "POST", path: `/${module}`, body: { data: [data] } });
  return writeDetails(body);
}

async function putRecord(conn: BiginConn, module: RecordModule, id: string, data: Record<string, unknown>) {
  try {
    const body = await biginFetch(conn, { method: "PUT", path: `/${module}/${assertId(id)}`, body: { data: [data] } });
    return writeDetails(body);
  } catch (e) {
    if (isUnknownIdError(e)) throw notFound(module, id);
    throw e;
  }
}

export async function deleteRecord(conn: BiginConn, module: RecordModule, id: string): Promise<void> {
  try {
    await biginFetch(conn, { method: "DELETE", path: `/${module}/${assertId(id)}` });
  } catch (e) {
    if (isUnknownIdError(e)) throw notFound(module, id);
    throw e;
  }
}

/** Same instant? Bigin formats times in the org's zone; the browser echoes what we sent. */
export function sameTime(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "string" || typeof b !== "string") return false;
  const x = Date.parse(a);
  const y = Date.parse(b);
  return !Number.isNaN(x) && x === y;
}

/**
 * Update with an edit-conflict check. With `modifiedTime` (what the user saw), read the record
 * first and refuse with ConflictError(current) if it has changed since — one extra call per
 * save, the price of not overwriting a colleague's edit. Without it, read after writing. Either
 * way the answer is the record as it now is (the read plus what we wrote), in 2 calls.
 * A narrow race remains between the read and the write; Bigin has no conditional update.
 */
export async function updateRecordChecked<T>(
  conn: BiginConn,
  module: RecordModule,
  id: string,
  data: Record<string, unknown>,
  modifiedTime: string | undefined,
  reshape: (raw: RawRecord) => T,
): Promise<T> {
  if (modifiedTime) {
    const before = await getRecord(conn, module, id);
    if (!sameTime(before.Modified_Time, modifiedTime)) throw new ConflictError(reshape(before));
    const details = await putRecord(conn, module, id, data);
    return reshape(mergeWritten(before, data, details));
  }
  await putRecord(conn, module, id, data);
  return reshape(await getRecordFresh(conn, module, id));
}

// A read that must not join an in-flight read started before our write.
async function getRecordFresh(conn: BiginConn, module: RecordModule, id: string): Promise<RawRecord> {
  const rec = parseOne(await biginFetch(conn, { method: "GET", path: `/${module}/${id}` }));
  if (!rec) throw notFound(module, id);
  return rec;
}

/** The record after a write: what was there, what we sent (lookups keep known names), Bigin's timestamps. */
export function mergeWritten(
  before: Record<string, unknown>,
  data: Record<string, unknown>,
  details: Record<string, unknown>,
): RawRecord {
  const out: Record<string, unknown> = { ...before };
  for (const [k, v] of Object.entries(data)) {
    if (v && typeof v === "object" && !Array.isArray(v) && "id" in v) {
      const prev = before[k] as { id?: unknown; name?: unknown } | null | undefined;
      const sameRef = prev && typeof prev === "object" && String(prev.id) === String((v as { id: unknown }).id);
      out[k] = sameRef ? prev : { id: String((v as { id: unknown }).id), name: "" };
    } else out[k] = v;
  }
  for (const k of ["id", "Created_Time", "Modified_Time", "Created_By", "Modified_By"]) {
    if (details[k] !== undefined && details[k] !== null) out[k] = details[k];
  }
  return out as RawRecord;
}

export { ConflictError };
