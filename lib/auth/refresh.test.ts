import { beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { fakeToken, fakeZoho, type FakeAnswer } from "./testing/fake-zoho";
import { peekRefresh, ReconnectRequiredError, refreshTokens, RefreshUnavailableError, type TokenState } from "./refresh";
import { MemoryRefreshStore, setRefreshStore } from "./refresh-store";

const env = parseEnv({ NODE_ENV: "test", BIGIN_SANDBOX_URL: "http://127.0.0.1:4010" });

function state(over: Partial<TokenState> = {}): TokenState {
  return {
    accessToken: fakeToken(),
    refreshToken: fakeToken(),
    expiresAt: Math.floor(Date.now() / 1000) - 10,
    apiDomain: "https://www.zohoapis.eu",
    accountsServer: "https://accounts.zoho.eu",
    ...over,
  };
}

const ok = (extra: Record<string, unknown> = {}): FakeAnswer => ({
  body: { access_token: fakeToken(), api_domain: "https://www.zohoapis.eu", token_type: "Bearer", expires_in: 3600, ...extra },
  delayMs: 20,
});

beforeEach(() => setRefreshStore(new MemoryRefreshStore()));

describe("refreshTokens", () => {
  it("50 parallel requests with an expired token → exactly one refresh grant", async () => {
    const zoho = fakeZoho(() => ok());
    const s = state();
    const results = await Promise.all(Array.from({ length: 50 }, () => refreshTokens(s, { env, fetch: zoho.fetch })));
    expect(zoho.calls).toHaveLength(1);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(results[0].accessToken).not.toBe(s.accessToken);
    const call = zoho.calls[0];
    expect(call.url).toBe("https://accounts.zoho.eu/oauth/v2/token");
    expect(call.params.get("grant_type")).toBe("refresh_token");
    expect(call.params.get("refresh_token")).toBe(s.refreshToken);
  });

  it("reuses the result for requests that arrive later with the old token, without another grant", async () => {
    const zoho = fakeZoho(() => ok());
    const s = state();
    const first = await refreshTokens(s, { env, fetch: zoho.fetch });
    const late = await refreshTokens({ ...s }, { env, fetch: zoho.fetch });
    expect(late.accessToken).toBe(first.accessToken);
    expect(await peekRefresh(s)).toMatchObject({ accessToken: first.accessToken });
    expect(zoho.calls).toHaveLength(1);
    // The new token itself being rejected later is a new refresh.
    await refreshTokens(first, { env, fetch: zoho.fetch });
    expect(zoho.calls).toHaveLength(2);
  });

  it("keeps the old refresh token when none comes back, uses a new one when it does", async () => {
    const s = state();
    const kept = await refreshTokens(s, { env, fetch: fakeZoho(() => ok()).fetch });
    expect(kept.refreshToken).toBe(s.refreshToken);
    expect(kept.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3500);
    const rotated = fakeToken();
    const s2 = state();
    const next = await refreshTokens(s2, { env, fetch: fakeZoho(() => ok({ refresh_token: rotated })).fetch });
    expect(next.refreshToken).toBe(rotated);
  });

  it.each(["invalid_code", "access_denied"])("HTTP-200 %s is a permanent failure, remembered for every request", async (code) => {
    const zoho = fakeZoho(() => ({ status: 200, body: { error: code } }));
    const s = state();
    const all = await Promise.allSettled(Array.from({ length: 5 }, () => refreshTokens(s, { env, fetch: zoho.fetch })));
    for (const r of all) expect(r.status === "rejected" && r.reason).toBeInstanceOf(ReconnectRequiredError);
    await expect(refreshTokens({ ...s, accessToken: fakeToken() }, { env, fetch: zoho.fetch })).rejects.toBeInstanceOf(ReconnectRequiredError);
    await expect(peekRefresh(s)).rejects.toBeInstanceOf(ReconnectRequiredError);
    expect(zoho.calls).toHaveLength(1);
  });

  it("a 5xx or network failure is transient: not remembered, the next request tries again", async () => {
    let fail = true;
    const zoho = fakeZoho(() => (fail ? { status: 500, body: { message: "down" } } : ok()));
    const s = state();
    await expect(refreshTokens(s, { env, fetch: zoho.fetch })).rejects.toBeInstanceOf(RefreshUnavailableError);
    fail = false;
    await expect(refreshTokens(s, { env, fetch: zoho.fetch })).resolves.toMatchObject({ refreshToken: s.refreshToken });
    expect(zoho.calls).toHaveLength(2);
  });

  it("never sends an 11th refresh grant for one refresh token within 10 minutes (Zoho's limit)", async () => {
    const zoho = fakeZoho(() => ok());
    let s = state();
    for (let i = 0; i < 10; i++) s = await refreshTokens(s, { env, fetch: zoho.fetch });
    await expect(refreshTokens(s, { env, fetch: zoho.fetch })).rejects.toBeInstanceOf(RefreshUnavailableError);
    expect(zoho.calls).toHaveLength(10);
  });

  it("refuses to post a refresh token to an unknown accounts server", async () => {
    const zoho = fakeZoho(() => ok());
    await expect(refreshTokens(state({ accountsServer: "https://evil.example" }), { env, fetch: zoho.fetch })).rejects.toBeInstanceOf(ReconnectRequiredError);
    expect(zoho.calls).toHaveLength(0);
  });
});
