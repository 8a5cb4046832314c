import { json, withBigin } from "@/lib/api/with-bigin";
import { createContact, listContacts } from "@/lib/bigin/contacts";
import { contactCreateSchema, contactListQuerySchema } from "@/lib/validations/contact";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/contacts?q&sortBy&sortOrder&page&perPage&pageToken */
export const GET = withBigin(async ({ conn, query }) => json(await listContacts(conn, query)), {
  query: contactListQuerySchema,
});

/** POST /api/contacts { fields } → 201 { item } */
export const POST = withBigin(
  async ({ conn, body }) => json({ item: await createContact(conn, body.fields) }, 201),
  { body: contactCreateSchema, write: true },
);
