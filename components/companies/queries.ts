"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/queries/fetch-json";
import { queryKeys, toSearch } from "@/lib/queries/keys";
import type { Company, CompanySummary, ContactSummary, Deal, FieldValue, ListResponse } from "@/lib/types";
import { companiesListKey, nextCompaniesPage, type CompaniesListParams, type CompanyPageParam } from "./query-keys";

/** Browser-side data hooks of the companies screens; keys shared with the server prefetch. */

export function useCompaniesList(p: CompaniesListParams) {
  return useInfiniteQuery({
    queryKey: companiesListKey(p),
    queryFn: async ({ pageParam, signal }: { pageParam: CompanyPageParam; signal: AbortSignal }) =>
      (await fetchJson<ListResponse<CompanySummary> | undefined>(`/api/companies${toSearch({ q: p.q, perPage: p.perPage, ...pageParam })}`, { signal })) ?? {
        items: [],
        info: { page: 1, perPage: p.perPage, count: 0, more: false, nextPageToken: null },
      },
    initialPageParam: { page: 1 } as CompanyPageParam,
    getNextPageParam: nextCompaniesPage,
    placeholderData: (prev) => prev,
  });
}

export function useCompany(id: string) {
  return useQuery({
    queryKey: queryKeys.companies.detail(id),
    queryFn: async ({ signal }) => (await fetchJson<{ item: Company }>(`/api/companies/${id}`, { signal })).item,
  });
}

export function useCompanyContacts(id: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.companies.contacts(id),
    queryFn: async ({ signal }) => (await fetchJson<{ items: ContactSummary[] }>(`/api/companies/${id}/contacts`, { signal }))?.items ?? [],
    enabled,
  });
}

export function useCompanyDeals(id: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.companies.deals(id),
    queryFn: async ({ signal }) => (await fetchJson<{ items: Deal[] }>(`/api/companies/${id}/deals`, { signal }))?.items ?? [],
    enabled,
  });
}

/** Saves edited fields with an optimistic detail, rolled back on error. */
export function useUpdateCompany(id: string) {
  const qc = useQueryClient();
  const key = queryKeys.companies.detail(id);
  return useMutation({
    mutationFn: (vars: { fields: Record<string, unknown>; modifiedTime?: string | null; optimistic: Record<string, FieldValue> }) =>
      fetchJson<{ item: Company }>(`/api/companies/${id}`, {
        method: "PATCH",
        json: { fields: vars.fields, ...(vars.modifiedTime ? { modifiedTime: vars.modifiedTime } : {}) },
      }).then((r) => r.item),
    onMutate: async (vars) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<Company>(key);
      if (previous) {
        const ch = vars.optimistic;
        const text = (k: string, fallback: string | null) => (k in ch ? ((ch[k] as string | null) ?? null) : fallback);
        qc.setQueryData<Company>(key, {
          ...previous,
          fields: { ...previous.fields, ...ch },
          name: text("Account_Name", previous.name) ?? previous.name,
          phone: text("Phone", previous.phone),
          website: text("Website", previous.website),
          industry: text("Industry", previous.industry),
          billingCity: text("Billing_City", previous.billingCity),
          billingCountry: text("Billing_Country", previous.billingCountry),
        });
      }
      return { previous };
    },
    onError: (_e, _v, ctx) => {
      if (ctx?.previous) qc.setQueryData(key, ctx.previous);
    },
    onSuccess: (item) => qc.setQueryData(key, item),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["companies", "list"], refetchType: "none" });
    },
  });
}
