import type { Deal, ListResponse, Stage } from "@/lib/types";

/** Pure board logic: grouping deals into stage columns, totals, ordering and cache edits. */

/**
 * A deal as the board and the deals table keep it: what a card or a row shows and what moving a
 * deal needs. No `description` (neither shows it) and no `fields` map: GET /api/deals items carry
 * every property twice (as properties and in `fields` by API name), and a first board page of 200
 * deals dehydrated into the page's HTML was half duplicates. A deal's page reads the full `Deal`.
 */
export type DealSummary = Omit<Deal, "fields" | "description">;

export type BoardColumn = {
  stage: Stage;
  deals: DealSummary[];
  count: number;
  /** Sum of known amounts; deals without an amount count as 0. */
  total: number;
  /** True for a stage the sub-pipeline no longer lists (data drift): shown so no deal hides. */
  unlisted: boolean;
};

/** Within a column: soonest closing date first, undated last, then by name (stable and useful). */
export function compareDealsInColumn(a: DealSummary, b: DealSummary): number {
  if (a.closingDate !== b.closingDate) {
    if (!a.closingDate) return 1;
    if (!b.closingDate) return -1;
    return a.closingDate < b.closingDate ? -1 : 1;
  }
  const byName = a.name.localeCompare(b.name);
  return byName !== 0 ? byName : a.id.localeCompare(b.id);
}

export function sumAmounts(deals: DealSummary[]): number {
  let total = 0;
  for (const d of deals) if (typeof d.amount === "number" && Number.isFinite(d.amount)) total += d.amount;
  return total;
}

/**
 * One column per stage in stage order, each with its deals, count and Amount total. Deals of
 * another sub-pipeline are left out; deals in a stage the sub-pipeline does not list get a
 * trailing column of their own rather than vanishing.
 */
export function groupDealsByStage(deals: DealSummary[], stages: Stage[], subPipeline?: string | null): BoardColumn[] {
  const ordered = [...stages].sort((a, b) => a.order - b.order);
  const buckets = new Map<string, DealSummary[]>(ordered.map((s) => [s.name, []]));
  const extra: Stage[] = [];
  const seen = new Set<string>();
  for (const deal of deals) {
    if (seen.has(deal.id)) continue; // a deal can show up on two pages when records move during paging
    seen.add(deal.id);
    if (subPipeline && deal.subPipeline && deal.subPipeline !== subPipeline) continue;
    const name = deal.stage ?? "";
    let bucket = buckets.get(name);
    if (!bucket) {
      bucket = [];
      buckets.set(name, bucket);
      extra.push({ name: name || "No stage", order: ordered.length + extra.length, probability: null, kind: "open" });
    }
    bucket.push(deal);
  }
  const columns: BoardColumn[] = [];
  for (const stage of ordered) {
    const list = (buckets.get(stage.name) ?? []).sort(compareDealsInColumn);
    columns.push({ stage, deals: list, count: list.length, total: sumAmounts(list), unlisted: false });
  }
  for (const stage of extra) {
    const list = (buckets.get(stage.name === "No stage" ? "" : stage.name) ?? []).sort(compareDealsInColumn);
    columns.push({ stage, deals: list, count: list.length, total: sumAmounts(list), unlisted: true });
  }
  return columns;
}

/** TanStack infinite-query data of the board: pages of the sub-pipeline's deals. */
export type BoardData = { pages: ListResponse<DealSummary>[]; pageParams: unknown[] };

export function allDeals(data: BoardData | undefined): DealSummary[] {
  return data ? data.pages.flatMap((p) => p.items) : [];
}

export function findDeal(data: BoardData | undefined, id: string): DealSummary | undefined {
  if (!data) return undefined;
  for (const p of data.pages) {
    const hit = p.items.find((d) => d.id === id);
    if (hit) return hit;
  }
  return undefined;
}

/** A copy of the board data with one deal changed; the same object when the deal is absent. */
export function updateDealInBoard(data: BoardData, id: string, change: (d: DealSummary) => DealSummary): BoardData {
  let changed = false;
  const pages = data.pages.map((p) => {
    if (!p.items.some((d) => d.id === id)) return p;
    changed = true;
    return { ...p, items: p.items.map((d) => (d.id === id ? change(d) : d)) };
  });
  return changed ? { ...data, pages } : data;
}

/** The optimistic stage move: the deal's stage set to `stage`. */
export function moveDealInBoard(data: BoardData, id: string, stage: string): BoardData {
  return updateDealInBoard(data, id, (d) => ({ ...d, stage }));
}

/**
 * A deal (a list item, a PATCH answer) as the board keeps it: the summary's properties only,
 * so the board cache (and the HTML that carries it on a first load) stays light and one shape.
 */
export function toDealSummary(d: DealSummary): DealSummary {
  return {
    id: d.id,
    name: d.name,
    pipeline: d.pipeline,
    subPipeline: d.subPipeline,
    stage: d.stage,
    amount: d.amount,
    closingDate: d.closingDate,
    company: d.company,
    contact: d.contact,
    owner: d.owner,
    createdTime: d.createdTime,
    modifiedTime: d.modifiedTime,
  };
}

export function removeDealFromBoard(data: BoardData, id: string): BoardData {
  return {
    ...data,
    pages: data.pages.map((p) => (p.items.some((d) => d.id === id) ? { ...p, items: p.items.filter((d) => d.id !== id) } : p)),
  };
}

/** A page of GET /api/deals as the board caches it (the server prefetch and the client alike). */
export function boardPage(res: ListResponse<DealSummary>): ListResponse<DealSummary> {
  return { ...res, items: res.items.map(toDealSummary) };
}

/** The page number to ask for after `last`, or undefined when Bigin says there is no more. */
export function nextBoardPage(last: ListResponse<DealSummary>): number | undefined {
  return last.info.more ? last.info.page + 1 : undefined;
}

export type LoadedSortKey = "Deal_Name" | "Stage" | "Amount" | "Closing_Date" | "Modified_Time" | "Created_Time";

/**
 * Sort what is loaded, for columns Bigin can't sort server-side. Empty values go last in
 * either direction. Stage sorts by the pipeline's stage order when `stageOrder` is given.
 */
export function sortLoadedDeals(
  deals: DealSummary[],
  key: LoadedSortKey,
  order: "asc" | "desc",
  stageOrder?: Map<string, number>,
): DealSummary[] {
  const dir = order === "asc" ? 1 : -1;
  const value = (d: DealSummary): string | number | null => {
    switch (key) {
      case "Deal_Name":
        return d.name.toLocaleLowerCase();
      case "Stage":
        return d.stage === null ? null : (stageOrder?.get(d.stage) ?? Number.MAX_SAFE_INTEGER - 1);
      case "Amount":
        return d.amount;
      case "Closing_Date":
        return d.closingDate;
      case "Modified_Time":
        return d.modifiedTime ? Date.parse(d.modifiedTime) : null;
      case "Created_Time":
        return d.createdTime ? Date.parse(d.createdTime) : null;
    }
  };
  const empty = (v: string | number | null) => v === null || (typeof v === "number" && Number.isNaN(v));
  return deals
    .map((d, i) => ({ d, i, v: value(d) }))
    .sort((a, b) => {
      const ea = empty(a.v);
      const eb = empty(b.v);
      if (ea || eb) return ea && eb ? a.i - b.i : ea ? 1 : -1;
      if (a.v! < b.v!) return -1 * dir;
      if (a.v! > b.v!) return 1 * dir;
      return a.i - b.i;
    })
    .map((x) => x.d);
}
