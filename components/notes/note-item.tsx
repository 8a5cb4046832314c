"use client";

import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from "react";
import { useDraft } from "@/components/ui/use-draft";
import type { Note } from "@/lib/types";
import { noteLabel } from "./notes-api";
import { NoteText } from "./note-text";
import { RelativeTime } from "./relative-time";
import { useHydrated } from "@/components/ui/use-hydrated";
import { describeSaveError, editNoteDraftKey, isTempNote, useDeleteNote, useEditNote } from "./use-note-mutations";

const input =
  "w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-brand-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";
export const buttonPrimary =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const buttonQuiet =
  "rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white";

const noopSubscribe = () => () => {};

/** A stored edit draft that differs from the note: typed but not saved (failed save, reload). */
function hasUnsavedEdit(note: Note): boolean {
  try {
    const raw = window.sessionStorage.getItem(`draft:${editNoteDraftKey(note.id)}`);
    if (!raw) return false;
    const d = JSON.parse(raw) as { title?: string; content?: string };
    return (d.content ?? "") !== note.content || (d.title ?? "") !== (note.title ?? "");
  } catch {
    return false;
  }
}

function wasEdited(note: Note) {
  if (!note.createdTime || !note.modifiedTime) return false;
  return Date.parse(note.modifiedTime) - Date.parse(note.createdTime) > 60_000;
}

/** One note: author, time, title, text; Edit in place and Delete with Undo. */
export function NoteItem({
  note,
  onDeleted,
  onAnnounce,
}: {
  note: Note;
  onDeleted: () => void;
  onAnnounce: (message: string) => void;
}) {
  const [editingState, setEditing] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draft = useDraft(editNoteDraftKey(note.id), { title: note.title ?? "", content: note.content });
  const edit = useEditNote();
  const remove = useDeleteNote();
  const editButton = useRef<HTMLButtonElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const errorId = useId();
  const pending = isTempNote(note);
  const hydrated = useHydrated();
  const label = noteLabel(note);

  // A draft left by a failed save (or a reconnect round-trip) reopens the editor with it, until
  // the user opens or closes the editor themselves. Read after hydration (server: no draft).
  const storedDraft = useSyncExternalStore(noopSubscribe, () => hasUnsavedEdit(note), () => false);
  const editing = editingState ?? storedDraft;

  useEffect(() => {
    if (editing) textarea.current?.focus();
  }, [editing]);

  const startEdit = () => {
    draft.setValue({ title: note.title ?? "", content: note.content });
    setError(null);
    setEditing(true);
  };

  const close = () => {
    draft.clear();
    setEditing(false);
    setError(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    const content = draft.value.content.trim();
    const title = draft.value.title.trim();
    if (!content) {
      setError("A note needs some text.");
      textarea.current?.focus();
      return;
    }
    if (content === note.content && title === (note.title ?? "")) {
      close();
      return;
    }
    setEditing(false);
    setError(null);
    edit.mutate(
      { note, title, content },
      {
        onSuccess: () => {
          draft.clear();
          onAnnounce("Note saved");
        },
        onError: (err) => {
          setError(`Couldn't save the note. ${describeSaveError(err)} Your changes are still here.`);
          setEditing(true);
        },
      },
    );
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    } else if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  };

  return (
    <article
      aria-labelledby={titleId}
      aria-busy={pending || edit.isPending || undefined}
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-xs text-slate-500 dark:text-slate-400">
        <span id={titleId} className="sr-only">
          Note: {label}
        </span>
        <span className="font-medium text-slate-700 dark:text-slate-200">{note.owner?.name ?? (pending ? "You" : "Unknown author")}</span>
        <span aria-hidden="true">·</span>
        <RelativeTime iso={note.createdTime} />
        {wasEdited(note) && (
          <span title={note.modifiedTime ?? undefined}>(edited)</span>
        )}
        {(pending || edit.isPending) && <span className="text-brand-600 dark:text-brand-100">Saving…</span>}
        {!editing && !pending && (
          <span className="ml-auto flex gap-1">
            <button
              ref={editButton}
              type="button"
              onClick={startEdit}
              disabled={!hydrated}
              aria-label={`Edit note: ${label}`}
              className={buttonQuiet}
            >
              Edit
            </button>
            <button
              type="button"
              disabled={!hydrated}
              onClick={() => {
                remove(note, () => onAnnounce("Note restored"));
                onDeleted();
              }}
              aria-label={`Delete note: ${label}`}
              className={`${buttonQuiet} hover:text-red-700 dark:hover:text-red-300`}
            >
              Delete
            </button>
          </span>
        )}
      </header>

      {editing ? (
        <form onSubmit={save} onKeyDown={onKeyDown} className="mt-2 space-y-2" aria-label={`Edit note: ${label}`}>
          <div>
            <label htmlFor={`${titleId}-title`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
              Title
            </label>
            <input
              id={`${titleId}-title`}
              value={draft.value.title}
              onChange={(e) => draft.setValue((v) => ({ ...v, title: e.target.value }))}
              className={input}
              maxLength={120}
              placeholder="Optional"
            />
          </div>
          <div>
            <label htmlFor={`${titleId}-content`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
              Note text
            </label>
            <textarea
              id={`${titleId}-content`}
              ref={textarea}
              value={draft.value.content}
              onChange={(e) => draft.setValue((v) => ({ ...v, content: e.target.value }))}
              rows={Math.min(12, Math.max(3, draft.value.content.split("\n").length + 1))}
              className={input}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
          </div>
          {error && (
            <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
          <div className="flex gap-2">
            <button type="submit" className={buttonPrimary}>
              Save
            </button>
            <button type="button" onClick={close} className={buttonQuiet}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="mt-1.5">
          {note.title && <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{note.title}</h3>}
          <NoteText text={note.content} className="text-sm text-slate-800 dark:text-slate-200" />
        </div>
      )}
    </article>
  );
}
