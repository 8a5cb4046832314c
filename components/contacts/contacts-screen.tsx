"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { ErrorPanel, describeError } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { LocalDateTime } from "@/components/records/local-time";
import type { ContactSummary } from "@/lib/types";
import { ColumnChooser, primaryButton, toolbarButton } from "./column-chooser";
import { buildCsv, csvFileName, downloadCsv } from "./csv";
import {
  COLUMNS,
  MIN_SEARCH_CHARS,
  contactsSearchString,
  detectSearchMode,
  effectiveState,
  nextSort,
  parseContactsSearch,
  planSort,
  sortRows,
  type ColumnDef,
  type ColumnId,
  type ContactsUrlState,
} from "./list-state";
import { useContactsList } from "./queries";
import { listParamsFor } from "./query-keys";
import { useColumns } from "./use-columns";
import { useIntentPrefetch } from "@/components/shell/intent-prefetch";

const ROW_HEIGHT = 40;
const SEARCH_DEBOUNCE_MS = 300;
/** Start loading the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 60;

const WIDTHS: Record<ColumnId, string> = {
  name: "14rem",
  email: "16rem",
  phone: "10rem",
  mobile: "10rem",
  title: "11rem",
  company: "13rem",
  city: "9rem",
  country: "9rem",
  owner: "10rem",
  created: "11rem",
  modified: "11rem",
};


/** The /contacts screen: search, sort, virtualised infinite table, column chooser, CSV export. */
export function ContactsScreen() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlState = useMemo(() => parseContactsSearch(Object.fromEntries(searchParams.entries())), [searchParams]);
  const state = effectiveState(urlState);
  const plan = planSort(state);
  const params = listParamsFor(urlState);
  const query = useContactsList(params);
  const { visible, toggle, reset } = useColumns();
  const columns = useMemo(() => COLUMNS.filter((c) => visible.includes(c.id)), [visible]);

  // --- search box: local text, debounced into the URL (replaceState: no server round trip) ---
  const [text, setText] = useState(urlState.q);
  const [syncedQ, setSyncedQ] = useState(urlState.q);
  if (syncedQ !== urlState.q) {
    // The URL changed from outside (back/forward, a link): follow it.
    setSyncedQ(urlState.q);
    setText(urlState.q);
  }
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const q = text.trim();
    if (q === urlState.q) return;
    const t = setTimeout(() => {
      setSyncedQ(q);
      window.history.replaceState(null, "", `${pathname}${contactsSearchString({ ...urlState, q })}`);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, urlState, pathname]);

  // "/" jumps to search, as in most list tools.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName))) return;
      e.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function setSort(column: ColumnId) {
    const next: ContactsUrlState = nextSort({ ...urlState, q: text.trim() }, column);
    window.history.pushState(null, "", `${pathname}${contactsSearchString(next)}`);
  }

  // --- rows: every loaded page, de-duplicated (pages can overlap when records change meanwhile) ---
  const loaded = useMemo(() => {
    const seen = new Set<string>();
    const out: ContactSummary[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const c of page.items) {
        if (!seen.has(c.id)) {
          seen.add(c.id);
          out.push(c);
        }
      }
    }
    return out;
  }, [query.data]);
  const rows = useMemo(
    () => (plan.client ? sortRows(loaded, plan.client.column, plan.client.dir) : loaded),
    [loaded, plan.client],
  );

  // --- virtualisation: a bounded number of <tr> whatever the number of loaded rows ---
  const scrollRef = useRef<HTMLDivElement>(null);
  // Row links prefetch a contact's page on hover or focus, not every rendered row on first paint.
  const prefetchOnIntent = useIntentPrefetch("/contacts/");
  // The virtualizer is mutable by design; this component re-renders on scroll anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Rendered on the server too: the first rows are in the HTML.
    initialRect: { width: 1024, height: 640 },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && lastIndex >= rows.length - PREFETCH_ROWS) {
      void fetchNextPage();
    }
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, lastIndex, rows.length, fetchNextPage]);

  // A new search or sort starts at the top.
  const listKey = JSON.stringify(params) + (plan.client ? `${plan.client.column}:${plan.client.dir}` : "");
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [listKey]);

  function exportCsv() {
    const csv = buildCsv(
      columns.map((c) => c.label),
      rows.map((r) => columns.map((c) => c.text(r))),
    );
    downloadCsv(csvFileName("contacts"), csv);
    toast.success(`Exported ${rows.length} contact${rows.length === 1 ? "" : "s"} (${columns.length} columns).`);
  }

  const typed = text.trim();
  const mode = detectSearchMode(state.q);
  const searchingStale = query.isPlaceholderData || (typed !== urlState.q && typed.length >= MIN_SEARCH_CHARS);
  let status: string;
  if (query.isPending) status = "Loading contacts…";
  else if (query.isError && !query.data) status = "Couldn't load contacts.";
  else if (state.q) status = `${rows.length}${hasNextPage ? "+" : ""} contact${rows.length === 1 ? "" : "s"} match “${state.q}” (${mode} search).`;
  else status = `Showing ${rows.length} contact${rows.length === 1 ? "" : "s"}${hasNextPage ? "; more load as you scroll" : ""}.`;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Contacts</h1>
        <button type="button" className={primaryButton} onClick={() => router.push("/contacts/new")}>
          New contact
        </button>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <div className="relative min-w-0 flex-1 basis-64">
          <input
            ref={searchRef}
            type="search"
            aria-label="Search contacts"
            aria-describedby="contacts-search-hint"
            placeholder="Search by name, email or phone  ( / )"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape" && text) {
                e.preventDefault();
                setText("");
              }
            }}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
        <ColumnChooser columns={COLUMNS} visible={visible} onToggle={toggle} onReset={reset} />
        <button type="button" className={toolbarButton} onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>

      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        <p id="contacts-search-hint">
          {typed.length > 0 && typed.length < MIN_SEARCH_CHARS
            ? `Type at least ${MIN_SEARCH_CHARS} characters to search.`
            : "Searches Bigin by whole word, full email address or phone number."}
        </p>
        <p role="status" aria-live="polite" aria-atomic="true" className="font-medium text-slate-700 dark:text-slate-300">
          {searchingStale && !query.isPending ? "Searching…" : status}
        </p>
        {plan.note && <p className="text-amber-800 dark:text-amber-300">{plan.note}</p>}
      </div>

      {query.isError && !query.data ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} title="Couldn't load contacts" />
      ) : (
        <div
          {...prefetchOnIntent}
          ref={scrollRef}
          role="region"
          aria-label="Contacts list"
          tabIndex={0}
          className="h-[calc(100dvh-15rem)] min-h-80 overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
        >
          <table
            aria-label="Contacts"
            aria-rowcount={hasNextPage ? -1 : rows.length + 1}
            aria-busy={query.isFetching}
            className="w-full table-fixed border-collapse text-sm"
            style={{ minWidth: columns.reduce((n, c) => n + parseFloat(WIDTHS[c.id]), 0) + "rem" }}
          >
            <colgroup>
              {columns.map((c) => (
                <col key={c.id} style={{ width: WIDTHS[c.id] }} />
              ))}
            </colgroup>
            <thead className="sticky top-0 z-10 bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 shadow-[0_1px_0_0] shadow-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:shadow-slate-700">
              <tr aria-rowindex={1}>
                {columns.map((c) => {
                  const active = urlState.sort === c.id;
                  const serverable = !!c.serverSort && !state.q;
                  return (
                    <th
                      key={c.id}
                      scope="col"
                      aria-sort={active ? (urlState.dir === "asc" ? "ascending" : "descending") : undefined}
                      className="px-3 py-2"
                    >
                      <button
                        type="button"
                        onClick={() => setSort(c.id)}
                        title={serverable ? `Sort all contacts by ${c.label}` : `Sorts the loaded rows only (Bigin can't sort ${state.q ? "search results" : `by ${c.label}`})`}
                        className="inline-flex items-center gap-1 rounded hover:text-slate-900 dark:hover:text-white"
                      >
                        {c.label}
                        <span aria-hidden="true" className={active ? "" : "opacity-30"}>
                          {active && urlState.dir === "asc" ? "▲" : "▼"}
                        </span>
                        {!serverable && <span className="sr-only"> (sorts loaded rows only)</span>}
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className={searchingStale ? "opacity-60 transition-opacity" : undefined}>
              {query.isPending &&
                Array.from({ length: 8 }, (_, i) => (
                  <tr key={`s${i}`} aria-hidden="true">
                    {columns.map((c) => (
                      <td key={c.id} className="px-3 py-2.5">
                        <Skeleton className="h-4 w-3/4" />
                      </td>
                    ))}
                  </tr>
                ))}
              {padTop > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={columns.length} style={{ height: padTop, padding: 0 }} />
                </tr>
              )}
              {items.map((vi) => (
                <ContactRow key={rows[vi.index].id} contact={rows[vi.index]} index={vi.index} columns={columns} />
              ))}
              {padBottom > 0 && (
                <tr aria-hidden="true">
                  <td colSpan={columns.length} style={{ height: padBottom, padding: 0 }} />
                </tr>
              )}
            </tbody>
          </table>
          {!query.isPending && rows.length === 0 && (
            <div className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">
              {state.q ? (
                <>
                  <p>No contacts match “{state.q}”.</p>
                  <button type="button" onClick={() => setText("")} className="mt-2 font-medium text-brand-600 underline dark:text-brand-100">
                    Clear search
                  </button>
                </>
              ) : (
                <p>No contacts yet.</p>
              )}
            </div>
          )}
          <div className="px-3 py-2 text-xs text-slate-500">
            {isFetchingNextPage && "Loading more contacts…"}
            {isFetchNextPageError && (
              <span role="alert">
                Couldn&apos;t load more: {describeError(query.error)}{" "}
                <button type="button" className="font-medium underline" onClick={() => void fetchNextPage()}>
                  Try again
                </button>
              </span>
            )}
            {!hasNextPage && rows.length > 0 && !query.isFetching && `All ${rows.length} loaded.`}
          </div>
        </div>
      )}
    </div>
  );
}

/**
 * One row of the table. Memoised: the screen re-renders on every scroll step and when the
 * virtualizer measures the real viewport after hydration; rows already on screen stay as they are.
 */
const ContactRow = memo(function ContactRow({ contact: c, index, columns }: { contact: ContactSummary; index: number; columns: ColumnDef[] }) {
  return (
    <tr
      aria-rowindex={index + 2}
      style={{ height: ROW_HEIGHT }}
      className="border-b border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/60"
    >
      {columns.map((col) => {
        const time = col.id === "created" ? c.createdTime : col.id === "modified" ? c.modifiedTime : undefined;
        const text = time === undefined && col.id !== "name" ? col.text(c) : "";
        return (
          <td key={col.id} className="truncate px-3" title={text || undefined}>
            {col.id === "name" ? (
              <Link href={`/contacts/${c.id}`} prefetch={false} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                {c.fullName || "(no name)"}
              </Link>
            ) : time ? (
              <LocalDateTime iso={time} />
            ) : (
              text || <span className="text-slate-300 dark:text-slate-600">—</span>
            )}
          </td>
        );
      })}
    </tr>
  );
});
