/**
 * Contacts end to end on the sandbox: search by name and email, edit that persists in Bigin,
 * inline validation that sends nothing, create, delete, CSV export of the current view, and
 * paging past 2,000 records with a bounded DOM.
 */
import { readFile } from "node:fs/promises";
import { test, expect, EU_USER, US_USER, type Page } from "./fixtures";

const table = (page: Page) => page.getByRole("table", { name: "Contacts" });
const search = (page: Page) => page.getByRole("searchbox", { name: "Search contacts" });
const status = (page: Page) => page.getByRole("status").filter({ hasText: /contact/ });

/** A seeded contact as the list shows it (the 4th row), with its raw stored record. */
async function pickContact(page: Page, sandbox: { record(m: string, id: string): Promise<Record<string, unknown> | null> }) {
  const link = table(page).getByRole("row").nth(4).getByRole("link");
  const name = (await link.textContent())!.trim();
  const id = (await link.getAttribute("href"))!.split("/").pop()!;
  const raw = (await sandbox.record("Contacts", id))!;
  return { id, name, raw };
}

/** Bigin writes counted by the sandbox (any POST/PUT/DELETE under /bigin/). */
function writes(calls: Record<string, number>) {
  return Object.entries(calls)
    .filter(([k]) => /^(POST|PUT|PATCH|DELETE) \/bigin\//.test(k))
    .reduce((n, [, v]) => n + v, 0);
}

test.describe("contacts", () => {
  test("search finds a seeded contact by name and by email, and the query is kept in the URL", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com", { startAt: "/contacts" });
    await expect(table(page).getByRole("row").nth(4)).toBeVisible();
    const { name, raw } = await pickContact(page, sandbox);
    const lastName = String(raw.Last_Name);
    const email = String(raw.Email);
    expect(name).toContain(lastName);

    await search(page).fill(lastName);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(lastName)}`));
    await expect(status(page)).toContainText(`match “${lastName}”`);
    await expect(table(page).getByRole("link", { name, exact: true }).first()).toBeVisible();
    // Every row found has the word somewhere: the list really is filtered.
    const rowCount = await table(page).getByRole("row").count();
    expect(rowCount).toBeLessThan(60);

    await search(page).fill(email);
    await expect(status(page)).toContainText(/1 contact match/);
    await expect(table(page).getByRole("link", { name, exact: true })).toBeVisible();
    await expect(table(page).getByRole("row")).toHaveCount(2); // header + the one match

    // The URL carries the search: a reload shows the same result.
    await page.reload();
    await expect(search(page)).toHaveValue(email);
    await expect(table(page).getByRole("link", { name, exact: true })).toBeVisible();
  });

  test("an edited email persists in Bigin", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com", { startAt: "/contacts" });
    await expect(table(page).getByRole("row").nth(4)).toBeVisible();
    const { id, name } = await pickContact(page, sandbox);
    await table(page).getByRole("link", { name, exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${id}$`));
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    // Notes first (Bigin's own record page does the same); deals one tab away.
    await expect(page.getByRole("tab", { name: "Notes" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("region", { name: "Notes" })).toBeVisible();
    await page.getByRole("tab", { name: /^Deals/ }).click();
    const deals = page.getByRole("tabpanel", { name: /^Deals/ });
    await expect(deals.getByRole("link").first().or(deals.getByText("No deals yet."))).toBeVisible();

    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const newEmail = `edited.${Date.now()}@example.org`;
    await page.getByLabel("Email", { exact: true }).fill(newEmail);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: newEmail })).toBeVisible();
    await expect.poll(async () => (await sandbox.record("Contacts", id))?.Email).toBe(newEmail);

    // And after a reload, from Bigin again.
    await page.reload();
    await expect(page.getByRole("link", { name: newEmail })).toBeVisible();
  });

  test("a missing Last Name shows an inline error and sends nothing; filling it in creates the contact", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com", { startAt: "/contacts" });
    await page.getByRole("button", { name: "New contact" }).click();
    await expect(page).toHaveURL(/\/contacts\/new$/);
    await expect(page.getByRole("heading", { level: 1, name: "New contact" })).toBeVisible();
    const before = writes((await sandbox.stats("us")).calls);
    const apiWrites: string[] = [];
    page.on("request", (r) => {
      if (r.method() !== "GET" && r.url().includes("/api/contacts")) apiWrites.push(r.url());
    });

    await page.getByLabel("First Name").fill("Augusta");
    await page.getByLabel("Email", { exact: true }).fill("not-an-email");
    await page.getByRole("button", { name: "Save", exact: true }).click();

    const lastName = page.getByLabel("Last Name");
    await expect(lastName).toHaveAttribute("aria-invalid", "true");
    await expect(lastName).toBeFocused();
    await expect(page.getByText("Last Name is required.")).toBeVisible();
    await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
    expect(apiWrites).toEqual([]);
    expect(writes((await sandbox.stats("us")).calls)).toBe(before);

    await lastName.fill("King");
    await page.getByLabel("Email", { exact: true }).fill("augusta.king@example.org");
    await expect(page.getByText("Last Name is required.")).toBeHidden();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Augusta King" })).toBeVisible();
    const id = page.url().split("/").pop()!;
    expect(await sandbox.record("Contacts", id)).toMatchObject({ First_Name: "Augusta", Last_Name: "King", Email: "augusta.king@example.org" });
  });

  test("delete asks for confirmation, then removes the contact from Bigin", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com", { startAt: "/contacts" });
    await expect(table(page).getByRole("row").nth(4)).toBeVisible();
    const { id, name } = await pickContact(page, sandbox);
    await page.goto(`/contacts/${id}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this contact?" });
    await expect(dialog).toContainText(name);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    expect(await sandbox.record("Contacts", id)).not.toBeNull();

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page).toHaveURL(/\/contacts$/);
    await expect.poll(() => sandbox.record("Contacts", id)).toBeNull();
    await expect(table(page).getByRole("row").nth(4)).toBeVisible();
    await expect(table(page).locator(`a[href="/contacts/${id}"]`)).toHaveCount(0);
  });

  test("Export CSV downloads the visible columns of the rows in view", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com", { startAt: "/contacts" });
    await expect(table(page).getByRole("row").nth(4)).toBeVisible();
    const { raw } = await pickContact(page, sandbox);
    const lastName = String(raw.Last_Name);

    // Hide one column, show another: the export follows the chooser.
    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("checkbox", { name: "Title" }).uncheck();
    await page.getByRole("checkbox", { name: "Mailing City" }).check();
    await page.keyboard.press("Escape");
    await expect(table(page).getByRole("columnheader", { name: /Title/ })).toHaveCount(0);
    await expect(table(page).getByRole("columnheader", { name: /Mailing City/ })).toBeVisible();

    await search(page).fill(lastName);
    await expect(status(page)).toContainText(`match “${lastName}”`);
    const found = Number(/(\d+) contacts? match/.exec((await status(page).textContent()) ?? "")?.[1]);
    const names = await table(page).getByRole("row").getByRole("link").allTextContents();
    expect(names.length).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Name,Email,Phone,Company Name,Mailing City,Modified Time");
    // Every row of the view, not just the rendered ones, in the order shown.
    expect(lines.length - 1).toBe(found);
    expect(lines.slice(1, names.length + 1).map((l) => l.split(",")[0].replace(/^"|"$/g, ""))).toEqual(names);
  });

  test("sorting says plainly what Bigin sorts and what is sorted within the loaded rows", async ({ page, signIn }) => {
    await signIn(page, "ada@example.com", { startAt: "/contacts" });
    await expect(table(page).getByRole("row").nth(4)).toBeVisible();

    await table(page).getByRole("button", { name: /^Email/ }).click();
    await expect(page).toHaveURL(/sort=email&dir=asc/);
    await expect(table(page).getByRole("columnheader", { name: /Email/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(page.getByText(/Sorted by Email within the loaded rows/)).toBeVisible();
    const emails: string[] = [];
    for (let i = 1; i <= 8; i++) emails.push((await table(page).getByRole("row").nth(i).getByRole("cell").nth(1).textContent()) ?? "");
    expect(emails).toEqual([...emails].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true })));

    await table(page).getByRole("button", { name: /^Modified Time/ }).click();
    await expect(page).toHaveURL(/sort=modified&dir=desc/);
    await expect(table(page).getByRole("columnheader", { name: /Modified Time/ })).toHaveAttribute("aria-sort", "descending");
    await expect(page.getByText(/within the loaded rows/)).toBeHidden();

    await search(page).fill("Smith");
    await expect(page.getByText(/Bigin can't sort search results/)).toBeVisible();
  });

  test("scrolls through more than 2,000 contacts with page tokens and a bounded DOM", async ({ page, signIn, sandbox }) => {
    test.setTimeout(120_000);
    await sandbox.reset({ contacts: 2300 });
    await signIn(page, "ada@example.com", { startAt: "/contacts" });
    await expect(table(page).getByRole("row").nth(4)).toBeVisible();
    const region = page.getByRole("region", { name: "Contacts list" });
    let maxRows = 0;
    for (let i = 0; i < 80; i++) {
      maxRows = Math.max(maxRows, await table(page).locator("tbody tr").count());
      if (await page.getByText("All 2300 loaded.").isVisible()) break;
      await region.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await page.waitForFunction(() => !document.querySelector('table[aria-busy="true"]'));
    }
    await expect(page.getByText("All 2300 loaded.")).toBeVisible();
    await expect(status(page)).toContainText("Showing 2300 contacts");
    expect(maxRows).toBeLessThanOrEqual(60);
    const calls = (await sandbox.stats("us")).calls;
    expect(calls["GET /bigin/v2/Contacts"]).toBe(12); // 200 per call: 2,300 rows in 12 calls, none repeated
  });
});

/** Bigin calls of one DC since `before`, by `METHOD path-template`, only those that changed. */
function callsSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).flatMap(([k, v]) => (v > (before[k] ?? 0) ? [[k, v - (before[k] ?? 0)]] : [])));
}

test.describe("contact page: related records in tabs, labels before metadata", () => {
  test.describe("US", () => {
    test.use({ user: US_USER });

    test("Notes tab first; the Deals tab loads the contact's deals of every team pipeline only when opened, with their count; arrow keys and ?tab=deals", async ({
      page,
      sandbox,
    }) => {
      // A fresh contact with one deal in each of two team pipelines, made through our own API.
      const post = async (url: string, fields: Record<string, unknown>) => {
        const res = await page.request.post(url, { data: { fields }, headers: { origin: new URL(page.url()).origin } });
        expect(res.status(), await res.text()).toBe(201);
        return (await res.json()).item as { id: string };
      };
      await page.goto("/contacts");
      const contact = await post("/api/contacts", { First_Name: "Tabitha", Last_Name: `Tabs ${Date.now()}` });
      const pipelines = (await (await page.request.get("/api/pipelines")).json()).items as {
        id: string;
        name: string;
        subPipelines: { name: string; stages: { name: string }[] }[];
      }[];
      expect(pipelines.length).toBeGreaterThanOrEqual(2);
      const made = [];
      for (const [i, p] of pipelines.slice(0, 2).entries()) {
        const sp = p.subPipelines[0];
        const stage = sp.stages[1] ?? sp.stages[0];
        const name = `Tab deal ${i + 1} ${Date.now()}`;
        await post("/api/deals", { Deal_Name: name, Pipeline: p.id, Sub_Pipeline: sp.name, Stage: stage.name, Contact_Name: contact.id });
        made.push({ name, pipeline: p.name, stage: stage.name });
      }

      const dealRequests: string[] = [];
      page.on("request", (r) => {
        if (r.url().includes(`/api/contacts/${contact.id}/deals`)) dealRequests.push(r.url());
      });
      const before = (await sandbox.stats("us")).calls;
      await page.goto(`/contacts/${contact.id}`);
      await expect(page.getByRole("heading", { level: 1, name: /^Tabitha Tabs/ })).toBeVisible();

      // Notes: selected by default, its region and composer visible without a click.
      const notesTab = page.getByRole("tab", { name: "Notes" });
      const dealsTab = page.getByRole("tab", { name: /^Deals/ });
      await expect(notesTab).toHaveAttribute("aria-selected", "true");
      await expect(dealsTab).toHaveAttribute("aria-selected", "false");
      const notes = page.getByRole("region", { name: "Notes" });
      await expect(notes.getByRole("textbox", { name: "Add a note" })).toBeVisible();
      await expect(notes.getByRole("button", { name: "Add note" })).toBeVisible();
      await expect(notes.getByText("No notes yet.")).toBeVisible();

      // The first view asked Bigin for the contact and its notes — nothing about deals or metadata.
      await page.waitForLoadState("networkidle");
      const firstView = callsSince(before, (await sandbox.stats("us")).calls);
      expect(Object.keys(firstView).filter((k) => k.includes("Pipelines") || k.includes("settings"))).toEqual([]);
      expect(dealRequests).toEqual([]);
      await expect(dealsTab).toHaveText("Deals");

      // Keyboard: focus the selected tab, arrow right opens Deals.
      await notesTab.focus();
      await page.keyboard.press("ArrowRight");
      await expect(dealsTab).toBeFocused();
      await expect(dealsTab).toHaveAttribute("aria-selected", "true");
      await expect(page).toHaveURL(new RegExp(`/contacts/${contact.id}\\?tab=deals$`));
      const panel = page.getByRole("tabpanel", { name: /^Deals/ });
      for (const d of made) {
        const item = panel.getByRole("listitem").filter({ has: page.getByRole("link", { name: d.name }) });
        await expect(item).toContainText(d.pipeline);
        await expect(item).toContainText(d.stage);
      }
      await expect(dealsTab).toHaveText("Deals (2)");
      // One Bigin call for every team pipeline (the prefetch on focus and the tab share it).
      const opened = callsSince(before, (await sandbox.stats("us")).calls);
      expect(Object.entries(opened).filter(([k]) => k.includes("Pipelines"))).toEqual([["GET /bigin/v2/Pipelines/search", 1]]);
      // Notes hidden, still there (a half-typed note survives a look at the deals).
      await expect(notes).toBeHidden();

      await page.keyboard.press("ArrowLeft");
      await expect(notesTab).toBeFocused();
      await expect(notesTab).toHaveAttribute("aria-selected", "true");
      await expect(notes).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`/contacts/${contact.id}$`));

      // A shared link opens the Deals tab.
      await page.goto(`/contacts/${contact.id}?tab=deals`);
      await expect(dealsTab).toHaveAttribute("aria-selected", "true");
      await expect(panel.getByRole("link", { name: made[0].name })).toBeVisible();
      await expect(dealsTab).toHaveText("Deals (2)");
    });
  });

  test.describe("EU (no other suite reads the EU org's field metadata: the server's cache is cold)", () => {
    test.use({ user: EU_USER });

    test("Details show the values with Bigin's labels before any field metadata; Edit loads it once and opens the form", async ({ page, sandbox }) => {
      const c = (await (await page.request.get("/api/contacts?perPage=3")).json()).items[1] as {
        id: string;
        fullName: string;
        email: string | null;
        company: { name: string } | null;
        lastName: string;
      };
      const fieldRequests: string[] = [];
      page.on("request", (r) => {
        if (r.url().includes("/api/fields/")) fieldRequests.push(r.url());
      });
      const before = (await sandbox.stats("eu")).calls;
      await page.goto(`/contacts/${c.id}`);
      await expect(page.getByRole("heading", { level: 1, name: c.fullName })).toBeVisible();
      // The card is "Details", or "Edit contact" while editing.
      const card = page.getByRole("region", { name: /^(Details|Edit contact)$/ });
      const value = (label: string) => card.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");
      await expect(value("Last Name")).toHaveText(c.lastName);
      if (c.email) await expect(value("Email")).toHaveText(c.email);
      if (c.company) await expect(value("Company Name")).toHaveText(c.company.name);
      await page.waitForLoadState("networkidle");
      // No metadata yet: neither from Bigin nor asked of our API.
      expect(callsSince(before, (await sandbox.stats("eu")).calls)["GET /bigin/v2/settings/fields"]).toBeUndefined();
      expect(fieldRequests).toEqual([]);

      // Pointing at Edit asks for the metadata; here our API fails at first (Bigin isn't reached).
      let failing = true;
      await page.route("**/api/fields/Contacts", (route) =>
        failing
          ? route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "BIGIN_UNAVAILABLE", message: "Bigin is busy" } }) })
          : route.fallback(),
      );
      const edit = page.getByRole("button", { name: "Edit", exact: true });
      await expect(edit).toBeEnabled();
      await edit.hover();
      await expect.poll(() => fieldRequests.length).toBeGreaterThan(0);
      await edit.click();
      const form = page.getByRole("region", { name: "Edit contact" });
      const alert = form.getByRole("alert");
      await expect(alert).toContainText("Couldn't load the contact's fields");
      await expect(form.getByRole("button", { name: "Cancel" })).toBeVisible();
      await expect(value("Last Name")).toHaveText(c.lastName); // the values stay in view

      // Try again: one Bigin call (the cache was cold), and the form, labelled by Bigin.
      failing = false;
      await alert.getByRole("button", { name: "Try again" }).click();
      await expect(form.getByRole("textbox", { name: "Last Name", exact: true })).toHaveValue(c.lastName);
      if (c.email) await expect(form.getByRole("textbox", { name: "Email", exact: true })).toHaveValue(c.email);
      await expect(form.getByRole("textbox", { name: "Mailing City", exact: true })).toBeVisible();
      expect(callsSince(before, (await sandbox.stats("eu")).calls)["GET /bigin/v2/settings/fields"]).toBe(1);

      // Cancel: the same values, now labelled from the real metadata.
      await form.getByRole("button", { name: "Cancel" }).click();
      await expect(value("Last Name")).toHaveText(c.lastName);

      // Now the server has the metadata: a reload sends it along, Edit opens at once, no more calls.
      const loaded = fieldRequests.length;
      await page.reload();
      await page.getByRole("button", { name: "Edit", exact: true }).click();
      await expect(form.getByRole("textbox", { name: "Last Name", exact: true })).toHaveValue(c.lastName);
      expect(fieldRequests).toHaveLength(loaded);
      expect(callsSince(before, (await sandbox.stats("eu")).calls)["GET /bigin/v2/settings/fields"]).toBe(1);
    });
  });
});
