/**
 * The command palette and keyboard shortcuts: Ctrl/Cmd-K and the header's Search button open
 * it (its code loads on first open only), it jumps to pages and to deals loaded on the board;
 * `g` shortcuts navigate but not while typing; `?` shows the shortcuts.
 * (Jumping to a contact by keyboard is in a11y.spec.ts.)
 */
import { test, expect, US_USER } from "./fixtures";

test.use({ user: US_USER });

test("g shortcuts go to pages, not while typing in a field; ? lists the shortcuts", async ({
  page,
}) => {
  await page.goto("/pipelines");
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();

  await page.keyboard.press("g");
  await page.keyboard.press("c");
  await expect(page).toHaveURL(/\/contacts$/);
  const search = page.getByRole("searchbox", { name: "Search contacts" });
  await search.focus();
  await page.keyboard.type("gn");
  await expect(search).toHaveValue("gn");
  await expect(page).toHaveURL(/\/contacts(\?|$)/);

  await search.evaluate((el) => (el as HTMLElement).blur());
  for (const [keys, path] of [
    ["o", "/companies"],
    ["n", "/notes"],
    ["p", "/pipelines"],
  ] as const) {
    await page.keyboard.press("g");
    await page.keyboard.press(keys);
    await expect(page).toHaveURL(new RegExp(`${path}(\\?|$)`));
  }

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const k of ["g p", "g c", "g o", "g n", "?"])
    await expect(help.getByText(k, { exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);
});

test("the Search button opens the palette, loaded on demand; it jumps to a loaded deal and to a page", async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.goto("/pipelines");
  const stage = (await page.getByRole("heading", { level: 2 }).first().textContent())!.trim();
  const card = page.getByRole("region", { name: stage, exact: true }).getByRole("link").first();
  await expect(card).toBeVisible();
  const dealName = (await card.textContent())!.trim();
  const dealHref = (await card.getAttribute("href"))!;
  const before = scripts.length;

  await page.getByRole("button", { name: /Search/ }).click();
  const dialog = page.getByRole("dialog", { name: "Command palette" });
  await expect(dialog).toBeVisible();
  expect(scripts.length, "the palette's code is fetched when first needed").toBeGreaterThan(before);
  const input = dialog.getByRole("combobox", { name: "Search or jump to…" });
  await expect(input).toBeFocused();

  await input.fill(dealName.slice(0, 12));
  const option = dialog
    .getByRole("group", { name: "Deals" })
    .getByRole("option", { name: dealName });
  await expect(option).toBeVisible();
  await option.click();
  await expect(page).toHaveURL(new RegExp(`${dealHref}$`));

  await page.keyboard.press("ControlOrMeta+k");
  await expect(dialog).toBeVisible();
  await page.keyboard.type("compan");
  await expect(dialog.getByRole("option", { name: /Companies/ })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/companies$/);
  await expect(dialog).toHaveCount(0);
});
