/**
 * Accessibility: an axe scan of every page, in light and in dark mode, with no serious or critical
 * violation; and a core flow done with the keyboard alone, where every focus stop is visible.
 * (The sandbox's consent page is the sandbox's, not ours: out of scope.)
 */
import AxeBuilder from "@axe-core/playwright";
import { test, expect, US_USER, type Page } from "./fixtures";

/** Serious and critical violations on the whole page, one line each, named by `where`. */
async function violations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => {
      const first = v.nodes[0];
      const why = (first?.failureSummary ?? "").split("\n").slice(1, 2).join(" ").trim();
      const nodes = v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 4)
        .join(" | ");
      return `${where} — ${v.id}: ${nodes} — ${first?.html.slice(0, 160)} — ${why}`;
    });
}

/** Ids from our own API (same session), so the walk does not depend on list layouts. */
async function firstIds(page: Page) {
  const get = async (url: string) => {
    const res = await page.request.get(url);
    expect(res.ok(), `${url} → ${res.status()} ${res.ok() ? "" : await res.text()}`).toBe(true);
    return (await res.json()).items as { id: string; email?: string | null }[];
  };
  const pipelines = await get("/api/pipelines");
  const [contacts, companies, deals] = await Promise.all([
    get("/api/contacts?perPage=5"),
    get("/api/companies?perPage=5"),
    get(`/api/deals?pipelineId=${pipelines[0].id}&perPage=5`),
  ]);
  return { contact: contacts[1], company: companies[1].id, deal: deals[1].id };
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`axe, ${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test("sign-in page", async ({ page }) => {
      await page.goto("/signin");
      await expect(page.getByRole("button", { name: "Sign in with Bigin" })).toBeVisible();
      await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
      expect(await violations(page, "/signin")).toEqual([]);
    });

    test.describe("signed in", () => {
      test.use({ user: US_USER });

      test("every page of the app, an open edit form, the palette and the shortcuts help", async ({
        page,
      }) => {
        const ids = await firstIds(page);
        const found: string[] = [];
        const scan = async (where: string) => found.push(...(await violations(page, where)));

        await page.goto("/pipelines");
        await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
        await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
        await scan("/pipelines (board)");

        await page.getByRole("link", { name: "Table", exact: true }).click();
        await expect(page.getByRole("table")).toBeVisible();
        await scan("/pipelines (table)");

        await page.goto(`/pipelines/deals/${ids.deal}`);
        await expect(page.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
        await scan("deal page");

        await page.goto("/contacts");
        await expect(
          page.getByRole("table", { name: "Contacts" }).getByRole("row").nth(1),
        ).toBeVisible();
        await scan("/contacts");

        await page.goto(`/contacts/${ids.contact.id}`);
        await page.getByRole("button", { name: "Edit", exact: true }).click();
        await expect(page.getByRole("button", { name: "Save", exact: true })).toBeVisible();
        await scan("contact page, edit form open");

        await page.goto("/contacts/new");
        await expect(page.getByLabel("Last Name")).toBeVisible();
        await scan("/contacts/new");

        await page.goto("/companies");
        await expect(
          page.getByRole("table", { name: "Companies" }).getByRole("row").nth(1),
        ).toBeVisible();
        await scan("/companies");

        await page.goto(`/companies/${ids.company}`);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.getByRole("region", { name: "Notes", exact: true })).toBeVisible();
        await scan("company page");

        await page.goto("/notes");
        await expect(page.getByRole("article").first()).toBeVisible();
        await scan("/notes");

        await page.keyboard.press("ControlOrMeta+k");
        await expect(page.getByRole("dialog", { name: "Command palette" })).toBeVisible();
        await page.keyboard.type("co");
        await expect(page.getByRole("option", { name: /Contacts/ })).toBeVisible();
        await scan("command palette");
        await page.keyboard.press("Escape");
        await expect(page.getByRole("dialog")).toHaveCount(0);

        await page.keyboard.press("?");
        await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
        await scan("keyboard shortcuts help");

        expect(found).toEqual([]);
      });
    });
  });
}

test.describe("keyboard only", () => {
  test.use({ user: US_USER });

  /** Presses Tab until `target` has focus, checking that every stop on the way shows its focus. */
  async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, max = 80) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const ring =
          (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
        return {
          ring,
          what: `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`,
        };
      });
      if (state) expect(state.ring, `visible focus on ${state.what}`).toBe(true);
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`Tab never reached ${target}`);
  }

  test("palette → contact → edit → save, with visible focus all the way", async ({
    page,
    sandbox,
  }) => {
    const { contact } = await firstIds(page);
    await page.goto("/pipelines");
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();

    await page.keyboard.press("ControlOrMeta+k");
    const input = page.getByRole("combobox", { name: "Search or jump to…" });
    await expect(input).toBeFocused();
    await page.keyboard.type(contact.email!);
    await expect(page.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("option").first()).toContainText(contact.email!);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/contacts/${contact.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    await tabTo(page, page.getByRole("button", { name: "Edit", exact: true }));
    await page.keyboard.press("Enter");
    const title = page
      .getByRole("region", { name: "Edit contact" })
      .getByLabel("Title", { exact: true });
    await tabTo(page, title);
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Head of Keyboards");
    await tabTo(page, page.getByRole("button", { name: "Save", exact: true }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
    await expect
      .poll(async () => (await sandbox.record("Contacts", contact.id))?.Title)
      .toBe("Head of Keyboards");
  });
});
