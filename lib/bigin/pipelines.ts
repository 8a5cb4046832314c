import { z } from "zod";
import type { Stage, SubPipeline, TeamPipeline } from "@/lib/types";
import { biginFetch, type BiginConn } from "./client";
import { cached, METADATA_TTL_MS, orgKey, peek } from "./cache";
import { zId } from "./reshape";

/**
 * Team Pipelines are layouts of the Pipelines module (bigin-api.md §6,
 * https://www.bigin.com/developer/docs/apis/v2/get-team-pipeline-records.html). Sub-pipelines are
 * the `Sub_Pipeline` picklist; each value `maps` to its ordered `Stage` values (CRM layouts
 * convention, https://www.zoho.com/crm/developer/docs/api/v8/layouts-meta.html — unverified for Bigin,
 * so a layout without maps gives every sub-pipeline all stages).
 */

const zStageValue = z.looseObject({
  display_value: z.string().nullable().optional(),
  actual_value: z.string().nullable().optional(),
  sequence_number: z.number().nullable().optional(),
  probability: z.union([z.number(), z.string()]).nullable().optional(),
  forecast_type: z.string().nullable().optional(),
  forecast_category: z.looseObject({ name: z.string().optional() }).nullable().optional(),
});
type PickValue = z.infer<typeof zStageValue>;

const zPickValue = z.looseObject({
  display_value: z.string().nullable().optional(),
  actual_value: z.string().nullable().optional(),
  sequence_number: z.number().nullable().optional(),
  probability: z.union([z.number(), z.string()]).nullable().optional(),
  forecast_type: z.string().nullable().optional(),
  forecast_category: z.looseObject({ name: z.string().optional() }).nullable().optional(),
  maps: z
    .array(z.looseObject({ api_name: z.string().optional(), pick_list_values: z.array(zStageValue).nullable().optional() }))
    .nullable()
    .optional(),
});

const zLayoutField = z.looseObject({
  api_name: z.string(),
  pick_list_values: z.array(zPickValue).nullable().optional(),
});

const zLayout = z.looseObject({
  id: zId,
  name: z.string().nullable().optional(),
  display_label: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  visible: z.boolean().nullable().optional(),
  sections: z.array(z.looseObject({ fields: z.array(zLayoutField).nullable().optional() })).nullable().optional(),
});

const zLayouts = z.looseObject({ layouts: z.array(zLayout).default([]) }).nullable();

const valueOf = (p: PickValue) => p.actual_value ?? p.display_value ?? "";

/** won/lost/open from forecast_type when Bigin sends it, else from the stage name. */
export function stageKind(name: string, forecastType?: string | null): Stage["kind"] {
  const f = (forecastType ?? "").toLowerCase();
  if (f.includes("won")) return "won";
  if (f.includes("lost")) return "lost";
  if (f) return "open";
  const n = name.toLowerCase();
  if (/\bwon\b/.test(n)) return "won";
  if (/\blost\b/.test(n)) return "lost";
  return "open";
}

function toStages(values: PickValue[], byName: Map<string, PickValue>): Stage[] {
  const withSeq = values.map((v, i) => ({ v, i, seq: v.sequence_number ?? byName.get(valueOf(v))?.sequence_number ?? null }));
  // Order = sequence_number when every value has one, else the order Bigin listed them in.
  if (withSeq.every((s) => s.seq !== null)) withSeq.sort((a, b) => a.seq! - b.seq! || a.i - b.i);
  return withSeq
    .map(({ v }) => {
      const name = valueOf(v);
      const full = byName.get(name) ?? v;
      const prob = full.probability ?? v.probability;
      const probability = prob === null || prob === undefined || prob === "" ? null : Number(prob);
      return {
        name,
        probability: Number.isFinite(probability) ? probability : null,
        kind: stageKind(name, full.forecast_type ?? full.forecast_category?.name ?? v.forecast_type),
      };
    })
    .filter((s) => s.name && s.name !== "-None-")
    .map((s, order) => ({ ...s, order }));
}

export function reshapeLayout(raw: z.infer<typeof zLayout>): TeamPipeline {
  const name = raw.display_label ?? raw.name ?? "Pipeline";
  const fields = (raw.sections ?? []).flatMap((s) => s.fields ?? []);
  const stageField = fields.find((f) => f.api_name === "Stage");
  const subField = fields.find((f) => f.api_name === "Sub_Pipeline");
  const stageValues = stageField?.pick_list_values ?? [];
  const byName = new Map(stageValues.map((v) => [valueOf(v), v]));
  const subValues = (subField?.pick_list_values ?? []).filter((v) => valueOf(v) && valueOf(v) !== "-None-");
  const subPipelines: SubPipeline[] = subValues.map((sv) => {
    const map = sv.maps?.find((m) => m.api_name === "Stage");
    return { name: valueOf(sv), stages: toStages(map?.pick_list_values ?? stageValues, byName) };
  });
  if (subPipelines.length === 0 && stageValues.length > 0) {
    // No sub-pipeline picklist: Bigin's default sub-pipeline is "<Team Pipeline> Standard".
    subPipelines.push({ name: `${name} Standard`, stages: toStages(stageValues, byName) });
  }
  return { id: raw.id, name, subPipelines };
}

export function reshapeLayouts(body: unknown): TeamPipeline[] {
  const parsed = zLayouts.parse(body ?? null);
  return (parsed?.layouts ?? [])
    .filter((l) => l.visible !== false && (l.status ?? "active") !== "inactive")
    .map(reshapeLayout);
}

const layoutsKey = (conn: BiginConn) => `${orgKey(conn)}|layouts|Pipelines`;

/** The org's Team Pipelines with sub-pipelines and ordered stages (cached per org, 5 min). */
export function listTeamPipelines(conn: BiginConn): Promise<TeamPipeline[]> {
  return cached(layoutsKey(conn), METADATA_TTL_MS, async () =>
    reshapeLayouts(await biginFetch(conn, { method: "GET", path: "/settings/layouts", query: { module: "Pipelines" } })),
  );
}

/** The Team Pipelines only if they are already cached for this org (no Bigin call), else undefined. */
export async function peekTeamPipelines(conn: BiginConn): Promise<TeamPipeline[] | undefined> {
  return peek<TeamPipeline[]>(layoutsKey(conn))?.catch(() => undefined);
}
