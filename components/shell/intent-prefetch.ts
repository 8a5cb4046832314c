"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, type SyntheticEvent } from "react";

/**
 * Prefetch a link's route when the user shows intent (pointer over it, or keyboard focus on it)
 * instead of when it scrolls into view. For lists of many record links (board cards, table rows)
 * whose links say `prefetch={false}`: Next's viewport prefetching would otherwise fire a request
 * per visible link while the page is starting, and process every answer on the main thread.
 * One delegated handler on the list's container; each href once per mount.
 */
export function useIntentPrefetch(pathPrefix: string) {
  const router = useRouter();
  const done = useRef(new Set<string>());
  const onIntent = useCallback(
    (e: SyntheticEvent) => {
      const a = (e.target as Element | null)?.closest?.("a[href]");
      const href = a?.getAttribute("href");
      if (!href || !href.startsWith(pathPrefix) || done.current.has(href)) return;
      done.current.add(href);
      router.prefetch(href);
    },
    [router, pathPrefix],
  );
  return { onPointerOver: onIntent, onFocus: onIntent };
}
