"use client";

/**
 * The command palette (Cmd/Ctrl-K): jump to a page, a contact (Bigin search), a company (name
 * search) or a deal this tab has loaded. Loaded on first open only (command-palette-launcher.tsx),
 * so cmdk stays out of every page's first load.
 *
 * Accessible names (stable, for Playwright suites): a dialog **Command palette** whose combobox
 * is labelled **Search or jump to…**; results are options named after the page or record.
 */
import * as Dialog from "@radix-ui/react-dialog";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useMemo, useState, type ReactNode } from "react";
import { fetchJson } from "@/lib/queries/fetch-json";
import { toSearch } from "@/lib/queries/keys";
import type { CompanySummary, ContactSummary, ListResponse } from "@/lib/types";
import { findCachedDeals } from "./cached-deals";
import { PAGES } from "./shortcuts";
import { useDebounced } from "@/components/ui/use-debounced";

// Bigin's search wants two characters at least; fewer would match half the org anyway.
const MIN_CHARS = 2;

// Own keys (not the contacts page's): these are small plain lists, not infinite queries.
const paletteKey = (kind: string, q: string) => ["command-palette", kind, q] as const;

export type CommandPaletteProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onShowHelp: () => void;
};

export function CommandPalette({ open, onOpenChange, onShowHelp }: CommandPaletteProps) {
  const router = useRouter();
  const qc = useQueryClient();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 250);
  const searching = open && q.length >= MIN_CHARS;

  const contacts = useQuery({
    queryKey: paletteKey("contacts", q),
    queryFn: ({ signal }) =>
      fetchJson<ListResponse<ContactSummary>>(`/api/contacts${toSearch({ q, perPage: 8 })}`, { signal }),
    enabled: searching,
    staleTime: 30_000,
  });
  const companies = useQuery({
    queryKey: paletteKey("companies", q),
    queryFn: ({ signal }) =>
      fetchJson<ListResponse<CompanySummary>>(`/api/companies${toSearch({ q, perPage: 5 })}`, { signal }),
    enabled: searching,
    staleTime: 30_000,
  });

  const needle = search.trim().toLocaleLowerCase();
  const pages = PAGES.filter((p) => p.label.toLocaleLowerCase().includes(needle));
  const deals = useMemo(() => (open ? findCachedDeals(qc, search) : []), [open, qc, search]);
  // Results of the debounced query only while it still matches what is typed.
  const fresh = searching && q === search.trim();
  const contactItems = fresh ? (contacts.data?.items ?? []) : [];
  const companyItems = fresh ? (companies.data?.items ?? []) : [];
  const loading = searching && (contacts.isFetching || companies.isFetching || q !== search.trim());
  const failed = fresh && (contacts.isError || companies.isError);

  function close(next: boolean) {
    onOpenChange(next);
    if (!next) setSearch("");
  }

  function go(href: string) {
    close(false);
    router.push(href);
  }

  const showHelp = "keyboard shortcuts help".includes(needle) || "?".includes(needle);
  const count =
    pages.length + contactItems.length + deals.length + companyItems.length + (showHelp ? 1 : 0);
  const status = loading
    ? "Searching Bigin…"
    : count > 0
      ? ""
      : needle.length < MIN_CHARS
        ? "Type two letters or more to search Bigin."
        : "No matches.";

  return (
    <Dialog.Root open={open} onOpenChange={close}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed left-1/2 top-3 z-50 w-[calc(100vw-1.5rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-2xl sm:top-24 dark:border-slate-700 dark:bg-slate-900"
        >
          <Dialog.Title className="sr-only">Command palette</Dialog.Title>
          <Command
            label="Search or jump to…"
            shouldFilter={false}
            vimBindings={false}
            loop
            className="flex flex-col"
          >
            <div className="flex items-center gap-2 border-b border-slate-200 px-3 focus-within:ring-2 focus-within:ring-inset focus-within:ring-brand-500 dark:border-slate-700">
              <span aria-hidden="true" className="text-slate-500 dark:text-slate-400">
                ⌕
              </span>
              <Command.Input
                value={search}
                onValueChange={setSearch}
                placeholder="Search or jump to…"
                className="h-12 w-full bg-transparent text-base outline-none placeholder:text-slate-500 dark:placeholder:text-slate-400"
              />
            </div>
            {/* Outside the listbox: a listbox may only hold options and groups. */}
            <p
              role="status"
              aria-live="polite"
              className={
                status ? "px-5 pt-2 text-sm text-slate-600 dark:text-slate-300" : "sr-only"
              }
            >
              {status}
            </p>
            {failed && (
              <p role="alert" className="px-5 pt-2 text-sm text-red-700 dark:text-red-400">
                Searching Bigin failed. Try again in a moment.
              </p>
            )}
            <Command.List className="max-h-[min(24rem,60dvh)] overflow-y-auto p-2">
              {pages.length > 0 && (
                <Group heading="Pages">
                  {pages.map((p) => (
                    <Item
                      key={p.href}
                      value={`page:${p.href}`}
                      onSelect={() => go(p.href)}
                      hint={p.keys}
                    >
                      {p.label}
                    </Item>
                  ))}
                </Group>
              )}
              {contactItems.length > 0 && (
                <Group heading="Contacts">
                  {contactItems.map((c) => (
                    <Item
                      key={c.id}
                      value={`contact:${c.id}`}
                      onSelect={() => go(`/contacts/${c.id}`)}
                      hint={c.email ?? c.company?.name}
                    >
                      {c.fullName}
                    </Item>
                  ))}
                </Group>
              )}
              {deals.length > 0 && (
                <Group heading="Deals">
                  {deals.map((d) => (
                    <Item
                      key={d.id}
                      value={`deal:${d.id}`}
                      onSelect={() => go(`/pipelines/deals/${d.id}`)}
                      hint={d.stage}
                    >
                      {d.name}
                    </Item>
                  ))}
                </Group>
              )}
              {companyItems.length > 0 && (
                <Group heading="Companies">
                  {companyItems.map((c) => (
                    <Item
                      key={c.id}
                      value={`company:${c.id}`}
                      onSelect={() => go(`/companies/${c.id}`)}
                      hint={c.billingCity}
                    >
                      {c.name}
                    </Item>
                  ))}
                </Group>
              )}
              {showHelp && (
                <Group heading="Help">
                  <Item
                    value="help:shortcuts"
                    onSelect={() => {
                      close(false);
                      onShowHelp();
                    }}
                    hint="?"
                  >
                    Keyboard shortcuts
                  </Item>
                </Group>
              )}
            </Command.List>
            <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">
              Deals: those on boards and pages opened in this tab. ↑↓ to move, Enter to open, Esc to
              close.
            </p>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function Group({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <Command.Group
      heading={heading}
      className="mb-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-600 dark:[&_[cmdk-group-heading]]:text-slate-300"
    >
      {children}
    </Command.Group>
  );
}

function Item({
  value,
  onSelect,
  hint,
  children,
}: {
  value: string;
  onSelect: () => void;
  hint?: string | null;
  children: ReactNode;
}) {
  return (
    <Command.Item
      value={value}
      onSelect={onSelect}
      className="flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-700 dark:data-[selected=true]:bg-slate-800 dark:data-[selected=true]:text-white"
    >
      <span className="truncate">{children}</span>
      {hint && (
        <span className="shrink-0 truncate text-xs text-slate-600 dark:text-slate-300">{hint}</span>
      )}
    </Command.Item>
  );
}
