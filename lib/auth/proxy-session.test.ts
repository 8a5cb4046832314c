import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import type { JWT } from "next-auth/jwt";
import { FAKE_US as US, usSessionJwt as token, installFakeZoho } from "./testing/fake-zoho";
import { refreshSessionCookie } from "./proxy-session";
import { decodeSessionCookies, encodeSessionToken, parseCookieHeader, sessionCookieWrites } from "./session-cookie";
import { getConnection, persistConnection, refreshConnection, ReconnectRequiredError } from "./connection";

const now = () => Math.floor(Date.now() / 1000);
const zoho = installFakeZoho();


async function request(t: JWT, path = "/pipelines", extraCookies = "theme=dark") {
  const value = await encodeSessionToken(t);
  return new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { cookie: `${extraCookies}; next-auth.session-token=${value}` } });
}

/** The session as the rest of this request (forwarded headers) and as the browser (Set-Cookie) will see it. */
async function seen(res: Response) {
  const forwarded = res.headers.get("x-middleware-request-cookie");
  const setCookies = res.headers.getSetCookie().map((c) => { const [pair] = c.split(";"); const i = pair.indexOf("="); return { name: pair.slice(0, i), value: pair.slice(i + 1) }; });
  return {
    forwarded: forwarded === null ? null : await decodeSessionCookies(parseCookieHeader(forwarded)),
    forwardedRaw: forwarded,
    browser: setCookies.length ? await decodeSessionCookies(setCookies) : null,
  };
}

describe("proxy refresh", () => {
  it("passes a fresh session through untouched", async () => {
    const res = await refreshSessionCookie(await request(token()));
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(zoho.calls).toHaveLength(0);
  });

  it("refreshes ahead of expiry onto both the forwarded request and the response, keeping other cookies", async () => {
    const old = token({ expires_at: now() + 120 });
    const res = await refreshSessionCookie(await request(old));
    const { forwarded, forwardedRaw, browser } = await seen(res);
    expect(forwarded?.access_token).toBeDefined();
    expect(forwarded?.access_token).not.toBe(old.access_token);
    expect(browser?.access_token).toBe(forwarded?.access_token);
    expect(browser?.refresh_token).toBe(old.refresh_token);
    expect(forwardedRaw).toContain("theme=dark");
    expect(res.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
  });

  it("50 parallel page requests with an expiring token → one refresh grant, all see the same token", async () => {
    const req = await request(token({ expires_at: now() + 10 }));
    const results = await Promise.all(Array.from({ length: 50 }, () => refreshSessionCookie(req)));
    expect(zoho.calls.filter((c) => c.params.get("grant_type") === "refresh_token")).toHaveLength(1);
    const tokens = await Promise.all(results.map(async (r) => (await seen(r)).browser?.access_token));
    expect(new Set(tokens).size).toBe(1);
  });

  it("persists a refresh a route handler did for the same old cookie, without another grant", async () => {
    const old = token();
    const conn = await getConnection(await request(old));
    const refreshed = await refreshConnection(conn!); // Bigin said INVALID_TOKEN
    const res = await refreshSessionCookie(await request(old));
    expect((await seen(res)).browser?.access_token).toBe(refreshed.accessToken);
    expect(zoho.calls).toHaveLength(1);
  });

  it("flags the session when the refresh token is dead — no redirect", async () => {
    zoho.answer = () => ({ body: { error: "invalid_code" } });
    const res = await refreshSessionCookie(await request(token({ expires_at: now() - 5 })));
    expect(res.headers.get("location")).toBeNull();
    expect((await seen(res)).browser?.error).toBe("RefreshFailed");
  });

  it("re-chunks like next-auth: a large session is split and stale chunks are deleted", () => {
    const writes = sessionCookieWrites("x".repeat(9000), ["next-auth.session-token", "other"]);
    expect(writes.map((w) => w.name)).toEqual(["next-auth.session-token.0", "next-auth.session-token.1", "next-auth.session-token.2", "next-auth.session-token"]);
    expect(writes[3].options.maxAge).toBe(0);
    const single = sessionCookieWrites("y", ["next-auth.session-token.0", "next-auth.session-token.1"]);
    expect(single.map((w) => [w.name, w.value])).toEqual([["next-auth.session-token", "y"], ["next-auth.session-token.0", ""], ["next-auth.session-token.1", ""]]);
  });
});

describe("connection for route handlers", () => {
  it("is null without a session and throws ReconnectRequiredError when flagged", async () => {
    expect(await getConnection(new NextRequest("http://127.0.0.1:3000/api/me"))).toBeNull();
    await expect(getConnection(await request(token({ error: "RefreshFailed" }), "/api/me"))).rejects.toBeInstanceOf(ReconnectRequiredError);
  });

  it("describes the connection without refreshing a fresh token", async () => {
    const t = token();
    const conn = await getConnection(await request(t, "/api/me"));
    expect(conn).toEqual({
      accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: t.expires_at, apiDomain: US, accountsServer: US,
      dc: "us", orgId: "9", userKey: "us:9:5001",
    });
    expect(zoho.calls).toHaveLength(0);
  });

  it("INVALID_TOKEN from several handlers at once → one grant; each persists the new cookie", async () => {
    const t = token();
    const reqs = await Promise.all(Array.from({ length: 8 }, () => request(t, "/api/contacts")));
    const conns = await Promise.all(reqs.map((r) => getConnection(r)));
    const next = await Promise.all(conns.map((c) => refreshConnection(c!)));
    expect(new Set(next.map((c) => c.accessToken)).size).toBe(1);
    expect(zoho.calls).toHaveLength(1);
    const res = Response.json({ ok: true });
    await persistConnection(reqs[0], res, next[0]);
    const written = await decodeSessionCookies(res.headers.getSetCookie().map((c) => { const [p] = c.split(";"); return { name: p.split("=")[0], value: p.slice(p.indexOf("=") + 1) }; }));
    expect(written).toMatchObject({ access_token: next[0].accessToken, refresh_token: t.refresh_token, name: "Uma US" });
  });

  it("persists a failure as the RefreshFailed flag, and nothing when unchanged", async () => {
    const t = token();
    const req = await request(t, "/api/contacts");
    const unchanged = Response.json({});
    await persistConnection(req, unchanged, await getConnection(req));
    expect(unchanged.headers.getSetCookie()).toEqual([]);
    zoho.answer = () => ({ body: { error: "invalid_code" } });
    await expect(refreshConnection((await getConnection(req))!)).rejects.toBeInstanceOf(ReconnectRequiredError);
    const failed = Response.json({}, { status: 401 });
    await persistConnection(req, failed, null, { failed: true });
    const [c] = failed.headers.getSetCookie();
    const [pair] = c.split(";");
    expect(await decodeSessionCookies([{ name: pair.split("=")[0], value: pair.slice(pair.indexOf("=") + 1) }])).toMatchObject({ error: "RefreshFailed" });
  });
});
