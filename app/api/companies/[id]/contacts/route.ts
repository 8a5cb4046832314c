import { json, withBigin } from "@/lib/api/with-bigin";
import { listCompanyContacts } from "@/lib/bigin/companies";
import { zIdParams } from "@/lib/validations/common";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withBigin(async ({ conn, params }) => json({ items: await listCompanyContacts(conn, params.id) }), {
  params: zIdParams,
});
