import { json, withBigin } from "@/lib/api/with-bigin";
import { listTeamPipelines } from "@/lib/bigin/pipelines";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/pipelines — Team Pipelines with sub-pipelines and ordered stages (cached per org). */
export const GET = withBigin(async ({ conn }) => json({ items: await listTeamPipelines(conn) }));
