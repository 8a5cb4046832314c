import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { existsSync } from "node:fs";
import type { Session } from "./auth";
import { APP_URL, CHROMIUM, CHROMIUM_FLAGS, HOST } from "./config";
import { sleep } from "./log";

/** Debian Chromium through Playwright, signed in with cookies from the HTTP sign-in. */

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set PLAYWRIGHT_CHROMIUM_EXECUTABLE)`);
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, ...extraArgs] });
}

export async function signedInContext(browser: Browser, session: Session): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, baseURL: APP_URL });
  await context.addCookies(
    session.jar.all().map((c) => ({
      name: c.name,
      value: c.value,
      domain: HOST,
      path: c.path,
      httpOnly: c.httpOnly,
      secure: false,
      sameSite: "Lax" as const,
      expires: c.expires ?? -1,
    })),
  );
  return context;
}

/**
 * Counts the page's requests in flight, to know when a view has settled: no request to the app
 * for `quietMs` (server-side Bigin calls happen inside some page, RSC or /api request).
 */
export class NetworkTracker {
  private inflight = new Set<unknown>();
  private lastChange = Date.now();
  readonly urls: string[] = [];

  constructor(page: Page) {
    page.on("request", (r) => {
      if (!r.url().startsWith(APP_URL)) return;
      this.inflight.add(r);
      this.urls.push(`${r.method()} ${r.url().slice(APP_URL.length)}`);
      this.lastChange = Date.now();
    });
    const done = (r: unknown) => {
      if (this.inflight.delete(r)) this.lastChange = Date.now();
    };
    page.on("requestfinished", done);
    page.on("requestfailed", done);
  }

  mark(): number {
    return this.urls.length;
  }

  since(mark: number): string[] {
    return this.urls.slice(mark);
  }

  async settled(quietMs = 1000, maxMs = 20_000): Promise<boolean> {
    const until = Date.now() + maxMs;
    while (Date.now() < until) {
      if (this.inflight.size === 0 && Date.now() - this.lastChange >= quietMs) return true;
      await sleep(100);
    }
    return false;
  }
}
