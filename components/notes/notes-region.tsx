"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { queryKeys } from "@/lib/queries/keys";
import type { Note, NoteParentModule } from "@/lib/types";
import { fetchNotesOf, sortNewestFirst } from "./notes-api";
import { NoteComposer } from "./note-composer";
import { NoteItem } from "./note-item";
import { getServerSnapshot, pendingDeletes } from "./pending-deletes";

/**
 * The Notes region of a contact, company or deal page: add, edit in place, delete with Undo.
 * Pass `initialNotes` when the page prefetched them on the server.
 */
export function NotesRegion({
  module,
  recordId,
  initialNotes,
}: {
  module: NoteParentModule;
  recordId: string;
  initialNotes?: Note[];
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState("");
  const query = useQuery({
    queryKey: queryKeys.notes.of(module, recordId),
    queryFn: () => fetchNotesOf(module, recordId),
    initialData: initialNotes,
  });
  const hidden = useSyncExternalStore(pendingDeletes.subscribe, pendingDeletes.getSnapshot, getServerSnapshot);
  const notes = useMemo(
    () => (query.data ? sortNewestFirst(query.data).filter((n) => !hidden.has(n.id)) : undefined),
    [query.data, hidden],
  );

  // Re-announce identical messages too (two notes added in a row).
  const announce = useCallback((message: string) => {
    setAnnouncement("");
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-slate-200 bg-slate-50/60 p-3 sm:p-4 dark:border-slate-800 dark:bg-slate-900/40"
    >
      <div className="mb-3 flex items-baseline gap-2">
        <h2 id={headingId} ref={heading} tabIndex={-1} className="text-base font-semibold">
          Notes
        </h2>
        {notes && notes.length > 0 && (
          <span className="text-xs text-slate-500 dark:text-slate-400">{notes.length}</span>
        )}
      </div>

      <NoteComposer module={module} recordId={recordId} onAnnounce={announce} />

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>

      <div className="mt-4">
        {query.isPending ? (
          <div role="status" aria-label="Loading notes" className="space-y-2">
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : query.isError && !notes ? (
          <ErrorPanel error={query.error} onRetry={() => void query.refetch()} title="Couldn't load notes" />
        ) : notes && notes.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No notes yet.</p>
        ) : (
          <ul className="space-y-2">
            {notes?.map((note) => (
              <li key={note.id}>
                <NoteItem note={note} onDeleted={() => heading.current?.focus()} onAnnounce={announce} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
