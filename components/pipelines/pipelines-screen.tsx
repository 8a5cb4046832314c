"use client";

import { useCallback, useId, useMemo, useState, type MouseEvent } from "react";
import { useSearchParams } from "next/navigation";
import dynamic from "next/dynamic";
import { ErrorPanel } from "@/components/ui/error-panel";
import { useHydrated } from "@/components/ui/use-hydrated";
import { parsePipelinesParams, pipelinesHref, resolveSelection, type PipelinesParams } from "./board-state";
import { Board } from "./board";
import { DealsTable } from "./deals-table";
import { usePipelines } from "./queries";
import type { TeamPipeline } from "@/lib/types";
import { PipelinesSkeleton } from "./skeletons";

const newDealButtonClass = "rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700";

// The New deal dialog (Radix, the lookup combobox, the zod schemas) is not needed to show the
// board: its code loads when the user shows intent (pointer over or focus on the button, or the
// click itself), not while the page starts. Until it has loaded after a click, a disabled twin.
const loadNewDealDialog = () => import("./new-deal-dialog");
const NewDealDialogButton = dynamic(() => loadNewDealDialog().then((m) => m.NewDealButton), {
  ssr: false,
  loading: () => (
    <button type="button" disabled className={`${newDealButtonClass} opacity-70`}>
      New deal
    </button>
  ),
});

function NewDealButton({ pipeline, subPipeline }: { pipeline: TeamPipeline; subPipeline: string }) {
  const [wanted, setWanted] = useState(false);
  if (wanted) return <NewDealDialogButton pipeline={pipeline} subPipeline={subPipeline} defaultOpen />;
  const preload = () => void loadNewDealDialog();
  return (
    <button type="button" className={newDealButtonClass} onPointerEnter={preload} onFocus={preload} onClick={() => setWanted(true)}>
      New deal
    </button>
  );
}

const selectClass =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm sm:w-56 sm:px-3 dark:border-slate-700 dark:bg-slate-900";

/**
 * `/pipelines`: pipeline pickers, the Board/Table switch and the view. All state is in the URL.
 * Changes go through the History API (Next keeps useSearchParams in sync): the deals are already
 * in the client cache, so a server round trip — and its Bigin calls — would be waste.
 */
export function PipelinesScreen() {
  const sp = useSearchParams();
  const params = useMemo(() => parsePipelinesParams(new URLSearchParams(sp.toString())), [sp]);
  const pipelines = usePipelines();
  const pipelineId = useId();
  const subId = useId();
  // Inert until React owns the page: hydration would reset (and lose) an earlier choice.
  const hydrated = useHydrated();

  const go = useCallback(
    (patch: Partial<PipelinesParams>, mode: "push" | "replace" = "push") => {
      const href = pipelinesHref(params, patch);
      if (mode === "push") window.history.pushState(null, "", href);
      else window.history.replaceState(null, "", href);
    },
    [params],
  );

  const onLink = (patch: Partial<PipelinesParams>) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return; // new tab etc.
    e.preventDefault();
    go(patch);
  };

  if (pipelines.isPending) return <PipelinesSkeleton />;
  if (pipelines.isError) {
    return <ErrorPanel error={pipelines.error} onRetry={() => void pipelines.refetch()} title="Couldn't load your team pipelines" />;
  }
  const selection = resolveSelection(params, pipelines.data);
  if (!selection) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white p-6 text-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-xl font-semibold">Pipelines</h1>
        <p className="mt-2">This Bigin organization has no team pipelines yet. Create one in Bigin&apos;s settings, then reload.</p>
      </div>
    );
  }
  const boardParams = { pipelineId: selection.pipeline.id, subPipeline: selection.subPipeline.name };
  const tab = (view: "board" | "table", label: string) => (
    <a
      href={pipelinesHref(params, { view })}
      onClick={onLink({ view })}
      aria-current={params.view === view ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${
        params.view === view
          ? "bg-white text-slate-900 shadow-sm dark:bg-slate-700 dark:text-white"
          : "text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
      }`}
    >
      {label}
    </a>
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <h1 className="mr-auto w-full text-xl font-semibold sm:w-auto">Pipelines</h1>
        <div className="min-w-0 flex-1 sm:flex-none">
          <label htmlFor={pipelineId} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">
            Team pipeline
          </label>
          <select
            id={pipelineId}
            value={selection.pipeline.id}
            disabled={!hydrated}
            onChange={(e) => go({ pipeline: e.target.value })}
            className={selectClass}
          >
            {pipelines.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 flex-1 sm:flex-none">
          <label htmlFor={subId} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">
            Sub-pipeline
          </label>
          <select
            id={subId}
            value={selection.subPipeline.name}
            disabled={!hydrated}
            onChange={(e) => go({ pipeline: selection.pipeline.id, sub: e.target.value })}
            className={selectClass}
          >
            {selection.pipeline.subPipelines.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <nav aria-label="View" className="flex rounded-lg bg-slate-100 p-1 dark:bg-slate-800">
          {tab("board", "Board")}
          {tab("table", "Table")}
        </nav>
        <NewDealButton pipeline={selection.pipeline} subPipeline={selection.subPipeline.name} />
      </div>
      {params.view === "table" ? (
        <DealsTable
          key={`${boardParams.pipelineId}|${boardParams.subPipeline}`}
          selection={boardParams}
          stages={selection.stages}
          params={params}
          go={go}
        />
      ) : (
        <Board
          key={`${boardParams.pipelineId}|${boardParams.subPipeline}`}
          selection={boardParams}
          stages={selection.stages}
          mobileStage={params.stage}
          onMobileStage={(stage) => go({ stage }, "replace")}
        />
      )}
    </div>
  );
}
