/**
 * Next 16's proxy (formerly middleware), on the Node runtime, for pages only.
 * - Pages need a session: without one, next-auth's withAuth sends the user to /signin.
 * - Every page request with a session gets its Bigin token refreshed ahead of expiry, written
 *   to the forwarded request (for server components, which cannot write cookies) and the
 *   response (lib/auth/proxy-session.ts).
 * - /api/* does not pass through here: every API route goes through withBigin
 *   (lib/api/with-bigin.ts), which reads the session once, refreshes ahead of expiry and writes
 *   the refreshed cookie on its own response, and answers 401 JSON itself. The API's security
 *   headers and deny-all CSP are static and come from next.config.js. Skipping the proxy saves
 *   every API call a second session decode and a pass through the proxy (issue 9, target 1).
 */
import type { NextFetchEvent, NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { getEnv, sandboxOrigins } from "@/lib/env";
import { withCsp } from "@/lib/security/csp";
import { refreshSessionCookie } from "@/lib/auth/proxy-session";
import { sessionCookieName } from "@/lib/auth/session-cookie";

const auth = withAuth(
  async function proxy(req: NextRequestWithAuth) {
    return refreshSessionCookie(req, req.nextauth.token);
  },
  {
    callbacks: {
      authorized: ({ token }) => !!token,
    },
    pages: { signIn: "/signin", error: "/signin" },
    // Read at request time: the environment is validated when the server starts, not at build.
    get secret() {
      return getEnv().secret;
    },
    get cookies() {
      return { sessionToken: { name: sessionCookieName(), options: {} } };
    },
  },
);

/** Content-Security-Policy with a per-request nonce on every page (lib/security/csp.ts). */
export default async function proxy(req: NextRequest, event: NextFetchEvent) {
  const res = await auth(req as NextRequestWithAuth, event);
  const env = getEnv();
  return withCsp(req, res, {
    dev: process.env.NODE_ENV === "development",
    extraFormActions: [...sandboxOrigins(env).values()],
  });
}

export const config = {
  // Pages: everything except the API (withBigin's, next-auth's), Next's assets and static files.
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml|.*\\.(?:png|jpg|jpeg|gif|svg|webp|ico|css|js|map|txt|woff2?)$).*)"],
};
