import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TokenSetParameters } from "openid-client";
import { parseEnv } from "@/lib/env";
import { fakeToken, fakeZoho, type RecordedCall } from "@/lib/auth/testing/fake-zoho";
import { withCallbackParams } from "@/lib/auth/callback-params";
import { BIGIN_SCOPES, BiginProvider, biginProfile } from "./provider";

const env = parseEnv({ NODE_ENV: "production", BIGIN_CLIENT_ID: "1000.ABCDEFGHIJKLMN", BIGIN_CLIENT_SECRET: "s3cret", NEXTAUTH_SECRET: "0123456789abcdef0123" });
const provider = BiginProvider({ clientId: "1000.ABCDEFGHIJKLMN", clientSecret: "s3cret", env });
const callbackUrl = "https://dash.example.com/api/auth/callback/bigin";

type TokenRequest = (ctx: { provider: unknown; params: Record<string, string>; checks: Record<string, string>; client: unknown }) => Promise<{ tokens: TokenSetParameters }>;
const tokenRequest = (provider.token as unknown as { request: TokenRequest }).request;
const userinfoRequest = (provider.userinfo as { request: (ctx: { tokens: TokenSetParameters }) => Promise<unknown> }).request;

function exchange(params: Record<string, string>, checks: Record<string, string> = { state: "st" }) {
  return tokenRequest({ provider: { ...provider, callbackUrl }, params: { state: "st", code: "1000.code", ...params }, checks, client: null });
}

let zoho: ReturnType<typeof fakeZoho>;
let answer: (call: RecordedCall) => { status?: number; body: unknown };

beforeEach(() => {
  answer = (call) => ({
    body: {
      access_token: fakeToken(),
      refresh_token: fakeToken(),
      api_domain: call.url.includes("zoho.eu") ? "https://www.zohoapis.eu" : "https://www.zohoapis.com",
      token_type: "Bearer",
      expires_in: 3600,
    },
  });
  zoho = fakeZoho((c) => answer(c));
  vi.stubGlobal("fetch", zoho.fetch);
});
afterEach(() => vi.unstubAllGlobals());

describe("BiginProvider config", () => {
  it("is a next-auth OAuth provider with id bigin, Bigin scopes, offline access, consent, state and PKCE", () => {
    expect(provider).toMatchObject({ id: "bigin", name: "Bigin", type: "oauth", clientId: "1000.ABCDEFGHIJKLMN" });
    expect(provider.checks).toEqual(["state", "pkce"]);
    const auth = provider.authorization as { url: string; params: Record<string, string> };
    expect(auth.url).toBe("https://accounts.zoho.com/oauth/v2/auth");
    expect(auth.params).toMatchObject({ access_type: "offline", prompt: "consent", response_type: "code" });
    expect(auth.params.scope.split(",")).toEqual([...BIGIN_SCOPES]);
  });

  it("starts at the given accounts server with the given scopes", () => {
    const cn = BiginProvider({ clientId: "a", clientSecret: "b", accountsUrl: "https://accounts.zoho.com.cn/", scopes: ["ZohoBigin.modules.ALL"], pkce: false, env });
    const auth = cn.authorization as { url: string; params: Record<string, string> };
    expect(auth.url).toBe("https://accounts.zoho.com.cn/oauth/v2/auth");
    expect(auth.params.scope).toBe("ZohoBigin.modules.ALL");
    expect(cn.checks).toEqual(["state"]);
  });

  it("builds the profile from ZUID, Email and the name fields", () => {
    expect(biginProfile({ ZUID: 60012345678, First_Name: "Ada", Last_Name: "Lovelace", Email: "ada@example.com" })).toEqual({
      id: "60012345678", name: "Ada Lovelace", email: "ada@example.com", image: null,
    });
    expect(biginProfile({ ZUID: "7", Display_Name: "A. L.", Email: "a@x.io" }).name).toBe("A. L.");
    expect(biginProfile({ ZUID: "7", Email: "a@x.io" }).name).toBe("a@x.io");
  });
});

describe("token request", () => {
  it("exchanges the code at the callback's accounts server (DC switch) and keeps location and accounts-server", async () => {
    const { tokens } = await exchange(
      { location: "eu", "accounts-server": "https://accounts.zoho.eu" },
      { state: "st", code_verifier: "verifier" },
    );
    expect(zoho.calls).toHaveLength(1);
    const call = zoho.calls[0];
    expect(call.url).toBe("https://accounts.zoho.eu/oauth/v2/token");
    expect(call.method).toBe("POST");
    expect(Object.fromEntries(call.params)).toEqual({
      grant_type: "authorization_code",
      client_id: "1000.ABCDEFGHIJKLMN",
      client_secret: "s3cret",
      code: "1000.code",
      redirect_uri: callbackUrl,
      code_verifier: "verifier",
    });
    expect(tokens).toMatchObject({ accounts_server: "https://accounts.zoho.eu", location: "eu", api_domain: "https://www.zohoapis.eu", token_lifetime: 3600 });
    expect(tokens.refresh_token).toMatch(/^1000\./);
  });

  it("reads accounts-server from the raw callback query that next-auth does not pass on", async () => {
    // next-auth gives the token request only code and state; the route keeps the raw query in scope.
    const raw = new URLSearchParams({ state: "st", code: "1000.code", location: "eu", "accounts-server": "https://accounts.zoho.eu" });
    const { tokens } = await withCallbackParams(raw, () => exchange({}));
    expect(zoho.calls[0].url).toBe("https://accounts.zoho.eu/oauth/v2/token");
    expect(tokens).toMatchObject({ location: "eu", accounts_server: "https://accounts.zoho.eu" });

    const forged = new URLSearchParams({ state: "st", code: "1000.code", "accounts-server": "https://evil.example" });
    await expect(withCallbackParams(forged, () => exchange({}))).rejects.toThrow(/not a known Zoho data centre/);
    // A query from another callback (other code) is ignored.
    const other = new URLSearchParams({ state: "st", code: "1000.other", "accounts-server": "https://accounts.zoho.eu" });
    await withCallbackParams(other, () => exchange({}));
    expect(zoho.calls.map((c) => c.url)).toEqual(["https://accounts.zoho.eu/oauth/v2/token", "https://accounts.zoho.com/oauth/v2/token"]);
  });

  it("uses the default accounts server when the callback names none", async () => {
    await exchange({});
    expect(zoho.calls[0].url).toBe("https://accounts.zoho.com/oauth/v2/token");
  });

  it.each([
    "https://evil.example",
    "https://accounts.zoho.com.evil.example",
    "http://accounts.zoho.eu",
    "https://user@accounts.zoho.eu.evil.example",
  ])("refuses accounts-server %s before sending anything", async (host) => {
    await expect(exchange({ "accounts-server": host })).rejects.toThrow(/not a known Zoho data centre/);
    expect(zoho.calls).toHaveLength(0);
  });

  it("treats HTTP-200 bodies with an error key as errors", async () => {
    answer = () => ({ status: 200, body: { error: "invalid_code" } });
    await expect(exchange({ "accounts-server": "https://accounts.zoho.com" })).rejects.toThrow(/invalid_code/);
  });

  it("rejects an api_domain that is not a Zoho API host", async () => {
    answer = () => ({ body: { access_token: fakeToken(), api_domain: "https://www.evilapis.com", expires_in: 3600 } });
    await expect(exchange({})).rejects.toThrow(/API domain/);
  });

  it("checks state itself (custom requests skip openid-client's check)", async () => {
    await expect(exchange({ state: "forged" })).rejects.toThrow(/state/);
    expect(zoho.calls).toHaveLength(0);
  });
});

describe("user info", () => {
  it("asks the user's own DC with the Zoho-oauthtoken scheme", async () => {
    answer = () => ({ body: { ZUID: 1, First_Name: "Eva", Last_Name: "Euro", Email: "eva@example.eu" } });
    const profile = await userinfoRequest({ tokens: { access_token: "1000.at", accounts_server: "https://accounts.zoho.eu" } as TokenSetParameters });
    expect(profile).toMatchObject({ ZUID: 1, Email: "eva@example.eu" });
    expect(zoho.calls[0].url).toBe("https://accounts.zoho.eu/oauth/user/info");
    expect(zoho.calls[0].headers.get("authorization")).toBe("Zoho-oauthtoken 1000.at");
  });

  it("fails on an error body or an unknown host", async () => {
    answer = () => ({ body: { error: "invalid_oauthtoken" } });
    await expect(userinfoRequest({ tokens: { access_token: "x", accounts_server: "https://accounts.zoho.eu" } as TokenSetParameters })).rejects.toThrow(/user info/);
    await expect(userinfoRequest({ tokens: { access_token: "x", accounts_server: "https://evil.example" } as TokenSetParameters })).rejects.toThrow(/not a known/);
    expect(zoho.calls).toHaveLength(1);
  });
});
