"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime, formatRelative } from "@/lib/format";

// One shared minute tick for every relative time on the page.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const getSnapshot = () => now;
// On the server, "now" is per request (rounded so repeated reads in one render agree).
const getServerSnapshot = () => (typeof window === "undefined" ? Math.floor(Date.now() / 1000) * 1000 : now);

/** "3 hours ago", with the exact time as a tooltip and in the machine-readable attribute. */
export function RelativeTime({ iso }: { iso: string | null }) {
  const t = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  if (!iso) return null;
  return (
    // The server renders its own "now": a differing "just now" / "1 minute ago" is expected.
    <time dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
      {formatRelative(iso, t)}
    </time>
  );
}
