"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Keeps what the user typed in sessionStorage under `key`, so a failed save, a reconnect
 * round-trip through Bigin's consent page, or a reload never loses it. `clear()` after a
 * successful save.
 */
export function useDraft<T>(key: string, initial: T) {
  const storageKey = `draft:${key}`;
  const [value, setValue] = useState<T>(() => {
    if (typeof window === "undefined") return initial;
    try {
      const raw = window.sessionStorage.getItem(storageKey);
      return raw ? (JSON.parse(raw) as T) : initial;
    } catch {
      return initial;
    }
  });
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the draft still lives in memory.
    }
  }, [storageKey, value]);

  const clear = useCallback(() => {
    try {
      window.sessionStorage.removeItem(storageKey);
    } catch {
      // ignore
    }
  }, [storageKey]);

  const hasDraft =
    typeof window !== "undefined" && window.sessionStorage.getItem(storageKey) !== null;

  return { value, setValue, clear, hasDraft } as const;
}
