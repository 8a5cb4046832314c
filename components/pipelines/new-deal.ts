import { dealFieldsSchema } from "@/lib/validations/deal";
import type { Ref, TeamPipeline } from "@/lib/types";

/** What the New deal form holds while the user types (kept as a draft in sessionStorage). */
export type NewDealDraft = {
  name: string;
  subPipeline: string;
  stage: string;
  amount: string;
  closingDate: string;
  company: Ref | null;
  contact: Ref | null;
};

export function emptyNewDeal(pipeline: TeamPipeline, subPipeline: string): NewDealDraft {
  const sub = pipeline.subPipelines.find((s) => s.name === subPipeline) ?? pipeline.subPipelines[0];
  const first = sub ? [...sub.stages].sort((a, b) => a.order - b.order)[0] : undefined;
  return { name: "", subPipeline: sub?.name ?? "", stage: first?.name ?? "", amount: "", closingDate: "", company: null, contact: null };
}

/** The stages offered for a sub-pipeline, in order: the Stage list follows the Sub-pipeline. */
export function stagesOf(pipeline: TeamPipeline, subPipeline: string): string[] {
  const sub = pipeline.subPipelines.find((s) => s.name === subPipeline);
  return sub ? [...sub.stages].sort((a, b) => a.order - b.order).map((s) => s.name) : [];
}

/** A sub-pipeline change keeps the stage when the new sub-pipeline has it, else takes its first. */
export function withSubPipeline(pipeline: TeamPipeline, draft: NewDealDraft, subPipeline: string): NewDealDraft {
  const stages = stagesOf(pipeline, subPipeline);
  return { ...draft, subPipeline, stage: stages.includes(draft.stage) ? draft.stage : (stages[0] ?? "") };
}

/** Draft field → the Bigin API name its errors are reported under. */
export const NEW_DEAL_API_NAMES: Record<keyof NewDealDraft, string> = {
  name: "Deal_Name",
  subPipeline: "Sub_Pipeline",
  stage: "Stage",
  amount: "Amount",
  closingDate: "Closing_Date",
  company: "Account_Name",
  contact: "Contact_Name",
};

/**
 * The `POST /api/deals` body for a draft, or errors by Bigin API name. Validation is the shared
 * schema from lib/validations/deal.ts (the handler runs the same one), plus: the stage must be
 * one of the chosen sub-pipeline's.
 */
export function buildNewDeal(
  pipeline: TeamPipeline,
  d: NewDealDraft,
): { ok: true; fields: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const fields: Record<string, unknown> = {
    Deal_Name: d.name.trim(),
    Pipeline: pipeline.id,
    Sub_Pipeline: d.subPipeline,
    Stage: d.stage,
  };
  if (d.amount.trim()) fields.Amount = d.amount.trim().replace(/[,\s]/g, "");
  if (d.closingDate) fields.Closing_Date = d.closingDate;
  if (d.company) fields.Account_Name = d.company.id;
  if (d.contact) fields.Contact_Name = d.contact.id;
  const errors: Record<string, string> = {};
  const parsed = dealFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (key && !errors[key]) errors[key] = issue.message;
    }
  }
  if (!fields.Deal_Name) errors.Deal_Name ??= "Deal name is required";
  if (!d.subPipeline) errors.Sub_Pipeline = "Choose a sub-pipeline";
  if (!d.stage) errors.Stage = "Choose a stage";
  else if (d.subPipeline && !stagesOf(pipeline, d.subPipeline).includes(d.stage)) {
    errors.Stage = `Choose a stage of ${d.subPipeline}`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fields: parsed.success ? (parsed.data as Record<string, unknown>) : fields };
}
