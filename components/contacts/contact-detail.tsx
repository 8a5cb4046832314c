"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { NotesRegion } from "@/components/notes/notes-region";
import { ConfirmDelete } from "@/components/records/confirm-delete";
import { toApiFields } from "@/components/records/form-values";
import { CONTACT_STANDARD_FIELDS } from "@/components/records/fallback-fields";
import { RecordDetailsSection } from "@/components/records/record-details-section";
import { RecordForm } from "@/components/records/record-form";
import { RelatedDealsList } from "@/components/records/related-deals";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { RelativeTime } from "@/components/notes/relative-time";
import { ApiError } from "@/lib/queries/fetch-json";
import { queryKeys } from "@/lib/queries/keys";
import type { Contact, ContactDeals, FieldValue } from "@/lib/types";
import { contactFieldsSchema } from "@/lib/validations/contact";
import { useQueryClient } from "@tanstack/react-query";
import { primaryButton } from "./column-chooser";
import { contactDealsQuery, useContact, useContactDeals, useDeleteContact, useFields, useUpdateContact } from "./queries";

/** Bigin's own habit: names first, then how to reach them, then where they work. */
export const CONTACT_FORM_ORDER = ["First_Name", "Last_Name", "Email", "Mobile", "Phone", "Title", "Account_Name"];

/** The related-records tabs of a contact page; `?tab=deals` opens Deals. */
export type ContactTab = "notes" | "deals";

/**
 * /contacts/[id]: the contact's fields, edit and delete, then Notes and Deals (across team
 * pipelines) in tabs, like Bigin's own record page. A first view costs the contact and its notes:
 * the Details card shows the values with Bigin's standard labels until the field metadata is
 * there, which loads on the intent to edit (hover/focus of Edit); deals load when their tab is
 * first shown (hover/focus of the tab prefetches them).
 */
export function ContactDetail({ id, initialTab = "notes" }: { id: string; initialTab?: ContactTab }) {
  const router = useRouter();
  const qc = useQueryClient();
  const contact = useContact(id);
  const [wantFields, setWantFields] = useState(false);
  const fields = useFields("Contacts", { enabled: wantFields });
  const update = useUpdateContact(id);
  const remove = useDeleteContact(id);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<ContactTab>(initialTab);
  const deals = useContactDeals(id, tab === "deals");
  const loadFields = () => setWantFields(true);
  // Edit is replaced by the card's form (maybe after a short load): keep the keyboard focus there.
  useEffect(() => {
    if (editing) document.getElementById("contact-details-heading")?.focus();
  }, [editing]);
  const prefetchDeals = () => void qc.prefetchQuery(contactDealsQuery(id));

  function selectTab(value: string) {
    const next: ContactTab = value === "deals" ? "deals" : "notes";
    setTab(next);
    // Shareable: the URL says which tab is open (no navigation, no server round trip).
    const url = new URL(window.location.href);
    if (next === "deals") url.searchParams.set("tab", "deals");
    else url.searchParams.delete("tab");
    window.history.replaceState(null, "", url);
  }

  if (contact.isPending) return <DetailSkeleton />;
  if (contact.isError) {
    const missing = contact.error instanceof ApiError && contact.error.status === 404;
    return (
      <div className="space-y-3">
        <BackLink />
        {missing ? (
          <div role="alert" className="rounded-lg border border-slate-200 p-6 dark:border-slate-800">
            <h1 className="text-lg font-semibold">Contact not found</h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">It may have been deleted, or you may not have access to it.</p>
          </div>
        ) : (
          <ErrorPanel error={contact.error} onRetry={() => void contact.refetch()} title="Couldn't load this contact" />
        )}
      </div>
    );
  }
  const c = contact.data;
  const name = c.fullName || "(no name)";

  async function save(changed: Record<string, FieldValue>) {
    if (Object.keys(changed).length === 0) {
      toast.info("Nothing changed.");
      setEditing(false);
      return;
    }
    try {
      await update.mutateAsync({ fields: toApiFields(changed), modifiedTime: c.modifiedTime, optimistic: changed });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Someone saved meanwhile: show their version underneath; the typed values stay in the form.
        const current = err.body?.error.current as Contact | undefined;
        if (current?.id) qc.setQueryData(queryKeys.contacts.detail(id), current);
        else void qc.invalidateQueries({ queryKey: queryKeys.contacts.detail(id) });
      }
      throw err;
    }
    toast.success("Contact saved.");
    setEditing(false);
  }

  return (
    <div className="space-y-6">
      <BackLink />
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold">{name}</h1>
          <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
            {c.title && <span>{c.title}</span>}
            {c.title && c.company && <span> at </span>}
            {c.company && (
              <Link href={`/companies/${c.company.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                {c.company.name || "Company"}
              </Link>
            )}
            {c.modifiedTime && (
              <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">
                · updated <RelativeTime iso={c.modifiedTime} />
              </span>
            )}
          </p>
        </div>
        {!editing && (
          <div className="flex gap-2">
            <button
              type="button"
              className={primaryButton}
              onPointerEnter={loadFields}
              onFocus={loadFields}
              onClick={() => {
                loadFields();
                if (fields.isError) void fields.refetch();
                setEditing(true);
              }}
            >
              Edit
            </button>
            <ConfirmDelete
              title="Delete this contact?"
              description={`${name} will be deleted from Bigin. Their deals stay.`}
              onConfirm={async () => {
                await remove.mutateAsync();
                toast.success(`Deleted ${name}.`);
                router.push("/contacts");
              }}
            />
          </div>
        )}
      </header>

      <RecordDetailsSection
        noun="contact"
        editing={editing}
        fields={fields}
        values={c.fields}
        fallback={CONTACT_STANDARD_FIELDS}
        hideEmpty
        onCancel={() => setEditing(false)}
        form={(meta) => (
          <RecordForm
            fields={meta}
            initial={c.fields}
            schema={contactFieldsSchema}
            order={CONTACT_FORM_ORDER}
            draftKey={`contact-edit:${id}`}
            onCancel={() => setEditing(false)}
            onSubmit={(_values, { changed }) => save(changed)}
          />
        )}
      />

      <Tabs value={tab} onValueChange={selectTab}>
        <TabsList aria-label="Related to this contact">
          <TabsTrigger value="notes">Notes</TabsTrigger>
          <TabsTrigger value="deals" onPointerEnter={prefetchDeals} onFocus={prefetchDeals}>
            {dealsLabel(deals.data)}
          </TabsTrigger>
        </TabsList>
        {/* Kept mounted while Deals shows: a half-typed note survives a look at the deals. */}
        <TabsContent value="notes" keepMounted>
          <NotesRegion module="Contacts" recordId={id} />
        </TabsContent>
        <TabsContent value="deals">
          <div
            aria-live="polite"
            aria-busy={deals.isFetching}
            className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          >
            {deals.isError ? (
              <ErrorPanel error={deals.error} onRetry={() => void deals.refetch()} title="Couldn't load deals" />
            ) : deals.data ? (
              <>
                <RelatedDealsList deals={deals.data.items} />
                {deals.data.more && (
                  <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
                    Showing the first {deals.data.items.length} deals of this contact; Bigin has more.
                  </p>
                )}
              </>
            ) : (
              <div className="space-y-2">
                <span className="sr-only">Loading deals…</span>
                <Skeleton className="h-8 w-full" />
                <Skeleton className="h-8 w-2/3" />
              </div>
            )}
          </div>
        </TabsContent>
      </Tabs>
    </div>
  );
}

/** "Deals", then "Deals (3)" once they are loaded ("Deals (200+)" when Bigin has more). */
export function dealsLabel(data: ContactDeals | undefined): string {
  return data ? `Deals (${data.items.length}${data.more ? "+" : ""})` : "Deals";
}

function BackLink() {
  return (
    <Link href="/contacts" className="text-sm text-slate-600 hover:underline dark:text-slate-400">
      ← Contacts
    </Link>
  );
}

function DetailSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading contact…</span>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-48 w-full" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}
