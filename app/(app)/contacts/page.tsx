import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { ContactsScreen } from "@/components/contacts/contacts-screen";
import { parseContactsSearch } from "@/components/contacts/list-state";
import { contactsListKey, firstPageParam, listParamsFor, nextPageParam, type PageParam } from "@/components/contacts/query-keys";
import { newServerQueryClient, serverConnection, shouldPrefetch } from "@/components/records/server-prefetch";
import { listContacts } from "@/lib/bigin/contacts";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = listParamsFor(parseContactsSearch(await searchParams));
  const queryClient = newServerQueryClient();
  // First paint needs one thing: the first page of the list (one Bigin call).
  if (await shouldPrefetch()) {
    const conn = await serverConnection();
    if (conn) {
      await queryClient.prefetchInfiniteQuery({
        queryKey: contactsListKey(params),
        queryFn: ({ pageParam }: { pageParam: PageParam }) => listContacts(conn, { ...params, ...pageParam }),
        initialPageParam: firstPageParam,
        getNextPageParam: nextPageParam,
      });
    }
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ContactsScreen />
    </HydrationBoundary>
  );
}
