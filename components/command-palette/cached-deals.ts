/**
 * Deals for the palette come from what this tab has already loaded (boards, tables, deal pages,
 * a contact's or company's deals): our API has no search of deals by name (API.md: /api/deals
 * lists one pipeline, filtered by sub-pipeline or stage only), and a palette must not spend
 * Bigin credits listing every pipeline. No React here.
 */
import type { QueryClient } from "@tanstack/react-query";
import type { Deal } from "@/lib/types";

const looksLikeDeal = (v: unknown): v is Deal =>
  !!v &&
  typeof v === "object" &&
  typeof (v as Deal).id === "string" &&
  typeof (v as Deal).name === "string" &&
  "stage" in v &&
  "pipeline" in v;

/** Deals inside one cached query's data, whatever its shape (list, infinite pages, one item). */
export function dealsIn(data: unknown): Deal[] {
  if (looksLikeDeal(data)) return [data];
  if (Array.isArray(data)) return data.filter(looksLikeDeal);
  if (!data || typeof data !== "object") return [];
  const d = data as { items?: unknown; item?: unknown; pages?: unknown };
  if (Array.isArray(d.pages)) return d.pages.flatMap(dealsIn);
  if (Array.isArray(d.items)) return d.items.filter(looksLikeDeal);
  if (looksLikeDeal(d.item)) return [d.item];
  return [];
}

/** Loaded deals whose name contains `search` (case-insensitive), once each, at most `limit`. */
export function findCachedDeals(qc: QueryClient, search: string, limit = 8): Deal[] {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return [];
  const seen = new Map<string, Deal>();
  const queries = qc.getQueryCache().findAll({
    predicate: (q) => q.queryKey[0] === "deals" || q.queryKey[1] === "deals",
  });
  for (const q of queries) {
    for (const deal of dealsIn(q.state.data)) {
      if (!seen.has(deal.id) && deal.name.toLocaleLowerCase().includes(needle))
        seen.set(deal.id, deal);
      if (seen.size >= limit) return [...seen.values()];
    }
  }
  return [...seen.values()];
}
