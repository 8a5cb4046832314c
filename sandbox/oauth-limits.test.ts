// Zoho's token limits (bigin-api.md §2.8): refresh rate, live access tokens, refresh tokens per user+client.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Sandbox } from "./server";
import { admin, api, authorize, exchange, refresh, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await admin(sb.origins.us, "POST", "/reset", { contacts: 3, companies: 1, deals: 19, notes: 0 });
});
afterEach(() => vi.useRealTimers());

async function offlineGrant(prompt = true) {
  const q = await authorize(sb.origins.us, {
    accessType: "offline",
    prompt: prompt ? "consent" : undefined,
  });
  const { json } = await exchange(sb.origins.us, q.get("code")!);
  return { access: String(json.access_token), refresh: String(json.refresh_token) };
}
const orgStatus = async (token: string) =>
  (await api(sb.origins.us, token, "GET", "/bigin/v2/org")).json?.code ?? "OK";

describe("refresh-grant rate: 10 access tokens per refresh token per 10 minutes", () => {
  it("denies the 11th refresh with access_denied, then allows again after the window", async () => {
    const g = await offlineGrant();
    for (let i = 0; i < 10; i++)
      expect((await refresh(sb.origins.us, g.refresh)).json.access_token).toBeDefined();
    const denied = await refresh(sb.origins.us, g.refresh);
    expect(denied.status).toBe(200);
    expect(denied.json.error).toBe("access_denied");
    const stats = (await admin(sb.origins.us, "GET", "/stats")).json;
    expect(stats.errors.access_denied).toBe(1);
    expect(stats.grants.refresh_token).toBe(10);
    // Another refresh token of the same user is counted separately.
    const other = await offlineGrant();
    expect((await refresh(sb.origins.us, other.refresh)).json.access_token).toBeDefined();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60_000 + 1000);
    expect((await refresh(sb.origins.us, g.refresh)).json.access_token).toBeDefined();
  });

  it("can be turned off with reset {limits:false}", async () => {
    await admin(sb.origins.us, "POST", "/reset", {
      contacts: 3,
      companies: 1,
      deals: 19,
      notes: 0,
      limits: false,
    });
    const g = await offlineGrant();
    for (let i = 0; i < 25; i++)
      expect((await refresh(sb.origins.us, g.refresh)).json.access_token).toBeDefined();
  });
});

describe("live access tokens per refresh token: 15", () => {
  it("the 16th live access token evicts the oldest", async () => {
    const g = await offlineGrant(); // access token #1
    const minted = [g.access];
    for (let n = 0; n < 14; n++) {
      if (n === 9) {
        vi.useFakeTimers({ toFake: ["Date"] });
        vi.setSystemTime(Date.now() + 10 * 60_000 + 1000); // next rate window
      }
      minted.push(String((await refresh(sb.origins.us, g.refresh)).json.access_token));
    }
    expect(minted).toHaveLength(15);
    expect(await orgStatus(minted[0])).toBe("OK");
    minted.push(String((await refresh(sb.origins.us, g.refresh)).json.access_token)); // 16th
    expect(await orgStatus(minted[0])).toBe("INVALID_TOKEN");
    expect(await orgStatus(minted[1])).toBe("OK");
    expect(await orgStatus(minted[15])).toBe("OK");
  });
});

describe("refresh tokens per user and client: 20", () => {
  it("the 21st evicts the oldest refresh token and its access tokens", async () => {
    const grants = [];
    for (let i = 0; i < 20; i++) grants.push(await offlineGrant());
    expect((await refresh(sb.origins.us, grants[0].refresh)).json.access_token).toBeDefined();
    expect(await orgStatus(grants[0].access)).toBe("OK");
    grants.push(await offlineGrant()); // 21st
    expect((await refresh(sb.origins.us, grants[0].refresh)).json).toEqual({
      error: "invalid_code",
    });
    expect(await orgStatus(grants[0].access)).toBe("INVALID_TOKEN");
    expect((await refresh(sb.origins.us, grants[1].refresh)).json.access_token).toBeDefined();
    expect((await refresh(sb.origins.us, grants[20].refresh)).json.access_token).toBeDefined();
  });

  it("counts per user: another user's refresh tokens are unaffected", async () => {
    const q = await authorize(sb.origins.us, { user: "grace", accessType: "offline" });
    const grace = String((await exchange(sb.origins.us, q.get("code")!)).json.refresh_token);
    for (let i = 0; i < 21; i++) await offlineGrant();
    expect((await refresh(sb.origins.us, grace)).json.access_token).toBeDefined();
  });
});
