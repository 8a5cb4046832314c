"use client";

import { useEffect, type RefObject } from "react";

/** While `open`, a mouse press outside `rootRef` calls `close` (menus and popovers). */
export function useOutsideDismiss(
  open: boolean,
  rootRef: RefObject<HTMLElement | null>,
  close: () => void,
) {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) close();
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open, rootRef, close]);
}
