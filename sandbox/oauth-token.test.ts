// POST /oauth/v2/token: authorization_code and refresh_token grants, errors, consent memory.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Sandbox } from "./server";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  REDIRECT_URI,
  admin,
  api,
  authorize,
  exchange,
  refresh,
  startTestSandbox,
  tokenRequest,
} from "./test-helpers";

const TOKEN_RE = /^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/;
let sb: Sandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await admin(sb.origins.us, "POST", "/reset", { contacts: 5, companies: 2, deals: 19, notes: 3 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("authorization_code grant", () => {
  it("returns Zoho's token JSON; refresh_token only with access_type=offline", async () => {
    const online = await authorize(sb.origins.us);
    const a = await exchange(sb.origins.us, online.get("code")!);
    expect(a.status).toBe(200);
    expect(a.json.access_token).toMatch(TOKEN_RE);
    expect(a.json.refresh_token).toBeUndefined();
    expect(a.json).toMatchObject({
      api_domain: sb.origins.us,
      token_type: "Bearer",
      expires_in: 3600,
    });
    expect(String(a.json.scope).split(" ")).toContain("ZohoBigin.modules.ALL");

    const offline = await authorize(sb.origins.us, { accessType: "offline" });
    const b = await exchange(sb.origins.us, offline.get("code")!);
    expect(b.json.refresh_token).toMatch(TOKEN_RE);
  });

  it("a second offline consent gives no refresh_token unless prompt=consent", async () => {
    const first = await exchange(
      sb.origins.us,
      (await authorize(sb.origins.us, { accessType: "offline" })).get("code")!,
    );
    expect(first.json.refresh_token).toBeDefined();
    const second = await exchange(
      sb.origins.us,
      (await authorize(sb.origins.us, { accessType: "offline" })).get("code")!,
    );
    expect(second.json.access_token).toMatch(TOKEN_RE);
    expect(second.json.refresh_token).toBeUndefined();
    const forced = await exchange(
      sb.origins.us,
      (await authorize(sb.origins.us, { accessType: "offline", prompt: "consent" })).get("code")!,
    );
    expect(forced.json.refresh_token).toMatch(TOKEN_RE);
    // Consent is per user: Grace still gets her first refresh token.
    const grace = await exchange(
      sb.origins.us,
      (await authorize(sb.origins.us, { user: "grace", accessType: "offline" })).get("code")!,
    );
    expect(grace.json.refresh_token).toBeDefined();
  });

  it("codes are single use", async () => {
    const code = (await authorize(sb.origins.us)).get("code")!;
    expect((await exchange(sb.origins.us, code)).json.access_token).toBeDefined();
    expect((await exchange(sb.origins.us, code)).json).toEqual({ error: "invalid_code" });
  });

  it("codes expire after 2 minutes", async () => {
    const code = (await authorize(sb.origins.us)).get("code")!;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 121_000);
    expect((await exchange(sb.origins.us, code)).json).toEqual({ error: "invalid_code" });
  });

  it("a code is only valid on its own DC's accounts server", async () => {
    const code = (await authorize(sb.origins.us, { user: "emil" })).get("code")!;
    expect((await exchange(sb.origins.us, code)).json).toEqual({ error: "invalid_code" });
    expect((await exchange(sb.origins.eu, code)).json.access_token).toBeDefined();
  });

  it("binds the redirect URI", async () => {
    const code = (await authorize(sb.origins.us)).get("code")!;
    const res = await exchange(sb.origins.us, code, {
      redirect_uri: "http://127.0.0.1:3000/api/auth/callback/bigin",
    });
    expect(res).toEqual({ status: 200, json: { error: "invalid_redirect_uri" } });
  });

  it("reports client errors with HTTP 200 and an error key", async () => {
    const code = (await authorize(sb.origins.us)).get("code")!;
    expect((await exchange(sb.origins.us, code, { client_id: "1000.UNKNOWN" })).json).toEqual({
      error: "invalid_client",
    });
    expect((await exchange(sb.origins.us, code, { client_secret: "wrong" })).json).toEqual({
      error: "invalid_client_secret",
    });
    const bad = await exchange(sb.origins.us, code, { grant_type: "password" });
    expect(bad).toEqual({ status: 200, json: { error: "unsupported_grant_type" } });
    expect((await exchange(sb.origins.us, "1000.nope")).json).toEqual({ error: "invalid_code" });
    // The code survived the failed attempts above.
    expect((await exchange(sb.origins.us, code)).json.access_token).toBeDefined();
  });

  it("accepts parameters in the query string and HTTP Basic client auth", async () => {
    const code = (await authorize(sb.origins.us)).get("code")!;
    const qs = new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
    });
    const basic = Buffer.from(`${DEMO_CLIENT_ID}:${DEMO_CLIENT_SECRET}`).toString("base64");
    const res = await fetch(`${sb.origins.us}/oauth/v2/token?${qs}`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}` },
    });
    const json = await res.json();
    expect(json.access_token).toMatch(TOKEN_RE);
  });

  it("adds an id_token when openid or email is requested", async () => {
    const q = await authorize(sb.origins.us, { scope: "ZohoBigin.modules.ALL,openid,email" });
    const { json } = await exchange(sb.origins.us, q.get("code")!);
    const payload = JSON.parse(
      Buffer.from(String(json.id_token).split(".")[1], "base64url").toString(),
    );
    expect(payload).toMatchObject({
      email: "ada@example.com",
      sub: "60012345678",
      aud: DEMO_CLIENT_ID,
    });
  });
});

describe("refresh_token grant", () => {
  it("mints a new access token and no refresh token; both access tokens work", async () => {
    const first = await exchange(
      sb.origins.us,
      (await authorize(sb.origins.us, { accessType: "offline" })).get("code")!,
    );
    const r = await refresh(sb.origins.us, String(first.json.refresh_token));
    expect(r.status).toBe(200);
    expect(r.json.access_token).toMatch(TOKEN_RE);
    expect(r.json.access_token).not.toBe(first.json.access_token);
    expect(r.json.refresh_token).toBeUndefined();
    expect(r.json).toMatchObject({
      api_domain: sb.origins.us,
      token_type: "Bearer",
      expires_in: 3600,
    });
    for (const t of [first.json.access_token, r.json.access_token]) {
      expect((await api(sb.origins.us, String(t), "GET", "/bigin/v2/org")).status).toBe(200);
    }
  });

  it("rejects unknown, foreign-DC and wrong-client refresh tokens with invalid_code", async () => {
    expect((await refresh(sb.origins.us, "1000.x.y")).json).toEqual({ error: "invalid_code" });
    const eu = await exchange(
      sb.origins.eu,
      (await authorize(sb.origins.us, { user: "emil", accessType: "offline" })).get("code")!,
    );
    expect((await refresh(sb.origins.us, String(eu.json.refresh_token))).json).toEqual({
      error: "invalid_code",
    });
    expect(
      (await refresh(sb.origins.eu, String(eu.json.refresh_token))).json.access_token,
    ).toBeDefined();
    const secret = await tokenRequest(sb.origins.eu, {
      grant_type: "refresh_token",
      client_id: DEMO_CLIENT_ID,
      client_secret: "nope",
      refresh_token: String(eu.json.refresh_token),
    });
    expect(secret.json).toEqual({ error: "invalid_client_secret" });
  });

  it("uses SANDBOX_ACCESS_TOKEN_TTL_S (via reset) for expires_in and real expiry", async () => {
    await admin(sb.origins.us, "POST", "/reset", {
      contacts: 5,
      companies: 2,
      deals: 19,
      notes: 3,
      accessTokenTtlS: 60,
    });
    const t = await exchange(sb.origins.us, (await authorize(sb.origins.us)).get("code")!);
    expect(t.json.expires_in).toBe(60);
    const token = String(t.json.access_token);
    expect((await api(sb.origins.us, token, "GET", "/bigin/v2/org")).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    const expired = await api(sb.origins.us, token, "GET", "/bigin/v2/org");
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe("INVALID_TOKEN");
  });
});
