import { searchParamFor } from "@/lib/bigin/criteria";
import type { ContactSummary } from "@/lib/types";

/**
 * The contacts list's state, all pure: URL params → parsed state, the sort plan (what Bigin can
 * sort server-side and what we sort within loaded rows), the column catalogue and the chooser's
 * stored choice, and what kind of search a query runs.
 */

export const CONTACTS_PER_PAGE = 200; // Bigin's maximum per call: fewest credits per row

export type SortDir = "asc" | "desc";
export type ContactsUrlState = { q: string; sort: ColumnId | null; dir: SortDir };

export type ColumnId =
  | "name"
  | "email"
  | "phone"
  | "mobile"
  | "title"
  | "company"
  | "city"
  | "country"
  | "owner"
  | "created"
  | "modified";

export type ColumnDef = {
  id: ColumnId;
  /** Bigin's field label. */
  label: string;
  /** Plain text, for sorting within loaded rows and for CSV. */
  text: (c: ContactSummary) => string;
  /** Set when Bigin's list API can sort by it (bigin-api.md §5.1: id, Created_Time, Modified_Time only). */
  serverSort?: "Created_Time" | "Modified_Time";
  /** Sort by this raw value instead of the text (dates). */
  sortValue?: (c: ContactSummary) => string;
};

export const COLUMNS: ColumnDef[] = [
  { id: "name", label: "Name", text: (c) => c.fullName },
  { id: "email", label: "Email", text: (c) => c.email ?? "" },
  { id: "phone", label: "Phone", text: (c) => c.phone ?? "" },
  { id: "mobile", label: "Mobile", text: (c) => c.mobile ?? "" },
  { id: "title", label: "Title", text: (c) => c.title ?? "" },
  { id: "company", label: "Company Name", text: (c) => c.company?.name ?? "" },
  { id: "city", label: "Mailing City", text: (c) => c.mailingCity ?? "" },
  { id: "country", label: "Mailing Country", text: (c) => c.mailingCountry ?? "" },
  { id: "owner", label: "Contact Owner", text: (c) => c.owner?.name ?? "" },
  { id: "created", label: "Created Time", text: (c) => c.createdTime ?? "", serverSort: "Created_Time", sortValue: (c) => isoSortKey(c.createdTime) },
  { id: "modified", label: "Modified Time", text: (c) => c.modifiedTime ?? "", serverSort: "Modified_Time", sortValue: (c) => isoSortKey(c.modifiedTime) },
];

const BY_ID = new Map(COLUMNS.map((c) => [c.id, c]));
export const columnById = (id: ColumnId) => BY_ID.get(id)!;

export const DEFAULT_COLUMNS: ColumnId[] = ["name", "email", "phone", "company", "title", "modified"];
export const COLUMNS_STORAGE_KEY = "contacts:columns";

/** Offsets differ between records: compare instants, as a sortable string. */
function isoSortKey(iso: string | null): string {
  if (!iso) return "";
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? iso : String(t).padStart(15, "0");
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function parseContactsSearch(sp: Record<string, string | string[] | undefined>): ContactsUrlState {
  const q = (first(sp.q) ?? "").trim().slice(0, 100);
  const sortRaw = first(sp.sort);
  const sort = sortRaw && BY_ID.has(sortRaw as ColumnId) ? (sortRaw as ColumnId) : null;
  const dir: SortDir = first(sp.dir) === "asc" ? "asc" : "desc";
  return { q, sort, dir };
}

/** The URL's query string for a state (defaults dropped, so a clean list has a clean URL). */
export function contactsSearchString(s: ContactsUrlState): string {
  const sp = new URLSearchParams();
  if (s.q) sp.set("q", s.q);
  if (s.sort) {
    sp.set("sort", s.sort);
    sp.set("dir", s.dir);
  }
  const str = sp.toString();
  return str ? `?${str}` : "";
}

export type SortPlan = {
  /** Sent to Bigin (part of the query key). */
  server: { sortBy: "Created_Time" | "Modified_Time"; sortOrder: SortDir } | null;
  /** Applied in the browser to the loaded rows. */
  client: { column: ColumnId; dir: SortDir } | null;
  /** Says what the order means when it is not the whole list's order. */
  note: string | null;
};

/**
 * Bigin sorts a list only by id, Created_Time or Modified_Time, and search results not at all.
 * Anything else is sorted within the rows loaded so far, and the note says so.
 */
export function planSort(s: ContactsUrlState): SortPlan {
  if (!s.sort) return { server: null, client: null, note: s.q ? "Search results are in Bigin's relevance order." : null };
  const col = columnById(s.sort);
  if (col.serverSort && !s.q) return { server: { sortBy: col.serverSort, sortOrder: s.dir }, client: null, note: null };
  const why = s.q
    ? "Bigin can't sort search results"
    : "Bigin can only sort the full list by Created Time or Modified Time";
  return { server: null, client: { column: s.sort, dir: s.dir }, note: `Sorted by ${col.label} within the loaded rows: ${why}.` };
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Stable sort of loaded rows; empty values always last. */
export function sortRows(rows: ContactSummary[], column: ColumnId, dir: SortDir): ContactSummary[] {
  const col = columnById(column);
  const key = col.sortValue ?? col.text;
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => {
      if (!a.k !== !b.k) return a.k ? -1 : 1;
      return sign * collator.compare(a.k, b.k) || a.i - b.i;
    })
    .map((x) => x.r);
}

/** Next state when a header is clicked: new column → its natural direction; same column → flip. */
export function nextSort(s: ContactsUrlState, column: ColumnId): ContactsUrlState {
  if (s.sort === column) return { ...s, dir: s.dir === "asc" ? "desc" : "asc" };
  const natural: SortDir = columnById(column).serverSort ? "desc" : "asc";
  return { ...s, sort: column, dir: natural };
}

/** The stored column choice, cleaned: known ids only, Name always first. */
export function parseColumns(raw: string | null): ColumnId[] {
  if (!raw) return DEFAULT_COLUMNS;
  try {
    const ids = JSON.parse(raw);
    if (!Array.isArray(ids)) return DEFAULT_COLUMNS;
    const known = COLUMNS.map((c) => c.id).filter((id) => id !== "name" && ids.includes(id));
    return ["name", ...known];
  } catch {
    return DEFAULT_COLUMNS;
  }
}

/** Show or hide a column, keeping catalogue order; Name can't be hidden (it is the row's link). */
export function toggleColumn(visible: ColumnId[], id: ColumnId): ColumnId[] {
  if (id === "name") return visible;
  const set = new Set(visible);
  if (set.has(id)) set.delete(id);
  else set.add(id);
  set.add("name");
  return COLUMNS.map((c) => c.id).filter((c) => set.has(c));
}

export type SearchMode = "email" | "phone" | "word";

/** The kind of Bigin search a query runs (the server's own rule), to tell the user. */
export function detectSearchMode(q: string): SearchMode | null {
  if (!q.trim()) return null;
  return Object.keys(searchParamFor(q))[0] as SearchMode;
}

/** Bigin's search needs at least two characters to mean anything (and each call costs a credit). */
export const MIN_SEARCH_CHARS = 2;

/** The state that drives fetching: a one-character query searches nothing yet. */
export function effectiveState(s: ContactsUrlState): ContactsUrlState {
  return s.q.length >= MIN_SEARCH_CHARS ? s : { ...s, q: "" };
}
