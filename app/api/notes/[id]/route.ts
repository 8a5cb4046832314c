import { json, noContent, withBigin } from "@/lib/api/with-bigin";
import { deleteNote, updateNote } from "@/lib/bigin/notes";
import { zIdParams } from "@/lib/validations/common";
import { noteUpdateSchema } from "@/lib/validations/note";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** PATCH /api/notes/{id} { title?, content } → { item } */
export const PATCH = withBigin(
  async ({ conn, params, body }) => json({ item: await updateNote(conn, params.id, body) }),
  { params: zIdParams, body: noteUpdateSchema, write: true },
);

export const DELETE = withBigin(
  async ({ conn, params }) => {
    await deleteNote(conn, params.id);
    return noContent();
  },
  { params: zIdParams, write: true },
);
