/**
 * Sign-in, sessions and tokens end to end: real Chromium, real OAuth redirects through the
 * sandbox's consent page, the production build.
 */
import { test, expect, type Page } from "./fixtures";

const TOKEN = /1000\.[0-9a-f]{32}\.[0-9a-f]{32}/;

async function session(page: Page) {
  const res = await page.request.get("/api/auth/session");
  expect(res.ok()).toBe(true);
  return { text: await res.text(), json: (await res.json()) as Record<string, unknown> };
}

/** Fires `n` Bigin-backed API requests at once from the page, as a screen does; returns their statuses. */
async function fireParallel(page: Page, n: number) {
  return page.evaluate(async (count) => {
    const urls = Array.from({ length: count }, (_, i) => `/api/contacts?perPage=5&page=${i + 1}`);
    return Promise.all(urls.map(async (u) => (await fetch(u, { headers: { accept: "application/json" } })).status));
  }, n);
}

const apiCalls = (calls: Record<string, number>) =>
  Object.entries(calls)
    .filter(([k]) => / \/bigin\//.test(k))
    .reduce((sum, [, v]) => sum + v, 0);

test.describe("sign in", () => {
  test("a US user signs in, returns to the page they asked for, and no token reaches the browser", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com", { startAt: "/notes" });
    await expect(page).toHaveURL(/\/notes$/);
    await expect(page.getByRole("button", { name: /Ada Lovelace/ })).toBeVisible();

    const { json, text } = await session(page);
    expect(json).toMatchObject({ user: { name: "Ada Lovelace", email: "ada@example.com" }, dc: "us" });
    expect(Object.keys(json).sort()).toEqual(["dc", "expires", "org", "user"]);
    expect(text).not.toMatch(TOKEN);
    expect(await page.content()).not.toMatch(TOKEN);

    const us = await sandbox.stats("us");
    expect(us.grants.authorization_code).toBe(1);
    expect(us.calls["GET /bigin/v2/users"] ?? 0).toBeGreaterThanOrEqual(1);
    expect(apiCalls((await sandbox.stats("eu")).calls)).toBe(0);
  });

  test("an EU user's token and Bigin calls go to the EU data centre only", async ({ page, signIn, sandbox }) => {
    await signIn(page, "emil@example.eu");
    await expect(page.getByRole("button", { name: /Emil Weber/ })).toBeVisible();
    const { json } = await session(page);
    expect(json).toMatchObject({ dc: "eu", user: { email: "emil@example.eu" }, org: { name: "Nordlicht GmbH" } });

    expect(await fireParallel(page, 2)).toEqual([200, 200]);
    const eu = await sandbox.stats("eu");
    const us = await sandbox.stats("us");
    expect(eu.grants.authorization_code).toBe(1);
    expect(apiCalls(eu.calls)).toBeGreaterThanOrEqual(3);
    expect(us.grants.authorization_code ?? 0).toBe(0);
    expect(apiCalls(us.calls)).toBe(0);
  });

  test("Deny shows a friendly message and a way back", async ({ page, sandbox }) => {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Bigin" }).click();
    await page.waitForURL((u) => u.pathname === "/oauth/v2/auth");
    await page.getByRole("button", { name: "Deny" }).click();

    await expect(page).toHaveURL(/\/signin\?error=AccessDenied/);
    await expect(page.getByText("You chose not to connect Bigin")).toBeVisible();
    await page.getByRole("button", { name: "Sign in with Bigin" }).click();
    await page.waitForURL((u) => u.pathname === "/oauth/v2/auth");
    await expect(page.getByRole("button", { name: "Accept" })).toBeVisible();
    expect((await sandbox.stats("us")).grants.authorization_code ?? 0).toBe(0);
  });

  test("a forged accounts-server stops sign-in with a clear message and sends nothing", async ({ page, sandbox }) => {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Bigin" }).click();
    await page.waitForURL((u) => u.pathname === "/oauth/v2/auth");
    // Replay the callback as an attacker would craft it.
    const consent = new URL(page.url());
    const state = consent.searchParams.get("state") ?? "";
    await page.goto(
      `/api/auth/callback/bigin?state=${encodeURIComponent(state)}&code=1000.forged&location=us&accounts-server=${encodeURIComponent("https://accounts.zoho.com.evil.example")}`,
    );
    await expect(page).toHaveURL(/\/signin\?error=UnknownDataCentre/);
    await expect(page.getByText("Sign-in stopped for your safety")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in with Bigin" })).toBeVisible();
    expect((await sandbox.stats("us")).grants.authorization_code ?? 0).toBe(0);
  });
});

test.describe("tokens", () => {
  test("expired access tokens mid-session: the user notices nothing, one refresh grant", async ({ page, signIn, sandbox }) => {
    await signIn(page, "grace@example.com", { org: "Cobol Works LLC" });
    expect(await fireParallel(page, 1)).toEqual([200]);

    await sandbox.expireTokens();
    // A screen's worth of requests arrive together with the dead token.
    expect(await fireParallel(page, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    // Pages after that use the refreshed cookie.
    await page.reload();
    expect(await fireParallel(page, 3)).toEqual([200, 200, 200]);
    await expect(page.getByRole("button", { name: "Reconnect Bigin" })).toHaveCount(0);

    const us = await sandbox.stats("us");
    expect(us.grants.refresh_token).toBe(1);
    expect((await session(page)).json).toMatchObject({ org: { name: "Cobol Works LLC" } });
  });

  test("50 parallel requests with a dead access token → exactly one refresh grant", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com");
    await sandbox.expireTokens();
    const statuses = await fireParallel(page, 50);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect((await sandbox.stats("us")).grants.refresh_token).toBe(1);
  });

  test("refresh ahead of expiry (API handlers, then the page proxy): no request ever reaches Bigin with a dead token", async ({ page, signIn, sandbox }) => {
    // 12-second tokens: the app refreshes in their last fifth (lib/auth/expiry.ts).
    await sandbox.reset({ accessTokenTtlS: 12 });
    await signIn(page, "ada@example.com");
    await page.waitForTimeout(10_500);
    expect(await fireParallel(page, 10)).toEqual(Array(10).fill(200));
    await page.reload();
    await expect(page.getByRole("button", { name: /Ada Lovelace/ })).toBeVisible();
    const us = await sandbox.stats("us");
    expect(us.grants.refresh_token).toBe(1);
    expect(us.errors.INVALID_TOKEN ?? 0).toBe(0);
  });

  test("API requests alone (no page load, no proxy) refresh ahead of expiry once, and the refreshed cookie sticks", async ({ page, context, signIn, sandbox }) => {
    // /api/* skips proxy.ts: withBigin refreshes and writes the cookie on its own answer.
    await sandbox.reset({ accessTokenTtlS: 12 });
    await signIn(page, "ada@example.com");
    const cookieName = (await context.cookies()).find((c) => /next-auth\.session-token/.test(c.name))!.name;
    const before = (await context.cookies()).find((c) => c.name === cookieName)!.value;
    await page.waitForTimeout(10_500);
    const first = await page.request.get("/api/contacts?perPage=2");
    expect(first.status()).toBe(200);
    const set = first.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${cookieName}=`));
    expect(set, "the refreshed session cookie is written on the API answer").toHaveLength(1);
    expect(set[0].value).toMatch(/HttpOnly/i);
    expect(set[0].value).toMatch(/SameSite=Lax/i);
    const after = (await context.cookies()).find((c) => c.name === cookieName)!.value;
    expect(after, "the browser stored the new cookie").not.toBe(before);
    // Later requests carry the new cookie: no second grant, nothing rewritten.
    for (let i = 0; i < 5; i++) {
      const res = await page.request.get(`/api/contacts?perPage=${i + 1}`);
      expect(res.status()).toBe(200);
      expect(res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie")).toEqual([]);
    }
    const us = await sandbox.stats("us");
    expect(us.grants.refresh_token).toBe(1);
    expect(us.errors.INVALID_TOKEN ?? 0).toBe(0);
  });

  test("revoked connection: one calm Reconnect prompt, no loops, and reconnecting works", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com", { startAt: "/pipelines" });
    await sandbox.revokeTokens();

    expect(await fireParallel(page, 3)).toEqual([401, 401, 401]);
    await page.reload();
    await expect(page).toHaveURL(/\/pipelines/);
    const reconnect = page.getByRole("button", { name: "Reconnect Bigin" });
    await expect(reconnect).toHaveCount(1);
    expect((await session(page)).json).toMatchObject({ error: "RefreshFailed" });
    // Dead refresh token is asked about once, then remembered.
    expect((await sandbox.stats("us")).errors.invalid_code ?? 0).toBeLessThanOrEqual(1);

    await reconnect.click();
    await page.waitForURL((u) => u.pathname === "/oauth/v2/auth");
    await page.getByRole("radio", { name: "ada@example.com" }).check();
    await page.getByRole("button", { name: "Accept" }).click();
    await expect(page).toHaveURL(/\/pipelines/);
    await expect(page.getByRole("button", { name: "Reconnect Bigin" })).toHaveCount(0);
    expect(await fireParallel(page, 2)).toEqual([200, 200]);
    expect((await session(page)).json.error).toBeUndefined();
  });

  test("sign out revokes the refresh token once at the user's DC and clears the session", async ({ page, signIn, sandbox }) => {
    await signIn(page, "emil@example.eu");
    await page.getByRole("button", { name: /Emil Weber/ }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("button", { name: "Sign in with Bigin" })).toBeVisible();

    expect((await sandbox.stats("eu")).revokes).toBe(1);
    expect((await sandbox.stats("us")).revokes).toBe(0);
    expect((await session(page)).json).toEqual({});
    expect((await page.request.get("/api/contacts", { headers: { accept: "application/json" } })).status()).toBe(401);
    await page.goto("/pipelines");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fpipelines/);
  });
});
