/**
 * The fixtures other suites import: `test.use({ user })` gives a signed-in page as the US or the
 * EU user from a stored session: no sign-in inside the test once the session exists, surviving the
 * per-test reset and a reset inside the test, and healing itself after a test revoked every token.
 */
import { test, expect, EU_USER, US_USER } from "./fixtures";

test.describe("signed in from a stored session (US)", () => {
  test.use({ user: US_USER });

  test("the page is signed in as that user", async ({ page }) => {
    // (After a test that wiped every token, e.g. one without `user`, this signs in once and saves.)
    await page.goto("/contacts");
    await expect(
      page.getByRole("table", { name: "Contacts" }).getByRole("row").nth(1),
    ).toBeVisible();
    expect((await (await page.request.get("/api/me")).json()).email).toBe(US_USER);
  });

  test("the next test reuses the stored session without signing in, and a reset inside keeps it", async ({
    page,
    sandbox,
  }) => {
    await page.goto("/contacts");
    await expect(
      page.getByRole("table", { name: "Contacts" }).getByRole("row").nth(1),
    ).toBeVisible();
    expect((await sandbox.stats("us")).grants.authorization_code ?? 0).toBe(0);

    await sandbox.reset({ contacts: 30 });
    const after = await page.request.get("/api/contacts?perPage=50");
    expect(after.status()).toBe(200);
    expect((await after.json()).items).toHaveLength(30);
  });

  test("after a test revoked every token, the next one is signed in again", async ({
    page,
    sandbox,
  }) => {
    await sandbox.revokeTokens();
    const res = await page.request.get("/api/contacts?perPage=1");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.reconnect).toBe(true);
  });

  test("… like this one", async ({ page }) => {
    await page.goto("/contacts");
    await expect(
      page.getByRole("table", { name: "Contacts" }).getByRole("row").nth(1),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Reconnect Bigin" })).toHaveCount(0);
  });
});

test.describe("signed in from a stored session (EU)", () => {
  test.use({ user: EU_USER });

  test("the EU user's data centre and data", async ({ page, sandbox }) => {
    const me = await (await page.request.get("/api/me")).json();
    expect(me).toMatchObject({ email: EU_USER, dc: "eu" });
    await page.goto("/contacts");
    await expect(
      page.getByRole("table", { name: "Contacts" }).getByRole("row").nth(1),
    ).toBeVisible();
    expect((await sandbox.stats("eu")).calls["GET /bigin/v2/Contacts"]).toBeGreaterThan(0);
    expect((await sandbox.stats("us")).calls["GET /bigin/v2/Contacts"] ?? 0).toBe(0);
  });
});
