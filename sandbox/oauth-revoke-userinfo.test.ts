// POST /oauth/v2/token/revoke and GET /oauth/user/info.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { admin, api, authorize, exchange, refresh, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ seed: { contacts: 3, companies: 1, deals: 19, notes: 0 } });
});
afterAll(() => sb.close());

describe("POST /oauth/v2/token/revoke", () => {
  it("revokes a refresh token and every access token minted from it", async () => {
    const t = await signIn(sb, { accessType: "offline", prompt: "consent" });
    const second = String((await refresh(sb.origins.us, t.refreshToken!)).json.access_token);
    const res = await fetch(`${sb.origins.us}/oauth/v2/token/revoke?token=${t.refreshToken}`, {
      method: "POST",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "success" });
    expect((await refresh(sb.origins.us, t.refreshToken!)).json).toEqual({ error: "invalid_code" });
    for (const token of [t.accessToken, second]) {
      const r = await api(sb.origins.us, token, "GET", "/bigin/v2/org");
      expect(r.status).toBe(401);
      expect(r.json.code).toBe("INVALID_TOKEN");
    }
    expect((await admin(sb.origins.us, "GET", "/stats")).json.revokes).toBeGreaterThanOrEqual(1);
  });

  it("accepts the token in a form body, and revokes single access tokens", async () => {
    const t = await signIn(sb, { accessType: "offline", prompt: "consent" });
    const res = await fetch(`${sb.origins.us}/oauth/v2/token/revoke`, {
      method: "POST",
      body: new URLSearchParams({ token: t.accessToken }),
    });
    expect(res.status).toBe(200);
    expect((await api(sb.origins.us, t.accessToken, "GET", "/bigin/v2/org")).json.code).toBe(
      "INVALID_TOKEN",
    );
    expect((await refresh(sb.origins.us, t.refreshToken!)).json.access_token).toBeDefined();
  });

  it("answers 400 invalid_token for unknown tokens and for another DC's tokens", async () => {
    const unknown = await fetch(`${sb.origins.us}/oauth/v2/token/revoke?token=1000.abc.def`, {
      method: "POST",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: "invalid_token" });
    const eu = await signIn(sb, { user: "emil", accessType: "offline" });
    const wrongDc = await fetch(`${sb.origins.us}/oauth/v2/token/revoke?token=${eu.refreshToken}`, {
      method: "POST",
    });
    expect(wrongDc.status).toBe(400);
  });

  it("after revoking, a new offline consent is a first consent again (refresh token issued)", async () => {
    await admin(sb.origins.us, "POST", "/reset", {});
    const first = await signIn(sb, { accessType: "offline" });
    await fetch(`${sb.origins.us}/oauth/v2/token/revoke?token=${first.refreshToken}`, {
      method: "POST",
    });
    const again = await signIn(sb, { accessType: "offline" });
    expect(again.refreshToken).toBeDefined();
  });
});

describe("GET /oauth/user/info", () => {
  it("returns the Zoho profile with Zoho-oauthtoken or Bearer", async () => {
    const t = await signIn(sb, { user: "grace" });
    for (const scheme of ["Zoho-oauthtoken", "Bearer"]) {
      const res = await fetch(`${sb.origins.us}/oauth/user/info`, {
        headers: { authorization: `${scheme} ${t.accessToken}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        ZUID: 60012345679,
        First_Name: "Grace",
        Last_Name: "Hopper",
        Display_Name: "Grace Hopper",
        Email: "grace@example.com",
      });
    }
  });

  it("rejects missing, unknown and other-DC tokens, and tokens without a profile scope", async () => {
    expect((await fetch(`${sb.origins.us}/oauth/user/info`)).status).toBe(401);
    const eu = await signIn(sb, { user: "emil" });
    expect(
      (
        await fetch(`${sb.origins.us}/oauth/user/info`, {
          headers: { authorization: `Bearer ${eu.accessToken}` },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await fetch(`${sb.origins.eu}/oauth/user/info`, {
          headers: { authorization: `Bearer ${eu.accessToken}` },
        })
      ).status,
    ).toBe(200);
    const q = await authorize(sb.origins.us, { scope: "ZohoBigin.modules.ALL" });
    const { json } = await exchange(sb.origins.us, q.get("code")!);
    const res = await fetch(`${sb.origins.us}/oauth/user/info`, {
      headers: { authorization: `Bearer ${json.access_token}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "invalid_oauthscope" });
  });

  it("accepts the profile scope case-insensitively (AaaServer.profile.Read)", async () => {
    const q = await authorize(sb.origins.us, { scope: "AaaServer.profile.Read" });
    const { json } = await exchange(sb.origins.us, q.get("code")!);
    const res = await fetch(`${sb.origins.us}/oauth/user/info`, {
      headers: { authorization: `Zoho-oauthtoken ${json.access_token}` },
    });
    expect(res.status).toBe(200);
  });
});
