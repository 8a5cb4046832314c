import { json, noContent, withBigin } from "@/lib/api/with-bigin";
import { deleteContact, getContact, updateContact } from "@/lib/bigin/contacts";
import { zIdParams } from "@/lib/validations/common";
import { contactUpdateSchema } from "@/lib/validations/contact";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withBigin(async ({ conn, params }) => json({ item: await getContact(conn, params.id) }), {
  params: zIdParams,
});

/** PATCH { modifiedTime?, fields } → { item }; 409 { error: { code: "CONFLICT", current } } on conflict. */
export const PATCH = withBigin(
  async ({ conn, params, body }) =>
    json({ item: await updateContact(conn, params.id, body.fields, body.modifiedTime) }),
  { params: zIdParams, body: contactUpdateSchema, write: true },
);

export const DELETE = withBigin(
  async ({ conn, params }) => {
    await deleteContact(conn, params.id);
    return noContent();
  },
  { params: zIdParams, write: true },
);
