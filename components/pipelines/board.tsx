"use client";

import { useCallback, useId, useMemo, useState } from "react";
import {
  DndContext,
  DragOverlay,
  PointerSensor,
  TouchSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import type { Stage } from "@/lib/types";
import { allDeals, groupDealsByStage, type DealSummary } from "./board-logic";
import { DealCardBody } from "./deal-card";
import { StageColumn } from "./stage-column";
import { useBoardDeals, useMoveDeal } from "./queries";
import type { BoardKeyParams } from "./query-keys";
import { BoardSkeleton } from "./skeletons";
import { ErrorPanel } from "@/components/ui/error-panel";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useIntentPrefetch } from "@/components/shell/intent-prefetch";

// Prefer the column under the pointer; fall back to overlap when the pointer is between columns.
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

export function Board({
  selection,
  stages,
  mobileStage,
  onMobileStage,
}: {
  selection: BoardKeyParams;
  stages: Stage[];
  /** The one stage shown below the md breakpoint (URL `?stage=`); null = the first. */
  mobileStage: string | null;
  onMobileStage: (stage: string) => void;
}) {
  const query = useBoardDeals(selection);
  const [message, setMessage] = useState("");
  const announce = useCallback((m: string) => setMessage(m), []);
  const move = useMoveDeal(selection, announce);
  const [dragging, setDragging] = useState<DealSummary | null>(null);
  const stageSelectId = useId();
  const hydrated = useHydrated();

  const deals = useMemo(() => allDeals(query.data), [query.data]);
  const columns = useMemo(() => groupDealsByStage(deals, stages, selection.subPipeline), [deals, stages, selection.subPipeline]);
  const stageNames = useMemo(() => stages.map((s) => s.name), [stages]);

  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click on the card's link still navigates.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // On touch, a long press drags and a swipe scrolls.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 6 } }),
  );

  const { fetchNextPage, hasNextPage, isFetchingNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);

  // `mutate` is stable (the mutation result object is not): the memoised cards keep their props.
  const { mutate } = move;
  const moveDeal = useCallback(
    (deal: DealSummary, to: string) => {
      if (!deal.stage || deal.stage === to) return;
      mutate({ id: deal.id, name: deal.name, from: deal.stage, to });
    },
    [mutate],
  );
  // Card links don't prefetch on entering the viewport; a deal's page is prefetched on intent.
  const prefetchOnIntent = useIntentPrefetch("/pipelines/deals/");

  function onDragStart(e: DragStartEvent) {
    setDragging((e.active.data.current as { deal: DealSummary }).deal);
  }

  function onDragEnd(e: DragEndEvent) {
    setDragging(null);
    const deal = (e.active.data.current as { deal: DealSummary } | undefined)?.deal;
    const to = e.over?.id;
    if (deal && typeof to === "string") moveDeal(deal, to);
  }

  if (query.isPending) return <BoardSkeleton columns={stages.length || 5} />;
  if (query.isError && !query.data) return <ErrorPanel error={query.error} onRetry={() => void query.refetch()} title="Couldn't load the deals" />;

  const shownStage = columns.some((c) => c.stage.name === mobileStage) ? mobileStage : columns[0]?.stage.name;
  const partial = !!hasNextPage;

  return (
    <div {...prefetchOnIntent}>
      <p role="status" aria-live="polite" aria-atomic="true" className="sr-only">
        {message}
      </p>
      {query.isError && (
        <p className="mb-2 text-sm text-red-700 dark:text-red-400">
          Couldn&apos;t refresh the board; showing what was loaded.{" "}
          <button type="button" className="underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </p>
      )}
      {/* Below md the board is a single-stage list with a stage picker (issue 11). */}
      <div className="mb-3 md:hidden">
        <label htmlFor={stageSelectId} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">
          Show stage
        </label>
        <select
          id={stageSelectId}
          value={shownStage ?? ""}
          disabled={!hydrated}
          onChange={(e) => onMobileStage(e.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          {columns.map((c) => (
            <option key={c.stage.name} value={c.stage.name}>
              {c.stage.name} ({c.count}
              {partial ? "+" : ""})
            </option>
          ))}
        </select>
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
        accessibility={{
          announcements: {
            onDragStart: ({ active }) => `Picked up ${(active.data.current as { deal: DealSummary }).deal.name}.`,
            onDragOver: ({ over }) => (over ? `Over ${String(over.id)}.` : "Not over a stage."),
            onDragEnd: ({ over }) => (over ? `Dropped in ${String(over.id)}.` : "Dropped outside the stages; nothing moved."),
            onDragCancel: () => "Move cancelled.",
          },
          screenReaderInstructions: { draggable: "Use the Move to stage button to move this deal with the keyboard." },
        }}
      >
        <div className="flex gap-3 md:overflow-x-auto md:pb-3">
          {columns.map((column) => (
            <StageColumn
              key={column.stage.name}
              column={column}
              stageNames={stageNames}
              partial={partial}
              hasMore={!!hasNextPage}
              loadingMore={isFetchingNextPage}
              onLoadMore={loadMore}
              onMove={moveDeal}
              hiddenOnMobile={column.stage.name !== shownStage}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {dragging ? (
            <div className="w-72 rotate-1 cursor-grabbing rounded-lg border border-brand-500 bg-white p-3 shadow-xl dark:bg-slate-900">
              <DealCardBody deal={dragging} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
    </div>
  );
}
