"use client";

import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import type { FieldMeta, FieldValue } from "@/lib/types";
import { RecordFields } from "./record-fields";

/**
 * The "Details" card of a record page: every field read-only, or the edit form while editing,
 * once the module's field metadata is loaded (skeleton before, error with retry on failure).
 * Props: `noun` ("contact") names the card while editing and the error; `fields` is the
 * metadata query; `values` the record's fields; `form(fields)` renders the edit form.
 */
export function RecordDetailsSection({
  noun,
  editing,
  fields,
  values,
  form,
}: {
  noun: string;
  editing: boolean;
  fields: UseQueryResult<FieldMeta[]>;
  values: Record<string, FieldValue>;
  form: (fields: FieldMeta[]) => ReactNode;
}) {
  const headingId = `${noun}-details-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={headingId} className="mb-3 text-lg font-semibold">
        {editing ? `Edit ${noun}` : "Details"}
      </h2>
      {fields.isError ? (
        <ErrorPanel error={fields.error} onRetry={() => void fields.refetch()} title={`Couldn't load the ${noun}'s fields`} />
      ) : !fields.data ? (
        <Skeleton className="h-40 w-full" />
      ) : editing ? (
        form(fields.data)
      ) : (
        <RecordFields fields={fields.data} values={values} />
      )}
    </section>
  );
}
