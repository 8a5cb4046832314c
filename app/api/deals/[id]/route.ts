import { json, noContent, withBigin } from "@/lib/api/with-bigin";
import { deleteDeal, getDeal, updateDeal } from "@/lib/bigin/deals";
import { zIdParams } from "@/lib/validations/common";
import { dealUpdateSchema } from "@/lib/validations/deal";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withBigin(async ({ conn, params }) => json({ item: await getDeal(conn, params.id) }), {
  params: zIdParams,
});

/** PATCH { modifiedTime?, fields } — a stage move is { fields: { Stage, Sub_Pipeline? } }; 409 on conflict. */
export const PATCH = withBigin(
  async ({ conn, params, body }) => json({ item: await updateDeal(conn, params.id, body.fields, body.modifiedTime) }),
  { params: zIdParams, body: dealUpdateSchema, write: true },
);

export const DELETE = withBigin(
  async ({ conn, params }) => {
    await deleteDeal(conn, params.id);
    return noContent();
  },
  { params: zIdParams, write: true },
);
