/**
 * Phones (375 × 812, touch): the board is a stage list with a stage picker, the navigation works,
 * every form fits the screen, a contact edit saves and a note can be added — all by tapping.
 */
import { test, expect, US_USER, type Page } from "./fixtures";

test.use({ user: US_USER, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const WIDTH = 375;

/** Nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    WIDTH,
  );
}

/** Every visible control inside `scope` lies within the screen's width. */
async function expectControlsFit(page: Page, scope: string, where: string) {
  const outside = await page.locator(scope).evaluateAll((roots, width) => {
    const out: string[] = [];
    for (const root of roots)
      for (const el of root.querySelectorAll<HTMLElement>(
        "input, select, textarea, button, [role='combobox']",
      )) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue; // hidden
        if (r.left < 0 || r.right > width + 0.5)
          out.push(
            `${el.tagName.toLowerCase()} ${el.getAttribute("aria-label") ?? el.id} [${Math.round(r.left)}, ${Math.round(r.right)}]`,
          );
      }
    return out;
  }, WIDTH);
  expect(outside, `${where}: controls outside the screen`).toEqual([]);
}

async function aContactId(page: Page): Promise<string> {
  const res = await page.request.get("/api/contacts?perPage=5");
  return (await res.json()).items[2].id as string;
}

test("the board is a stage list with a stage picker, deals open, and the navigation works", async ({
  page,
}) => {
  await page.goto("/pipelines");
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(1);
  const picker = page.getByLabel("Show stage");
  await expect(picker).toBeVisible();
  const stages = await picker
    .locator("option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(stages.length).toBeGreaterThan(3);
  await picker.selectOption(stages[1]);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText([stages[1]]);
  await expectNoSidewaysScroll(page);

  const deal = page.getByRole("region", { name: stages[1], exact: true }).getByRole("link").first();
  const name = (await deal.textContent())!.trim();
  await deal.tap();
  await expect(page).toHaveURL(/\/pipelines\/deals\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name.slice(0, 10));
  await expectNoSidewaysScroll(page);

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [label, path, ready] of [
    [
      "Contacts",
      "/contacts",
      () => page.getByRole("table", { name: "Contacts" }).getByRole("row").nth(1),
    ],
    [
      "Companies",
      "/companies",
      () => page.getByRole("table", { name: "Companies" }).getByRole("row").nth(1),
    ],
    ["Notes", "/notes", () => page.getByRole("article").first()],
    ["Pipelines", "/pipelines", () => page.getByRole("heading", { level: 2 })],
  ] as const) {
    await nav.getByRole("link", { name: label }).tap();
    await expect(page).toHaveURL(new RegExp(`${path}(\\?|$)`));
    await expect(ready()).toBeVisible();
    await expectNoSidewaysScroll(page);
  }

  // The command palette works by touch too.
  await page.getByRole("button", { name: /Search/ }).tap();
  await expect(page.getByRole("dialog", { name: "Command palette" })).toBeVisible();
  await page.getByRole("option", { name: /Companies/ }).tap();
  await expect(page).toHaveURL(/\/companies$/);
});

test("every form fits the screen", async ({ page }) => {
  const id = await aContactId(page);

  await page.goto("/contacts/new");
  await expect(page.getByLabel("Last Name")).toBeVisible();
  await expectControlsFit(page, "main", "new contact");
  await expectNoSidewaysScroll(page);

  await page.goto(`/contacts/${id}`);
  await page.getByRole("button", { name: "Edit", exact: true }).tap();
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeVisible();
  await expectControlsFit(page, "main", "contact edit");
  await expectNoSidewaysScroll(page);

  await page.goto("/companies");
  await page
    .getByRole("table", { name: "Companies" })
    .getByRole("row")
    .nth(1)
    .getByRole("link")
    .tap();
  await page.getByRole("button", { name: "Edit", exact: true }).tap();
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeVisible();
  await expectControlsFit(page, "main", "company edit");
  await expectNoSidewaysScroll(page);

  await page.goto("/pipelines");
  await page.getByRole("button", { name: "New deal" }).tap();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectControlsFit(page, "[role='dialog']", "new deal");
  await page.keyboard.press("Escape");

  await page.getByRole("heading", { level: 2 }).waitFor();
  await page
    .getByRole("region")
    .filter({ has: page.getByRole("heading", { level: 2 }) })
    .getByRole("link")
    .first()
    .tap();
  await page.getByRole("button", { name: "Edit", exact: true }).tap();
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeVisible();
  await expectControlsFit(page, "main", "deal edit");
  await expectNoSidewaysScroll(page);
});

test("a contact edit saves and a note can be added, by tapping", async ({ page, sandbox }) => {
  const id = await aContactId(page);
  await page.goto(`/contacts/${id}`);
  await page.getByRole("button", { name: "Edit", exact: true }).tap();
  const title = page
    .getByRole("region", { name: "Edit contact" })
    .getByLabel("Title", { exact: true });
  await title.tap();
  await title.fill("Mobile Lead");
  await page.getByRole("button", { name: "Save", exact: true }).tap();
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
  await expect.poll(async () => (await sandbox.record("Contacts", id))?.Title).toBe("Mobile Lead");

  const notes = page.getByRole("region", { name: "Notes", exact: true });
  const text = `Called from a phone ${Date.now()}`;
  await notes.getByRole("textbox", { name: "Add a note" }).tap();
  await notes.getByRole("textbox", { name: "Add a note" }).fill(text);
  await notes.getByRole("button", { name: "Add note" }).tap();
  await expect(notes.getByRole("article").filter({ hasText: text })).toBeVisible();
  await expect
    .poll(async () =>
      (
        (await (await page.request.get(`/api/contacts/${id}/notes`)).json()).items as {
          content: string;
        }[]
      ).some((n) => n.content === text),
    )
    .toBe(true);
  await expectControlsFit(page, "main", "contact page with notes");
});
