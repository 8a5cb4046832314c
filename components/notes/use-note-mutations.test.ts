import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { queryKeys } from "@/lib/queries/keys";
import type { ListResponse, Note } from "@/lib/types";
import { updateNoteCaches } from "./use-note-mutations";

const note = (id: string, content = id): Note => ({
  id,
  title: null,
  content,
  parent: { module: "Contacts", id: "1", name: "Ada" },
  owner: null,
  createdTime: null,
  modifiedTime: null,
});

function seeded() {
  const qc = new QueryClient();
  const page: ListResponse<Note> = {
    items: [note("a"), note("b")],
    info: { page: 1, perPage: 20, count: 2, more: false, nextPageToken: null },
  };
  qc.setQueryData(queryKeys.notes.of("Contacts", "1"), [note("a"), note("c")]);
  qc.setQueryData(queryKeys.notes.recent({ page: 1, perPage: 20 }), page);
  qc.setQueryData(queryKeys.contacts.detail("1"), { untouched: true });
  return qc;
}

describe("updateNoteCaches", () => {
  it("edits a note in a record's list and in /notes pages alike", () => {
    const qc = seeded();
    updateNoteCaches(qc, (n) => (n.id === "a" ? { ...n, content: "edited" } : n));
    expect(qc.getQueryData<Note[]>(queryKeys.notes.of("Contacts", "1"))!.map((n) => n.content)).toEqual(["edited", "c"]);
    const page = qc.getQueryData<ListResponse<Note>>(queryKeys.notes.recent({ page: 1, perPage: 20 }))!;
    expect(page.items.map((n) => n.content)).toEqual(["edited", "b"]);
    expect(page.info.count).toBe(2);
  });

  it("removes a deleted note everywhere and leaves other caches alone", () => {
    const qc = seeded();
    const before = qc.getQueryData(queryKeys.notes.of("Contacts", "1"));
    updateNoteCaches(qc, (n) => (n.id === "b" ? null : n));
    expect(qc.getQueryData(queryKeys.notes.of("Contacts", "1"))).toBe(before); // unchanged list keeps identity
    expect(qc.getQueryData<ListResponse<Note>>(queryKeys.notes.recent({ page: 1, perPage: 20 }))!.items.map((n) => n.id)).toEqual(["a"]);
    expect(qc.getQueryData(queryKeys.contacts.detail("1"))).toEqual({ untouched: true });
  });
});
