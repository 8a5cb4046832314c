import type { FieldMeta, FieldType, FieldValue } from "@/lib/types";

/**
 * Field metadata to show a record read-only BEFORE the module's real metadata (`settings/fields`,
 * one Bigin call) is loaded: Bigin's labels and types for the standard fields, and for any other
 * key a label from the API name (Bigin derives custom API names from labels, spaces → `_`) and a
 * type guessed from the value's shape. The real metadata replaces it once someone wants to edit.
 */

type Standard = { label: string; type: FieldType; lookupModule?: string };
/** A module's standard fields in Bigin's order: API name → label, type (and lookup module). */
export type StandardFields = ReadonlyArray<readonly [string, Standard]>;

/**
 * Bigin's standard Contacts fields, in Bigin's order, with the labels the sandbox seeds
 * (sandbox/meta.ts, which follows Bigin's "Modules and Fields" help page).
 */
export const CONTACT_STANDARD_FIELDS: StandardFields = [
  ["First_Name", { label: "First Name", type: "text" }],
  ["Last_Name", { label: "Last Name", type: "text" }],
  ["Full_Name", { label: "Full Name", type: "text" }],
  ["Title", { label: "Title", type: "text" }],
  ["Account_Name", { label: "Company Name", type: "lookup", lookupModule: "Accounts" }],
  ["Email", { label: "Email", type: "email" }],
  ["Mobile", { label: "Mobile", type: "phone" }],
  ["Phone", { label: "Phone", type: "phone" }],
  ["Home_Phone", { label: "Home Phone", type: "phone" }],
  ["Email_Opt_Out", { label: "Email Opt Out", type: "boolean" }],
  ["Description", { label: "Description", type: "textarea" }],
  ["Mailing_Street", { label: "Mailing Street", type: "text" }],
  ["Mailing_City", { label: "Mailing City", type: "text" }],
  ["Mailing_State", { label: "Mailing State", type: "text" }],
  ["Mailing_Country", { label: "Mailing Country", type: "text" }],
  ["Mailing_Zip", { label: "Mailing Zip", type: "text" }],
  ["Owner", { label: "Owner", type: "ownerlookup" }],
  ["Created_By", { label: "Created By", type: "ownerlookup" }],
  ["Modified_By", { label: "Modified By", type: "ownerlookup" }],
  ["Created_Time", { label: "Created Time", type: "datetime" }],
  ["Modified_Time", { label: "Modified Time", type: "datetime" }],
  ["Last_Activity_Time", { label: "Last Activity Time", type: "datetime" }],
  ["Tag", { label: "Tag", type: "other" }],
];

/**
 * Keys of a record that are not fields a person reads: the id, Zoho internals (`$…` are already
 * dropped by the API; `…__s` is Zoho's system-field suffix) and the record image/layout pointers.
 * With real metadata they never show either, as the metadata doesn't list them as visible fields.
 */
export function isSystemKey(key: string): boolean {
  return key === "id" || key.startsWith("$") || key.endsWith("__s") || key === "Record_Image" || key === "Layout";
}

export function isEmptyValue(v: FieldValue | undefined): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

/** `Lead_Source` → `Lead Source`; `Score__c` → `Score`. */
export function labelFromApiName(key: string): string {
  return key.replace(/__c$/, "").replace(/_+/g, " ").trim() || key;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_LIKE = /^https?:\/\/\S+$/i;

/** The display type a value's shape suggests, for a field without metadata. */
export function typeFromValue(v: FieldValue): FieldType {
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "double";
  if (Array.isArray(v)) return "multiselectpicklist";
  if (v && typeof v === "object") return "email" in v ? "ownerlookup" : "lookup";
  const s = String(v);
  if (DATE.test(s)) return "date";
  if (DATETIME.test(s)) return "datetime";
  if (EMAIL.test(s)) return "email";
  if (URL_LIKE.test(s)) return "website";
  if (s.includes("\n")) return "textarea";
  return "text";
}

const meta = (apiName: string, label: string, type: FieldType, lookupModule: string | null = null): FieldMeta => ({
  apiName,
  label,
  type,
  required: false,
  readOnly: true,
  maxLength: null,
  options: [],
  lookupModule,
  custom: false,
});

/**
 * The fields to show for `values` without real metadata: non-empty, non-system keys; standard
 * fields first in Bigin's order with Bigin's labels, then the others in the record's order.
 */
export function fallbackFields(values: Record<string, FieldValue>, standard: StandardFields = []): FieldMeta[] {
  const known = new Map(standard);
  const shown = (k: string) => !isSystemKey(k) && !isEmptyValue(values[k]);
  const out: FieldMeta[] = [];
  for (const [k, s] of standard) if (k in values && shown(k)) out.push(meta(k, s.label, s.type, s.lookupModule ?? null));
  for (const k of Object.keys(values)) {
    if (known.has(k) || !shown(k)) continue;
    out.push(meta(k, labelFromApiName(k), typeFromValue(values[k])));
  }
  return out;
}
