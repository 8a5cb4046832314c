import { z } from "zod";
import type { ListResponse, Note, NoteParentModule } from "@/lib/types";
import { biginFetch, type BiginConn } from "./client";
import { notFound } from "./errors";
import { assertId, fieldsParam, getList, getRelatedList, isUnknownIdError, mergeWritten, pagingQuery, type ListOptions } from "./records";
import { parseOne, writeDetails, zId, zText, zUserRef } from "./reshape";

/**
 * Notes (bigin-api.md §8, https://www.bigin.com/developer/docs/apis/v2/get-notes.html).
 * Parents are Contacts, Accounts (companies) and Pipelines (deals).
 */
export const NOTE_PARENT_MODULES = ["Contacts", "Accounts", "Pipelines"] as const satisfies readonly NoteParentModule[];

export const NOTE_FIELDS = [
  "Note_Title", "Note_Content", "Parent_Id", "$se_module", "Owner", "Created_Time", "Modified_Time",
] as const;

// Parent_Id reads as `{name,id}`, a bare id, or CRM v4's `{module:{api_name},id}` (unverified: accept all).
const zParent = z
  .union([
    z.looseObject({
      id: zId,
      name: z.string().nullable().optional(),
      module: z.union([z.looseObject({ api_name: z.string().optional() }), z.string()]).nullable().optional(),
    }),
    z.string(),
    z.number(),
  ])
  .nullable()
  .optional();

const zNote = z.looseObject({
  id: zId,
  Note_Title: zText,
  Note_Content: zText,
  Parent_Id: zParent,
  $se_module: zText,
  Owner: zUserRef,
  Created_Time: zText,
  Modified_Time: zText,
});

export function reshapeNote(raw: Record<string, unknown>): Note {
  const n = zNote.parse(raw);
  const p = n.Parent_Id;
  let parent: Note["parent"] = null;
  if (p !== null && p !== undefined && p !== "") {
    if (typeof p === "string" || typeof p === "number") {
      parent = { module: n.$se_module ?? "", id: String(p), name: null };
    } else {
      const mod = typeof p.module === "string" ? p.module : p.module?.api_name;
      parent = { module: n.$se_module ?? mod ?? "", id: p.id, name: p.name ?? null };
    }
  }
  return {
    id: n.id,
    title: n.Note_Title,
    content: n.Note_Content ?? "",
    parent,
    owner: n.Owner,
    createdTime: n.Created_Time,
    modifiedTime: n.Modified_Time,
  };
}

/** Notes of one record, newest first (first 200). */
export async function listNotesOf(conn: BiginConn, module: NoteParentModule, id: string): Promise<Note[]> {
  if (!NOTE_PARENT_MODULES.includes(module)) throw new Error(`listNotesOf: unsupported module ${module}`);
  assertId(id);
  const { data } = await getRelatedList(
    conn,
    { module, id },
    "Notes",
    { fields: fieldsParam(NOTE_FIELDS), per_page: 200, page: 1, sort_by: "Created_Time", sort_order: "desc" },
    { perPage: 200 },
  );
  return data.map((raw) => reshapeNote({ $se_module: module, ...raw })).sort(newestFirst);
}

function newestFirst(a: Note, b: Note) {
  return (Date.parse(b.createdTime ?? "") || 0) - (Date.parse(a.createdTime ?? "") || 0);
}

/**
 * Recent notes across records, newest first. With `module`, only notes on that kind of record
 * (a criteria search on `$se_module`, so sorted here rather than by Bigin).
 */
export async function listRecentNotes(
  conn: BiginConn,
  opts: Pick<ListOptions, "page" | "perPage"> & { module?: NoteParentModule } = {},
): Promise<ListResponse<Note>> {
  const fields = fieldsParam(NOTE_FIELDS);
  if (opts.module) {
    if (!NOTE_PARENT_MODULES.includes(opts.module)) throw new Error(`listRecentNotes: unsupported module ${opts.module}`);
    const query = { criteria: `($se_module:equals:${opts.module})`, fields, page: opts.page ?? 1, per_page: opts.perPage ?? 50 };
    const { data, info } = await getList(conn, "/Notes/search", query, opts);
    return { items: data.map(reshapeNote).sort(newestFirst), info };
  }
  const query = { fields, ...pagingQuery({ ...opts, sortBy: "Created_Time", sortOrder: "desc" }) };
  const { data, info } = await getList(conn, "/Notes", query, opts);
  return { items: data.map(reshapeNote), info };
}

export type NoteInput = { title?: string | null; content: string };

/** Add a note to a record (`POST /{module}/{id}/Notes`, which needs no Parent_Id/$se_module). */
export async function createNote(
  conn: BiginConn,
  parent: { module: NoteParentModule; id: string },
  input: NoteInput,
): Promise<Note> {
  if (!NOTE_PARENT_MODULES.includes(parent.module)) throw new Error(`createNote: unsupported module ${parent.module}`);
  assertId(parent.id);
  const data: Record<string, unknown> = { Note_Content: input.content };
  if (input.title) data.Note_Title = input.title;
  try {
    const body = await biginFetch(conn, { method: "POST", path: `/${parent.module}/${parent.id}/Notes`, body: { data: [data] } });
    const details = writeDetails(body) as Record<string, unknown>;
    return reshapeNote(
      mergeWritten({ Note_Title: null, Parent_Id: { id: parent.id, name: null }, $se_module: parent.module, Owner: details.Created_By ?? null }, data, details),
    );
  } catch (e) {
    if (isUnknownIdError(e)) throw notFound(parent.module, parent.id);
    throw e;
  }
}

/** Edit a note; updates go through the top-level /Notes path (bigin-api.md §8). Returns the note as stored. */
export async function updateNote(conn: BiginConn, id: string, input: NoteInput): Promise<Note> {
  assertId(id);
  const data: Record<string, unknown> = { Note_Content: input.content };
  if (input.title !== undefined) data.Note_Title = input.title;
  try {
    await biginFetch(conn, { method: "PUT", path: `/Notes/${id}`, body: { data: [data] } });
  } catch (e) {
    if (isUnknownIdError(e)) throw notFound("Notes", id);
    throw e;
  }
  const rec = parseOne(await biginFetch(conn, { method: "GET", path: `/Notes/${id}` }));
  if (!rec) throw notFound("Notes", id);
  return reshapeNote(rec);
}

export async function deleteNote(conn: BiginConn, id: string): Promise<void> {
  assertId(id);
  try {
    await biginFetch(conn, { method: "DELETE", path: `/Notes/${id}` });
  } catch (e) {
    if (isUnknownIdError(e)) throw notFound("Notes", id);
    throw e;
  }
}
