import { json, withBigin } from "@/lib/api/with-bigin";
import { listCompanies } from "@/lib/bigin/companies";
import { companyListQuerySchema } from "@/lib/validations/company";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/companies?q&page&perPage&pageToken — with q, names starting with q (type-ahead). */
export const GET = withBigin(async ({ conn, query }) => json(await listCompanies(conn, query)), {
  query: companyListQuerySchema,
});
