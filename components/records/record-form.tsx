"use client";

import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useDraft } from "@/components/ui/use-draft";
import { useHydrated } from "@/components/ui/use-hydrated";
import { describeError } from "@/components/ui/error-panel";
import { ApiError } from "@/lib/queries/fetch-json";
import type { FieldMeta, FieldValue, Ref } from "@/lib/types";
import {
  changedValues,
  editableFields,
  fromFormState,
  orderForForm,
  toFormState,
  validateRecord,
  type FieldErrors,
  type FormState,
  type FormValue,
  type SchemaLike,
} from "./form-values";
import { LookupCombobox, inputClass } from "./lookup-combobox";

/**
 * RecordForm — a form built from Bigin field metadata, shared by contacts, companies and deals.
 *
 * Props (stable; other pages rely on them):
 * - `fields: FieldMeta[]` — from `GET /api/fields/{module}`; read-only and unsupported types are
 *   skipped. Labels are Bigin's field labels; inputs follow `type` (text, email, phone, website,
 *   textarea, integer/double/currency/percent, date, datetime, picklist, multiselectpicklist,
 *   boolean, lookup → LookupCombobox for Accounts/Contacts).
 * - `initial: Record<string, FieldValue>` — current values by API name (`{}` for a new record).
 * - `schema?` — a zod schema keyed by API name (e.g. from lib/validations) for inline validation,
 *   on top of what metadata says (required, max length, email, numbers).
 * - `onSubmit(values, { changed }) => Promise<unknown>` — `values` are every editable field,
 *   `changed` only those that differ from `initial`; lookups are `Ref`s (`toApiFields` turns them
 *   into the id strings our API takes). Throwing an `ApiError` with `fields` shows them inline.
 * - `serverErrors?: Record<string, string>` — errors keyed by API name, shown inline.
 * - `submitLabel?` (default "Save"), `onCancel?` (shows a "Cancel" button), `draftKey?` (keeps
 *   typed text in sessionStorage via useDraft until a successful submit), `order?: string[]`
 *   (API names to put first), `only?: string[]` (API names to show, in that order), `footer?`.
 * Nothing is sent while a field is invalid; the first invalid field gets focus.
 */
export type RecordFormProps = {
  fields: FieldMeta[];
  initial: Record<string, FieldValue>;
  schema?: SchemaLike;
  onSubmit: (values: Record<string, FieldValue>, ctx: { changed: Record<string, FieldValue> }) => Promise<unknown>;
  serverErrors?: Record<string, string>;
  submitLabel?: string;
  onCancel?: () => void;
  draftKey?: string;
  order?: string[];
  only?: string[];
  footer?: ReactNode;
};

export function RecordForm(props: RecordFormProps) {
  // Drafts live in sessionStorage, which the server cannot see: the form renders once hydrated.
  const isClient = useHydrated();
  if (!isClient) {
    return (
      <div role="status" aria-live="polite" className="space-y-3">
        <span className="sr-only">Loading form…</span>
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} aria-hidden="true" className="h-10 animate-pulse rounded-md bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    );
  }
  return <RecordFormInner {...props} />;
}

function RecordFormInner({
  fields,
  initial,
  schema,
  onSubmit,
  serverErrors,
  submitLabel = "Save",
  onCancel,
  draftKey,
  order,
  only,
  footer,
}: RecordFormProps) {
  const formId = useId();
  const shown = useMemo(() => {
    const editable = editableFields(fields);
    if (only) return only.map((n) => editable.find((f) => f.apiName === n)).filter((f): f is FieldMeta => !!f);
    return orderForForm(editable, order);
  }, [fields, only, order]);
  const initialState = useMemo(() => toFormState(shown, initial), [shown, initial]);
  const draft = useDraft<FormState>(draftKey ?? `record-form:${formId}`, initialState);
  const state: FormState = useMemo(() => ({ ...initialState, ...draft.value }), [initialState, draft.value]);
  const [restored] = useState(() => !!draftKey && draft.hasDraft && JSON.stringify(draft.value) !== JSON.stringify(initialState));
  const [showRestored, setShowRestored] = useState(restored);

  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [caught, setCaught] = useState<{ fields: FieldErrors; message: string | null }>({ fields: {}, message: null });
  const formRef = useRef<HTMLFormElement>(null);

  // An ephemeral draft (no draftKey) must not outlive the form.
  const { clear } = draft;
  useEffect(() => (draftKey ? undefined : clear), [draftKey, clear]);

  const values = useMemo(() => fromFormState(shown, state), [shown, state]);
  const clientErrors = useMemo(() => validateRecord(shown, values, schema), [shown, values, schema]);
  const visibleErrors: FieldErrors = {};
  for (const f of shown) {
    const local = submitted || touched[f.apiName] ? clientErrors[f.apiName] : undefined;
    const server = caught.fields[f.apiName] ?? serverErrors?.[f.apiName];
    if (local || server) visibleErrors[f.apiName] = local ?? server!;
  }
  const errorCount = Object.keys(visibleErrors).length;

  function setValue(apiName: string, v: FormValue) {
    draft.setValue((prev) => ({ ...initialState, ...prev, [apiName]: v }));
    if (caught.fields[apiName]) setCaught((c) => ({ ...c, fields: { ...c.fields, [apiName]: "" } }));
  }

  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    setSubmitted(true);
    const errs = Object.keys(clientErrors).filter((k) => shown.some((f) => f.apiName === k));
    if (errs.length > 0) {
      const first = formRef.current?.querySelector<HTMLElement>(`[data-field="${errs[0]}"]`);
      first?.focus();
      return;
    }
    setPending(true);
    setCaught({ fields: {}, message: null });
    try {
      await onSubmit(values, { changed: changedValues(shown, initial, values) });
      draft.clear();
    } catch (err) {
      const fieldErrs = err instanceof ApiError ? err.fields : {};
      const known = Object.fromEntries(Object.entries(fieldErrs).filter(([k]) => shown.some((f) => f.apiName === k)));
      setCaught({ fields: known, message: describeError(err) });
      const firstKey = Object.keys(known)[0];
      if (firstKey) formRef.current?.querySelector<HTMLElement>(`[data-field="${firstKey}"]`)?.focus();
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} aria-busy={pending} className="space-y-4">
      {showRestored && (
        <div role="status" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100">
          <span>Restored the changes you had not saved yet.</span>
          <button
            type="button"
            className="font-medium underline"
            onClick={() => {
              draft.clear();
              draft.setValue(initialState);
              setShowRestored(false);
            }}
          >
            Discard them
          </button>
        </div>
      )}
      <div role="alert" aria-live="assertive">
        {(caught.message || (submitted && errorCount > 0)) && (
          <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
            {caught.message && !(submitted && errorCount > 0 && Object.keys(caught.fields).length === 0) ? (
              <p>{caught.message}</p>
            ) : null}
            {errorCount > 0 && (
              <p>
                {errorCount === 1 ? "1 field needs attention" : `${errorCount} fields need attention`}:{" "}
                {shown
                  .filter((f) => visibleErrors[f.apiName])
                  .map((f) => f.label)
                  .join(", ")}
                .
              </p>
            )}
          </div>
        )}
      </div>
      <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
        {shown.map((f) => (
          <FieldInput
            key={f.apiName}
            field={f}
            formId={formId}
            value={state[f.apiName]}
            error={visibleErrors[f.apiName]}
            onChange={(v) => setValue(f.apiName, v)}
            onBlur={() => setTouched((t) => (t[f.apiName] ? t : { ...t, [f.apiName]: true }))}
          />
        ))}
      </div>
      {footer}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
        >
          {submitLabel}
        </button>
        {onCancel && (
          <button
            type="button"
            onClick={onCancel}
            disabled={pending}
            className="rounded-md border border-slate-300 px-4 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
        )}
        <span role="status" aria-live="polite" className="text-sm text-slate-500">
          {pending ? "Saving…" : ""}
        </span>
      </div>
    </form>
  );
}

function FieldInput({
  field: f,
  formId,
  value,
  error,
  onChange,
  onBlur,
}: {
  field: FieldMeta;
  formId: string;
  value: FormValue;
  error?: string;
  onChange: (v: FormValue) => void;
  onBlur: () => void;
}) {
  const id = `${formId}-${f.apiName}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hint = f.maxLength && ["text", "textarea", "email", "phone", "website"].includes(f.type) ? f.maxLength : null;
  const text = typeof value === "string" ? value : "";
  const common = {
    id,
    name: f.apiName,
    "data-field": f.apiName,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
    "aria-required": f.required || undefined,
    onBlur,
  } as const;
  const wide = f.type === "textarea" || f.type === "multiselectpicklist";
  const errorText = error ? (
    <p id={errorId} className="mt-1 text-xs font-medium text-red-700 dark:text-red-400">
      {error}
    </p>
  ) : null;
  const labelEl = (
    <label htmlFor={id} className="mb-1 block text-sm font-medium">
      {f.label}
      {f.required && (
        <span aria-hidden="true" className="ml-0.5 text-red-600">
          *
        </span>
      )}
    </label>
  );

  if (f.type === "boolean") {
    return (
      <div className="flex items-center gap-2 self-end py-1.5">
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
          className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
        />
        <label htmlFor={id} className="text-sm font-medium">
          {f.label}
        </label>
        {errorText}
      </div>
    );
  }

  if (f.type === "lookup") {
    const lookupModule = f.lookupModule === "Contacts" ? "Contacts" : f.lookupModule === "Accounts" ? "Accounts" : null;
    if (!lookupModule) return null; // a lookup into a module we cannot search (e.g. a custom one): leave it alone
    return (
      <div data-field-wrapper={f.apiName}>
        <LookupCombobox
          module={lookupModule}
          id={id}
          name={f.apiName}
          label={f.label}
          required={f.required}
          value={value && typeof value === "object" && !Array.isArray(value) ? (value as Ref) : null}
          onChange={(ref) => {
            onChange(ref);
            onBlur();
          }}
          invalid={!!error}
          describedBy={error ? errorId : undefined}
        />
        <p id={errorId} className="mt-0.5 min-h-4 text-xs font-medium leading-4 text-red-700 dark:text-red-400">
          {error ?? ""}
        </p>
      </div>
    );
  }

  if (f.type === "multiselectpicklist") {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="sm:col-span-2" aria-describedby={error ? errorId : undefined}>
        <legend className="mb-1 text-sm font-medium">{f.label}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {f.options.map((opt, i) => (
            <label key={opt} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                data-field={i === 0 ? f.apiName : undefined}
                checked={chosen.includes(opt)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, opt] : chosen.filter((c) => c !== opt))}
                onBlur={onBlur}
              />
              {opt}
            </label>
          ))}
        </div>
        {errorText}
      </fieldset>
    );
  }

  let control: ReactNode;
  if (f.type === "textarea") {
    control = <textarea {...common} rows={4} value={text} onChange={(e) => onChange(e.target.value)} className={inputClass(!!error)} />;
  } else if (f.type === "picklist") {
    const options = text && !f.options.includes(text) ? [text, ...f.options] : f.options;
    control = (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)} className={inputClass(!!error)}>
        <option value="">-None-</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else {
    const typeAttrs: Record<string, Record<string, string>> = {
      email: { type: "email", inputMode: "email", autoComplete: "off" },
      phone: { type: "tel", inputMode: "tel" },
      website: { type: "url", inputMode: "url" },
      integer: { type: "text", inputMode: "numeric" },
      double: { type: "text", inputMode: "decimal" },
      currency: { type: "text", inputMode: "decimal" },
      percent: { type: "text", inputMode: "decimal" },
      date: { type: "date" },
      datetime: { type: "datetime-local" },
    };
    control = (
      <input
        {...common}
        {...(typeAttrs[f.type] ?? { type: "text" })}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        className={inputClass(!!error)}
      />
    );
  }

  // One reserved line under every input for its error (or a length hint): an error appearing on
  // blur must not move the Save button from under a pointer that is already on its way there.
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      {labelEl}
      {control}
      <p id={error ? errorId : hintId} className={`mt-0.5 min-h-4 text-xs leading-4 ${error ? "font-medium text-red-700 dark:text-red-400" : "text-slate-500"}`}>
        {error ?? (hint && text.length > hint * 0.8 ? `${text.length}/${hint} characters` : "")}
      </p>
    </div>
  );
}
