/**
 * Puts the Content-Security-Policy on what proxy.ts answers (issue 10).
 *
 * - Pages: a fresh nonce per request and `buildCsp(nonce)`, set on the response (for the
 *   browser) and on the forwarded request (Next reads the request's CSP header and puts the
 *   nonce on its own scripts; app/layout.tsx reads `x-nonce` for our inline theme script).
 * - Everything under /api: JSON only, so nothing may load or frame it. The proxy does not run
 *   for /api/* any more (issue 9): next.config.js sets this same policy on every API answer;
 *   the branch below only keeps the proxy safe should its matcher ever let an API path in.
 */
import { NextResponse, type NextRequest } from "next/server";
import { buildCsp } from "./headers";

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** 128 random bits, base64: unguessable and unique per request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type CspOptions = { dev: boolean; extraFormActions?: string[] };

/**
 * Adds the CSP to the proxy's answer. `res` is what the auth part of the proxy returned:
 * undefined (go on), a `NextResponse.next()` (maybe already forwarding a refreshed cookie
 * header), or a redirect.
 */
export function withCsp(req: NextRequest, res: Response | null | undefined | void, opts: CspOptions): Response {
  const out = res ?? NextResponse.next();
  if (req.nextUrl.pathname.startsWith("/api/")) {
    out.headers.set("content-security-policy", API_CSP);
    return out;
  }
  const nonce = newNonce();
  const csp = buildCsp(nonce, opts);
  out.headers.set("content-security-policy", csp);
  // Only a response that lets the request go on renders a page; a redirect renders nothing.
  if (out.headers.get("x-middleware-next") === "1") {
    forwardRequestHeaders(req, out, { "content-security-policy": csp, "x-nonce": nonce });
  }
  return out;
}

/**
 * The forwarded request's headers, as `NextResponse.next({ request: { headers } })` encodes
 * them (next/dist/server/web/spec-extension/response.js): `x-middleware-override-headers` lists
 * every header the request keeps and `x-middleware-request-<name>` carries each value. When the
 * auth part already rewrote the request (a refreshed session cookie), its list is extended, so
 * that rewrite is kept.
 */
function forwardRequestHeaders(req: NextRequest, res: Response, add: Record<string, string>) {
  const existing = res.headers.get("x-middleware-override-headers");
  const names = existing !== null ? existing.split(",").filter(Boolean) : [];
  if (existing === null) {
    for (const [name, value] of req.headers) {
      res.headers.set(`x-middleware-request-${name}`, value);
      names.push(name);
    }
  }
  for (const [name, value] of Object.entries(add)) {
    res.headers.set(`x-middleware-request-${name}`, value);
    if (!names.includes(name)) names.push(name);
  }
  res.headers.set("x-middleware-override-headers", names.join(","));
}
