import type { Stage, SubPipeline, TeamPipeline } from "@/lib/types";

/**
 * The URL is the single source of the Pipelines screen's state (STYLE.md):
 * `?pipeline=<layout id>&sub=<sub-pipeline>&view=board|table&stage=<mobile stage>&sort=&order=&page=`.
 * Pure functions, shared by the server page (prefetch) and the client view.
 */

export type PipelinesView = "board" | "table";

/**
 * Columns the table can sort by. Bigin can't sort a sub-pipeline's deals server-side: they come
 * from `/Pipelines/search` (criteria on Sub_Pipeline), which takes no `sort_by` (bigin-api.md
 * §5.7, §6). So the table sorts the deals loaded for the board, and says so.
 */
export const TABLE_SORTS = ["Modified_Time", "Created_Time", "Deal_Name", "Stage", "Amount", "Closing_Date"] as const;
export type TableSort = (typeof TABLE_SORTS)[number];

export const TABLE_PAGE_SIZE = 50;
/** The board reads a sub-pipeline in pages of Bigin's maximum (200): fewest calls, fewest credits. */
export const BOARD_PAGE_SIZE = 200;

export type PipelinesParams = {
  pipeline: string | null;
  sub: string | null;
  view: PipelinesView;
  stage: string | null;
  sort: TableSort;
  order: "asc" | "desc";
  page: number;
};

type RawSearch = Record<string, string | string[] | undefined> | URLSearchParams;

function one(sp: RawSearch, key: string): string | null {
  if (sp instanceof URLSearchParams) return sp.get(key);
  const v = sp[key];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

export function parsePipelinesParams(sp: RawSearch): PipelinesParams {
  const pipeline = one(sp, "pipeline");
  const sub = one(sp, "sub");
  const stage = one(sp, "stage");
  const sortRaw = one(sp, "sort");
  const sort = (TABLE_SORTS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as TableSort) : "Modified_Time";
  const orderRaw = one(sp, "order");
  const order = orderRaw === "asc" || orderRaw === "desc" ? orderRaw : sort === "Modified_Time" || sort === "Created_Time" || sort === "Amount" ? "desc" : "asc";
  const pageNum = Number(one(sp, "page"));
  return {
    pipeline: pipeline && /^\d{1,19}$/.test(pipeline) ? pipeline : null,
    sub: sub || null,
    view: one(sp, "view") === "table" ? "table" : "board",
    stage: stage || null,
    sort,
    order,
    page: Number.isInteger(pageNum) && pageNum >= 1 && pageNum <= 10_000 ? pageNum : 1,
  };
}

export type Selection = {
  pipeline: TeamPipeline;
  subPipeline: SubPipeline;
  stages: Stage[];
};

/** The team pipeline and sub-pipeline the URL asks for, falling back to the first of each. */
export function resolveSelection(params: Pick<PipelinesParams, "pipeline" | "sub">, pipelines: TeamPipeline[]): Selection | null {
  const pipeline = pipelines.find((p) => p.id === params.pipeline) ?? pipelines[0];
  if (!pipeline) return null;
  const subPipeline = pipeline.subPipelines.find((s) => s.name === params.sub) ?? pipeline.subPipelines[0];
  if (!subPipeline) return { pipeline, subPipeline: { name: "", stages: [] }, stages: [] };
  const stages = [...subPipeline.stages].sort((a, b) => a.order - b.order);
  return { pipeline, subPipeline, stages };
}

/**
 * The query string for a new state: `patch` over `current`, defaults dropped so URLs stay short.
 * Changing the pipeline or sub-pipeline resets what depends on it (stage, page).
 */
export function pipelinesHref(current: PipelinesParams, patch: Partial<PipelinesParams>): string {
  const next = { ...current, ...patch };
  if ("pipeline" in patch && patch.pipeline !== current.pipeline) {
    if (!("sub" in patch)) next.sub = null;
    next.stage = null;
    next.page = 1;
  }
  if ("sub" in patch && patch.sub !== current.sub) {
    next.stage = null;
    next.page = 1;
  }
  if (("sort" in patch || "order" in patch) && !("page" in patch)) next.page = 1;
  const sp = new URLSearchParams();
  if (next.pipeline) sp.set("pipeline", next.pipeline);
  if (next.sub) sp.set("sub", next.sub);
  if (next.view !== "board") sp.set("view", next.view);
  if (next.stage && next.view === "board") sp.set("stage", next.stage);
  if (next.view === "table") {
    if (next.sort !== "Modified_Time") sp.set("sort", next.sort);
    const defaultOrder = parsePipelinesParams({ sort: next.sort }).order;
    if (next.order !== defaultOrder) sp.set("order", next.order);
    if (next.page > 1) sp.set("page", String(next.page));
  }
  const s = sp.toString();
  return s ? `/pipelines?${s}` : "/pipelines";
}
