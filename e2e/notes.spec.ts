/**
 * Notes end to end on the sandbox: add, edit in place and delete (with Undo) on a contact and on
 * a deal, each checked in the sandbox's stored record; XSS payloads stay text; /notes lists the
 * new note, filters by module in the URL, and links to its parent; a failed save keeps the text;
 * closing the tab inside the Undo window still deletes.
 */
import { test, expect, type Page } from "./fixtures";

type Sandbox = { record(module: string, id: string): Promise<Record<string, unknown> | null> };

const notesRegion = (page: Page) => page.getByRole("region", { name: "Notes", exact: true });
const noteArticle = (page: Page, text: string) => notesRegion(page).getByRole("article").filter({ hasText: text });

/** Ids come from our own API (same session); pages are reached by URL. */
async function aContactId(page: Page): Promise<string> {
  const res = await page.request.get("/api/contacts?perPage=5");
  expect(res.ok()).toBe(true);
  return (await res.json()).items[3].id as string;
}

async function aDealId(page: Page): Promise<string> {
  const pipelines = await (await page.request.get("/api/pipelines")).json();
  const res = await page.request.get(`/api/deals?pipelineId=${pipelines.items[0].id}&perPage=5`);
  expect(res.ok()).toBe(true);
  return (await res.json()).items[2].id as string;
}

/** The id of the note whose content contains `marker`, from the stored notes of its parent. */
async function noteIdByMarker(page: Page, listPath: string, marker: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const items = (await (await page.request.get(listPath)).json()).items as { id: string; content: string }[];
      id = items.find((n) => n.content.includes(marker))?.id;
      return id;
    })
    .toBeTruthy();
  return id!;
}

async function addNote(page: Page, content: string, title?: string) {
  const region = notesRegion(page);
  await region.getByRole("textbox", { name: "Add a note" }).fill(content);
  if (title) await region.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await region.getByRole("button", { name: "Add note" }).click();
}

/** Edit in place: Edit → change the text → Save. */
async function editNote(page: Page, currentText: string, next: string) {
  await noteArticle(page, currentText).getByRole("button", { name: /^Edit note/ }).click();
  const form = notesRegion(page).getByRole("form", { name: /^Edit note/ });
  await form.getByRole("textbox", { name: "Note text" }).fill(next);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
  await expect(noteArticle(page, next.split("\n")[0]).getByRole("button", { name: /^Edit note/ })).toBeVisible();
}

async function expectStored(sandbox: Sandbox, id: string, fields: Record<string, unknown>) {
  await expect.poll(async () => sandbox.record("Notes", id)).toMatchObject(fields);
}

test.describe("notes", () => {
  test("on a contact: add with a title, XSS stays text, edit, /notes lists it, delete with Undo", async ({
    page,
    signIn,
    sandbox,
  }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, "ada@example.com");
    const contactId = await aContactId(page);
    const contactName = String((await sandbox.record("Contacts", contactId))!.Last_Name);
    await page.goto(`/contacts/${contactId}`);
    await expect(notesRegion(page).getByRole("textbox", { name: "Add a note" })).toBeEditable();
    await expect(notesRegion(page).getByRole("status", { name: "Loading notes" })).toHaveCount(0);

    const marker = `m${Date.now()}`;
    const content = [
      `Call recap ${marker}`,
      "Next step: https://example.com/proposal?v=2.",
      '<script>window.__xss = "script"</script>',
      '<img src=x onerror="window.__xss = \'img\'">',
      "javascript:window.__xss='js'",
    ].join("\n");
    await addNote(page, content, "Discovery call");

    // Shown at once, newest first, with author and relative time; persisted once saved.
    const article = noteArticle(page, `Call recap ${marker}`);
    await expect(notesRegion(page).getByRole("article").first()).toContainText(marker);
    await expect(article.getByRole("button", { name: /^Edit note/ })).toBeVisible();
    await expect(article).toContainText("Ada Lovelace");
    await expect(article).toContainText("just now");
    const noteId = await noteIdByMarker(page, `/api/contacts/${contactId}/notes`, marker);
    await expectStored(sandbox, noteId, {
      Note_Title: "Discovery call",
      Note_Content: content,
      Parent_Id: expect.objectContaining({ id: contactId }),
    });
    await expect(notesRegion(page).getByRole("textbox", { name: "Add a note" })).toHaveValue("");

    // Payloads render as text, line breaks kept; only the https URL is a link, and a safe one.
    await expect(article).toContainText('<script>window.__xss = "script"</script>');
    await expect(article).toContainText('<img src=x onerror="window.__xss = \'img\'">');
    await expect(article.locator("img, script")).toHaveCount(0);
    const links = article.getByRole("link");
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute("href", "https://example.com/proposal?v=2");
    await expect(links).toHaveAttribute("rel", "noopener noreferrer nofollow");
    await expect(links).toHaveAttribute("target", "_blank");
    expect(await article.locator("p").evaluate((el) => getComputedStyle(el).whiteSpace)).toBe("pre-wrap");
    expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();

    // Edit in place.
    await editNote(page, `Call recap ${marker}`, `Edited recap ${marker}\nsecond line`);
    await expectStored(sandbox, noteId, { Note_Content: `Edited recap ${marker}\nsecond line`, Note_Title: "Discovery call" });

    // /notes lists it first; the module filter lives in the URL; the parent link goes home.
    await page.goto("/notes");
    const recent = page.getByRole("article").filter({ hasText: `Edited recap ${marker}` });
    await expect(page.getByRole("article").first()).toContainText(marker);
    await page.getByLabel("Module").selectOption({ label: "Deals" });
    await expect(page).toHaveURL(/[?&]module=deals/);
    await expect(page.getByRole("article").first()).toBeVisible();
    await expect(recent).toHaveCount(0);
    await page.getByLabel("Module").selectOption({ label: "Contacts" });
    await expect(page).toHaveURL(/[?&]module=contacts/);
    await expect(recent).toHaveCount(1);
    await recent.getByRole("link", { name: new RegExp(contactName) }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${contactId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(contactName);

    // Delete: gone at once, Undo brings it back and nothing is deleted (not even on reload,
    // which flushes pending deletes).
    const edited = noteArticle(page, `Edited recap ${marker}`);
    await edited.getByRole("button", { name: /^Delete note/ }).click();
    await expect(edited).toHaveCount(0);
    await expect(page.getByText("Note deleted")).toBeVisible();
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(edited).toBeVisible();
    await page.reload();
    await expect(edited).toBeVisible();
    expect(await sandbox.record("Notes", noteId)).not.toBeNull();

    // Delete for real: the DELETE waits for the Undo window, then the note is gone in Bigin.
    await edited.getByRole("button", { name: /^Delete note/ }).click();
    await expect(edited).toHaveCount(0);
    expect(await sandbox.record("Notes", noteId)).not.toBeNull();
    await expect.poll(() => sandbox.record("Notes", noteId), { timeout: 15_000 }).toBeNull();
    await page.reload();
    await expect(notesRegion(page).getByRole("textbox", { name: "Add a note" })).toBeEditable();
    await expect(notesRegion(page).getByRole("status", { name: "Loading notes" })).toHaveCount(0);
    await expect(edited).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test("/notes: the Module filter is inert until the page is interactive, then filters by URL", async ({ page, signIn }) => {
    await signIn(page, "ada@example.com");
    // The server's HTML (what shows before hydration): a choice made there would be lost.
    const html = await (await page.request.get("/notes")).text();
    expect(html).toMatch(/<select[^>]*id="[^"]*"[^>]*disabled=""/);
    await page.goto("/notes");
    const select = page.getByLabel("Module");
    await expect(select).toBeEnabled();
    await select.selectOption({ label: "Deals" });
    await expect(page).toHaveURL(/[?&]module=deals/);
  });

  test("on a deal: add, edit, delete by dismissing the toast", async ({ page, signIn, sandbox }) => {
    await signIn(page, "ada@example.com");
    const dealId = await aDealId(page);
    await page.goto(`/pipelines/deals/${dealId}`);
    const marker = `d${Date.now()}`;
    await addNote(page, `Pricing agreed ${marker}`);
    await expect(noteArticle(page, marker).getByRole("button", { name: /^Edit note/ })).toBeVisible();
    const noteId = await noteIdByMarker(page, `/api/deals/${dealId}/notes`, marker);
    await expectStored(sandbox, noteId, {
      Note_Content: `Pricing agreed ${marker}`,
      $se_module: "Pipelines",
      Parent_Id: expect.objectContaining({ id: dealId }),
    });

    await editNote(page, `Pricing agreed ${marker}`, `Pricing agreed, 10% off ${marker}`);
    await expectStored(sandbox, noteId, { Note_Content: `Pricing agreed, 10% off ${marker}` });

    await noteArticle(page, marker).getByRole("button", { name: /^Delete note/ }).click();
    await expect(noteArticle(page, marker)).toHaveCount(0);
    await page.getByRole("button", { name: "Close toast" }).click();
    await expect.poll(() => sandbox.record("Notes", noteId), { timeout: 4_000 }).toBeNull();
  });

  test("a failed save keeps the typed text; closing the tab inside the Undo window still deletes", async ({
    page,
    signIn,
    sandbox,
  }) => {
    await signIn(page, "ada@example.com");
    const contactId = await aContactId(page);
    await page.goto(`/contacts/${contactId}`);
    const box = notesRegion(page).getByRole("textbox", { name: "Add a note" });
    const marker = `f${Date.now()}`;

    await sandbox.fault("us", { match: "POST /bigin/v2/Contacts/{id}/Notes", status: 500, times: 1 });
    await addNote(page, `Will fail once ${marker}`);
    await expect(notesRegion(page).getByRole("alert")).toContainText("Couldn't add the note");
    await expect(box).toHaveValue(`Will fail once ${marker}`);
    await expect(noteArticle(page, marker)).toHaveCount(0);

    await notesRegion(page).getByRole("button", { name: "Add note" }).click();
    await expect(noteArticle(page, marker).getByRole("button", { name: /^Edit note/ })).toBeVisible();
    await expect(box).toHaveValue("");
    const noteId = await noteIdByMarker(page, `/api/contacts/${contactId}/notes`, marker);

    // The user deleted it and left: the delete must not be lost with the tab.
    await noteArticle(page, marker).getByRole("button", { name: /^Delete note/ }).click();
    await expect(noteArticle(page, marker)).toHaveCount(0);
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => sandbox.record("Notes", noteId), { timeout: 4_000 }).toBeNull();
  });
});
