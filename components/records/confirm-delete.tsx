"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState } from "react";
import { describeError } from "@/components/ui/error-panel";

/**
 * ConfirmDelete — a "Delete" button that opens a confirmation dialog (Radix Dialog).
 *
 * Props (stable):
 * - `title` — the dialog title, e.g. "Delete this contact?".
 * - `description?` — what will happen, e.g. "Ada Lovelace will be deleted from Bigin.".
 * - `onConfirm() => Promise<unknown>` — runs the delete; the dialog stays open with the error
 *   if it throws, and closes when it resolves.
 * - `triggerLabel?` (default "Delete"), `confirmLabel?` (default "Delete"), `disabled?`.
 * Accessible names: the trigger and the dialog's confirm button are both "Delete"; "Cancel" closes.
 */
export type ConfirmDeleteProps = {
  title: string;
  description?: string;
  onConfirm: () => Promise<unknown>;
  triggerLabel?: string;
  confirmLabel?: string;
  disabled?: boolean;
};

export function ConfirmDelete({ title, description, onConfirm, triggerLabel = "Delete", confirmLabel = "Delete", disabled }: ConfirmDeleteProps) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(o) => {
        if (pending) return;
        setOpen(o);
        if (!o) setError(null);
      }}
    >
      <Dialog.Trigger asChild>
        <button
          type="button"
          disabled={disabled}
          className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950/40"
        >
          {triggerLabel}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/40" />
        <Dialog.Content
          className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900"
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
          {description && <Dialog.Description className="mt-2 text-sm text-slate-600 dark:text-slate-300">{description}</Dialog.Description>}
          {error && (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950/50 dark:text-red-100">
              {error}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close asChild>
              <button
                type="button"
                disabled={pending}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Cancel
              </button>
            </Dialog.Close>
            <button
              type="button"
              onClick={confirm}
              disabled={pending}
              aria-busy={pending}
              className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
            >
              {confirmLabel}
            </button>
          </div>
          {pending && (
            <p role="status" className="mt-2 text-right text-xs text-slate-500">
              Deleting…
            </p>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
