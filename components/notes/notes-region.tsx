// PLACEHOLDER owned by the Notes engineer (issue 8); replaced by the real Notes region.
import type { NoteParentModule } from "@/lib/types";

export function NotesRegion({ module, recordId }: { module: NoteParentModule; recordId: string }) {
  return (
    <section aria-label="Notes" data-module={module} data-record={recordId}>
      <h2 className="text-lg font-semibold">Notes</h2>
    </section>
  );
}
