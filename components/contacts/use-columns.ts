"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { COLUMNS_STORAGE_KEY, DEFAULT_COLUMNS, parseColumns, toggleColumn, type ColumnId } from "./list-state";

/**
 * The column chooser's choice, kept in localStorage (a personal preference, not list state,
 * so it stays out of the URL). The server renders the defaults; the stored choice applies
 * right after hydration without a mismatch.
 */
const listeners = new Set<() => void>();

function subscribe(cb: () => void) {
  listeners.add(cb);
  window.addEventListener("storage", cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener("storage", cb);
  };
}

function read(): string | null {
  try {
    return window.localStorage.getItem(COLUMNS_STORAGE_KEY);
  } catch {
    return null;
  }
}

function write(ids: ColumnId[] | null) {
  try {
    if (ids) window.localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(ids));
    else window.localStorage.removeItem(COLUMNS_STORAGE_KEY);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
  listeners.forEach((l) => l());
}

export function useColumns() {
  const raw = useSyncExternalStore(subscribe, read, () => null);
  const visible = useMemo(() => parseColumns(raw), [raw]);
  const toggle = useCallback((id: ColumnId) => write(toggleColumn(parseColumns(read()), id)), []);
  const reset = useCallback(() => write(null), []);
  return { visible, toggle, reset, isDefault: raw === null || visible.join() === DEFAULT_COLUMNS.join() };
}
