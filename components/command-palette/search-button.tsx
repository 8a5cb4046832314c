"use client";

/**
 * The header's "Search… ⌘K" button: opens the command palette (the launcher listens for the
 * event) and warms its code on hover or focus.
 */
import { useEffect, useState } from "react";
import { preloadCommandPalette } from "./command-palette-launcher";
import { OPEN_PALETTE_EVENT } from "./shortcuts";

export function SearchButton() {
  // ⌘K on Apple keyboards, Ctrl K elsewhere; the server renders ⌘K.
  const [mod, setMod] = useState("⌘");
  useEffect(() => {
    // Reading the platform once after mount is the point of this effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (!/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)) setMod("Ctrl ");
  }, []);

  return (
    <button
      type="button"
      onClick={() => window.dispatchEvent(new Event(OPEN_PALETTE_EVENT))}
      onPointerEnter={preloadCommandPalette}
      onFocus={preloadCommandPalette}
      aria-keyshortcuts="Meta+K Control+K"
      className="flex items-center gap-2 rounded-md border border-slate-300 px-2.5 py-1 text-sm text-slate-600 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
    >
      <span aria-hidden="true">⌕</span>
      <span>Search…</span>
      <kbd className="hidden rounded border border-slate-300 px-1 font-sans text-xs sm:inline dark:border-slate-600">
        {mod}K
      </kbd>
    </button>
  );
}
