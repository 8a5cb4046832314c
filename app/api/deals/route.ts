import { json, withBigin } from "@/lib/api/with-bigin";
import { createDeal, listDeals } from "@/lib/bigin/deals";
import { dealCreateSchema, dealListQuerySchema } from "@/lib/validations/deal";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/deals?pipelineId=…&subPipeline&stage&page&perPage&pageToken&sortBy&sortOrder */
export const GET = withBigin(async ({ conn, query }) => json(await listDeals(conn, query)), {
  query: dealListQuerySchema,
});

/** POST /api/deals { fields } → 201 { item } */
export const POST = withBigin(async ({ conn, body }) => json({ item: await createDeal(conn, body.fields) }, 201), {
  body: dealCreateSchema,
  write: true,
});
