import type { Deal, FieldMeta, TeamPipeline } from "@/lib/types";

/** Field-metadata tweaks for a deal's edit form, so the form offers only what Bigin accepts. */

/** The ordered stage names of the deal's own sub-pipeline (empty when the layout is unknown). */
export function stagesForDeal(deal: Deal, pipelines: TeamPipeline[] | undefined): string[] {
  const pipeline = pipelines?.find((p) => p.id === deal.pipeline?.id) ?? pipelines?.find((p) => p.subPipelines.some((s) => s.name === deal.subPipeline));
  const sub = pipeline?.subPipelines.find((s) => s.name === deal.subPipeline);
  return sub ? [...sub.stages].sort((a, b) => a.order - b.order).map((s) => s.name) : [];
}

/**
 * The deal's metadata for the edit form: Stage offers only the stages of the deal's
 * sub-pipeline (Bigin rejects others — bigin-api.md §6), and the Sub-pipeline itself is shown
 * read-only: changing it means choosing a new stage too, which the form can't express per field.
 */
export function dealFormFields(fields: FieldMeta[], deal: Deal, pipelines: TeamPipeline[] | undefined): FieldMeta[] {
  const stages = stagesForDeal(deal, pipelines);
  return fields.map((f) => {
    if (f.apiName === "Stage" && stages.length > 0) return { ...f, options: stages };
    if (f.apiName === "Sub_Pipeline" || f.apiName === "Pipeline" || f.apiName === "Layout") return { ...f, readOnly: true };
    return f;
  });
}

/** Fields first in the form, in Bigin's own order of importance. */
export const DEAL_FORM_ORDER = ["Deal_Name", "Stage", "Amount", "Closing_Date", "Account_Name", "Contact_Name", "Description"];

/** `/pipelines` URL that shows the deal's board. */
export function boardHrefFor(deal: Deal): string {
  const sp = new URLSearchParams();
  if (deal.pipeline?.id) sp.set("pipeline", deal.pipeline.id);
  if (deal.subPipeline) sp.set("sub", deal.subPipeline);
  const s = sp.toString();
  return s ? `/pipelines?${s}` : "/pipelines";
}
