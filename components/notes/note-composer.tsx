"use client";

import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useDraft } from "@/components/ui/use-draft";
import type { NoteParentModule } from "@/lib/types";
import { buttonPrimary } from "./note-item";
import { useHydrated } from "@/components/ui/use-hydrated";
import { describeSaveError, newNoteDraftKey, useAddNote } from "./use-note-mutations";

const field =
  "w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-brand-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

/**
 * "Add a note": optional title, text, Add note. The note appears at once (optimistic); the text
 * box empties, and if the save fails the text comes back with the reason. What is typed lives
 * in sessionStorage until the server has it.
 */
export function NoteComposer({
  module,
  recordId,
  onAnnounce,
}: {
  module: NoteParentModule;
  recordId: string;
  onAnnounce: (message: string) => void;
}) {
  const draft = useDraft(newNoteDraftKey(module, recordId), { title: "", content: "" });
  const add = useAddNote(module, recordId);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const hydrated = useHydrated();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const content = draft.value.content.trim();
    const title = draft.value.title.trim();
    if (!content) {
      setError("Write something before adding the note.");
      textarea.current?.focus();
      return;
    }
    setError(null);
    const typed = draft.value;
    draft.setValue({ title: "", content: "" });
    add.mutate(
      { tempId: `temp-${crypto.randomUUID()}`, title, content },
      {
        onSuccess: () => onAnnounce("Note added"),
        onError: (err) => {
          // Give the text back unless the user has started a new note meanwhile.
          draft.setValue((cur) => (cur.content || cur.title ? cur : typed));
          setError(`Couldn't add the note. ${describeSaveError(err)} Your text is still here.`);
          textarea.current?.focus();
        },
      },
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      e.currentTarget.form?.requestSubmit();
    }
  };

  return (
    <form onSubmit={submit} className="space-y-2" noValidate>
      <div>
        <label htmlFor={`${id}-content`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
          Add a note
        </label>
        <textarea
          id={`${id}-content`}
          ref={textarea}
          value={draft.value.content}
          onChange={(e) => {
            draft.setValue((v) => ({ ...v, content: e.target.value }));
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
          readOnly={!hydrated}
          rows={3}
          placeholder="What happened? Links are fine. Ctrl+Enter adds."
          className={field}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-40 flex-1">
          <label htmlFor={`${id}-title`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
            Title
          </label>
          <input
            id={`${id}-title`}
            value={draft.value.title}
            onChange={(e) => draft.setValue((v) => ({ ...v, title: e.target.value }))}
            placeholder="Optional"
            maxLength={120}
            readOnly={!hydrated}
            className={field}
          />
        </div>
        <button type="submit" disabled={!hydrated} className={buttonPrimary}>
          Add note
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
