"use client";

import { useSyncExternalStore } from "react";
import { formatDate, formatDateTime } from "@/lib/format";

const noop = () => () => {};

/**
 * A Bigin date-time in the viewer's own time zone. The server does not know that zone, so it
 * (and the hydrating render) shows the record's calendar date, which is the same everywhere;
 * the exact local time follows right after hydration, with no mismatch.
 */
export function LocalDateTime({ iso }: { iso: string }) {
  const isClient = useSyncExternalStore(noop, () => true, () => false);
  return <time dateTime={iso}>{isClient ? formatDateTime(iso) : formatDate(iso)}</time>;
}
