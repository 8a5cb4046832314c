import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { NewContact } from "@/components/contacts/new-contact";
import { newServerQueryClient, serverConnection, shouldPrefetch } from "@/components/records/server-prefetch";
import { getFields } from "@/lib/bigin/fields";
import { queryKeys } from "@/lib/queries/keys";

export const metadata: Metadata = { title: "New contact" };

export default async function NewContactPage() {
  const queryClient = newServerQueryClient();
  if (await shouldPrefetch()) {
    const conn = await serverConnection();
    if (conn) await queryClient.prefetchQuery({ queryKey: queryKeys.fields("Contacts"), queryFn: () => getFields(conn, "Contacts") });
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <NewContact />
    </HydrationBoundary>
  );
}
