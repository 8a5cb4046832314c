"use client";

import Link from "next/link";
import { useDraggable } from "@dnd-kit/core";
import { formatDate, formatMoney } from "@/lib/format";
import type { Deal } from "@/lib/types";
import { MoveToStageMenu } from "./move-to-stage-menu";

/** Today as YYYY-MM-DD in the viewer's zone, to flag overdue open deals. */
function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function DealCardBody({ deal, overdue }: { deal: Deal; overdue?: boolean }) {
  const people = [deal.company?.name, deal.contact?.name].filter(Boolean);
  return (
    <>
      <div className="flex items-baseline justify-between gap-2">
        <span className="min-w-0 break-words font-medium text-slate-900 dark:text-slate-100">{deal.name || "Untitled deal"}</span>
        <span className="shrink-0 text-sm font-semibold tabular-nums text-slate-800 dark:text-slate-200">
          {deal.amount === null ? "" : formatMoney(deal.amount)}
        </span>
      </div>
      {people.length > 0 && (
        <p className="mt-0.5 truncate text-xs text-slate-600 dark:text-slate-400">{people.join(" · ")}</p>
      )}
      <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-slate-500 dark:text-slate-400">
        {deal.closingDate && (
          <span className={overdue ? "font-medium text-red-700 dark:text-red-400" : undefined}>
            <span className="sr-only">Closing date: </span>
            {overdue ? "Overdue · " : "Closes "}
            {formatDate(deal.closingDate)}
          </span>
        )}
        {deal.owner?.name && (
          <span>
            <span className="sr-only">Owner: </span>
            {deal.owner.name}
          </span>
        )}
      </p>
    </>
  );
}

/**
 * A deal on the board: a link to its page (the link's name is the deal name), draggable by
 * pointer between columns, with a "Move to stage" menu for the keyboard.
 */
export function DealCard({
  deal,
  stages,
  open,
  onMove,
}: {
  deal: Deal;
  stages: string[];
  /** Whether the deal's stage is open (not won/lost): overdue dates only matter then. */
  open: boolean;
  onMove: (deal: Deal, to: string) => void;
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
      <Link
        href={`/pipelines/deals/${deal.id}`}
        draggable={false}
        aria-label={deal.name || "Untitled deal"}
        className="block rounded focus-visible:outline-offset-4"
      >
        <DealCardBody deal={deal} overdue={overdue} />
      </Link>
      <div className="mt-2 flex justify-end">
        <MoveToStageMenu dealName={deal.name} current={deal.stage} stages={stages} onMove={(to) => onMove(deal, to)} />
      </div>
    </li>
  );
}
