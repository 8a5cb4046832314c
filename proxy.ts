/**
 * Next 16's proxy (formerly middleware), on the Node runtime.
 * - Pages need a session: without one, next-auth's withAuth sends the user to /signin.
 * - API routes answer 401 JSON themselves, so they are never redirected here.
 * - Every request with a session gets its Bigin token refreshed ahead of expiry, written to
 *   the forwarded request and the response (lib/auth/proxy-session.ts).
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
      authorized: ({ req, token }) => req.nextUrl.pathname.startsWith("/api/") || !!token,
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

/** Content-Security-Policy with a per-request nonce on every page, a deny-all one on the API (lib/security/csp.ts). */
export default async function proxy(req: NextRequest, event: NextFetchEvent) {
  const res = await auth(req as NextRequestWithAuth, event);
  const env = getEnv();
  return withCsp(req, res, {
    dev: process.env.NODE_ENV === "development",
    extraFormActions: [...sandboxOrigins(env).values()],
  });
}

export const config = {
  // Everything except next-auth's own routes, Next's assets and static files.
  matcher: ["/((?!api/auth|_next/static|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml|.*\\.(?:png|jpg|jpeg|gif|svg|webp|ico|css|js|map|txt|woff2?)$).*)"],
};
