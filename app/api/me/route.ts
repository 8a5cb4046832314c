import { json, withBigin } from "@/lib/api/with-bigin";
import { decodeSessionCookies } from "@/lib/auth/session-cookie";
import { getEnv } from "@/lib/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/me — who is signed in, where their data lives, and whether this is the sandbox. No Bigin call. */
export const GET = withBigin(async ({ req, conn }) => {
  const token = await decodeSessionCookies(req.cookies.getAll());
  return json({
    name: token?.name ?? null,
    email: token?.email ?? null,
    dc: conn.dc,
    org: token?.org ?? null,
    sandbox: getEnv().sandbox,
  });
});
