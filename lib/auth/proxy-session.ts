/**
 * The proxy's part of the session: keep the Bigin access token fresh where cookies can be
 * written. Runs before every page and API request (not /api/auth/*):
 * - applies a refresh another request already did (route handler, server component), or
 *   refreshes about five minutes ahead of expiry (single-flight);
 * - flags the session when the refresh token is known to be dead, so the app shows one calm
 *   "Reconnect Bigin" prompt instead of redirecting anywhere;
 * - writes the new session cookie both onto the forwarded request (so this same request's
 *   server components and route handlers see it) and onto the response (for the browser).
 */
import { NextResponse, type NextRequest } from "next/server";
import type { JWT } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import {
  decodeSessionCookies,
  encodeSessionToken,
  rewriteCookieHeader,
  sessionCookieWrites,
} from "./session-cookie";
import { freshenToken } from "./session-token";

export async function refreshSessionCookie(req: NextRequest, token?: JWT | null): Promise<NextResponse> {
  const env = getEnv();
  const cookies = req.cookies.getAll();
  const current = token ?? (await decodeSessionCookies(cookies, env));
  if (!current) return NextResponse.next();
  const next = await freshenToken(current, { env });
  if (next === current) return NextResponse.next();

  const writes = sessionCookieWrites(await encodeSessionToken(next, env), cookies.map((c) => c.name), env);
  const headers = new Headers(req.headers);
  headers.set("cookie", rewriteCookieHeader(req.headers.get("cookie"), writes, env));
  const res = NextResponse.next({ request: { headers } });
  for (const w of writes) res.cookies.set(w.name, w.value, w.options);
  return res;
}
