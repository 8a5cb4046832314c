"use client";

import * as TabsPrimitive from "@radix-ui/react-tabs";
import type { ComponentProps } from "react";

/**
 * Tabs (Radix: WAI-ARIA tablist/tab/tabpanel, arrow keys and Home/End between tabs, one tab
 * stop), styled like the app's cards. Compose: <Tabs><TabsList><TabsTrigger/>…</TabsList>
 * <TabsContent/>…</Tabs>.
 */
export const Tabs = TabsPrimitive.Root;

export function TabsList({ className = "", ...props }: ComponentProps<typeof TabsPrimitive.List>) {
  return <TabsPrimitive.List className={`flex gap-1 border-b border-slate-200 dark:border-slate-800 ${className}`} {...props} />;
}

export function TabsTrigger({ className = "", ...props }: ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      className={`-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:border-brand-600 data-[state=active]:text-brand-700 dark:text-slate-400 dark:hover:text-slate-100 dark:data-[state=active]:border-brand-100 dark:data-[state=active]:text-brand-100 ${className}`}
      {...props}
    />
  );
}

/**
 * A tab's panel. `keepMounted` keeps an inactive panel in the DOM (hidden), so its state — a
 * half-typed note, say — survives switching tabs; otherwise Radix unmounts it.
 */
export function TabsContent({ className = "", keepMounted = false, ...props }: ComponentProps<typeof TabsPrimitive.Content> & { keepMounted?: boolean }) {
  return (
    <TabsPrimitive.Content
      forceMount={keepMounted ? true : undefined}
      className={`pt-4 data-[state=inactive]:hidden ${className}`}
      {...props}
    />
  );
}
