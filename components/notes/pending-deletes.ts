/**
 * Deletes that wait for their Undo window to pass. A note being deleted is hidden everywhere
 * at once (its id is in the snapshot), but the DELETE request is only sent when the toast
 * closes (timeout or dismiss) — or when the page unloads, so closing the tab inside the Undo
 * window still deletes what the user deleted. Module-level on purpose: a delete must outlive the
 * component that started it (navigating away mid-window still commits it).
 */
export type PendingDeleteStore = ReturnType<typeof createPendingDeletes>;

type Entry = { run: (opts: { unloading: boolean }) => Promise<void>; committing: boolean };

export function createPendingDeletes() {
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  let snapshot: ReadonlySet<string> = new Set();

  const emit = () => {
    snapshot = new Set(entries.keys());
    for (const l of listeners) l();
  };

  return {
    /** Hide `id` now; `run` performs the real delete later and must not throw. */
    schedule(id: string, run: Entry["run"]) {
      if (entries.has(id)) return;
      entries.set(id, { run, committing: false });
      emit();
    },
    /** Undo: forget the delete and show the note again. False when it is already being sent. */
    undo(id: string): boolean {
      const e = entries.get(id);
      if (!e || e.committing) return false;
      entries.delete(id);
      emit();
      return true;
    },
    /** Send the delete now (toast closed). The note stays hidden until `run` settles. */
    async commit(id: string, opts: { unloading: boolean } = { unloading: false }) {
      const e = entries.get(id);
      if (!e || e.committing) return;
      e.committing = true;
      try {
        await e.run(opts);
      } finally {
        entries.delete(id);
        emit();
      }
    },
    /** Send every waiting delete (page is unloading). */
    flush() {
      for (const id of [...entries.keys()]) void this.commit(id, { unloading: true });
    },
    has: (id: string) => entries.has(id),
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
  };
}

const EMPTY: ReadonlySet<string> = new Set();

export const pendingDeletes = createPendingDeletes();
export const getServerSnapshot = () => EMPTY;

if (typeof window !== "undefined") {
  // pagehide fires on tab close, reload and cross-document navigation (bfcache included).
  window.addEventListener("pagehide", () => pendingDeletes.flush());
}
