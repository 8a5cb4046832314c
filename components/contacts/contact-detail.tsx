"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { NotesRegion } from "@/components/notes/notes-region";
import { ConfirmDelete } from "@/components/records/confirm-delete";
import { toApiFields } from "@/components/records/form-values";
import { RecordDetailsSection } from "@/components/records/record-details-section";
import { RecordForm } from "@/components/records/record-form";
import { RelatedDealsList } from "@/components/records/related-deals";
import { useInView } from "@/components/records/use-in-view";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/notes/relative-time";
import { ApiError } from "@/lib/queries/fetch-json";
import { queryKeys } from "@/lib/queries/keys";
import type { Contact, FieldValue } from "@/lib/types";
import { contactFieldsSchema } from "@/lib/validations/contact";
import { useQueryClient } from "@tanstack/react-query";
import { primaryButton } from "./column-chooser";
import { useContact, useContactDeals, useDeleteContact, useFields, useUpdateContact } from "./queries";

/** Bigin's own habit: names first, then how to reach them, then where they work. */
export const CONTACT_FORM_ORDER = ["First_Name", "Last_Name", "Email", "Mobile", "Phone", "Title", "Account_Name"];

/** /contacts/[id]: the contact's fields, edit and delete, their deals across team pipelines, and notes. */
export function ContactDetail({ id }: { id: string }) {
  const router = useRouter();
  const qc = useQueryClient();
  const contact = useContact(id);
  const fields = useFields("Contacts");
  const update = useUpdateContact(id);
  const remove = useDeleteContact(id);
  const [editing, setEditing] = useState(false);
  const [dealsRef, dealsSeen] = useInView<HTMLElement>();
  const deals = useContactDeals(id, dealsSeen);

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
            <button type="button" className={primaryButton} onClick={() => setEditing(true)} disabled={!fields.data}>
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

      <section ref={dealsRef} aria-labelledby="contact-deals-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="contact-deals-heading" className="mb-2 text-lg font-semibold">
          Deals
        </h2>
        <div aria-live="polite" aria-busy={deals.isFetching}>
          {deals.isError ? (
            <ErrorPanel error={deals.error} onRetry={() => void deals.refetch()} title="Couldn't load deals" />
          ) : deals.data ? (
            <RelatedDealsList deals={deals.data} />
          ) : (
            <div className="space-y-2">
              <span className="sr-only">Loading deals…</span>
              <Skeleton className="h-8 w-full" />
              <Skeleton className="h-8 w-2/3" />
            </div>
          )}
        </div>
      </section>

      <NotesRegion module="Contacts" recordId={id} />
    </div>
  );
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
