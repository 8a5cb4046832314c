"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { fetchJson, ApiError } from "@/lib/queries/fetch-json";
import { queryKeys } from "@/lib/queries/keys";
import { describeError } from "@/components/ui/error-panel";
import type { Deal, FieldMeta, ListResponse, TeamPipeline } from "@/lib/types";
import {
  boardPage, findDeal, moveDealInBoard, nextBoardPage, removeDealFromBoard, toDealSummary, updateDealInBoard,
  type BoardData, type DealSummary,
} from "./board-logic";
import { boardKey, boardPageUrl, type BoardKeyParams } from "./query-keys";

export async function fetchPipelines(): Promise<TeamPipeline[]> {
  const res = await fetchJson<{ items: TeamPipeline[] }>("/api/pipelines");
  return res?.items ?? [];
}

export function usePipelines() {
  // Layouts change rarely (and only in Bigin's own settings): keep them for 10 minutes.
  return useQuery({ queryKey: queryKeys.pipelines, queryFn: fetchPipelines, staleTime: 10 * 60_000 });
}

async function fetchBoardPage(p: BoardKeyParams, page: number, signal: AbortSignal): Promise<ListResponse<DealSummary>> {
  const res = await fetchJson<ListResponse<Deal> | undefined>(boardPageUrl(p, page), { signal });
  // Bigin answers an empty list with 204; our handler may pass that on.
  if (!res) return { items: [], info: { page, perPage: 0, count: 0, more: false, nextPageToken: null } };
  return boardPage(res);
}

export function useBoardDeals(p: BoardKeyParams | null) {
  return useInfiniteQuery({
    queryKey: boardKey(p ?? { pipelineId: "", subPipeline: "" }),
    queryFn: ({ pageParam, signal }) => fetchBoardPage(p!, pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: nextBoardPage,
    enabled: !!p,
  });
}

export function useDealFields() {
  return useQuery({
    queryKey: queryKeys.fields("Pipelines"),
    queryFn: async () => (await fetchJson<{ items: FieldMeta[] }>("/api/fields/Pipelines"))?.items ?? [],
    staleTime: 10 * 60_000,
  });
}

export function useDeal(id: string) {
  return useQuery({
    queryKey: queryKeys.deals.detail(id),
    queryFn: async ({ signal }) => (await fetchJson<{ item: Deal }>(`/api/deals/${id}`, { signal })).item,
  });
}

/** Put a fresh copy of a deal into every board cache that holds it, and into its detail cache. */
export function writeDealToCaches(qc: QueryClient, deal: Deal) {
  qc.setQueriesData<BoardData>({ queryKey: [...queryKeys.deals.all, "board"] }, (d) =>
    d ? updateDealInBoard(d, deal.id, () => toDealSummary(deal)) : d,
  );
  qc.setQueryData(queryKeys.deals.detail(deal.id), deal);
}

export function dropDealFromCaches(qc: QueryClient, id: string) {
  qc.setQueriesData<BoardData>({ queryKey: [...queryKeys.deals.all, "board"] }, (d) => (d ? removeDealFromBoard(d, id) : d));
  qc.removeQueries({ queryKey: queryKeys.deals.detail(id) });
}

export type MoveVars = { id: string; name: string; from: string; to: string };

/**
 * Moving a deal to another stage: ONE `PATCH /api/deals/{id}`, optimistic on the board cache.
 * Moves of the same deal run one after another (mutation scope), each sending the
 * `modifiedTime` it last saw, so a second quick move doesn't trip our own conflict check.
 */
export function useMoveDeal(p: BoardKeyParams, announce: (message: string) => void) {
  const qc = useQueryClient();
  const key = boardKey(p);
  return useMutation({
    mutationFn: async (v: MoveVars) => {
      const current = findDeal(qc.getQueryData<BoardData>(key), v.id);
      const res = await fetchJson<{ item: Deal }>(`/api/deals/${v.id}`, {
        method: "PATCH",
        json: { fields: { Stage: v.to }, ...(current?.modifiedTime ? { modifiedTime: current.modifiedTime } : {}) },
      });
      return res.item;
    },
    onMutate: async (v) => {
      // A refetch landing now would paint the old stage over the optimistic one.
      await qc.cancelQueries({ queryKey: key });
      qc.setQueryData<BoardData>(key, (d) => (d ? moveDealInBoard(d, v.id, v.to) : d));
      announce(`Moving ${v.name} to ${v.to}…`);
    },
    onSuccess: (deal, v) => {
      writeDealToCaches(qc, deal);
      announce(`Moved ${v.name} to ${v.to}.`);
    },
    onError: (error, v) => {
      // Roll back this deal only (not a whole-board snapshot), so other moves in flight survive.
      qc.setQueryData<BoardData>(key, (d) => (d ? moveDealInBoard(d, v.id, v.from) : d));
      const conflict = error instanceof ApiError && error.status === 409;
      const reason = conflict ? "it was changed in Bigin since you loaded it. The board now shows the latest." : describeError(error);
      const message = `Couldn't move ${v.name} to ${v.to}: ${reason}`;
      toast.error(message);
      announce(`${message} It is back in ${v.from}.`);
      if (conflict) void qc.invalidateQueries({ queryKey: key });
    },
    onSettled: (_d, _e, v) => {
      // Other views of this deal (its page, contact/company deal lists) are stale now; the board
      // itself was just corrected from the server's answer, so it isn't refetched (credits).
      void qc.invalidateQueries({ queryKey: queryKeys.deals.detail(v.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.contacts.all, refetchType: "none" });
      void qc.invalidateQueries({ queryKey: queryKeys.companies.all, refetchType: "none" });
    },
    scope: { id: "deal-move" },
  });
}
