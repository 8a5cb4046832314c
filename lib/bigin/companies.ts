import { z } from "zod";
import type { Company, CompanySummary, ContactSummary, Deal, ListResponse } from "@/lib/types";
import type { BiginConn } from "./client";
import { buildCriteria } from "./criteria";
import { CONTACT_LIST_FIELDS, reshapeContactSummary } from "./contacts";
import { DEAL_LIST_FIELDS, reshapeDeal } from "./deals";
import {
  assertId, fieldsParam, getList, getRecord, getRelatedList, pagingQuery, updateRecordChecked, type ListOptions,
} from "./records";
import { normaliseFields, zId, zText, zUserRef } from "./reshape";

/** Companies are the `Accounts` module (bigin-api.md §7). */
export const COMPANY_LIST_FIELDS = [
  "Account_Name", "Phone", "Website", "Industry", "Billing_City", "Billing_Country", "Owner",
  "Created_Time", "Modified_Time",
] as const;

const zCompany = z.looseObject({
  id: zId,
  Account_Name: zText,
  Phone: zText,
  Website: zText,
  Industry: zText,
  Billing_City: zText,
  Billing_Country: zText,
  Owner: zUserRef,
  Created_Time: zText,
  Modified_Time: zText,
});

/** A company with every field it came with (record page, write answers). */
export function reshapeCompany(raw: Record<string, unknown>): Company {
  return { ...reshapeCompanySummary(raw), fields: normaliseFields(raw) };
}

/** A list row: the list's columns only (see ContactSummary). */
export function reshapeCompanySummary(raw: Record<string, unknown>): CompanySummary {
  const c = zCompany.parse(raw);
  return {
    id: c.id,
    name: c.Account_Name ?? "",
    phone: c.Phone,
    website: c.Website,
    industry: c.Industry,
    billingCity: c.Billing_City,
    billingCountry: c.Billing_Country,
    owner: c.Owner,
    createdTime: c.Created_Time,
    modifiedTime: c.Modified_Time,
  };
}

export async function listCompanies(
  conn: BiginConn,
  opts: ListOptions & { q?: string } = {},
): Promise<ListResponse<CompanySummary>> {
  if (opts.q && opts.q.trim()) return searchCompanies(conn, opts.q, opts);
  const query = { fields: fieldsParam(COMPANY_LIST_FIELDS), ...pagingQuery(opts) };
  const { data, info } = await getList(conn, "/Accounts", query, opts);
  return { items: data.map(reshapeCompanySummary), info };
}

/** Type-ahead for company lookups: names starting with `q` (bigin-api.md §5.7). */
export async function searchCompanies(
  conn: BiginConn,
  q: string,
  opts: Pick<ListOptions, "page" | "perPage"> = {},
): Promise<ListResponse<CompanySummary>> {
  const query = {
    criteria: buildCriteria([["Account_Name", "starts_with", q.trim()]]),
    fields: fieldsParam(COMPANY_LIST_FIELDS),
    page: opts.page ?? 1,
    per_page: opts.perPage ?? 20,
  };
  const { data, info } = await getList(conn, "/Accounts/search", query, opts);
  return { items: data.map(reshapeCompanySummary), info };
}

export async function getCompany(conn: BiginConn, id: string): Promise<Company> {
  return reshapeCompany(await getRecord(conn, "Accounts", id));
}

export async function updateCompany(
  conn: BiginConn,
  id: string,
  input: Record<string, unknown>,
  modifiedTime?: string,
): Promise<Company> {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    data[k] = k === "Owner" && typeof v === "string" ? { id: v } : v;
  }
  return updateRecordChecked(conn, "Accounts", id, data, modifiedTime, reshapeCompany);
}

/** Contacts of a company (related list `Contacts`, bigin-api.md §5.9), first 200. */
export async function listCompanyContacts(conn: BiginConn, companyId: string): Promise<ContactSummary[]> {
  assertId(companyId);
  const { data } = await getRelatedList(
    conn,
    { module: "Accounts", id: companyId },
    "Contacts",
    { fields: fieldsParam(CONTACT_LIST_FIELDS), per_page: 200, page: 1 },
    { perPage: 200 },
  );
  return data.map(reshapeContactSummary);
}

/** Deals of a company (related list `Pipelines`), first 200. */
export async function listCompanyDeals(conn: BiginConn, companyId: string): Promise<Deal[]> {
  assertId(companyId);
  const { data } = await getRelatedList(
    conn,
    { module: "Accounts", id: companyId },
    "Pipelines",
    { fields: fieldsParam(DEAL_LIST_FIELDS), per_page: 200, page: 1 },
    { perPage: 200 },
  );
  return data.map(reshapeDeal);
}
