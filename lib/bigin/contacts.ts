import { z } from "zod";
import type { Contact, ContactDeals, ContactSummary, Deal, ListResponse, TeamPipeline } from "@/lib/types";
import type { BiginConn } from "./client";
import { buildCriteria, searchParamFor } from "./criteria";
import { reshapeDeal } from "./deals";
import { peekTeamPipelines } from "./pipelines";
import {
  assertId, createRecord, deleteRecord, fieldsParam, getList, getRecord, mergeWritten, pagingQuery,
  updateRecordChecked, type ListOptions,
} from "./records";
import {
  isPlainObject, normaliseFields, readId, readRef, readText, readUserRef, SLOW, zId, zRef, zText, zUserRef,
} from "./reshape";

/** Contacts (bigin-api.md §7). */
export const CONTACT_LIST_FIELDS = [
  "First_Name", "Last_Name", "Full_Name", "Email", "Phone", "Mobile", "Title", "Account_Name",
  "Mailing_City", "Mailing_Country", "Owner", "Created_Time", "Modified_Time",
] as const;

const zContact = z.looseObject({
  id: zId,
  First_Name: zText,
  Last_Name: zText,
  Full_Name: zText,
  Email: zText,
  Phone: zText,
  Mobile: zText,
  Title: zText,
  Account_Name: zRef,
  Mailing_City: zText,
  Mailing_Country: zText,
  Owner: zUserRef,
  Created_Time: zText,
  Modified_Time: zText,
});

type ContactRead = Pick<z.output<typeof zContact>, (typeof CONTACT_LIST_FIELDS)[number] | "id">;

/**
 * `zContact` read with the fast readers (reshape.ts); null when the schema must decide.
 * One object literal, every key at once: built key by key it cost ~700 bytes a record (a
 * growing property store), a third of what a list request allocated beyond parsing (issue 9).
 */
function readContact(raw: Record<string, unknown>): ContactRead | null {
  if (!isPlainObject(raw)) return null;
  const c = {
    id: readId(raw.id),
    First_Name: readText(raw.First_Name),
    Last_Name: readText(raw.Last_Name),
    Full_Name: readText(raw.Full_Name),
    Email: readText(raw.Email),
    Phone: readText(raw.Phone),
    Mobile: readText(raw.Mobile),
    Title: readText(raw.Title),
    Account_Name: readRef(raw.Account_Name),
    Mailing_City: readText(raw.Mailing_City),
    Mailing_Country: readText(raw.Mailing_Country),
    Owner: readUserRef(raw.Owner),
    Created_Time: readText(raw.Created_Time),
    Modified_Time: readText(raw.Modified_Time),
  };
  for (const k in c) if (c[k as keyof typeof c] === SLOW) return null;
  return c as ContactRead;
}

/** A contact with every field it came with (record page, write answers). */
export function reshapeContact(raw: Record<string, unknown>): Contact {
  return { ...reshapeContactSummary(raw), fields: normaliseFields(raw) };
}

/** A list row: the list's columns only (the raw record holds nothing else — we ask for those). */
export function reshapeContactSummary(raw: Record<string, unknown>): ContactSummary {
  const c = readContact(raw) ?? zContact.parse(raw);
  const lastName = c.Last_Name ?? "";
  return {
    id: c.id,
    firstName: c.First_Name,
    lastName,
    // Full_Name is read-only and may be absent (or stale right after our own write).
    fullName: (c.First_Name && lastName ? `${c.First_Name} ${lastName}` : c.First_Name || lastName) || c.Full_Name || "",
    email: c.Email,
    phone: c.Phone,
    mobile: c.Mobile,
    title: c.Title,
    company: c.Account_Name,
    mailingCity: c.Mailing_City,
    mailingCountry: c.Mailing_Country,
    owner: c.Owner,
    createdTime: c.Created_Time,
    modifiedTime: c.Modified_Time,
  };
}

export type ContactInput = Record<string, unknown>;
const LOOKUPS = ["Account_Name", "Owner"];

export function toBiginContact(input: ContactInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    out[k] = LOOKUPS.includes(k) && typeof v === "string" ? { id: v } : v;
  }
  return out;
}

export type ContactListOptions = ListOptions & { q?: string };

/** Contacts, newest first by default; paging past 2,000 with `pageToken`. With `q`, a search. */
export async function listContacts(conn: BiginConn, opts: ContactListOptions = {}): Promise<ListResponse<ContactSummary>> {
  if (opts.q && opts.q.trim()) return searchContacts(conn, opts.q, opts);
  const query = {
    fields: fieldsParam(CONTACT_LIST_FIELDS),
    ...pagingQuery({ ...opts, sortBy: opts.sortBy ?? "Modified_Time" }),
  };
  const { data, info } = await getList(conn, "/Contacts", query, opts);
  return { items: data.map(reshapeContactSummary), info };
}

/**
 * Search by email (`@`), phone (mostly digits) or word (bigin-api.md §5.7). Bigin's search has
 * no sort and stops at 2,000 results.
 */
export async function searchContacts(
  conn: BiginConn,
  q: string,
  opts: Pick<ListOptions, "page" | "perPage"> = {},
): Promise<ListResponse<ContactSummary>> {
  const query = {
    ...searchParamFor(q),
    fields: fieldsParam(CONTACT_LIST_FIELDS),
    page: opts.page ?? 1,
    per_page: opts.perPage ?? 50,
  };
  const { data, info } = await getList(conn, "/Contacts/search", query, opts);
  return { items: data.map(reshapeContactSummary), info };
}

export async function getContact(conn: BiginConn, id: string): Promise<Contact> {
  return reshapeContact(await getRecord(conn, "Contacts", id));
}

export async function createContact(conn: BiginConn, input: ContactInput): Promise<Contact> {
  const data = toBiginContact(input);
  const details = await createRecord(conn, "Contacts", data);
  return reshapeContact(mergeWritten({}, data, details as Record<string, unknown>));
}

export async function updateContact(
  conn: BiginConn,
  id: string,
  input: ContactInput,
  modifiedTime?: string,
): Promise<Contact> {
  return updateRecordChecked(conn, "Contacts", id, toBiginContact(input), modifiedTime, reshapeContact);
}

export async function deleteContact(conn: BiginConn, id: string): Promise<void> {
  await deleteRecord(conn, "Contacts", id);
}

/** What a contact page's deals list shows (and the deal page link needs). */
export const CONTACT_DEAL_FIELDS = [
  "Deal_Name", "Pipeline", "Sub_Pipeline", "Stage", "Amount", "Closing_Date", "Account_Name",
  "Contact_Name", "Owner", "Created_Time", "Modified_Time",
] as const;

/** How many of a contact's deals are read (`ContactDeals.more` says whether Bigin has others). */
export const CONTACT_DEALS_MAX = 200;

/**
 * A contact's deals across every Team Pipeline in ONE Bigin call: a search of the Pipelines
 * module by the contact lookup (bigin-api.md §5.7; search results are full records, lookups
 * with names). The related-list endpoint would take one call per Team Pipeline, since it
 * requires `pipeline_id`, plus the layouts to know the pipelines. Known trade-off of search:
 * Bigin's index may lag a few seconds behind a brand-new deal.
 */
export async function listContactDeals(conn: BiginConn, contactId: string): Promise<ContactDeals> {
  assertId(contactId);
  const query = {
    criteria: buildCriteria([["Contact_Name", "equals", contactId]]),
    fields: fieldsParam(CONTACT_DEAL_FIELDS),
    page: 1,
    per_page: CONTACT_DEALS_MAX,
  };
  const [{ data, info }, pipelines] = await Promise.all([
    getList(conn, "/Pipelines/search", query, { page: 1, perPage: CONTACT_DEALS_MAX }),
    // Names for a bare-id `Pipeline` only if the layouts are cached already: never a call for names.
    peekTeamPipelines(conn),
  ]);
  return { items: reshapeContactDeals(data, pipelines), more: info.more };
}

/**
 * Search rows → deals, most recently changed first (search has no sort). `Pipeline` is
 * `{name,id}` or a bare id (bigin-api.md §6.2, unverified): a bare id gets its name from the
 * cached Team Pipelines when given, else stays nameless (the list then shows sub-pipeline and
 * stage, which name the pipeline in Bigin's default "<Team Pipeline> Standard" anyway).
 */
export function reshapeContactDeals(rows: Record<string, unknown>[], pipelines?: TeamPipeline[]): Deal[] {
  const names = new Map((pipelines ?? []).map((p) => [p.id, p.name]));
  return rows
    .map(reshapeDeal)
    .map((d) => (d.pipeline && !d.pipeline.name && names.has(d.pipeline.id) ? { ...d, pipeline: { id: d.pipeline.id, name: names.get(d.pipeline.id)! } } : d))
    .sort((a, b) => time(b.modifiedTime) - time(a.modifiedTime));
}

const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0);
