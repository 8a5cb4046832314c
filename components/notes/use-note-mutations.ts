"use client";

import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { describeError } from "@/components/ui/error-panel";
import { ApiError } from "@/lib/queries/fetch-json";
import { queryKeys } from "@/lib/queries/keys";
import type { ListResponse, Note, NoteParentModule } from "@/lib/types";
import { createNote, deleteNote, updateNote } from "./notes-api";
import { pendingDeletes } from "./pending-deletes";

export const UNDO_WINDOW_MS = 5_000;

/** Session-storage key of the "Add a note" draft of one record (see components/ui/use-draft.ts). */
export const newNoteDraftKey = (module: NoteParentModule, recordId: string) => `note-new:${module}:${recordId}`;
export const editNoteDraftKey = (noteId: string) => `note-edit:${noteId}`;

export const isTempNote = (note: Pick<Note, "id">) => note.id.startsWith("temp-");

/** Apply `fn` to a note in every cached notes list (a record's notes and /notes pages). */
export function updateNoteCaches(qc: QueryClient, fn: (note: Note) => Note | null) {
  for (const [key, data] of qc.getQueriesData<Note[] | ListResponse<Note>>({ queryKey: queryKeys.notes.all })) {
    if (!data) continue;
    const apply = (items: Note[]) => {
      let changed = false;
      const next: Note[] = [];
      for (const n of items) {
        const m = fn(n);
        if (m !== n) changed = true;
        if (m) next.push(m);
      }
      return changed ? next : items;
    };
    if (Array.isArray(data)) {
      const next = apply(data);
      if (next !== data) qc.setQueryData(key, next);
    } else if (Array.isArray(data.items)) {
      const next = apply(data.items);
      if (next !== data.items) qc.setQueryData(key, { ...data, items: next });
    }
  }
}

/** Keep what the server said, but never show less than we knew (e.g. an answer without owner). */
function merge(optimistic: Note, server: Note | undefined): Note {
  if (!server) return optimistic;
  return { ...optimistic, ...server, owner: server.owner ?? optimistic.owner, parent: server.parent ?? optimistic.parent };
}

function writeDraftIfEmpty(key: string, value: { title: string; content: string }) {
  try {
    const storageKey = `draft:${key}`;
    const raw = window.sessionStorage.getItem(storageKey);
    const cur = raw ? (JSON.parse(raw) as { title?: string; content?: string }) : null;
    if (!cur?.content && !cur?.title) window.sessionStorage.setItem(storageKey, JSON.stringify(value));
  } catch {
    // Storage unavailable: the component restores the text in memory.
  }
}

/** "Bigin said no" in one line, field messages included. */
export function describeSaveError(err: unknown): string {
  const fields = err instanceof ApiError ? Object.values(err.fields) : [];
  return [describeError(err), ...fields].filter(Boolean).join(" ");
}

type AddVars = { tempId: string; title: string; content: string };

export function useAddNote(module: NoteParentModule, recordId: string) {
  const qc = useQueryClient();
  const key = queryKeys.notes.of(module, recordId);
  return useMutation({
    mutationFn: (v: AddVars) =>
      createNote({ parentModule: module, parentId: recordId, content: v.content, ...(v.title ? { title: v.title } : {}) }),
    onMutate: async (v) => {
      await qc.cancelQueries({ queryKey: key });
      const now = new Date().toISOString();
      const temp: Note = {
        id: v.tempId,
        title: v.title || null,
        content: v.content,
        parent: { module, id: recordId, name: null },
        owner: null,
        createdTime: now,
        modifiedTime: now,
      };
      const hadData = qc.getQueryData<Note[]>(key) !== undefined;
      qc.setQueryData<Note[]>(key, (old) => [temp, ...(old ?? [])]);
      return { temp, hadData };
    },
    onSuccess: (item, v, ctx) => {
      qc.setQueryData<Note[]>(key, (old) => (old ?? []).map((n) => (n.id === v.tempId ? merge(ctx.temp, item) : n)));
    },
    onError: (_err, v) => {
      qc.setQueryData<Note[]>(key, (old) => (old ?? []).filter((n) => n.id !== v.tempId));
      // Runs even if the user has left the page: their text waits in the draft for next time.
      writeDraftIfEmpty(newNoteDraftKey(module, recordId), { title: v.title, content: v.content });
    },
    onSettled: (_data, _err, _v, ctx) => {
      // Mark /notes pages stale without refetching now (Bigin credits); the record's own list
      // already holds the server's answer — unless the note was added before the list loaded
      // (onMutate cancelled that load), then load it now.
      void qc.invalidateQueries({ queryKey: ["notes", "recent"], refetchType: "none" });
      if (!ctx?.hadData) void qc.invalidateQueries({ queryKey: key });
    },
  });
}

type EditVars = { note: Note; title: string; content: string };

export function useEditNote() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: EditVars) => updateNote(v.note.id, { title: v.title, content: v.content }),
    onMutate: async (v) => {
      await qc.cancelQueries({ queryKey: queryKeys.notes.all });
      const optimistic: Note = {
        ...v.note,
        title: v.title || null,
        content: v.content,
        modifiedTime: new Date().toISOString(),
      };
      updateNoteCaches(qc, (n) => (n.id === v.note.id ? optimistic : n));
      return { before: v.note, optimistic };
    },
    onSuccess: (item, v, ctx) => {
      updateNoteCaches(qc, (n) => (n.id === v.note.id ? merge(ctx.optimistic, item) : n));
    },
    onError: (_err, v, ctx) => {
      if (ctx) updateNoteCaches(qc, (n) => (n.id === v.note.id ? ctx.before : n));
      writeDraftIfEmpty(editNoteDraftKey(v.note.id), { title: v.title, content: v.content });
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.notes.all, refetchType: "none" });
    },
  });
}

/**
 * Delete with Undo. The note disappears at once; the DELETE is sent when the toast closes
 * (after UNDO_WINDOW_MS, or when dismissed) or when the page unloads. We defer rather than
 * delete-then-recreate because a re-created note would get a new id, a new created time and
 * possibly a different author — Undo would not really undo.
 */
export function useDeleteNote() {
  const qc = useQueryClient();
  return (note: Note, onRestored?: () => void) => {
    pendingDeletes.schedule(note.id, async ({ unloading }) => {
      try {
        await deleteNote(note.id, { keepalive: true });
      } catch (err) {
        // Already gone (deleted elsewhere) is what the user wanted.
        if (!(err instanceof ApiError && err.status === 404)) {
          if (!unloading) toast.error(`Couldn't delete the note. ${describeError(err)}`);
          return;
        }
      }
      if (unloading) return;
      updateNoteCaches(qc, (n) => (n.id === note.id ? null : n));
      void qc.invalidateQueries({ queryKey: queryKeys.notes.all, refetchType: "none" });
    });
    const commit = () => void pendingDeletes.commit(note.id);
    toast("Note deleted", {
      duration: UNDO_WINDOW_MS,
      action: {
        label: "Undo",
        onClick: () => {
          if (pendingDeletes.undo(note.id)) onRestored?.();
        },
      },
      onAutoClose: commit,
      onDismiss: commit,
    });
  };
}
