import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Account, Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { fakeToken, fakeZoho, type RecordedCall, type FakeAnswer } from "./testing/fake-zoho";
import { authOptions } from "./options";
import { MemoryRefreshStore, setRefreshStore } from "./refresh-store";

// Vitest runs without BIGIN_* variables: sandbox mode, US at 127.0.0.1:4010, EU at :4011.
const EU = "http://127.0.0.1:4011";
const jwt = authOptions.callbacks!.jwt!;
const session = authOptions.callbacks!.session!;

let answer: (c: RecordedCall) => FakeAnswer;
let zoho: ReturnType<typeof fakeZoho>;

beforeEach(() => {
  setRefreshStore(new MemoryRefreshStore());
  answer = (c) => {
    if (c.url.endsWith("/bigin/v2/users?type=CurrentUser")) return { body: { users: [{ id: "6208250000000412001", email: "eva@example.eu" }] } };
    if (c.url.endsWith("/bigin/v2/org")) return { body: { org: [{ id: "6208250000000000111", company_name: "Euro Traders" }] } };
    return { body: { access_token: fakeToken(), api_domain: EU, expires_in: 3600 } };
  };
  zoho = fakeZoho((c) => answer(c));
  vi.stubGlobal("fetch", zoho.fetch);
});
afterEach(() => vi.unstubAllGlobals());

const now = () => Math.floor(Date.now() / 1000);

function signedIn(over: Partial<JWT> = {}): JWT {
  return {
    name: "Eva Euro", email: "eva@example.eu", sub: "7001",
    access_token: fakeToken(), refresh_token: fakeToken(), expires_at: now() + 3600, token_lifetime: 3600,
    api_domain: EU, accounts_server: EU, location: "eu", dc: "eu", org: { id: "1", name: "Euro Traders" },
    ...over,
  };
}

describe("jwt callback", () => {
  it("at sign-in keeps the tokens, hosts and DC, and fetches the Bigin user and org once", async () => {
    const account = {
      provider: "bigin", type: "oauth", providerAccountId: "7001",
      access_token: "1000.at", refresh_token: "1000.rt", expires_at: now() + 3600, token_lifetime: 3600,
      api_domain: EU, accounts_server: EU, location: "eu",
    } as Account;
    const token = await jwt({ token: { name: "Eva Euro", email: "eva@example.eu", sub: "7001" }, account, user: { id: "7001" } } as never);
    expect(token).toMatchObject({
      access_token: "1000.at", refresh_token: "1000.rt", api_domain: EU, accounts_server: EU, location: "eu", dc: "eu",
      org: { id: "6208250000000000111", name: "Euro Traders" }, bigin_user_id: "6208250000000412001",
    });
    expect(zoho.calls.map((c) => c.url).sort()).toEqual([`${EU}/bigin/v2/org`, `${EU}/bigin/v2/users?type=CurrentUser`]);
    expect(zoho.calls[0].headers.get("authorization")).toBe("Zoho-oauthtoken 1000.at");
  });

  it("tolerates Bigin user/org failures at sign-in", async () => {
    answer = () => ({ status: 500, body: { code: "INTERNAL_ERROR" } });
    const account = { provider: "bigin", type: "oauth", providerAccountId: "7", access_token: "a", api_domain: EU, accounts_server: EU } as Account;
    const token = await jwt({ token: { sub: "7" }, account } as never);
    expect(token).toMatchObject({ org: null, bigin_user_id: null, dc: "eu" });
  });

  it("refuses a sign-in whose hosts are not allow-listed", async () => {
    const account = { provider: "bigin", type: "oauth", providerAccountId: "7", access_token: "a", api_domain: "https://evil.example", accounts_server: EU } as Account;
    await expect(jwt({ token: {}, account } as never)).rejects.toThrow(/unknown data centre/);
  });

  it("leaves a fresh token alone and refreshes one within five minutes of expiry", async () => {
    const fresh = signedIn();
    expect(await jwt({ token: fresh } as never)).toBe(fresh);
    expect(zoho.calls).toHaveLength(0);

    const due = signedIn({ expires_at: now() + 200 });
    const next = await jwt({ token: due } as never);
    expect(next.access_token).not.toBe(due.access_token);
    expect(next.refresh_token).toBe(due.refresh_token);
    expect(next.expires_at).toBeGreaterThanOrEqual(now() + 3599);
    expect(zoho.calls).toHaveLength(1);
  });

  it("flags the token when refresh fails for good, and stays flagged without asking again", async () => {
    answer = () => ({ body: { error: "invalid_code" } });
    const t = await jwt({ token: signedIn({ expires_at: now() - 1 }) } as never);
    expect(t.error).toBe("RefreshFailed");
    expect(await jwt({ token: t } as never)).toBe(t);
    expect(zoho.calls).toHaveLength(1);
  });
});

describe("session callback", () => {
  it("exposes name, email, data centre, org and the error flag — never a token", async () => {
    const token = signedIn({ error: "RefreshFailed", bigin_user_id: "42" });
    const s = (await session({ session: { user: { name: "x", email: "y", image: "z" }, expires: "2099-01-01T00:00:00.000Z" } as unknown as Session, token } as never)) as Session;
    expect(s).toEqual({
      user: { name: "Eva Euro", email: "eva@example.eu" },
      dc: "eu",
      org: { id: "1", name: "Euro Traders" },
      error: "RefreshFailed",
      expires: "2099-01-01T00:00:00.000Z",
    });
    const text = JSON.stringify(s);
    for (const secret of [token.access_token!, token.refresh_token!, EU]) expect(text).not.toContain(secret);
  });
});
