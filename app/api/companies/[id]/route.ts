import { json, withBigin } from "@/lib/api/with-bigin";
import { getCompany, updateCompany } from "@/lib/bigin/companies";
import { zIdParams } from "@/lib/validations/common";
import { companyUpdateSchema } from "@/lib/validations/company";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withBigin(async ({ conn, params }) => json({ item: await getCompany(conn, params.id) }), {
  params: zIdParams,
});

export const PATCH = withBigin(
  async ({ conn, params, body }) =>
    json({ item: await updateCompany(conn, params.id, body.fields, body.modifiedTime) }),
  { params: zIdParams, body: companyUpdateSchema, write: true },
);
