"use client";

/**
 * The "Keyboard shortcuts" help panel (`?`), loaded on first use like the palette.
 * Accessible name: a dialog **Keyboard shortcuts** with a **Close** button.
 */
import * as Dialog from "@radix-ui/react-dialog";
import { SHORTCUTS } from "./shortcuts";

export function ShortcutsHelp({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-4 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-1.5rem)] max-w-md -translate-x-1/2 overflow-y-auto rounded-xl bg-white p-5 shadow-xl sm:top-24 dark:bg-slate-900">
          <Dialog.Title className="text-lg font-semibold">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            Letter shortcuts work when you are not typing in a field.
          </Dialog.Description>
          <dl className="mt-4 divide-y divide-slate-200 text-sm dark:divide-slate-700">
            {SHORTCUTS.map((s) => (
              <div key={s.description} className="flex items-center justify-between gap-4 py-2">
                <dt className="flex shrink-0 flex-wrap gap-1">
                  {s.keys.map((k, i) => (
                    <span key={k} className="flex items-center gap-1">
                      {i > 0 && (
                        <span className="text-xs text-slate-600 dark:text-slate-300">or</span>
                      )}
                      <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                        {k}
                      </kbd>
                    </span>
                  ))}
                </dt>
                <dd className="text-right text-slate-700 dark:text-slate-200">{s.description}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-4 flex justify-end">
            <Dialog.Close className="rounded-md border border-slate-300 px-4 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
              Close
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
