"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => {};

/**
 * False in the server HTML and during hydration, true once React owns the page. Controls that
 * only work with JavaScript are inert until then, so an early click or keystroke is not lost
 * (or, for a form, submitted natively).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
