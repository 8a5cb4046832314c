import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { CompaniesScreen } from "@/components/companies/companies-screen";
import { companiesListKey, companiesParamsFor, nextCompaniesPage, parseCompaniesSearch, type CompanyPageParam } from "@/components/companies/query-keys";
import { newServerQueryClient, serverConnection, shouldPrefetch } from "@/components/records/server-prefetch";
import { listCompanies } from "@/lib/bigin/companies";

export const metadata: Metadata = { title: "Companies" };

export default async function CompaniesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = companiesParamsFor(parseCompaniesSearch(await searchParams));
  const queryClient = newServerQueryClient();
  if (await shouldPrefetch()) {
    const conn = await serverConnection();
    if (conn) {
      await queryClient.prefetchInfiniteQuery({
        queryKey: companiesListKey(params),
        queryFn: ({ pageParam }: { pageParam: CompanyPageParam }) => listCompanies(conn, { ...params, ...pageParam }),
        initialPageParam: { page: 1 } as CompanyPageParam,
        getNextPageParam: nextCompaniesPage,
      });
    }
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CompaniesScreen />
    </HydrationBoundary>
  );
}
