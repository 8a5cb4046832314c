import Link from "next/link";
import type { ReactNode } from "react";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { isEmptyValue as isEmpty } from "./fallback-fields";
import { LocalDateTime } from "./local-time";
import type { FieldMeta, FieldValue } from "@/lib/types";

/**
 * RecordFields — read-only display of every field of a record, labelled with Bigin's labels.
 *
 * Props (stable):
 * - `fields: FieldMeta[]` — metadata, in display order.
 * - `values: Record<string, FieldValue>` — the record's `fields` by API name.
 * - `hideEmpty?` (default false) — skip fields without a value.
 * - `skip?: string[]` — API names not to show (e.g. those already in the page header).
 * - `currency?` — ISO code for currency fields (default USD).
 * Lookups link to our own pages (`Accounts` → /companies/[id], `Contacts` → /contacts/[id]).
 */
export type RecordFieldsProps = {
  fields: FieldMeta[];
  values: Record<string, FieldValue>;
  hideEmpty?: boolean;
  skip?: string[];
  currency?: string;
};

const LOOKUP_PATHS: Record<string, string> = { Accounts: "/companies", Contacts: "/contacts", Pipelines: "/pipelines/deals" };

/** Plain text of a value, for display and CSV alike. */
export function fieldText(field: Pick<FieldMeta, "type">, v: FieldValue | undefined, currency = "USD"): string {
  if (isEmpty(v)) return "";
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : x.name)).join(", ");
  if (typeof v === "object" && v !== null) return v.name || v.id;
  if (typeof v === "boolean") return v ? "Yes" : "No";
  switch (field.type) {
    case "currency":
      return typeof v === "number" ? formatMoney(v, currency) : String(v);
    case "date":
      return formatDate(String(v));
    case "datetime":
      return formatDateTime(String(v));
    case "percent":
      return `${v}%`;
    default:
      return String(v);
  }
}

function FieldDisplay({ field, value, currency }: { field: FieldMeta; value: FieldValue | undefined; currency: string }): ReactNode {
  if (isEmpty(value)) return <span className="text-slate-400">—</span>;
  const text = fieldText(field, value, currency);
  if (field.type === "lookup" && value && typeof value === "object" && !Array.isArray(value) && field.lookupModule) {
    const base = LOOKUP_PATHS[field.lookupModule];
    if (base) {
      return (
        <Link href={`${base}/${value.id}`} className="text-brand-600 underline-offset-2 hover:underline dark:text-brand-100">
          {text}
        </Link>
      );
    }
  }
  if (field.type === "email" && typeof value === "string") {
    return (
      <a href={`mailto:${value}`} className="text-brand-600 underline-offset-2 hover:underline dark:text-brand-100">
        {value}
      </a>
    );
  }
  if (field.type === "phone" && typeof value === "string") {
    return (
      <a href={`tel:${value.replace(/[^\d+]/g, "")}`} className="text-brand-600 underline-offset-2 hover:underline dark:text-brand-100">
        {value}
      </a>
    );
  }
  if (field.type === "website" && typeof value === "string") {
    const href = /^https?:\/\//i.test(value) ? value : `https://${value}`;
    return (
      <a href={href} target="_blank" rel="noopener noreferrer" className="text-brand-600 underline-offset-2 hover:underline dark:text-brand-100">
        {value}
      </a>
    );
  }
  if (field.type === "datetime" && typeof value === "string") return <LocalDateTime iso={value} />;
  if (field.type === "textarea") return <span className="whitespace-pre-wrap">{text}</span>;
  return <>{text}</>;
}

export function RecordFields({ fields, values, hideEmpty = false, skip = [], currency = "USD" }: RecordFieldsProps) {
  const shown = fields.filter((f) => !skip.includes(f.apiName) && !(hideEmpty && isEmpty(values[f.apiName])));
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
      {shown.map((f) => (
        <div key={f.apiName} className={`min-w-0 ${f.type === "textarea" ? "sm:col-span-2 lg:col-span-3" : ""}`}>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{f.label}</dt>
          <dd className="mt-0.5 break-words text-sm">
            <FieldDisplay field={f} value={values[f.apiName]} currency={currency} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
