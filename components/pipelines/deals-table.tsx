"use client";

import Link from "next/link";
import { useMemo } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { formatDate, formatMoney } from "@/lib/format";
import type { Stage } from "@/lib/types";
import { allDeals, groupDealsByStage, sortLoadedDeals } from "./board-logic";
import { TABLE_PAGE_SIZE, type PipelinesParams, type TableSort } from "./board-state";
import { useBoardDeals } from "./queries";
import type { BoardKeyParams } from "./query-keys";
import { Skeleton } from "@/components/ui/skeleton";
import { useIntentPrefetch } from "@/components/shell/intent-prefetch";

const COLUMNS: { key: TableSort | null; label: string; className?: string }[] = [
  { key: "Deal_Name", label: "Deal" },
  { key: "Stage", label: "Stage" },
  { key: "Amount", label: "Amount", className: "text-right" },
  { key: "Closing_Date", label: "Closing date" },
  { key: null, label: "Company" },
  { key: null, label: "Contact" },
  { key: null, label: "Owner" },
  { key: "Modified_Time", label: "Modified" },
];

/**
 * The same deals as the board, as a sortable, paged table. It reads the board's cache (no
 * extra Bigin call when switching views) and sorts what is loaded: a sub-pipeline's deals come
 * from Bigin's search, which can't sort (see TABLE_SORTS), and the table says so.
 */
export function DealsTable({
  selection,
  stages,
  params,
  go,
}: {
  selection: BoardKeyParams;
  stages: Stage[];
  params: PipelinesParams;
  go: (patch: Partial<PipelinesParams>, mode?: "push" | "replace") => void;
}) {
  const query = useBoardDeals(selection);
  const prefetchOnIntent = useIntentPrefetch("/pipelines/deals/");
  const stageOrder = useMemo(() => new Map(stages.map((s) => [s.name, s.order])), [stages]);
  const deals = useMemo(() => {
    // Same membership rules as the board (dedupe, other sub-pipelines out).
    const inBoard = groupDealsByStage(allDeals(query.data), stages, selection.subPipeline).flatMap((c) => c.deals);
    return sortLoadedDeals(inBoard, params.sort, params.order, stageOrder);
  }, [query.data, stages, selection.subPipeline, params.sort, params.order, stageOrder]);

  if (query.isPending) {
    return (
      <div role="status" aria-live="polite" className="space-y-2">
        <span className="sr-only">Loading deals…</span>
        {Array.from({ length: 10 }, (_, i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </div>
    );
  }
  if (query.isError && !query.data) {
    return <ErrorPanel error={query.error} onRetry={() => void query.refetch()} title="Couldn't load the deals" />;
  }

  const pages = Math.max(1, Math.ceil(deals.length / TABLE_PAGE_SIZE));
  const page = Math.min(params.page, pages);
  const rows = deals.slice((page - 1) * TABLE_PAGE_SIZE, page * TABLE_PAGE_SIZE);
  const more = !!query.hasNextPage;
  const from = deals.length === 0 ? 0 : (page - 1) * TABLE_PAGE_SIZE + 1;
  const to = (page - 1) * TABLE_PAGE_SIZE + rows.length;

  function sortBy(key: TableSort) {
    if (params.sort === key) go({ order: params.order === "asc" ? "desc" : "asc" }, "replace");
    else go({ sort: key, order: key === "Amount" || key === "Modified_Time" ? "desc" : "asc" }, "replace");
  }

  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Bigin can&apos;t sort a sub-pipeline&apos;s deals itself, so sorting applies to the {deals.length} deals loaded
        {more ? " (more are in Bigin — load them below)" : ""}.
      </p>
      {/* Row links prefetch on hover or focus, not all 50 on entering the viewport. */}
      <div {...prefetchOnIntent} className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <caption className="sr-only">
            Deals, sorted by {COLUMNS.find((c) => c.key === params.sort)?.label ?? params.sort}{" "}
            {params.order === "asc" ? "ascending" : "descending"}
          </caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 dark:border-slate-800 dark:bg-slate-800/60 dark:text-slate-300">
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  aria-sort={c.key && params.sort === c.key ? (params.order === "asc" ? "ascending" : "descending") : undefined}
                  className={`px-3 py-2 font-medium ${c.className ?? ""}`}
                >
                  {c.key ? (
                    <button type="button" onClick={() => sortBy(c.key!)} className="inline-flex items-center gap-1 hover:text-slate-900 dark:hover:text-white">
                      {c.label}
                      <span aria-hidden="true" className="w-3">
                        {params.sort === c.key ? (params.order === "asc" ? "↑" : "↓") : ""}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((d) => (
              <tr key={d.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                <td className="px-3 py-2 font-medium">
                  <Link href={`/pipelines/deals/${d.id}`} prefetch={false} className="text-brand-700 hover:underline dark:text-brand-100">
                    {d.name || "Untitled deal"}
                  </Link>
                </td>
                <td className="px-3 py-2">{d.stage ?? "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(d.amount)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDate(d.closingDate)}</td>
                <td className="px-3 py-2">{d.company?.name || "—"}</td>
                <td className="px-3 py-2">{d.contact?.name || "—"}</td>
                <td className="px-3 py-2">{d.owner?.name || "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap text-slate-600 dark:text-slate-400">
                  {/* Date only, from Bigin's own offset: a local-zone time would differ between server and browser. */}
                  {formatDate(d.modifiedTime)}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="px-3 py-8 text-center text-slate-500">
                  No deals in this sub-pipeline yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Table pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p aria-live="polite">
          {from}–{to} of {deals.length}
          {more ? "+" : ""}
        </p>
        <div className="flex items-center gap-2">
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => go({ page: page - 1 })}
            className="rounded-md border border-slate-300 px-3 py-1.5 disabled:opacity-50 dark:border-slate-700"
          >
            Previous
          </button>
          <span>
            Page {page} of {pages}
            {more ? "+" : ""}
          </span>
          <button
            type="button"
            disabled={page >= pages && !more}
            onClick={() => {
              if (page < pages) go({ page: page + 1 });
              else void query.fetchNextPage();
            }}
            className="rounded-md border border-slate-300 px-3 py-1.5 disabled:opacity-50 dark:border-slate-700"
          >
            {page >= pages && more ? (query.isFetchingNextPage ? "Loading…" : "Load more from Bigin") : "Next"}
          </button>
        </div>
      </nav>
    </div>
  );
}
