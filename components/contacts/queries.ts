"use client";

import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { fetchJson } from "@/lib/queries/fetch-json";
import { queryKeys, toSearch } from "@/lib/queries/keys";
import type { Contact, ContactDeals, ContactSummary, FieldMeta, FieldValue, ListResponse } from "@/lib/types";
import { contactsListKey, firstPageParam, nextPageParam, type ContactsListParams, type PageParam } from "./query-keys";

/** Browser-side data hooks of the contacts screens. Keys are shared with the server prefetch (query-keys.ts). */

export function fetchContactsPage(p: ContactsListParams, page: PageParam, signal?: AbortSignal) {
  return fetchJson<ListResponse<ContactSummary> | undefined>(
    `/api/contacts${toSearch({ q: p.q, sortBy: p.sortBy, sortOrder: p.sortOrder, perPage: p.perPage, ...page })}`,
    { signal },
  ).then((r) => r ?? emptyPage(p, page));
}

function emptyPage(p: ContactsListParams, page: PageParam): ListResponse<ContactSummary> {
  return { items: [], info: { page: page.page ?? 1, perPage: p.perPage, count: 0, more: false, nextPageToken: null } };
}

/** Every page of the list, loaded as the user scrolls; past record 2,000 by `nextPageToken`. */
export function useContactsList(p: ContactsListParams) {
  return useInfiniteQuery({
    queryKey: contactsListKey(p),
    queryFn: ({ pageParam, signal }) => fetchContactsPage(p, pageParam, signal),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    // Keep showing the old rows while a new search loads: no flash of an empty table.
    placeholderData: (prev) => prev,
  });
}

/** A module's field metadata (labels, types): one query per module, shared by every page. */
export function fieldsQuery(module: "Contacts" | "Accounts") {
  return queryOptions({
    queryKey: queryKeys.fields(module),
    queryFn: async ({ signal }) => (await fetchJson<{ items: FieldMeta[] }>(`/api/fields/${module}`, { signal }))?.items ?? [],
    staleTime: 10 * 60_000,
  });
}

/** `enabled: false` reads what is cached (server-sent or loaded before) and loads nothing. */
export function useFields(module: "Contacts" | "Accounts", { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...fieldsQuery(module), enabled });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: queryKeys.contacts.detail(id),
    queryFn: async ({ signal }) => (await fetchJson<{ item: Contact }>(`/api/contacts/${id}`, { signal })).item,
  });
}

export function contactDealsQuery(id: string) {
  return queryOptions({
    queryKey: queryKeys.contacts.deals(id),
    queryFn: async ({ signal }): Promise<ContactDeals> => {
      const r = await fetchJson<Partial<ContactDeals> | undefined>(`/api/contacts/${id}/deals`, { signal });
      return { items: r?.items ?? [], more: r?.more ?? false };
    },
  });
}

export function useContactDeals(id: string, enabled: boolean) {
  return useQuery({ ...contactDealsQuery(id), enabled });
}

type Fields = Record<string, unknown>;

/** Saves edited fields; the detail shows the new values at once and rolls back on error. */
export function useUpdateContact(id: string) {
  const qc = useQueryClient();
  const key = queryKeys.contacts.detail(id);
  return useMutation({
    mutationFn: (vars: { fields: Fields; modifiedTime?: string | null; optimistic: Record<string, FieldValue> }) =>
      fetchJson<{ item: Contact }>(`/api/contacts/${id}`, {
        method: "PATCH",
        json: { fields: vars.fields, ...(vars.modifiedTime ? { modifiedTime: vars.modifiedTime } : {}) },
      }).then((r) => r.item),
    onMutate: async (vars) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<Contact>(key);
      if (previous) qc.setQueryData<Contact>(key, applyFields(previous, vars.optimistic));
      return { previous };
    },
    onError: (_e, _v, ctx) => {
      if (ctx?.previous) qc.setQueryData(key, ctx.previous);
    },
    onSuccess: (item, vars) => {
      qc.setQueryData(key, keepLookupNames(item, vars.optimistic));
    },
    onSettled: () => {
      // Lists show names and emails: mark them stale without refetching what nobody looks at.
      void qc.invalidateQueries({ queryKey: ["contacts", "list"], refetchType: "none" });
    },
  });
}

/** What the page shows right after "Save", before Bigin answers. */
export function applyFields(c: Contact, changed: Record<string, FieldValue>): Contact {
  const fields = { ...c.fields, ...changed };
  const text = (k: string, fallback: string | null) => (k in changed ? ((changed[k] as string | null) ?? null) : fallback);
  const firstName = text("First_Name", c.firstName);
  const lastName = text("Last_Name", c.lastName) ?? "";
  const company = "Account_Name" in changed ? (changed.Account_Name as Contact["company"]) : c.company;
  return {
    ...c,
    fields,
    firstName,
    lastName,
    fullName: [firstName, lastName].filter(Boolean).join(" "),
    email: text("Email", c.email),
    phone: text("Phone", c.phone),
    mobile: text("Mobile", c.mobile),
    title: text("Title", c.title),
    company,
    mailingCity: text("Mailing_City", c.mailingCity),
    mailingCountry: text("Mailing_Country", c.mailingCountry),
  };
}

type RefLike = { id: string; name?: string | null };
const isRef = (v: unknown): v is RefLike => !!v && typeof v === "object" && !Array.isArray(v) && "id" in v;

/**
 * A write answer may carry a lookup as a bare id (we sent `{id}`; Bigin's update result has no
 * names): keep the name the user picked rather than showing an empty link or fetching again.
 */
export function keepLookupNames(item: Contact, sent: Record<string, FieldValue>): Contact {
  const fields = { ...item.fields };
  for (const [k, v] of Object.entries(sent)) {
    const got = fields[k];
    if (isRef(v) && v.name && isRef(got) && got.id === v.id && !got.name) fields[k] = { ...got, name: v.name };
  }
  const acc = sent.Account_Name;
  const company =
    item.company && !item.company.name && isRef(acc) && acc.id === item.company.id ? { id: acc.id, name: acc.name ?? "" } : item.company;
  return { ...item, fields, company };
}

export function useCreateContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: { fields: Fields; picked: Record<string, FieldValue> }) =>
      fetchJson<{ item: Contact }>("/api/contacts", { method: "POST", json: { fields: vars.fields } }).then((r) =>
        keepLookupNames(r.item, vars.picked),
      ),
    onSuccess: (item) => {
      qc.setQueryData(queryKeys.contacts.detail(item.id), item);
      void qc.invalidateQueries({ queryKey: ["contacts", "list"] });
    },
  });
}

/** Deletes and drops the contact from every loaded list page right away. */
export function useDeleteContact(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<void>(`/api/contacts/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      qc.setQueriesData<InfiniteData<ListResponse<ContactSummary>>>({ queryKey: ["contacts", "list"] }, (data) =>
        data?.pages
          ? { ...data, pages: data.pages.map((pg) => ({ ...pg, items: pg.items.filter((c) => c.id !== id) })) }
          : data,
      );
      qc.removeQueries({ queryKey: queryKeys.contacts.detail(id) });
      void qc.invalidateQueries({ queryKey: ["contacts", "list"], refetchType: "none" });
    },
  });
}
