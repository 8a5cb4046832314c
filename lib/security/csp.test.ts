import { NextRequest, NextResponse } from "next/server";
import { describe, expect, it } from "vitest";
import { API_CSP, withCsp } from "./csp";

const page = (path = "/contacts", headers: Record<string, string> = {}) =>
  new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { cookie: "a=1", accept: "text/html", ...headers } });

/** The forwarded request's headers, decoded as Next's server decodes them. */
function forwarded(res: Response): Record<string, string> | null {
  const list = res.headers.get("x-middleware-override-headers");
  if (list === null) return null;
  return Object.fromEntries(list.split(",").map((n) => [n, res.headers.get(`x-middleware-request-${n}`) ?? ""]));
}

const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

describe("withCsp", () => {
  it("gives a page a fresh nonce, on the response and on the forwarded request, keeping the request's headers", () => {
    const res = withCsp(page(), undefined, { dev: false });
    const csp = res.headers.get("content-security-policy")!;
    const nonce = nonceOf(csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(forwarded(res)).toMatchObject({ "content-security-policy": csp, "x-nonce": nonce, cookie: "a=1", accept: "text/html" });

    const again = withCsp(page(), undefined, { dev: false });
    expect(nonceOf(again.headers.get("content-security-policy")!)).not.toBe(nonce);
  });

  it("allows eval only in development", () => {
    expect(withCsp(page(), undefined, { dev: true }).headers.get("content-security-policy")).toContain("'unsafe-eval'");
  });

  it("keeps a request rewrite the auth part made (refreshed session cookie) and its Set-Cookie", () => {
    const headers = new Headers({ cookie: "next-auth.session-token=NEW", accept: "text/html" });
    const auth = NextResponse.next({ request: { headers } });
    auth.cookies.set("next-auth.session-token", "NEW", { httpOnly: true, sameSite: "lax", path: "/" });
    const res = withCsp(page("/pipelines", { cookie: "next-auth.session-token=OLD" }), auth, { dev: false });
    const f = forwarded(res)!;
    expect(f.cookie).toBe("next-auth.session-token=NEW");
    expect(f["x-nonce"]).toBe(nonceOf(res.headers.get("content-security-policy")!));
    expect(res.headers.get("set-cookie")).toMatch(/next-auth\.session-token=NEW.*HttpOnly/i);
  });

  it("puts the CSP on a redirect without forwarding anything", () => {
    const res = withCsp(page("/notes"), NextResponse.redirect("http://127.0.0.1:3000/signin"), { dev: false });
    expect(res.status).toBe(307);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(forwarded(res)).toBeNull();
  });

  it("gives API answers a deny-all policy", () => {
    const res = withCsp(page("/api/contacts"), undefined, { dev: false });
    expect(res.headers.get("content-security-policy")).toBe(API_CSP);
    expect(forwarded(res)).toBeNull();
  });

  it("lets sign-in forms post to Zoho's accounts servers and the sandbox only", () => {
    const csp = withCsp(page("/signin"), undefined, { dev: false, extraFormActions: ["http://127.0.0.1:4010"] }).headers.get("content-security-policy")!;
    const formAction = /form-action ([^;]+)/.exec(csp)![1].split(" ");
    expect(formAction).toEqual(expect.arrayContaining(["'self'", "https://accounts.zoho.com", "https://accounts.zoho.eu", "http://127.0.0.1:4010"]));
    expect(formAction.every((s) => s === "'self'" || /^https:\/\/accounts\.zoho/.test(s) || s.startsWith("http://127.0.0.1"))).toBe(true);
  });
});
