import { json, withBigin } from "@/lib/api/with-bigin";
import { listNotesOf } from "@/lib/bigin/notes";
import { zIdParams } from "@/lib/validations/common";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/companies/{id}/notes — the record's notes, newest first. */
export const GET = withBigin(async ({ conn, params }) => json({ items: await listNotesOf(conn, "Accounts", params.id) }), {
  params: zIdParams,
});
