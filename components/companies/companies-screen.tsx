"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { ErrorPanel, describeError } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { LocalDateTime } from "@/components/records/local-time";
import { toSearch } from "@/lib/queries/keys";
import type { CompanySummary } from "@/lib/types";
import { toolbarButton } from "@/components/contacts/column-chooser";
import { useCompaniesList } from "./queries";
import { companiesParamsFor, parseCompaniesSearch } from "./query-keys";

const COLUMNS: { label: string; text: (c: CompanySummary) => string; time?: (c: CompanySummary) => string | null }[] = [
  { label: "Phone", text: (c) => c.phone ?? "" },
  { label: "Website", text: (c) => c.website ?? "" },
  { label: "Industry", text: (c) => c.industry ?? "" },
  { label: "Billing City", text: (c) => c.billingCity ?? "" },
  { label: "Billing Country", text: (c) => c.billingCountry ?? "" },
  { label: "Modified Time", text: () => "", time: (c) => c.modifiedTime },
];

/** /companies: search by name (starts with), paged table; each name links to the company page. */
export function CompaniesScreen() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlState = useMemo(() => parseCompaniesSearch(Object.fromEntries(searchParams.entries())), [searchParams]);
  const params = companiesParamsFor(urlState);
  const query = useCompaniesList(params);

  const [text, setText] = useState(urlState.q);
  const [syncedQ, setSyncedQ] = useState(urlState.q);
  if (syncedQ !== urlState.q) {
    setSyncedQ(urlState.q);
    setText(urlState.q);
  }
  useEffect(() => {
    const q = text.trim();
    if (q === urlState.q) return;
    const t = setTimeout(() => {
      setSyncedQ(q);
      window.history.replaceState(null, "", `${pathname}${toSearch({ q })}`);
    }, 300);
    return () => clearTimeout(t);
  }, [text, urlState.q, pathname]);

  const rows = useMemo(() => {
    const seen = new Set<string>();
    return (query.data?.pages ?? []).flatMap((p) => p.items).filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  }, [query.data]);

  let status: string;
  if (query.isPending) status = "Loading companies…";
  else if (params.q) status = `${rows.length}${query.hasNextPage ? "+" : ""} compan${rows.length === 1 ? "y" : "ies"} starting with “${params.q}”.`;
  else status = `Showing ${rows.length} compan${rows.length === 1 ? "y" : "ies"}${query.hasNextPage ? "; more available" : ""}.`;

  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">Companies</h1>
      <input
        type="search"
        aria-label="Search companies"
        placeholder="Company name starts with…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="block w-full max-w-xl rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-900"
      />
      <p role="status" aria-live="polite" className="text-xs font-medium text-slate-700 dark:text-slate-300">
        {query.isPlaceholderData ? "Searching…" : status}
      </p>
      {query.isError && !query.data ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} title="Couldn't load companies" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table aria-label="Companies" aria-busy={query.isFetching} className="w-full min-w-[56rem] border-collapse text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Company Name
                </th>
                {COLUMNS.map((c) => (
                  <th key={c.label} scope="col" className="px-3 py-2">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className={query.isPlaceholderData ? "opacity-60" : undefined}>
              {query.isPending &&
                Array.from({ length: 6 }, (_, i) => (
                  <tr key={i} aria-hidden="true">
                    <td colSpan={COLUMNS.length + 1} className="px-3 py-2">
                      <Skeleton className="h-5 w-full" />
                    </td>
                  </tr>
                ))}
              {rows.map((c) => (
                <tr key={c.id} className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/60">
                  <td className="px-3 py-2">
                    <Link href={`/companies/${c.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                      {c.name || "(no name)"}
                    </Link>
                  </td>
                  {COLUMNS.map((col) => (
                    <td key={col.label} className="max-w-[14rem] truncate px-3 py-2">
                      {col.time?.(c) ? (
                        <LocalDateTime iso={col.time(c)!} />
                      ) : (
                        col.text(c) || <span className="text-slate-300 dark:text-slate-600">—</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {!query.isPending && rows.length === 0 && (
            <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">
              {params.q ? `No companies start with “${params.q}”.` : "No companies yet."}
            </p>
          )}
        </div>
      )}
      {query.isFetchNextPageError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Couldn&apos;t load more: {describeError(query.error)}
        </p>
      )}
      {query.hasNextPage && (
        <button type="button" className={`${toolbarButton} self-start`} disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}
