"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useSyncExternalStore, useTransition } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/components/ui/use-hydrated";
import { queryKeys } from "@/lib/queries/keys";
import type { Note } from "@/lib/types";
import {
  fetchRecentNotes,
  MODULE_FILTERS,
  parentHref,
  parentKind,
  recentNotesHref,
  type ModuleFilter,
  type RecentNotesParams,
} from "./notes-api";
import { NoteText } from "./note-text";
import { getServerSnapshot, pendingDeletes } from "./pending-deletes";
import { RelativeTime } from "./relative-time";

const pager =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

/** /notes: recent notes across records, filter by module, paging. The URL holds all state. */
export function RecentNotes({ filter, params }: { filter: ModuleFilter | ""; params: RecentNotesParams }) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const selectId = useId();
  // Until React owns the page a choice here would be lost (hydration resets the select).
  const hydrated = useHydrated();
  const query = useQuery({
    queryKey: queryKeys.notes.recent(params),
    queryFn: () => fetchRecentNotes(params),
    placeholderData: keepPreviousData,
  });
  const hidden = useSyncExternalStore(pendingDeletes.subscribe, pendingDeletes.getSnapshot, getServerSnapshot);
  const notes = query.data?.items.filter((n) => !hidden.has(n.id));
  const busy = navigating || query.isPlaceholderData;
  const page = params.page;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={selectId} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
            Module
          </label>
          <select
            id={selectId}
            value={filter}
            disabled={!hydrated}
            onChange={(e) =>
              startTransition(() => router.push(recentNotesHref(e.target.value as ModuleFilter | "", 1)))
            }
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">All</option>
            {MODULE_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <p role="status" aria-live="polite" className="text-sm text-slate-500 dark:text-slate-400">
          {busy
            ? "Loading…"
            : notes
              ? notes.length === 0
                ? ""
                : `Page ${page} · ${notes.length} note${notes.length === 1 ? "" : "s"}`
              : ""}
        </p>
      </div>

      {query.isPending ? (
        <div role="status" aria-label="Loading notes" className="space-y-2">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-20 w-full" />
          ))}
        </div>
      ) : query.isError && !notes ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} title="Couldn't load notes" />
      ) : notes && notes.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {page > 1 ? "No more notes." : "No notes yet."}
        </p>
      ) : (
        <ul className={`space-y-2 transition-opacity ${busy ? "opacity-60" : ""}`} aria-busy={busy || undefined}>
          {notes?.map((note) => (
            <li key={note.id}>
              <RecentNote note={note} />
            </li>
          ))}
        </ul>
      )}

      <nav aria-label="Pagination" className="flex items-center justify-between gap-2">
        {page > 1 ? (
          <Link href={recentNotesHref(filter, page - 1)} className={pager} rel="prev">
            Previous
          </Link>
        ) : (
          <span />
        )}
        {query.data?.info.more && (
          <Link href={recentNotesHref(filter, page + 1)} className={pager} rel="next">
            Next
          </Link>
        )}
      </nav>
    </div>
  );
}

function RecentNote({ note }: { note: Note }) {
  const href = parentHref(note.parent);
  const kind = parentKind(note.parent?.module);
  const parentName = note.parent?.name || `${kind} ${note.parent?.id ?? ""}`.trim();
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <header className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-xs text-slate-500 dark:text-slate-400">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          {kind}
        </span>
        {href ? (
          <Link href={href} className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
            {parentName}
          </Link>
        ) : (
          <span className="text-sm font-medium text-slate-700 dark:text-slate-200">{parentName}</span>
        )}
        <span aria-hidden="true">·</span>
        <span>{note.owner?.name ?? "Unknown author"}</span>
        <span aria-hidden="true">·</span>
        <RelativeTime iso={note.createdTime} />
      </header>
      <div className="mt-1.5">
        {note.title && <h2 className="text-sm font-semibold">{note.title}</h2>}
        <NoteText text={note.content} className="line-clamp-6 text-sm text-slate-800 dark:text-slate-200" />
      </div>
    </article>
  );
}
