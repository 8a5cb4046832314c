import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { ContactDetail } from "@/components/contacts/contact-detail";
import { newServerQueryClient, prefetchOr404, serverConnection, shouldPrefetch } from "@/components/records/server-prefetch";
import { getContact } from "@/lib/bigin/contacts";
import { getFields } from "@/lib/bigin/fields";
import { queryKeys } from "@/lib/queries/keys";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,19}$/.test(id)) notFound();
  const queryClient = newServerQueryClient();
  // First paint: the contact and the field labels (cached per org) — at most two Bigin calls.
  // Deals load when their section scrolls into view; notes are the Notes region's own query.
  if (await shouldPrefetch()) {
    const conn = await serverConnection();
    if (conn) {
      await Promise.all([
        prefetchOr404(() => queryClient.fetchQuery({ queryKey: queryKeys.contacts.detail(id), queryFn: () => getContact(conn, id) })),
        queryClient.prefetchQuery({ queryKey: queryKeys.fields("Contacts"), queryFn: () => getFields(conn, "Contacts") }),
      ]);
    }
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ContactDetail id={id} />
    </HydrationBoundary>
  );
}
