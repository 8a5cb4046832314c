import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { DealPage } from "@/components/pipelines/deal-page";
import { prefetchDeal } from "@/components/pipelines/prefetch";

export const metadata: Metadata = { title: "Deal" };

export default async function DealRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Bigin ids are 1–19 digits; anything else can't be a deal (and must not reach Bigin).
  if (!/^\d{1,19}$/.test(id)) notFound();
  const qc = await prefetchDeal(id);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <DealPage id={id} />
    </HydrationBoundary>
  );
}
