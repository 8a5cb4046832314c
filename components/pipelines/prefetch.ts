import { QueryClient } from "@tanstack/react-query";
import { newServerQueryClient, serverConnection, shouldPrefetch } from "@/components/records/server-prefetch";
import { listDeals, getDeal } from "@/lib/bigin/deals";
import { getFields } from "@/lib/bigin/fields";
import { listTeamPipelines } from "@/lib/bigin/pipelines";
import { queryKeys } from "@/lib/queries/keys";
import type { TeamPipeline } from "@/lib/types";
import { BOARD_PAGE_SIZE, resolveSelection, type PipelinesParams } from "./board-state";
import { boardPage, nextBoardPage } from "./board-logic";
import { boardKey } from "./query-keys";

/**
 * Server prefetch for first paint: the same data, under the same keys, as the client hooks
 * fetch through our API. A failure here is not fatal — the client then fetches through the
 * route handlers, which can refresh the token and show a proper error with "Try again".
 * Client-side navigations skip it (see shouldPrefetch): the browser's cache already has the data.
 */
export async function prefetchPipelines(params: Pick<PipelinesParams, "pipeline" | "sub">): Promise<QueryClient> {
  const qc = newServerQueryClient();
  const conn = (await shouldPrefetch()) ? await serverConnection() : null;
  if (!conn) return qc;
  let pipelines: TeamPipeline[];
  try {
    pipelines = await qc.fetchQuery({ queryKey: queryKeys.pipelines, queryFn: () => listTeamPipelines(conn) });
  } catch {
    return qc;
  }
  const sel = resolveSelection(params, pipelines);
  if (!sel) return qc;
  const p = { pipelineId: sel.pipeline.id, subPipeline: sel.subPipeline.name };
  await qc.prefetchInfiniteQuery({
    queryKey: boardKey(p),
    // Kept as the client keeps it (summaries): this page is dehydrated into the HTML.
    queryFn: async () => boardPage(await listDeals(conn, { pipelineId: p.pipelineId, subPipeline: p.subPipeline || undefined, page: 1, perPage: BOARD_PAGE_SIZE })),
    initialPageParam: 1,
    getNextPageParam: nextBoardPage,
  });
  return qc;
}

export async function prefetchDeal(id: string, withPipelines = true): Promise<QueryClient> {
  const qc = newServerQueryClient();
  const conn = (await shouldPrefetch()) ? await serverConnection() : null;
  if (!conn) return qc;
  await Promise.all([
    qc.prefetchQuery({ queryKey: queryKeys.deals.detail(id), queryFn: () => getDeal(conn, id) }),
    qc.prefetchQuery({ queryKey: queryKeys.fields("Pipelines"), queryFn: () => getFields(conn, "Pipelines") }),
    withPipelines ? qc.prefetchQuery({ queryKey: queryKeys.pipelines, queryFn: () => listTeamPipelines(conn) }) : null,
  ]);
  return qc;
}
