"use client";

import { memo, useEffect, useId, useRef, useState } from "react";
import { useDroppable } from "@dnd-kit/core";
import { formatMoney, formatMoneyCompact } from "@/lib/format";
import type { BoardColumn, DealSummary } from "./board-logic";
import { DealCard } from "./deal-card";

/**
 * Cards rendered at first: a little more than a tall column shows, so a board of six stages
 * hydrates ~60 cards, not the whole first page of 200 deals. More come as the column scrolls
 * (STEP at a time) or with its "Show more deals in …" button.
 */
export const FIRST_CARDS = 10;
const STEP = 30;

/**
 * One stage: its name as the heading (the heading holds nothing else — tests and screen
 * readers find it by the exact stage name), count and Amount total beside it, and its cards.
 * More cards render as the column scrolls; past the loaded deals it asks for Bigin's next page.
 */
export const StageColumn = memo(function StageColumn({
  column,
  stageNames,
  partial,
  hasMore,
  loadingMore,
  onLoadMore,
  onMove,
  hiddenOnMobile,
}: {
  column: BoardColumn;
  stageNames: string[];
  /** More deals exist in Bigin than are loaded: counts and totals are "at least". */
  partial: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onMove: (deal: DealSummary, to: string) => void;
  hiddenOnMobile: boolean;
}) {
  const { stage, deals, count, total } = column;
  const { setNodeRef, isOver, active } = useDroppable({ id: stage.name, data: { stage: stage.name } });
  const headingId = useId();
  const [shown, setShown] = useState(FIRST_CARDS);
  const scrollRef = useRef<HTMLOListElement>(null);
  const sentinelRef = useRef<HTMLLIElement>(null);
  const canShowMore = shown < deals.length || hasMore;

  useEffect(() => {
    const el = sentinelRef.current;
    if (!el || !canShowMore) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        if (shown < deals.length) setShown((n) => n + STEP);
        else if (hasMore && !loadingMore) onLoadMore();
      },
      // From md up the list scrolls inside the column (a max height); below it the page scrolls,
      // and the list (as tall as its content) would always "see" its sentinel: use the viewport.
      { root: scrollRef.current && getComputedStyle(scrollRef.current).maxHeight !== "none" ? scrollRef.current : null, rootMargin: "200px" },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [canShowMore, shown, deals.length, hasMore, loadingMore, onLoadMore]);

  const dragFromElsewhere = active && (active.data.current as { deal?: DealSummary } | undefined)?.deal?.stage !== stage.name;
  const countText = `${count}${partial ? "+" : ""}`;
  const open = stage.kind === "open";

  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-stage={stage.name}
      className={`${hiddenOnMobile ? "hidden md:flex" : "flex"} w-full shrink-0 flex-col rounded-xl border bg-slate-100/70 md:w-72 dark:bg-slate-900/60 ${
        isOver && dragFromElsewhere
          ? "border-brand-500 ring-2 ring-brand-500/40"
          : "border-slate-200 dark:border-slate-800"
      }`}
    >
      <header className="flex items-baseline justify-between gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <div className="flex min-w-0 items-baseline gap-2">
          <span
            aria-hidden="true"
            className={`h-2 w-2 shrink-0 self-center rounded-full ${
              stage.kind === "won" ? "bg-emerald-500" : stage.kind === "lost" ? "bg-slate-400" : "bg-brand-500"
            }`}
          />
          <h2 id={headingId} className="truncate text-sm font-semibold" title={stage.name}>
            {stage.name}
          </h2>
        </div>
        <p className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400">
          <span className="sr-only">{`${countText} ${count === 1 ? "deal" : "deals"}, total `}</span>
          <span aria-hidden="true">{countText} · </span>
          <span title={formatMoney(total)}>{formatMoneyCompact(total)}</span>
        </p>
      </header>
      <ol
        ref={scrollRef}
        aria-labelledby={headingId}
        className="flex min-h-24 flex-col gap-2 overflow-y-auto p-2 md:max-h-[calc(100dvh-15rem)]"
      >
        {deals.slice(0, shown).map((deal) => (
          <DealCard key={deal.id} deal={deal} stages={stageNames} open={open} onMove={onMove} />
        ))}
        {deals.length === 0 && !hasMore && (
          <li className="rounded-lg border border-dashed border-slate-300 px-3 py-6 text-center text-xs text-slate-500 dark:border-slate-700">
            No deals in this stage
          </li>
        )}
        {canShowMore && (
          <li ref={sentinelRef} className="list-none">
            <button
              type="button"
              onClick={() => (shown < deals.length ? setShown((n) => n + STEP) : onLoadMore())}
              disabled={loadingMore}
              className="w-full rounded-md px-2 py-1.5 text-xs font-medium text-brand-700 hover:bg-white disabled:opacity-60 dark:text-brand-100 dark:hover:bg-slate-800"
            >
              {loadingMore ? "Loading more deals…" : `Show more deals in ${stage.name}`}
            </button>
          </li>
        )}
      </ol>
    </section>
  );
});
