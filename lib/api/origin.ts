import type { NextRequest } from "next/server";
import { getEnv } from "@/lib/env";

/**
 * Writes must come from our own pages (CSRF defence in depth; the session cookie is SameSite=Lax).
 * A same-origin `Origin` is required; `Sec-Fetch-Site`, when the browser sends it, must say
 * `same-origin`. Allowed origins: the request's own origin (Host, or the proxy's
 * X-Forwarded-Host/-Proto) and NEXTAUTH_URL's.
 */
export function allowedOrigins(req: NextRequest): Set<string> {
  const out = new Set<string>();
  const url = new URL(req.url);
  out.add(url.origin);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = (req.headers.get("x-forwarded-proto") ?? url.protocol.replace(/:$/, "")).split(",")[0].trim();
  if (host) out.add(`${proto}://${host.split(",")[0].trim()}`.toLowerCase());
  try {
    const nextauth = getEnv().nextauthUrl;
    if (nextauth) out.add(new URL(nextauth).origin);
  } catch {
    // An invalid environment is reported at start-up; here it only means one origin fewer.
  }
  return out;
}

export function isSameOriginWrite(req: NextRequest): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  let o: string;
  try {
    o = new URL(origin).origin;
  } catch {
    return false;
  }
  return allowedOrigins(req).has(o.toLowerCase());
}
