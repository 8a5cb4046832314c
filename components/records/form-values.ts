import type { FieldMeta, FieldValue, Ref } from "@/lib/types";

/**
 * Pure logic behind RecordForm: which fields are editable, how a Bigin value becomes an input
 * value and back, metadata-driven validation (required, lengths, email, numbers) and the diff
 * that a PATCH sends. No React here, so it is unit-tested in node.
 */

/** What an input holds while the user types: text for text-like inputs, a Ref for lookups. */
export type FormValue = string | boolean | Ref | null | string[];
export type FormState = Record<string, FormValue>;
export type FieldErrors = Record<string, string>;

const NOT_EDITABLE: ReadonlySet<FieldMeta["type"]> = new Set(["ownerlookup", "other"]);

/** Fields a form can edit: not read-only, and of a type we have an input for. */
export function editableFields(fields: FieldMeta[]): FieldMeta[] {
  return fields.filter((f) => !f.readOnly && !NOT_EDITABLE.has(f.type) && f.apiName !== "id");
}

function isRef(v: unknown): v is Ref {
  return !!v && typeof v === "object" && !Array.isArray(v) && "id" in v;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Bigin date-time with offset → the value of an `<input type="datetime-local">` in the viewer's zone. */
export function toLocalDateTimeInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `<input type="datetime-local">` value → ISO 8601 with the viewer's offset, as Bigin expects (no millis). */
export function fromLocalDateTimeInput(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(d.getTime())) return null;
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  const abs = Math.abs(off);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(Number(m[6] ?? 0))}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** One stored value → what its input shows. */
export function toFormValue(field: FieldMeta, value: FieldValue | undefined): FormValue {
  switch (field.type) {
    case "boolean":
      return value === true;
    case "lookup":
      return isRef(value) ? { id: value.id, name: value.name ?? "" } : null;
    case "multiselectpicklist":
      return Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : v.name)) : [];
    case "datetime":
      return typeof value === "string" ? toLocalDateTimeInput(value) : "";
    case "date":
      return typeof value === "string" ? value.slice(0, 10) : "";
    default:
      if (value === null || value === undefined) return "";
      if (typeof value === "number") return String(value);
      if (typeof value === "string") return value;
      if (isRef(value)) return value.name ?? "";
      return "";
  }
}

export function toFormState(fields: FieldMeta[], values: Record<string, FieldValue>): FormState {
  const state: FormState = {};
  for (const f of fields) state[f.apiName] = toFormValue(f, values[f.apiName]);
  return state;
}

/** One input value → the value sent to our API (empty text becomes null). */
export function fromFormValue(field: FieldMeta, value: FormValue | undefined): FieldValue {
  switch (field.type) {
    case "boolean":
      return value === true;
    case "lookup":
      return isRef(value) ? value : null;
    case "multiselectpicklist":
      return Array.isArray(value) ? value : [];
    case "integer":
    case "double":
    case "currency":
    case "percent": {
      const s = typeof value === "string" ? value.trim() : "";
      if (s === "") return null;
      const n = Number(s);
      return Number.isFinite(n) ? n : s; // a non-number stays text so validation can name it
    }
    case "datetime":
      return typeof value === "string" && value ? (fromLocalDateTimeInput(value) ?? value) : null;
    default: {
      if (typeof value !== "string") return null;
      const s = field.type === "textarea" ? value : value.trim();
      return s === "" ? null : s;
    }
  }
}

export function fromFormState(fields: FieldMeta[], state: FormState): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of fields) out[f.apiName] = fromFormValue(f, state[f.apiName]);
  return out;
}

// Deliberately simple: one "@", something on each side, a dot in the domain. Bigin does its own check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+()\d\s.\-/x#*]{3,}$/i;

/** Validation every form gets from metadata alone: required, length, email, phone, numbers, URL. */
export function validateByMeta(fields: FieldMeta[], values: Record<string, FieldValue>): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of fields) {
    const v = values[f.apiName];
    const empty = v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (f.required && f.type !== "boolean") errors[f.apiName] = `${f.label} is required.`;
      continue;
    }
    if (typeof v === "string") {
      if (f.maxLength && v.length > f.maxLength) {
        errors[f.apiName] = `${f.label} can be at most ${f.maxLength} characters (now ${v.length}).`;
      } else if (f.type === "email" && !EMAIL.test(v)) {
        errors[f.apiName] = `Enter an email address like name@example.com.`;
      } else if (f.type === "phone" && !PHONE.test(v)) {
        errors[f.apiName] = `Enter a phone number using digits, spaces, + ( ) and -.`;
      } else if (f.type === "website" && /\s/.test(v)) {
        errors[f.apiName] = `Enter a web address without spaces.`;
      } else if (["integer", "double", "currency", "percent"].includes(f.type)) {
        errors[f.apiName] = `${f.label} must be a number.`;
      }
    } else if (typeof v === "number" && f.type === "integer" && !Number.isInteger(v)) {
      errors[f.apiName] = `${f.label} must be a whole number.`;
    }
  }
  return errors;
}

/** A zod-like schema: anything with safeParse returning issues with paths. */
export type SchemaLike = {
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

/** Errors from a zod schema, keyed by the first path segment (the Bigin API name). First message wins. */
export function validateBySchema(schema: SchemaLike | undefined, values: Record<string, unknown>): FieldErrors {
  if (!schema) return {};
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/** Metadata errors first (they name the field), then schema errors for fields not yet flagged. */
export function validateRecord(
  fields: FieldMeta[],
  values: Record<string, FieldValue>,
  schema?: SchemaLike,
): FieldErrors {
  const meta = validateByMeta(fields, values);
  // Schemas (lib/validations) take the API's write shape: lookups as id strings.
  const bySchema = validateBySchema(schema, toApiFields(values));
  return { ...bySchema, ...meta };
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const na = a === undefined || a === "" ? null : a;
  const nb = b === undefined || b === "" ? null : b;
  if (na === nb) return true;
  if (isRef(na) && isRef(nb)) return na.id === nb.id;
  if (Array.isArray(na) && Array.isArray(nb)) {
    return na.length === nb.length && na.every((x, i) => JSON.stringify(x) === JSON.stringify(nb[i]));
  }
  if (typeof na === "number" || typeof nb === "number") return Number(na) === Number(nb) && na !== null && nb !== null;
  return false;
}

/** Only what changed versus `initial`, so an update sends (and Bigin validates) the edited fields alone. */
export function changedValues(
  fields: FieldMeta[],
  initial: Record<string, FieldValue>,
  values: Record<string, FieldValue>,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of fields) {
    const before = fromFormValue(f, toFormValue(f, initial[f.apiName]));
    if (!sameValue(before, values[f.apiName])) out[f.apiName] = values[f.apiName];
  }
  return out;
}

/** Lookups go to our API as the id string (lib/validations `optionalLookup`); everything else as is. */
export function toApiFields(values: Record<string, FieldValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = isRef(v) ? v.id : v;
  return out;
}

/** Order for forms: required first (Bigin's own habit: Last Name near the top), then as given. */
export function orderForForm(fields: FieldMeta[], preferred: string[] = []): FieldMeta[] {
  const rank = (f: FieldMeta) => {
    const i = preferred.indexOf(f.apiName);
    return i === -1 ? preferred.length : i;
  };
  return fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}
