"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { NotesRegion } from "@/components/notes/notes-region";
import { ConfirmDelete } from "@/components/records/confirm-delete";
import { RecordFields } from "@/components/records/record-fields";
import { RecordForm } from "@/components/records/record-form";
import { toApiFields } from "@/components/records/form-values";
import { describeError, ErrorPanel } from "@/components/ui/error-panel";
import { ApiError, fetchJson } from "@/lib/queries/fetch-json";
import { queryKeys } from "@/lib/queries/keys";
import { formatDate, formatMoney } from "@/lib/format";
import { dealUpdateFieldsSchema } from "@/lib/validations/deal";
import type { Deal, FieldValue } from "@/lib/types";
import { DEAL_FORM_ORDER, boardHrefFor, dealFormFields, stagesForDeal } from "./deal-fields";
import { MoveToStageMenu } from "./move-to-stage-menu";
import { dropDealFromCaches, useDeal, useDealFields, usePipelines, writeDealToCaches } from "./queries";
import { DealSkeleton } from "./skeletons";

/** Shown above the field list: these say what the deal is at a glance. */
const HEADER_FIELDS = ["Deal_Name"];

export function DealPage({ id }: { id: string }) {
  const deal = useDeal(id);
  const fields = useDealFields();
  const pipelines = usePipelines();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState("");
  const qc = useQueryClient();
  const router = useRouter();

  const formFields = useMemo(
    () => (deal.data && fields.data ? dealFormFields(fields.data, deal.data, pipelines.data) : []),
    [deal.data, fields.data, pipelines.data],
  );

  const stageMove = useMutation({
    mutationFn: async (to: string) =>
      (
        await fetchJson<{ item: Deal }>(`/api/deals/${id}`, {
          method: "PATCH",
          json: { fields: { Stage: to }, ...(deal.data?.modifiedTime ? { modifiedTime: deal.data.modifiedTime } : {}) },
        })
      ).item,
    onMutate: async (to) => {
      await qc.cancelQueries({ queryKey: queryKeys.deals.detail(id) });
      const prev = qc.getQueryData<Deal>(queryKeys.deals.detail(id));
      if (prev) qc.setQueryData<Deal>(queryKeys.deals.detail(id), { ...prev, stage: to, fields: { ...prev.fields, Stage: to } });
      return { prev };
    },
    onSuccess: (item, to) => {
      writeDealToCaches(qc, item);
      setStatus(`Moved to ${to}.`);
    },
    onError: (err, to, ctx) => {
      if (ctx?.prev) qc.setQueryData(queryKeys.deals.detail(id), ctx.prev);
      const reason = err instanceof ApiError && err.status === 409 ? "it was changed in Bigin meanwhile; reload to see the latest" : describeError(err);
      toast.error(`Couldn't move to ${to}: ${reason}`);
      setStatus(`Couldn't move to ${to}.`);
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.deals.all, refetchType: "none" }),
  });

  if (deal.isPending || (fields.isPending && !fields.data)) return <DealSkeleton />;
  if (deal.isError) {
    if (deal.error instanceof ApiError && deal.error.status === 404) {
      return (
        <div className="space-y-3">
          <h1 className="text-xl font-semibold">Deal not found</h1>
          <p className="text-sm">It may have been deleted in Bigin.</p>
          <Link href="/pipelines" className="text-sm font-medium text-brand-700 underline dark:text-brand-100">
            Back to pipelines
          </Link>
        </div>
      );
    }
    return <ErrorPanel error={deal.error} onRetry={() => void deal.refetch()} title="Couldn't load this deal" />;
  }
  const d = deal.data;
  const stages = stagesForDeal(d, pipelines.data);

  async function save(_values: Record<string, FieldValue>, { changed }: { changed: Record<string, FieldValue> }) {
    if (Object.keys(changed).length === 0) {
      setEditing(false);
      return;
    }
    const res = await fetchJson<{ item: Deal }>(`/api/deals/${id}`, {
      method: "PATCH",
      json: { fields: toApiFields(changed), ...(d.modifiedTime ? { modifiedTime: d.modifiedTime } : {}) },
    });
    writeDealToCaches(qc, res.item);
    void qc.invalidateQueries({ queryKey: queryKeys.deals.all, refetchType: "none" });
    toast.success("Deal saved");
    setStatus("Deal saved.");
    setEditing(false);
  }

  async function remove() {
    await fetchJson(`/api/deals/${id}`, { method: "DELETE" });
    dropDealFromCaches(qc, id);
    toast.success(`Deleted ${d.name}`);
    router.push(boardHrefFor(d));
  }

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={boardHrefFor(d)} className="text-brand-700 hover:underline dark:text-brand-100">
          {d.pipeline?.name || "Pipelines"}
          {d.subPipeline ? ` · ${d.subPipeline}` : ""}
        </Link>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold">{d.name || "Untitled deal"}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
            <span className="rounded-full bg-brand-50 px-2 py-0.5 font-medium text-brand-700 dark:bg-slate-800 dark:text-brand-100">
              {d.stage ?? "No stage"}
            </span>
            <span className="font-semibold tabular-nums text-slate-900 dark:text-slate-100">{formatMoney(d.amount)}</span>
            {d.closingDate && <span>Closes {formatDate(d.closingDate)}</span>}
            {d.company && (
              <Link href={`/companies/${d.company.id}`} className="text-brand-700 hover:underline dark:text-brand-100">
                {d.company.name || "Company"}
              </Link>
            )}
            {d.contact && (
              <Link href={`/contacts/${d.contact.id}`} className="text-brand-700 hover:underline dark:text-brand-100">
                {d.contact.name || "Contact"}
              </Link>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {stages.length > 0 && !editing && (
            <MoveToStageMenu dealName={d.name} current={d.stage} stages={stages} onMove={(to) => stageMove.mutate(to)} disabled={stageMove.isPending} />
          )}
          {!editing && (
            <button
              type="button"
              onClick={() => setEditing(true)}
              disabled={!fields.data}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Edit
            </button>
          )}
          <ConfirmDelete
            title="Delete this deal?"
            description={`${d.name || "This deal"} will be deleted from Bigin, with its notes.`}
            onConfirm={remove}
          />
        </div>
      </header>
      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>
      <section aria-labelledby="deal-details" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="deal-details" className="mb-3 text-lg font-semibold">
          {editing ? "Edit deal" : "Details"}
        </h2>
        {fields.isError && !fields.data ? (
          <ErrorPanel error={fields.error} onRetry={() => void fields.refetch()} title="Couldn't load the deal's fields" />
        ) : editing ? (
          <RecordForm
            fields={formFields}
            initial={d.fields}
            schema={dealUpdateFieldsSchema}
            order={DEAL_FORM_ORDER}
            onSubmit={save}
            onCancel={() => setEditing(false)}
            draftKey={`deal:${id}`}
          />
        ) : (
          <RecordFields fields={fields.data ?? []} values={d.fields} skip={HEADER_FIELDS} />
        )}
      </section>
      <NotesRegion module="Pipelines" recordId={id} />
    </div>
  );
}
