"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { formatDate, formatDateTime } from "@/lib/format";

/**
 * A Bigin date-time in the viewer's own time zone. The server does not know that zone, so it
 * (and the hydrating render) shows the record's calendar date, which is the same everywhere;
 * the exact local time follows right after hydration, with no mismatch.
 */
export function LocalDateTime({ iso }: { iso: string }) {
  const isClient = useHydrated();
  return <time dateTime={iso}>{isClient ? formatDateTime(iso) : formatDate(iso)}</time>;
}
