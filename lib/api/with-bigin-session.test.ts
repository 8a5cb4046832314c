import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { usSessionJwt as token, installFakeZoho } from "@/lib/auth/testing/fake-zoho";
import { decodeSessionCookies, encodeSessionToken, sessionCookieName } from "@/lib/auth/session-cookie";
import { config } from "@/proxy";
import { json, withBigin } from "./with-bigin";

/**
 * /api/* does not pass through proxy.ts (issue 9): withBigin alone reads the session, refreshes
 * the Bigin token ahead of expiry (single-flight) and writes the refreshed cookie on its own
 * response — what the proxy used to do for API requests. These tests drive a withBigin route
 * with real session cookies and a scripted Zoho token endpoint.
 */
const now = () => Math.floor(Date.now() / 1000);
const zoho = installFakeZoho();


const cookieHeader = (value: string) => `theme=dark; ${sessionCookieName()}=${value}`;
const request = (cookie: string | null, path = "/api/me") =>
  new NextRequest(`http://127.0.0.1:3000${path}`, { headers: cookie ? { cookie } : {} });

/** A route that only reports which access token it was handed. */
const route = withBigin(async ({ conn }) => json({ token: conn.accessToken }));
const grants = () => zoho.calls.filter((c) => c.params.get("grant_type") === "refresh_token").length;

/** The session cookie the browser stores from this response (name=value), or null. */
function written(res: Response): { cookie: string; value: string } | null {
  const base = sessionCookieName();
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${base}=`));
  if (!set) return null;
  const [pair] = set.split(";");
  return { cookie: pair, value: pair.slice(base.length + 1) };
}

describe("withBigin keeps the session fresh without the proxy", () => {
  it("proxy.ts no longer runs for any /api path, pages still go through it", () => {
    const [matcher] = config.matcher;
    const re = new RegExp(`^${matcher}$`);
    for (const p of ["/api/contacts", "/api/contacts/123", "/api/me", "/api/auth/session", "/api/unknown"]) expect(re.test(p)).toBe(false);
    for (const p of ["/", "/contacts", "/pipelines", "/signin", "/apis"]) expect(re.test(p)).toBe(true);
  });

  it("answers 401 JSON without a session, without asking Zoho", async () => {
    const res = await route(request(null));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(grants()).toBe(0);
  });

  it("a fresh session: no grant, no Set-Cookie", async () => {
    const t = token();
    const res = await route(request(cookieHeader(await encodeSessionToken(t))));
    expect(await res.json()).toEqual({ token: t.access_token });
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(grants()).toBe(0);
  });

  it("refreshes ahead of expiry, answers with the new token and writes it as an HttpOnly session cookie", async () => {
    const t = token({ expires_at: now() + 60 });
    const res = await route(request(cookieHeader(await encodeSessionToken(t))));
    expect(res.status).toBe(200);
    const { token: used } = await res.json();
    expect(used).not.toBe(t.access_token);
    expect(grants()).toBe(1);
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\//);
    const w = written(res)!;
    expect(await decodeSessionCookies([{ name: sessionCookieName(), value: w.value }])).toMatchObject({
      access_token: used, refresh_token: t.refresh_token, name: "Uma US",
    });
  });

  it("the refreshed cookie persists: the next request with it neither refreshes nor rewrites it", async () => {
    const t = token({ expires_at: now() + 60 });
    const first = await route(request(cookieHeader(await encodeSessionToken(t))));
    const { token: fresh } = await first.json();
    const next = await route(request(`theme=dark; ${written(first)!.cookie}`));
    expect(await next.json()).toEqual({ token: fresh });
    expect(next.headers.getSetCookie()).toEqual([]);
    expect(grants()).toBe(1);
  });

  it("50 parallel API requests on an expiring cookie → exactly one grant, every response carries the same new token", async () => {
    const cookie = cookieHeader(await encodeSessionToken(token({ expires_at: now() + 10 })));
    const all = await Promise.all(Array.from({ length: 50 }, (_, i) => route(request(cookie, `/api/contacts?perPage=${i + 1}`))));
    expect(grants()).toBe(1);
    const tokens = await Promise.all(all.map(async (r) => (await r.json()).token));
    expect(new Set(tokens).size).toBe(1);
    const cookies = await Promise.all(all.map(async (r) => (await decodeSessionCookies([{ name: sessionCookieName(), value: written(r)!.value }]))?.access_token));
    expect(new Set(cookies)).toEqual(new Set(tokens));
  });

  it("a dead refresh token: 401 RECONNECT and the session flagged in the cookie, no redirect", async () => {
    zoho.answer = () => ({ body: { error: "invalid_code" } });
    const res = await route(request(cookieHeader(await encodeSessionToken(token({ expires_at: now() - 5 })))));
    expect(res.status).toBe(401);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: "RECONNECT", reconnect: true } });
    expect(await decodeSessionCookies([{ name: sessionCookieName(), value: written(res)!.value }])).toMatchObject({ error: "RefreshFailed" });
  });
});
