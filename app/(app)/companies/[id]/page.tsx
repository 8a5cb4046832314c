import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { CompanyDetail } from "@/components/companies/company-detail";
import { newServerQueryClient, prefetchOr404, serverConnection, shouldPrefetch } from "@/components/records/server-prefetch";
import { getCompany } from "@/lib/bigin/companies";
import { getFields } from "@/lib/bigin/fields";
import { queryKeys } from "@/lib/queries/keys";

export const metadata: Metadata = { title: "Company" };

export default async function CompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,19}$/.test(id)) notFound();
  const queryClient = newServerQueryClient();
  // First paint: the company and its field labels; related lists load when scrolled into view.
  if (await shouldPrefetch()) {
    const conn = await serverConnection();
    if (conn) {
      await Promise.all([
        prefetchOr404(() => queryClient.fetchQuery({ queryKey: queryKeys.companies.detail(id), queryFn: () => getCompany(conn, id) })),
        queryClient.prefetchQuery({ queryKey: queryKeys.fields("Accounts"), queryFn: () => getFields(conn, "Accounts") }),
      ]);
    }
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CompanyDetail id={id} />
    </HydrationBoundary>
  );
}
