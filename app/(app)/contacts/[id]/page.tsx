import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { ContactDetail, type ContactTab } from "@/components/contacts/contact-detail";
import { newServerQueryClient, prefetchOr404, serverConnection, shouldPrefetch } from "@/components/records/server-prefetch";
import { getContact, listContactDeals } from "@/lib/bigin/contacts";
import { peekFields } from "@/lib/bigin/fields";
import { queryKeys } from "@/lib/queries/keys";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  if (!/^\d{1,19}$/.test(id)) notFound();
  const tab: ContactTab = (await searchParams).tab === "deals" ? "deals" : "notes";
  const queryClient = newServerQueryClient();
  // First paint: the contact (one Bigin call); the notes are the Notes tab's own query (one more).
  // Field labels go along only when this server already has them cached (no call): otherwise the
  // Details card labels the values itself, and the metadata loads when someone goes to edit.
  // Deals load when their tab is opened — here already when the link opens that tab.
  if (await shouldPrefetch()) {
    const conn = await serverConnection();
    if (conn) {
      const [, fields] = await Promise.all([
        prefetchOr404(() => queryClient.fetchQuery({ queryKey: queryKeys.contacts.detail(id), queryFn: () => getContact(conn, id) })),
        peekFields(conn, "Contacts"),
        tab === "deals" ? queryClient.prefetchQuery({ queryKey: queryKeys.contacts.deals(id), queryFn: () => listContactDeals(conn, id) }) : null,
      ]);
      if (fields) queryClient.setQueryData(queryKeys.fields("Contacts"), fields);
    }
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ContactDetail id={id} initialTab={tab} />
    </HydrationBoundary>
  );
}
