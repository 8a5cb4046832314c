import { json, withBigin } from "@/lib/api/with-bigin";
import { listContactDeals } from "@/lib/bigin/contacts";
import { zIdParams } from "@/lib/validations/common";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/contacts/{id}/deals — the contact's deals across Team Pipelines. */
export const GET = withBigin(async ({ conn, params }) => json({ items: await listContactDeals(conn, params.id) }), {
  params: zIdParams,
});
