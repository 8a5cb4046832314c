"use client";

import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { useQueryClient } from "@tanstack/react-query";
import { NotesRegion } from "@/components/notes/notes-region";
import { useFields } from "@/components/contacts/queries";
import { primaryButton } from "@/components/contacts/column-chooser";
import { toApiFields } from "@/components/records/form-values";
import { RecordDetailsSection } from "@/components/records/record-details-section";
import { RecordForm } from "@/components/records/record-form";
import { RelatedDealsList } from "@/components/records/related-deals";
import { useInView } from "@/components/records/use-in-view";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/queries/fetch-json";
import { queryKeys } from "@/lib/queries/keys";
import type { Company, FieldValue } from "@/lib/types";
import { companyFieldsSchema } from "@/lib/validations/company";
import { useCompany, useCompanyContacts, useCompanyDeals, useUpdateCompany } from "./queries";

/** The basic fields a company edit offers (the rest stays as Bigin has it). */
export const COMPANY_EDIT_FIELDS = [
  "Account_Name", "Phone", "Website", "Industry", "Billing_Street", "Billing_City", "Billing_State",
  "Billing_Code", "Billing_Country", "Description",
];

/** /companies/[id]: fields, edit basic fields, its contacts and deals, and notes. */
export function CompanyDetail({ id }: { id: string }) {
  const qc = useQueryClient();
  const company = useCompany(id);
  const fields = useFields("Accounts");
  const update = useUpdateCompany(id);
  const [editing, setEditing] = useState(false);
  const [relatedRef, relatedSeen] = useInView<HTMLDivElement>();
  const contacts = useCompanyContacts(id, relatedSeen);
  const deals = useCompanyDeals(id, relatedSeen);

  if (company.isPending) {
    return (
      <div role="status" aria-live="polite" className="space-y-4">
        <span className="sr-only">Loading company…</span>
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (company.isError) {
    const missing = company.error instanceof ApiError && company.error.status === 404;
    return (
      <div className="space-y-3">
        <BackLink />
        {missing ? (
          <div role="alert" className="rounded-lg border border-slate-200 p-6 dark:border-slate-800">
            <h1 className="text-lg font-semibold">Company not found</h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">It may have been deleted, or you may not have access to it.</p>
          </div>
        ) : (
          <ErrorPanel error={company.error} onRetry={() => void company.refetch()} title="Couldn't load this company" />
        )}
      </div>
    );
  }
  const c = company.data;

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
        const current = err.body?.error.current as Company | undefined;
        if (current?.id) qc.setQueryData(queryKeys.companies.detail(id), current);
        else void qc.invalidateQueries({ queryKey: queryKeys.companies.detail(id) });
      }
      throw err;
    }
    toast.success("Company saved.");
    setEditing(false);
  }

  return (
    <div className="space-y-6">
      <BackLink />
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold">{c.name || "(no name)"}</h1>
          <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
            {[c.industry, [c.billingCity, c.billingCountry].filter(Boolean).join(", ")].filter(Boolean).join(" · ")}
          </p>
        </div>
        {!editing && (
          <button type="button" className={primaryButton} onClick={() => setEditing(true)} disabled={!fields.data}>
            Edit
          </button>
        )}
      </header>

      <RecordDetailsSection
        noun="company"
        editing={editing}
        fields={fields}
        values={c.fields}
        form={(meta) => (
          <RecordForm
            fields={meta}
            initial={c.fields}
            schema={companyFieldsSchema}
            only={COMPANY_EDIT_FIELDS}
            draftKey={`company-edit:${id}`}
            onCancel={() => setEditing(false)}
            onSubmit={(_values, { changed }) => save(changed)}
          />
        )}
      />

      <div ref={relatedRef} className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="company-contacts-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="company-contacts-heading" className="mb-2 text-lg font-semibold">
            Contacts
          </h2>
          <div aria-live="polite" aria-busy={contacts.isFetching}>
            {contacts.isError ? (
              <ErrorPanel error={contacts.error} onRetry={() => void contacts.refetch()} title="Couldn't load contacts" />
            ) : contacts.data ? (
              contacts.data.length === 0 ? (
                <p className="text-sm text-slate-500 dark:text-slate-400">No contacts at this company yet.</p>
              ) : (
                <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                  {contacts.data.map((p) => (
                    <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
                      <Link href={`/contacts/${p.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                        {p.fullName || "(no name)"}
                      </Link>
                      <span className="text-xs text-slate-500 dark:text-slate-400">{[p.title, p.email].filter(Boolean).join(" · ")}</span>
                    </li>
                  ))}
                </ul>
              )
            ) : (
              <Skeleton className="h-16 w-full" />
            )}
          </div>
        </section>
        <section aria-labelledby="company-deals-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="company-deals-heading" className="mb-2 text-lg font-semibold">
            Deals
          </h2>
          <div aria-live="polite" aria-busy={deals.isFetching}>
            {deals.isError ? (
              <ErrorPanel error={deals.error} onRetry={() => void deals.refetch()} title="Couldn't load deals" />
            ) : deals.data ? (
              <RelatedDealsList deals={deals.data} />
            ) : (
              <Skeleton className="h-16 w-full" />
            )}
          </div>
        </section>
      </div>

      <NotesRegion module="Accounts" recordId={id} />
    </div>
  );
}

function BackLink() {
  return (
    <Link href="/companies" className="text-sm text-slate-600 hover:underline dark:text-slate-400">
      ← Companies
    </Link>
  );
}
