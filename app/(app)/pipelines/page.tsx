import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { parsePipelinesParams } from "@/components/pipelines/board-state";
import { PipelinesScreen } from "@/components/pipelines/pipelines-screen";
import { prefetchPipelines } from "@/components/pipelines/prefetch";

export const metadata: Metadata = { title: "Pipelines" };

export default async function PipelinesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parsePipelinesParams(await searchParams);
  const qc = await prefetchPipelines(params);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <PipelinesScreen />
    </HydrationBoundary>
  );
}
