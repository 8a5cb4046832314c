import type { Metadata } from "next";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { RecentNotes } from "@/components/notes/recent-notes";
import { parseRecentNotesSearch } from "@/components/notes/notes-api";
import { getServerConnection } from "@/lib/auth/connection";
import { listRecentNotes } from "@/lib/bigin/notes";
import { queryKeys } from "@/lib/queries/keys";

export const metadata: Metadata = { title: "Notes" };

export default async function NotesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { filter, params } = parseRecentNotesSearch(await searchParams);
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000 } } });
  // Prefetch on the server; any failure (expired token, Bigin down) is left to the client
  // query, which retries through our route handlers and shows a proper error.
  await queryClient.prefetchQuery({
    queryKey: queryKeys.notes.recent(params),
    queryFn: async () => {
      const conn = await getServerConnection();
      if (!conn) throw new Error("not signed in");
      return listRecentNotes(conn, params);
    },
    retry: false,
  });
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-semibold">Notes</h1>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RecentNotes filter={filter} params={params} />
      </HydrationBoundary>
    </div>
  );
}
