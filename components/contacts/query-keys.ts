import { queryKeys } from "@/lib/queries/keys";
import type { PageInfo } from "@/lib/types";
import { CONTACTS_PER_PAGE, effectiveState, planSort, type ContactsUrlState } from "./list-state";

/**
 * Query keys and paging rules of the contacts list, shared by the server prefetch and the
 * browser (no "use client"), so both build the very same key from the same URL state.
 */
export type ContactsListParams = {
  q?: string;
  sortBy?: "Created_Time" | "Modified_Time";
  sortOrder?: "asc" | "desc";
  perPage: number;
};

/** A page is addressed by number up to record 2,000, then by Bigin's `next_page_token`. */
export type PageParam = { page?: number; pageToken?: string };
export const firstPageParam: PageParam = { page: 1 };

export function listParamsFor(state: ContactsUrlState): ContactsListParams {
  const s = effectiveState(state);
  const plan = planSort(s);
  return {
    ...(s.q ? { q: s.q } : {}),
    ...(plan.server ? { sortBy: plan.server.sortBy, sortOrder: plan.server.sortOrder } : {}),
    perPage: CONTACTS_PER_PAGE,
  };
}

export const contactsListKey = (p: ContactsListParams) => [...queryKeys.contacts.list(p), "infinite"] as const;

/**
 * Next page: none when Bigin says no more; the token when Bigin gives one (it must, past record
 * 2,000: bigin-api.md §5.1); else the next page number while that stays within 2,000.
 */
export function nextPageParam(last: { info: PageInfo }): PageParam | undefined {
  const { info } = last;
  if (!info.more) return undefined;
  if (info.nextPageToken) return { pageToken: info.nextPageToken };
  const next = info.page + 1;
  if (next * info.perPage > 2000) return undefined;
  return { page: next };
}
