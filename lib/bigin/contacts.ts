import { z } from "zod";
import type { Contact, Deal, ListResponse } from "@/lib/types";
import type { BiginConn } from "./client";
import { searchParamFor } from "./criteria";
import { DEAL_LIST_FIELDS, reshapeDeal } from "./deals";
import { listTeamPipelines } from "./pipelines";
import {
  assertId, createRecord, deleteRecord, fieldsParam, getList, getRecord, getRelatedList, mergeWritten, pagingQuery,
  updateRecordChecked, type ListOptions,
} from "./records";
import { normaliseFields, zId, zRef, zText, zUserRef } from "./reshape";

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

export function reshapeContact(raw: Record<string, unknown>): Contact {
  const c = zContact.parse(raw);
  const lastName = c.Last_Name ?? "";
  return {
    id: c.id,
    firstName: c.First_Name,
    lastName,
    // Full_Name is read-only and may be absent (or stale right after our own write).
    fullName: [c.First_Name, lastName].filter(Boolean).join(" ") || c.Full_Name || "",
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
    fields: normaliseFields(raw),
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
export async function listContacts(conn: BiginConn, opts: ContactListOptions = {}): Promise<ListResponse<Contact>> {
  if (opts.q && opts.q.trim()) return searchContacts(conn, opts.q, opts);
  const query = {
    fields: fieldsParam(CONTACT_LIST_FIELDS),
    ...pagingQuery({ ...opts, sortBy: opts.sortBy ?? "Modified_Time" }),
  };
  const { data, info } = await getList(conn, "/Contacts", query, opts);
  return { items: data.map(reshapeContact), info };
}

/**
 * Search by email (`@`), phone (mostly digits) or word (bigin-api.md §5.7). Bigin's search has
 * no sort and stops at 2,000 results.
 */
export async function searchContacts(
  conn: BiginConn,
  q: string,
  opts: Pick<ListOptions, "page" | "perPage"> = {},
): Promise<ListResponse<Contact>> {
  const query = {
    ...searchParamFor(q),
    fields: fieldsParam(CONTACT_LIST_FIELDS),
    page: opts.page ?? 1,
    per_page: opts.perPage ?? 50,
  };
  const { data, info } = await getList(conn, "/Contacts/search", query, opts);
  return { items: data.map(reshapeContact), info };
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

/**
 * A contact's deals across every Team Pipeline: one related-list call per Team Pipeline, since
 * the endpoint takes `pipeline_id` (https://www.bigin.com/developer/docs/apis/v2/get-team-pipeline-records-related-to-contact.html).
 */
export async function listContactDeals(conn: BiginConn, contactId: string): Promise<Deal[]> {
  assertId(contactId);
  const pipelines = await listTeamPipelines(conn);
  const fields = fieldsParam(DEAL_LIST_FIELDS);
  const lists = await Promise.all(
    pipelines.map((p) =>
      getRelatedList(conn, { module: "Contacts", id: contactId }, "Pipelines", { pipeline_id: p.id, fields, per_page: 200, page: 1 }, { perPage: 200 }).then(
        ({ data }) => data.map((raw) => reshapeDeal({ Pipeline: { id: p.id, name: p.name }, ...raw })),
      ),
    ),
  );
  return lists.flat();
}
