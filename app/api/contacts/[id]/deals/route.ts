import { json, withBigin } from "@/lib/api/with-bigin";
import { listContactDeals } from "@/lib/bigin/contacts";
import { zIdParams } from "@/lib/validations/common";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/contacts/{id}/deals — the contact's deals across Team Pipelines (one Bigin search; first 200, `more` when there are others). */
export const GET = withBigin(async ({ conn, params }) => json(await listContactDeals(conn, params.id)), {
  params: zIdParams,
});
