import { queryKeys } from "@/lib/queries/keys";
import type { PageInfo } from "@/lib/types";

/** Companies list state and keys, shared by the server prefetch and the browser. */
export const COMPANIES_PER_PAGE = 100;

export type CompaniesListParams = { q?: string; perPage: number };
export type CompanyPageParam = { page?: number; pageToken?: string };

export function parseCompaniesSearch(sp: Record<string, string | string[] | undefined>): { q: string } {
  const raw = Array.isArray(sp.q) ? sp.q[0] : sp.q;
  return { q: (raw ?? "").trim().slice(0, 100) };
}

/** One character matches too much to be worth a Bigin call. */
export function companiesParamsFor(s: { q: string }): CompaniesListParams {
  return { ...(s.q.length >= 2 ? { q: s.q } : {}), perPage: COMPANIES_PER_PAGE };
}

export const companiesListKey = (p: CompaniesListParams) => [...queryKeys.companies.list(p), "infinite"] as const;

export function nextCompaniesPage(last: { info: PageInfo }): CompanyPageParam | undefined {
  const { info } = last;
  if (!info.more) return undefined;
  if (info.nextPageToken) return { pageToken: info.nextPageToken };
  return (info.page + 1) * info.perPage > 2000 ? undefined : { page: info.page + 1 };
}
