import { z } from "zod";
import { json, withBigin } from "@/lib/api/with-bigin";
import { getFields, META_MODULES } from "@/lib/bigin/fields";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const params = z.object({ module: z.enum(META_MODULES, { error: "Expected Contacts, Accounts or Pipelines" }) });

/** GET /api/fields/{module} — field metadata (cached per org). */
export const GET = withBigin(async ({ conn, params }) => json({ items: await getFields(conn, params.module) }), { params });
