"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { fetchJson } from "@/lib/queries/fetch-json";
import { queryKeys, toSearch } from "@/lib/queries/keys";
import type { CompanySummary, ContactSummary, ListResponse, Ref } from "@/lib/types";
import { useDebounced } from "@/components/ui/use-debounced";

/**
 * LookupCombobox — type-ahead for a lookup field (ARIA 1.2 combobox with a listbox popup).
 *
 * Props (stable; the deal form relies on them):
 * - `module`: "Accounts" | "Contacts" — searched via `/api/companies?q=` or `/api/contacts?q=`.
 * - `value`: the chosen `Ref` (`{ id, name }`) or null; `onChange(ref | null)`.
 * - `label`: the visible label text (a Bigin field label, e.g. "Company Name"); or pass `id`
 *   and render your own `<label htmlFor={id}>` with `hideLabel`.
 * - `id?`, `name?`, `invalid?`, `describedBy?` (ids of help/error text), `required?`, `disabled?`,
 *   `placeholder?`.
 * Keyboard: type to search (≥2 characters, debounced), ↓/↑ to move, Enter to pick, Esc to close
 * (a second Esc clears the text back to the chosen value). Clearing the text and leaving clears the value.
 */
export type LookupComboboxProps = {
  module: "Accounts" | "Contacts";
  value: Ref | null;
  onChange: (value: Ref | null) => void;
  label: string;
  hideLabel?: boolean;
  id?: string;
  name?: string;
  invalid?: boolean;
  describedBy?: string;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
};

const MIN_CHARS = 2;

async function searchRefs(module: LookupComboboxProps["module"], q: string, signal: AbortSignal): Promise<Ref[]> {
  if (module === "Accounts") {
    const res = await fetchJson<ListResponse<CompanySummary>>(`/api/companies${toSearch({ q, perPage: 10 })}`, { signal });
    return (res?.items ?? []).map((c) => ({ id: c.id, name: c.name }));
  }
  const res = await fetchJson<ListResponse<ContactSummary>>(`/api/contacts${toSearch({ q, perPage: 10 })}`, { signal });
  return (res?.items ?? []).map((c) => ({ id: c.id, name: c.fullName }));
}

export function LookupCombobox({
  module,
  value,
  onChange,
  label,
  hideLabel,
  id,
  name,
  invalid,
  describedBy,
  required,
  disabled,
  placeholder = module === "Accounts" ? "Type a company name…" : "Type a contact name…",
}: LookupComboboxProps) {
  const autoId = useId();
  const inputId = id ?? `lookup-${autoId}`;
  const listId = `${inputId}-listbox`;
  const statusId = `${inputId}-status`;
  const [text, setText] = useState(value?.name ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  // Follow an outside change of the value (e.g. a form reset).
  const [lastValue, setLastValue] = useState(value);
  if (lastValue?.id !== value?.id) {
    setLastValue(value);
    setText(value?.name ?? "");
  }

  const q = useDebounced(text.trim(), 250);
  const searching = open && q.length >= MIN_CHARS && q !== (value?.name ?? "");
  const listKey = module === "Accounts" ? queryKeys.companies.list({ q, perPage: 10 }) : queryKeys.contacts.list({ q, perPage: 10 });
  const { data = [], isFetching, isError } = useQuery({
    queryKey: [...listKey, "lookup"],
    queryFn: ({ signal }) => searchRefs(module, q, signal),
    enabled: searching,
    staleTime: 60_000,
  });
  const options = searching ? data : [];
  const expanded = open && searching && (options.length > 0 || !isFetching);

  function choose(ref: Ref | null) {
    onChange(ref);
    setText(ref?.name ?? "");
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (e.key === "Enter") {
      if (expanded && active >= 0 && options[active]) {
        e.preventDefault();
        choose(options[active]);
      }
    } else if (e.key === "Escape") {
      if (expanded) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      } else if (text !== (value?.name ?? "")) {
        e.preventDefault();
        e.stopPropagation();
        setText(value?.name ?? "");
      }
    }
  }

  let status = "";
  if (searching) {
    if (isFetching && options.length === 0) status = "Searching…";
    else if (isError) status = "Search failed. Keep typing to try again.";
    else if (options.length === 0) status = "No matches.";
    else status = `${options.length} match${options.length === 1 ? "" : "es"}. Use arrow keys to choose.`;
  }

  return (
    <div className="relative">
      <label htmlFor={inputId} className={hideLabel ? "sr-only" : "mb-1 block text-sm font-medium"}>
        {label}
        {required && (
          <span aria-hidden="true" className="ml-0.5 text-red-600">
            *
          </span>
        )}
      </label>
      <div className="flex items-stretch gap-1">
        <input
          ref={inputRef}
          id={inputId}
          name={name}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-opt-${active}` : undefined}
          aria-invalid={invalid || undefined}
          aria-required={required || undefined}
          aria-describedby={[describedBy, statusId].filter(Boolean).join(" ") || undefined}
          disabled={disabled}
          placeholder={placeholder}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            // Leaving with an empty box clears the lookup; leaving with other text restores the choice.
            setOpen(false);
            if (text.trim() === "") {
              if (value) onChange(null);
            } else if (text !== (value?.name ?? "")) {
              setText(value?.name ?? "");
            }
          }}
          onKeyDown={onKeyDown}
          className={inputClass(invalid)}
        />
        {value && !disabled && (
          <button
            type="button"
            onClick={() => {
              choose(null);
              inputRef.current?.focus();
            }}
            className="rounded-md border border-slate-300 px-2 text-xs text-slate-600 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            Clear<span className="sr-only"> {label}</span>
          </button>
        )}
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {options.map((opt, i) => (
          <li
            key={opt.id}
            id={`${listId}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: pick before the input's blur restores the old text.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(opt);
            }}
            onMouseEnter={() => setActive(i)}
            className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white" : ""}`}
          >
            {opt.name || opt.id}
          </li>
        ))}
        {expanded && options.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-3 py-1.5 text-slate-500">
            No matches
          </li>
        )}
      </ul>
      <span id={statusId} role="status" aria-live="polite" className="sr-only">
        {status}
      </span>
    </div>
  );
}

/** The one input look of record forms (shared with RecordForm). */
export function inputClass(invalid?: boolean) {
  return `block w-full rounded-md border bg-white px-2.5 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-slate-900 ${
    invalid ? "border-red-500 dark:border-red-500" : "border-slate-300 dark:border-slate-700"
  }`;
}
