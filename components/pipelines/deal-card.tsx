"use client";

import Link from "next/link";
import { memo, type ReactNode } from "react";
import { useDraggable } from "@dnd-kit/core";
import { formatDate, formatMoney } from "@/lib/format";
import { MoveToStageMenu } from "./move-to-stage-menu";
import type { DealSummary } from "./board-logic";

/** Today as YYYY-MM-DD in the viewer's zone, to flag overdue open deals. */
function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The card's text. `link` makes the name a stretched link covering the whole card. */
export function DealCardBody({ deal, overdue, link, footer }: { deal: DealSummary; overdue?: boolean; link?: boolean; footer?: ReactNode }) {
  const people = [deal.company?.name, deal.contact?.name].filter(Boolean);
  const name = deal.name || "Untitled deal";
  return (
    <>
      <div className="flex items-baseline justify-between gap-2">
        {link ? (
          <Link
            href={`/pipelines/deals/${deal.id}`}
            // Not on entering the viewport (a board shows dozens of cards: dozens of requests and
            // their processing while the page starts); the board prefetches on hover and focus.
            prefetch={false}
            draggable={false}
            className="min-w-0 break-words font-medium text-slate-900 after:absolute after:inset-0 after:rounded-lg after:content-[''] focus-visible:outline-none focus-visible:after:outline focus-visible:after:outline-2 focus-visible:after:outline-brand-500 dark:text-slate-100"
          >
            {name}
          </Link>
        ) : (
          <span className="min-w-0 break-words font-medium text-slate-900 dark:text-slate-100">{name}</span>
        )}
        <span className="shrink-0 text-sm font-semibold tabular-nums text-slate-800 dark:text-slate-200">
          {deal.amount === null ? "" : formatMoney(deal.amount)}
        </span>
      </div>
      {people.length > 0 && (
        <p className="mt-0.5 truncate text-xs text-slate-600 dark:text-slate-400">{people.join(" · ")}</p>
      )}
      <div className="mt-1 flex items-end justify-between gap-2">
        <p className="flex min-w-0 flex-wrap gap-x-2 text-xs text-slate-500 dark:text-slate-400">
          {deal.closingDate && (
            <span className={overdue ? "font-medium text-red-700 dark:text-red-400" : undefined}>
              <span className="sr-only">Closing date: </span>
              {overdue ? "Overdue · " : ""}
              {formatDate(deal.closingDate)}
            </span>
          )}
          {deal.owner?.name && (
            <span className="truncate">
              <span className="sr-only">Owner: </span>
              {deal.owner.name}
            </span>
          )}
        </p>
        {footer}
      </div>
    </>
  );
}

/**
 * A deal on the board: a link to its page (the link's name is the deal name), draggable by
 * pointer between columns, with a "Move to stage" menu for the keyboard. Memoised: a move or an
 * announcement re-renders the cards whose deal changed, not the whole board.
 */
export const DealCard = memo(function DealCard({
  deal,
  stages,
  open,
  onMove,
}: {
  deal: DealSummary;
  stages: string[];
  /** Whether the deal's stage is open (not won/lost): overdue dates only matter then. */
  open: boolean;
  onMove: (deal: DealSummary, to: string) => void;
}) {
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: deal.id, data: { deal } });
  const overdue = open && !!deal.closingDate && deal.closingDate < todayIso();
  return (
    <li
      ref={setNodeRef}
      {...listeners}
      data-deal-id={deal.id}
      className={`group relative rounded-lg border bg-white p-3 shadow-sm transition-colors dark:bg-slate-900 ${
        isDragging
          ? "border-dashed border-brand-500 opacity-40"
          : "border-slate-200 hover:border-slate-300 dark:border-slate-800 dark:hover:border-slate-700"
      } touch-manipulation`}
    >
      <DealCardBody
        deal={deal}
        overdue={overdue}
        link
        footer={
          // Above the stretched link, so it takes its own clicks.
          <div className="relative z-10 shrink-0">
            <MoveToStageMenu dealName={deal.name} current={deal.stage} stages={stages} onMove={(to) => onMove(deal, to)} />
          </div>
        }
      />
    </li>
  );
});
