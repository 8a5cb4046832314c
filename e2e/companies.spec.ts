/**
 * Companies end to end on the sandbox: list and search, the detail page with its contacts,
 * an edit that persists, and the company type-ahead of the contact form.
 */
import { test, expect } from "./fixtures";

test.describe("companies", () => {
  test("search, open a company, see its contacts, and edit its phone", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com", { startAt: "/companies" });
    const table = page.getByRole("table", { name: "Companies" });
    const first = table.getByRole("row").nth(3).getByRole("link");
    await expect(first).toBeVisible();
    const name = (await first.textContent())!.trim();
    const id = (await first.getAttribute("href"))!.split("/").pop()!;

    const prefix = name.slice(0, 5);
    await page.getByRole("searchbox", { name: "Search companies" }).fill(prefix);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(prefix)}`));
    await expect(page.getByRole("status")).toContainText(`starting with “${prefix}”`);
    for (const text of await table.getByRole("link").allTextContents()) expect(text.toLowerCase().startsWith(prefix.toLowerCase())).toBe(true);

    await table.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    // Related lists load when scrolled into view (each is a Bigin call).
    const contacts = page.getByRole("region", { name: "Contacts" });
    await contacts.scrollIntoViewIfNeeded();
    await expect(contacts.getByRole("link").first().or(contacts.getByText("No contacts at this company yet."))).toBeVisible();
    await expect(page.getByRole("region", { name: "Notes" })).toBeVisible();

    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByLabel("Phone", { exact: true }).fill("+1 555 0100 777");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("link", { name: "+1 555 0100 777" })).toBeVisible();
    await expect.poll(async () => (await sandbox.record("Accounts", id))?.Phone).toBe("+1 555 0100 777");
  });

  test("the contact form's company type-ahead links a contact to the chosen company", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com", { startAt: "/contacts/new" });
    await page.getByLabel("Last Name").fill("Menabrea");
    const combo = page.getByRole("combobox", { name: "Company Name" });
    await combo.fill("Blue");
    const option = page.getByRole("option").first();
    await expect(option).toBeVisible();
    const company = (await option.textContent())!.trim();
    expect(company.startsWith("Blue")).toBe(true);
    await combo.press("ArrowDown");
    await expect(combo).toHaveAttribute("aria-activedescendant", /opt-0$/);
    await combo.press("Enter");
    await expect(combo).toHaveValue(company);
    await expect(combo).toHaveAttribute("aria-expanded", "false");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Menabrea" })).toBeVisible();
    await expect(page.getByRole("link", { name: company }).first()).toHaveAttribute("href", /\/companies\/\d+$/);
    const id = page.url().split("/").pop()!;
    const raw = await sandbox.record("Contacts", id);
    expect((raw?.Account_Name as { name?: string } | null)?.name).toBe(company);
  });
});
