import { Skeleton } from "@/components/ui/skeleton";

/** Board-shaped placeholder: columns of card outlines, so the layout doesn't jump on load. */
export function BoardSkeleton({ columns = 5 }: { columns?: number }) {
  return (
    <div role="status" aria-live="polite" className="flex gap-3 overflow-hidden">
      <span className="sr-only">Loading deals…</span>
      {Array.from({ length: columns }, (_, i) => (
        <div
          key={i}
          className={`${i > 0 ? "hidden md:flex" : "flex"} w-full shrink-0 flex-col gap-2 rounded-xl border border-slate-200 p-2 md:w-72 dark:border-slate-800`}
        >
          <Skeleton className="h-5 w-32" />
          {Array.from({ length: 4 - (i % 3) }, (_, j) => (
            <Skeleton key={j} className="h-20 w-full" />
          ))}
        </div>
      ))}
    </div>
  );
}

export function PipelinesSkeleton() {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-10 w-48" />
        <Skeleton className="h-10 w-48" />
      </div>
      <BoardSkeleton />
    </div>
  );
}

export function DealSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading deal…</span>
      <Skeleton className="h-4 w-32" />
      <Skeleton className="h-9 w-72" />
      <div className="grid gap-3 sm:grid-cols-2">
        {Array.from({ length: 10 }, (_, i) => (
          <Skeleton key={i} className="h-12 w-full" />
        ))}
      </div>
    </div>
  );
}
