/**
 * Smoke tests against a REAL Bigin org, through a self-client refresh token
 * (`npm run bigin:self-client -- --code … [--dc eu]` prints one). Skipped unless
 * BIGIN_SELF_CLIENT_REFRESH_TOKEN is set. Also read: BIGIN_SELF_CLIENT_DC (default us),
 * BIGIN_SELF_CLIENT_ID / BIGIN_SELF_CLIENT_SECRET (default BIGIN_CLIENT_ID / BIGIN_CLIENT_SECRET).
 * BIGIN_SELF_CLIENT_SANDBOX_URL points the suite at a sandbox instead, to check the suite itself.
 *
 * Costs: one refresh grant (Zoho allows 10 per 10 minutes) and three read API calls. Never revokes.
 */
import { test, expect } from "@playwright/test";
import { DATA_CENTRES, dcForApiDomain } from "../lib/bigin/data-centres";
import { fetchBiginIdentity } from "../lib/auth/bigin-identity";
import { refreshGrant, ZohoTokenError, type ZohoTokenResponse } from "../lib/auth/zoho-tokens";
import { parseEnv, sandboxOrigins, type AppEnv } from "../lib/env";

const refreshToken = process.env.BIGIN_SELF_CLIENT_REFRESH_TOKEN;
const dc = (process.env.BIGIN_SELF_CLIENT_DC || "us").toLowerCase();

test.describe("real Bigin (self client)", () => {
  test.skip(!refreshToken, "BIGIN_SELF_CLIENT_REFRESH_TOKEN is not set: real-Bigin smoke tests skipped");
  test.describe.configure({ mode: "serial" });

  let env: AppEnv;
  let accountsServer: string;
  let tokens: ZohoTokenResponse;

  test.beforeAll(() => {
    env = parseEnv({
      NODE_ENV: "test",
      BIGIN_CLIENT_ID: process.env.BIGIN_SELF_CLIENT_ID || process.env.BIGIN_CLIENT_ID,
      BIGIN_CLIENT_SECRET: process.env.BIGIN_SELF_CLIENT_SECRET || process.env.BIGIN_CLIENT_SECRET,
      BIGIN_SANDBOX_URL: process.env.BIGIN_SELF_CLIENT_SANDBOX_URL,
    });
    const server = env.sandbox && process.env.BIGIN_SELF_CLIENT_SANDBOX_URL ? sandboxOrigins(env).get(dc) : DATA_CENTRES.find((d) => d.dc === dc)?.accountsServer;
    if (!server) throw new Error(`BIGIN_SELF_CLIENT_DC must be one of ${DATA_CENTRES.map((d) => d.dc).join(", ")}`);
    accountsServer = server;
  });

  test("the refresh token mints an access token at its own DC, with an allow-listed api_domain", async () => {
    tokens = await refreshGrant({ accountsServer, refreshToken: refreshToken! }, { env });
    expect(tokens.access_token).toMatch(/^1000\./);
    expect(tokens.refresh_token).toBeUndefined(); // Zoho refresh tokens do not rotate
    expect(tokens.expires_in).toBeGreaterThan(600);
    expect(dcForApiDomain(tokens.api_domain, env)).toBe(dc);
  });

  test("the token identifies the Bigin user and org", async () => {
    const identity = await fetchBiginIdentity({ apiDomain: tokens.api_domain, accessToken: tokens.access_token }, { env });
    expect(identity.userId).toMatch(/^\d+$/);
    expect(identity.org?.id).toMatch(/^\d+$/);
  });

  test("a Contacts read works with the Zoho-oauthtoken scheme", async () => {
    const res = await fetch(`${tokens.api_domain}/bigin/v2/Contacts?fields=Last_Name,Email&per_page=1`, {
      headers: { authorization: `Zoho-oauthtoken ${tokens.access_token}` },
    });
    expect([200, 204]).toContain(res.status);
  });

  test("a bad refresh token is refused with an error body (HTTP 200 on Zoho), as a permanent failure", async () => {
    const error = await refreshGrant({ accountsServer, refreshToken: "1000.0000.0000" }, { env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoTokenError);
    expect((error as ZohoTokenError).permanent).toBe(true);
  });
});
