"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { toApiFields } from "@/components/records/form-values";
import { RecordForm } from "@/components/records/record-form";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Skeleton } from "@/components/ui/skeleton";
import type { FieldValue } from "@/lib/types";
import { contactFieldsSchema } from "@/lib/validations/contact";
import { CONTACT_FORM_ORDER } from "./contact-detail";
import { useCreateContact, useFields } from "./queries";

const EMPTY: Record<string, FieldValue> = {};

/** Only what the user filled in: Bigin applies its own defaults to the rest. */
function filledFields(values: Record<string, FieldValue>) {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === "" || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

/** /contacts/new: the metadata-driven form; typed text survives a failed save or a reconnect. */
export function NewContact() {
  const router = useRouter();
  const fields = useFields("Contacts");
  const create = useCreateContact();

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/contacts" className="text-sm text-slate-600 hover:underline dark:text-slate-400">
        ← Contacts
      </Link>
      <h1 className="text-2xl font-semibold">New contact</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        {fields.isError ? (
          <ErrorPanel error={fields.error} onRetry={() => void fields.refetch()} title="Couldn't load the contact form" />
        ) : !fields.data ? (
          <Skeleton className="h-64 w-full" />
        ) : (
          <RecordForm
            fields={fields.data}
            initial={EMPTY}
            schema={contactFieldsSchema}
            order={CONTACT_FORM_ORDER}
            draftKey="contact-new"
            onCancel={() => router.push("/contacts")}
            onSubmit={async (values) => {
              const picked = filledFields(values);
              const item = await create.mutateAsync({ fields: toApiFields(picked), picked });
              toast.success(`Created ${item.fullName || "contact"}.`);
              router.push(`/contacts/${item.id}`);
            }}
          />
        )}
      </div>
    </div>
  );
}
