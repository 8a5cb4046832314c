"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { LookupCombobox } from "@/components/records/lookup-combobox";
import { describeError } from "@/components/ui/error-panel";
import { useDraft } from "@/components/ui/use-draft";
import { ApiError, fetchJson } from "@/lib/queries/fetch-json";
import { queryKeys } from "@/lib/queries/keys";
import type { Deal, TeamPipeline } from "@/lib/types";
import { buildNewDeal, emptyNewDeal, stagesOf, withSubPipeline, type NewDealDraft } from "./new-deal";
import { boardKey } from "./query-keys";

const inputClass = (invalid: boolean) =>
  `block w-full rounded-md border bg-white px-2.5 py-1.5 text-sm shadow-sm dark:bg-slate-900 ${
    invalid ? "border-red-500" : "border-slate-300 dark:border-slate-700"
  }`;

/**
 * "New deal": a dialog with Deal name, Sub-pipeline and Stage required; the stage list follows the
 * sub-pipeline. `defaultOpen`: mounted by the click that asked for it (the screen loads this code
 * on demand), so it opens at once.
 */
export function NewDealButton({ pipeline, subPipeline, defaultOpen = false }: { pipeline: TeamPipeline; subPipeline: string; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button
          type="button"
          className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
        >
          New deal
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-4 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-1.5rem)] max-w-lg -translate-x-1/2 overflow-y-auto rounded-xl bg-white p-5 shadow-xl sm:top-16 dark:bg-slate-900">
          <Dialog.Title className="text-lg font-semibold">New deal in {pipeline.name}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Fields marked * are required.
          </Dialog.Description>
          {open && <NewDealForm pipeline={pipeline} subPipeline={subPipeline} onDone={() => setOpen(false)} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function NewDealForm({ pipeline, subPipeline, onDone }: { pipeline: TeamPipeline; subPipeline: string; onDone: () => void }) {
  const router = useRouter();
  const qc = useQueryClient();
  const id = useId();
  const draft = useDraft<NewDealDraft>(`new-deal:${pipeline.id}`, emptyNewDeal(pipeline, subPipeline));
  const d = draft.value;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const stages = stagesOf(pipeline, d.subPipeline);

  function set<K extends keyof NewDealDraft>(key: K, value: NewDealDraft[K], apiName: string) {
    draft.setValue((prev) => ({ ...prev, [key]: value }));
    if (errors[apiName]) setErrors((e) => ({ ...e, [apiName]: "" }));
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const form = e.currentTarget;
    const built = buildNewDeal(pipeline, d);
    if (!built.ok) {
      setErrors(built.errors);
      setFormError(null);
      form.querySelector<HTMLElement>(`[data-field="${Object.keys(built.errors)[0]}"]`)?.focus();
      return;
    }
    setPending(true);
    setFormError(null);
    try {
      const res = await fetchJson<{ item: Deal }>("/api/deals", { method: "POST", json: { fields: built.fields } });
      draft.clear();
      qc.setQueryData(queryKeys.deals.detail(res.item.id), res.item);
      void qc.invalidateQueries({ queryKey: boardKey({ pipelineId: pipeline.id, subPipeline: d.subPipeline }) });
      toast.success(`Created ${res.item.name || d.name}`);
      onDone();
      router.push(`/pipelines/deals/${res.item.id}`);
    } catch (err) {
      // Bigin's own checks (e.g. a duplicate name, a stage it rejects) come back per field.
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) setErrors(err.fields);
      setFormError(describeError(err));
    } finally {
      setPending(false);
    }
  }

  const field = (apiName: string) => ({
    id: `${id}-${apiName}`,
    "data-field": apiName,
    "aria-invalid": errors[apiName] ? true : undefined,
    "aria-describedby": errors[apiName] ? `${id}-${apiName}-error` : undefined,
  });
  const err = (apiName: string) =>
    errors[apiName] ? (
      <p id={`${id}-${apiName}-error`} className="mt-1 text-xs font-medium text-red-700 dark:text-red-400">
        {errors[apiName]}
      </p>
    ) : null;
  const label = (apiName: string, text: string, required = false) => (
    <label htmlFor={`${id}-${apiName}`} className="mb-1 block text-sm font-medium">
      {text}
      {required && (
        <span aria-hidden="true" className="ml-0.5 text-red-600">
          *
        </span>
      )}
    </label>
  );

  return (
    <form noValidate onSubmit={submit} aria-busy={pending} className="mt-4 space-y-3">
      <div role="alert" aria-live="assertive">
        {formError && (
          <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
            {formError}
          </p>
        )}
      </div>
      <div>
        {label("Deal_Name", "Deal Name", true)}
        <input
          {...field("Deal_Name")}
          aria-required
          autoFocus
          maxLength={120}
          value={d.name}
          onChange={(e) => set("name", e.target.value, "Deal_Name")}
          className={inputClass(!!errors.Deal_Name)}
        />
        {err("Deal_Name")}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          {label("Sub_Pipeline", "Sub-Pipeline", true)}
          <select
            {...field("Sub_Pipeline")}
            aria-required
            value={d.subPipeline}
            onChange={(e) => {
              draft.setValue((prev) => withSubPipeline(pipeline, prev, e.target.value));
              setErrors((x) => ({ ...x, Sub_Pipeline: "", Stage: "" }));
            }}
            className={inputClass(!!errors.Sub_Pipeline)}
          >
            {pipeline.subPipelines.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
          {err("Sub_Pipeline")}
        </div>
        <div>
          {label("Stage", "Stage", true)}
          <select
            {...field("Stage")}
            aria-required
            value={d.stage}
            onChange={(e) => set("stage", e.target.value, "Stage")}
            className={inputClass(!!errors.Stage)}
          >
            {stages.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          {err("Stage")}
        </div>
        <div>
          {label("Amount", "Amount")}
          <input
            {...field("Amount")}
            inputMode="decimal"
            value={d.amount}
            onChange={(e) => set("amount", e.target.value, "Amount")}
            className={inputClass(!!errors.Amount)}
          />
          {err("Amount")}
        </div>
        <div>
          {label("Closing_Date", "Closing Date")}
          <input
            {...field("Closing_Date")}
            type="date"
            value={d.closingDate}
            onChange={(e) => set("closingDate", e.target.value, "Closing_Date")}
            className={inputClass(!!errors.Closing_Date)}
          />
          {err("Closing_Date")}
        </div>
      </div>
      <div data-field-wrapper="Account_Name">
        <LookupCombobox
          module="Accounts"
          label="Company Name"
          id={`${id}-Account_Name`}
          value={d.company}
          onChange={(v) => set("company", v, "Account_Name")}
          invalid={!!errors.Account_Name}
          describedBy={errors.Account_Name ? `${id}-Account_Name-error` : undefined}
        />
        {err("Account_Name")}
      </div>
      <div data-field-wrapper="Contact_Name">
        <LookupCombobox
          module="Contacts"
          label="Contact Name"
          id={`${id}-Contact_Name`}
          value={d.contact}
          onChange={(v) => set("contact", v, "Contact_Name")}
          invalid={!!errors.Contact_Name}
          describedBy={errors.Contact_Name ? `${id}-Contact_Name-error` : undefined}
        />
        {err("Contact_Name")}
      </div>
      <div className="flex items-center gap-2 pt-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          Save
        </button>
        <Dialog.Close asChild>
          <button
            type="button"
            disabled={pending}
            className="rounded-md border border-slate-300 px-4 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
        </Dialog.Close>
        <span role="status" aria-live="polite" className="text-sm text-slate-500">
          {pending ? "Creating deal…" : ""}
        </span>
      </div>
    </form>
  );
}
