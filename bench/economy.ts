import type { Page } from "@playwright/test";
import type { BenchOptions } from "./run";
import { directToken, signIn } from "./lib/auth";
import { launchBrowser, NetworkTracker, PageProblems, signedInContext } from "./lib/browser";
import { APP_URL } from "./lib/config";
import { log } from "./lib/log";
import { requireRoutes } from "./lib/routes";
import { describeCalls, diffStats, getStats, resetSandbox, type StatsDelta } from "./lib/sandbox";
import { restartApp } from "./lib/stack";
import { NotAvailable, type BenchResult, type Metric } from "./lib/types";

/**
 * #3 Upstream economy: Bigin calls (counted by the sandbox) for a first view of each page, in a
 * freshly started server (cold in-memory caches) right after sign-in, and for a revisit by
 * clicking back to it a few seconds later, inside any cache window. A full reload is reported
 * beside, without a target.
 */

type View = { path: string; route: string; away: string; back: (page: Page) => Promise<string>; sibling?: string };

async function clickLink(page: Page, name: string) {
  await page.getByRole("link", { name, exact: true }).first().click();
}

type Measured = { delta: StatsDelta; requests: string[]; settled: boolean; open: string[] };

async function measure(tracker: NetworkTracker, action: () => Promise<unknown>): Promise<Measured> {
  const before = await getStats();
  const mark = tracker.mark();
  await action();
  const settled = await tracker.settled();
  return { delta: diffStats(before, await getStats()), requests: tracker.since(mark), settled, open: settled ? [] : tracker.open() };
}

/** App requests of a view without static assets: what the page asked the server for. */
const dynamicRequests = (m: Measured) => m.requests.filter((u) => !u.includes("/_next/static/"));

export async function runEconomy(o: BenchOptions): Promise<BenchResult> {
  const missing = requireRoutes(["/pipelines", "/contacts", "/contacts/[id]"]);
  if (missing) throw new NotAvailable(missing);
  await resetSandbox();

  // A contact on the first page of the list, found without touching the app.
  const token = await directToken();
  const res = await fetch(`${token.apiDomain}/bigin/v2/Contacts?fields=Last_Name&per_page=2&sort_by=Modified_Time&sort_order=desc`, {
    headers: { Authorization: `Zoho-oauthtoken ${token.accessToken}` },
  });
  const [contactId, otherContactId] = ((await res.json()) as { data: { id: string }[] }).data.map((c) => String(c.id));

  const views: View[] = [
    { path: "/pipelines", route: "/pipelines", away: "Contacts", back: async (p) => (await clickLink(p, "Pipelines"), "clicked Pipelines") },
    { path: "/contacts", route: "/contacts", away: "Pipelines", back: async (p) => (await clickLink(p, "Contacts"), "clicked Contacts") },
    {
      path: `/contacts/${contactId}`,
      route: "/contacts/[id]",
      away: "Contacts",
      sibling: otherContactId ? `/contacts/${otherContactId}` : undefined,
      back: async (p) => {
        const link = p.locator(`a[href="/contacts/${contactId}"]`).first();
        if (await link.isVisible().catch(() => false)) {
          await link.click();
          return "clicked the contact in the list";
        }
        await p.goBack();
        return "browser Back (the contact's link was not on the list)";
      },
    },
  ];

  const browser = await launchBrowser();
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = { contactId };
  const notes: string[] = [
    "first view: a freshly started `next start` (cold server caches), signed in over HTTP, then page.goto; revisit: click to another page, then click back (client-side navigation) within seconds; counts from /__sandbox/stats.",
  ];
  try {
    for (const v of views) {
      await restartApp();
      const session = await signIn();
      log(`economy ${v.route}: fresh server, signed in; first view…`);
      const context = await signedInContext(browser, session);
      const page = await context.newPage();
      const tracker = new NetworkTracker(page);
      const problems = new PageProblems(page, () => new URL(page.url()).pathname);
      try {
        const first = await measure(tracker, () => page.goto(`${APP_URL}${v.path}`, { waitUntil: "load", timeout: 60_000 }));
        if (!page.url().startsWith(`${APP_URL}${v.path}`)) throw new Error(`${v.path} redirected to ${page.url()}`);
        await measure(tracker, async () => {
          await clickLink(page, v.away);
          await page.waitForURL((u) => u.pathname !== v.path, { timeout: 30_000 });
        });
        let how = "";
        const revisit = await measure(tracker, async () => {
          how = await v.back(page);
          await page.waitForURL((u) => u.pathname === v.path, { timeout: 30_000 });
        });
        const reload = await measure(tracker, () => page.reload({ waitUntil: "load" }));
        log(`economy ${v.route}: first ${first.delta.biginCalls} (${describeCalls(first.delta.byCall)}), revisit ${revisit.delta.biginCalls}, reload ${reload.delta.biginCalls}`);
        metrics.push(
          {
            name: `${v.route} first view: Bigin calls`,
            value: first.delta.biginCalls,
            unit: "",
            target: { op: "<=", value: 2 },
            note: `${describeCalls(first.delta.byCall)}; requests: ${dynamicRequests(first).filter((u) => !u.endsWith("(prefetch)")).map((u) => u.replace(/\?_rsc=[^ ]*/, "?_rsc")).join(", ")}`,
          },
          {
            name: `${v.route} revisit: Bigin calls`,
            value: revisit.delta.biginCalls,
            unit: "",
            target: { op: "==", value: 0 },
            note: `${how}; ${describeCalls(revisit.delta.byCall)}; the page asked the server for: ${dynamicRequests(revisit).filter((u) => !u.endsWith("(prefetch)")).map((u) => u.replace(/\?_rsc=[^ ]*/, "?_rsc")).join(", ") || "nothing"}`,
          },
          { name: `${v.route} full reload: Bigin calls`, value: reload.delta.biginCalls, unit: "", note: describeCalls(reload.delta.byCall) },
        );
        const describe = (m: Measured) => ({ calls: m.delta.byCall, appRequests: dynamicRequests(m), settled: m.settled, open: m.open });
        details[v.route] = { first: describe(first), revisit: { how, ...describe(revisit) }, reload: describe(reload) };
        // Another record of the same kind on the now-warm server: what most first views cost.
        if (v.sibling) {
          const warm = await measure(tracker, () => page.goto(`${APP_URL}${v.sibling}`, { waitUntil: "load", timeout: 60_000 }));
          metrics.push({
            name: `${v.route} first view, warm server (another record)`,
            value: warm.delta.biginCalls,
            unit: "",
            note: describeCalls(warm.delta.byCall),
          });
          details[`${v.route} warm`] = describe(warm);
        }
        for (const [what, m] of [["first view", first], ["revisit", revisit], ["reload", reload]] as const) {
          if (!m.settled) notes.push(`${v.route} ${what}: requests still open after 20 s (${m.open.join(", ")}); counts cover those 20 s.`);
        }
        for (const p of problems.list()) notes.push(`seen while measuring ${v.route}: ${p}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (o.quick) notes.push("quick run: same procedure (this benchmark has no sample size).");
  return { id: "economy", title: "Upstream economy: Bigin calls per view", status: "ok", metrics, notes, details };
}
