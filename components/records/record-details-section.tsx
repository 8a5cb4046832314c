"use client";

import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import type { FieldMeta, FieldValue } from "@/lib/types";
import { fallbackFields, type StandardFields } from "./fallback-fields";
import { RecordFields } from "./record-fields";

/**
 * The "Details" card of a record page: every field read-only, or the edit form while editing.
 * Props: `noun` ("contact") names the card while editing and the error; `fields` is the
 * metadata query; `values` the record's fields; `form(fields)` renders the edit form (only ever
 * with real metadata, so nothing typed is lost to a late reload of it).
 *
 * Without `fallback` the card waits for the metadata (skeleton, error with retry). With
 * `fallback` (Bigin's standard fields of the module, see fallback-fields.ts) it shows the values
 * at once without the metadata, labelled from that list and the API names, and asks for the
 * metadata only when someone wants to edit: while editing it shows a small loading state until
 * the metadata is there, or the error with a retry and `onCancel`. `hideEmpty` leaves out fields
 * without a value — with a fallback, so that both views list the same fields and the card
 * doesn't jump when the metadata arrives.
 */
export function RecordDetailsSection({
  noun,
  editing,
  fields,
  values,
  form,
  fallback,
  hideEmpty = false,
  onCancel,
}: {
  noun: string;
  editing: boolean;
  fields: UseQueryResult<FieldMeta[]>;
  values: Record<string, FieldValue>;
  form: (fields: FieldMeta[]) => ReactNode;
  fallback?: StandardFields;
  hideEmpty?: boolean;
  onCancel?: () => void;
}) {
  const headingId = `${noun}-details-heading`;
  const error = <ErrorPanel error={fields.error} onRetry={() => void fields.refetch()} title={`Couldn't load the ${noun}'s fields`} />;
  let body: ReactNode;
  if (fields.data) {
    body = editing ? form(fields.data) : <RecordFields fields={fields.data} values={values} hideEmpty={hideEmpty} />;
  } else if (!fallback) {
    body = fields.isError ? error : <Skeleton className="h-40 w-full" />;
  } else {
    const labelled = <RecordFields fields={fallbackFields(values, fallback)} values={values} hideEmpty />;
    body = !editing ? labelled : (
      <div className="space-y-3">
        {fields.isError ? (
          error
        ) : (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
            Loading the form…
          </p>
        )}
        {fields.isError && onCancel && (
          <button
            type="button"
            onClick={onCancel}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
        )}
        {labelled}
      </div>
    );
  }
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      {/* Focusable from script: a page can move focus here when the card switches to the form. */}
      <h2 id={headingId} tabIndex={-1} className="mb-3 text-lg font-semibold">
        {editing ? `Edit ${noun}` : "Details"}
      </h2>
      {body}
    </section>
  );
}
