/** Browser calls and pure helpers for notes: paths, parent links and the /notes URL state. */
import { fetchJson } from "@/lib/queries/fetch-json";
import { toSearch } from "@/lib/queries/keys";
import type { ListResponse, Note, NoteParentModule } from "@/lib/types";

/** Our API's path segment for each parent module (Bigin calls companies "Accounts" and deals "Pipelines"). */
const API_SEGMENT: Record<NoteParentModule, string> = {
  Contacts: "contacts",
  Accounts: "companies",
  Pipelines: "deals",
};

/** The /notes filter as it appears in the URL, and the Bigin module it means. */
export const MODULE_FILTERS = [
  { value: "contacts", label: "Contacts", module: "Contacts" },
  { value: "companies", label: "Companies", module: "Accounts" },
  { value: "deals", label: "Deals", module: "Pipelines" },
] as const satisfies readonly { value: string; label: string; module: NoteParentModule }[];

export type ModuleFilter = (typeof MODULE_FILTERS)[number]["value"];

export const RECENT_PER_PAGE = 20;

export type RecentNotesParams = { module?: NoteParentModule; page: number; perPage: number };

/** Parse /notes searchParams; unknown values fall back to defaults instead of erroring. */
export function parseRecentNotesSearch(sp: Record<string, string | string[] | undefined>): {
  filter: ModuleFilter | "";
  params: RecentNotesParams;
} {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const raw = one(sp.module).toLowerCase();
  // Accept Bigin's module names too (?module=Accounts), so links built from API data work.
  const match = MODULE_FILTERS.find((f) => f.value === raw || f.module.toLowerCase() === raw);
  const pageNum = Number.parseInt(one(sp.page), 10);
  const page = Number.isFinite(pageNum) && pageNum >= 1 && pageNum <= 10_000 ? pageNum : 1;
  return {
    filter: match?.value ?? "",
    params: { module: match?.module, page, perPage: RECENT_PER_PAGE },
  };
}

/** The /notes URL for a filter and page (defaults omitted so URLs stay short). */
export function recentNotesHref(filter: ModuleFilter | "", page = 1): string {
  return `/notes${toSearch({ module: filter || undefined, page: page > 1 ? page : undefined })}`;
}

/** Where a note's parent record lives in this app, or null for modules we have no page for. */
export function parentHref(parent: Note["parent"]): string | null {
  if (!parent || !/^\d{1,19}$/.test(parent.id)) return null;
  switch (parent.module) {
    case "Contacts":
      return `/contacts/${parent.id}`;
    case "Accounts":
    case "Companies":
      return `/companies/${parent.id}`;
    case "Pipelines":
    case "Deals":
      return `/pipelines/deals/${parent.id}`;
    default:
      return null;
  }
}

/** A human name for a parent module: "Contact", "Company", "Deal". */
export function parentKind(module: string | undefined | null): string {
  switch (module) {
    case "Contacts":
      return "Contact";
    case "Accounts":
    case "Companies":
      return "Company";
    case "Pipelines":
    case "Deals":
      return "Deal";
    default:
      return module ?? "Record";
  }
}

export function fetchNotesOf(module: NoteParentModule, recordId: string): Promise<Note[]> {
  return fetchJson<{ items: Note[] }>(`/api/${API_SEGMENT[module]}/${encodeURIComponent(recordId)}/notes`).then(
    (r) => r?.items ?? [],
  );
}

export function fetchRecentNotes(p: RecentNotesParams): Promise<ListResponse<Note>> {
  return fetchJson<ListResponse<Note>>(`/api/notes${toSearch({ module: p.module, page: p.page, perPage: p.perPage })}`);
}

export type NewNote = { parentModule: NoteParentModule; parentId: string; title?: string; content: string };

export function createNote(body: NewNote): Promise<Note> {
  return fetchJson<{ item: Note }>("/api/notes", { method: "POST", json: body }).then((r) => r.item);
}

export function updateNote(id: string, body: { title?: string; content: string }): Promise<Note> {
  return fetchJson<{ item: Note }>(`/api/notes/${encodeURIComponent(id)}`, { method: "PATCH", json: body }).then(
    (r) => r.item,
  );
}

/**
 * `keepalive` lets a delete that is flushed while the page unloads still reach the server.
 */
export function deleteNote(id: string, opts: { keepalive?: boolean } = {}): Promise<void> {
  return fetchJson<void>(`/api/notes/${encodeURIComponent(id)}`, { method: "DELETE", keepalive: opts.keepalive });
}

/** Newest first by creation time; notes without a time keep their relative order at the end. */
export function sortNewestFirst(notes: Note[]): Note[] {
  const t = (n: Note) => (n.createdTime ? Date.parse(n.createdTime) : Number.NEGATIVE_INFINITY);
  return [...notes].sort((a, b) => t(b) - t(a));
}

/** A short label for a note, for accessible names ("Edit note: Call recap"). */
export function noteLabel(note: Pick<Note, "title" | "content">, max = 40): string {
  const base = (note.title?.trim() || note.content.trim()).replace(/\s+/g, " ");
  return base.length > max ? `${base.slice(0, max - 1)}…` : base;
}
