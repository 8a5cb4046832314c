"use client";

import { useCallback, useId, useRef, useState } from "react";
import type { ColumnDef, ColumnId } from "./list-state";
import { useOutsideDismiss } from "@/components/ui/use-outside-dismiss";

/** "Columns": a disclosure with one checkbox per column. Name is always shown (it is the row's link). */
export function ColumnChooser({
  columns,
  visible,
  onToggle,
  onReset,
}: {
  columns: ColumnDef[];
  visible: ColumnId[];
  onToggle: (id: ColumnId) => void;
  onReset: () => void;
}) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useOutsideDismiss(open, rootRef, close);

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className={toolbarButton}
      >
        Columns
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        <fieldset>
          <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Visible columns</legend>
          <div className="space-y-1">
            {columns.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={visible.includes(c.id)}
                  disabled={c.id === "name"}
                  onChange={() => onToggle(c.id)}
                  className="h-4 w-4 rounded border-slate-300"
                />
                {c.label}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="button" onClick={onReset} className="mt-3 text-xs font-medium text-brand-600 underline dark:text-brand-100">
          Reset to defaults
        </button>
      </div>
    </div>
  );
}

export const toolbarButton =
  "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";
export const primaryButton =
  "inline-flex items-center gap-1 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-60";
