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
 * for `quietMs` (server-side Bigin calls happen inside some page, RSC or /api request). Router
 * prefetches (`Next-Router-Prefetch`) are listed but not waited for: they are speculative, and
 * one that never answers would otherwise hold every measurement to its time limit.
 */
export class NetworkTracker {
  private inflight = new Map<unknown, { url: string; since: number }>();
  private lastChange = Date.now();
  readonly urls: string[] = [];

  constructor(page: Page) {
    page.on("request", (r) => {
      if (!r.url().startsWith(APP_URL)) return;
      const prefetch = r.headers()["next-router-prefetch"] !== undefined;
      const url = `${r.method()} ${r.url().slice(APP_URL.length)}`;
      this.urls.push(prefetch ? `${url} (prefetch)` : url);
      if (prefetch) return;
      this.inflight.set(r, { url, since: Date.now() });
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

  /** Requests still open, oldest first (for a note when a view never settles). */
  open(): string[] {
    return [...this.inflight.values()].sort((a, b) => a.since - b.since).map((r) => `${r.url} (${Math.round((Date.now() - r.since) / 1000)} s)`);
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

/** Uncaught page errors and failed app responses: a hydration error or a 404 explains many numbers. */
export class PageProblems {
  readonly seen = new Set<string>();

  constructor(page: Page, label: () => string) {
    page.on("pageerror", (e) => this.seen.add(`${label()}: ${String(e.message).split(";")[0].slice(0, 160)}`));
    page.on("response", (r) => {
      if (r.status() >= 400 && r.url().startsWith(APP_URL)) {
        this.seen.add(`${label()}: HTTP ${r.status()} ${r.url().slice(APP_URL.length).replace(/\?_rsc=.*/, "?_rsc")}`);
      }
    });
  }

  list(): string[] {
    return [...this.seen];
  }
}
