import { queryKeys, toSearch } from "@/lib/queries/keys";
import { BOARD_PAGE_SIZE } from "./board-state";

/**
 * Keys and URLs shared by the server page (prefetch) and the client hooks, so both agree.
 * The board and the table share one infinite query per sub-pipeline: switching views costs no call.
 */
export type BoardKeyParams = { pipelineId: string; subPipeline: string };

export const boardKey = (p: BoardKeyParams) =>
  [...queryKeys.deals.all, "board", { pipelineId: p.pipelineId, subPipeline: p.subPipeline }] as const;

export function boardPageUrl(p: BoardKeyParams, page: number): string {
  return `/api/deals${toSearch({ pipelineId: p.pipelineId, subPipeline: p.subPipeline || undefined, page, perPage: BOARD_PAGE_SIZE })}`;
}
