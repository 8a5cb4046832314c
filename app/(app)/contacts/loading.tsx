import { Skeleton } from "@/components/ui/skeleton";

export default function ContactsLoading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">Loading contacts…</span>
      <div className="flex items-center justify-between">
        <Skeleton className="h-8 w-36" />
        <Skeleton className="h-8 w-32" />
      </div>
      <Skeleton className="h-9 w-full" />
      <div className="space-y-1 rounded-lg border border-slate-200 p-2 dark:border-slate-800">
        {Array.from({ length: 12 }, (_, i) => (
          <Skeleton key={i} className="h-8 w-full" />
        ))}
      </div>
    </div>
  );
}
