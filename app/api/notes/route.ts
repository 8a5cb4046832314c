import { json, withBigin } from "@/lib/api/with-bigin";
import { createNote, listRecentNotes } from "@/lib/bigin/notes";
import { noteCreateSchema, noteListQuerySchema } from "@/lib/validations/note";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/notes?module&page&perPage — recent notes across records, newest first. */
export const GET = withBigin(async ({ conn, query }) => json(await listRecentNotes(conn, query)), {
  query: noteListQuerySchema,
});

/** POST /api/notes { parentModule, parentId, title?, content } → 201 { item } */
export const POST = withBigin(
  async ({ conn, body }) =>
    json(
      { item: await createNote(conn, { module: body.parentModule, id: body.parentId }, { title: body.title, content: body.content }) },
      201,
    ),
  { body: noteCreateSchema, write: true },
);
