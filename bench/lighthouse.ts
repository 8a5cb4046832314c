import type { BenchOptions } from "./run";
import { signIn } from "./lib/auth";
import { APP_URL, CHROMIUM, CHROMIUM_FLAGS } from "./lib/config";
import { log } from "./lib/log";
import { requireRoutes } from "./lib/routes";
import { resetSandbox } from "./lib/sandbox";
import { median, round } from "./lib/stats";
import { NotAvailable, type BenchResult, type Metric } from "./lib/types";

/**
 * #5 Lighthouse 12.2.3 with Debian Chromium (chrome-launcher's chromePath), signed in through
 * a Cookie extra header, on /contacts and /pipelines. The target applies to the desktop preset
 * (a dashboard used at a desk), median of 3 runs, each in a fresh Chromium profile; one run with
 * Lighthouse's default mobile settings (simulated slow 4G, 4× CPU slowdown) is reported beside.
 */

type Audit = {
  id: string;
  title: string;
  score: number | null;
  numericValue?: number;
  displayValue?: string;
  details?: { type?: string; overallSavingsMs?: number; items?: Record<string, unknown>[] };
};
type Lhr = {
  categories: { performance: { score: number | null } };
  audits: Record<string, Audit>;
  runWarnings?: string[];
  runtimeError?: { code?: string; message?: string };
  environment?: { benchmarkIndex?: number };
};
type LighthouseFn = (url: string, flags: Record<string, unknown>, config?: unknown) => Promise<{ lhr: Lhr } | undefined>;
type Launcher = { launch: (o: { chromePath: string; chromeFlags: string[] }) => Promise<{ port: number; kill: () => Promise<void> | void }> };

// Computed specifiers: Lighthouse's own type declarations stay out of the project's typecheck.
const LIGHTHOUSE = "lighthouse";
const CHROME_LAUNCHER = "chrome-launcher";

const FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];

async function once(url: string, cookie: string, preset: "desktop" | "mobile"): Promise<Lhr> {
  const lh = (await import(LIGHTHOUSE)) as { default: LighthouseFn; desktopConfig: unknown };
  const { launch } = (await import(CHROME_LAUNCHER)) as Launcher;
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const result = await lh.default(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"], extraHeaders: { Cookie: cookie }, maxWaitForLoad: 45_000 },
      preset === "desktop" ? lh.desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

/** Why a run has no score (Lighthouse's runtimeError code), for the log and the details. */
const failure = (l: Lhr) => (l.categories.performance.score === null && l.runtimeError?.code ? ` (${l.runtimeError.code})` : "");
const score = (l: Lhr) => (l.categories.performance.score === null ? null : Math.round(l.categories.performance.score * 100));
const num = (l: Lhr, id: string) => l.audits[id]?.numericValue ?? null;

/** Where the main thread went (by script and by kind of work) and what the LCP element was. */
function breakdown(l: Lhr) {
  const items = (id: string) => l.audits[id]?.details?.items ?? [];
  const ms = (v: unknown) => (typeof v === "number" ? Math.round(v) : v);
  return {
    bootupByScript: items("bootup-time").slice(0, 5).map((i) => ({ url: String(i.url).replace(APP_URL, ""), totalMs: ms(i.total), scriptingMs: ms(i.scripting) })),
    mainThreadByKind: items("mainthread-work-breakdown").map((i) => ({ kind: i.groupLabel, ms: ms(i.duration) })),
    longTasks: items("long-tasks").slice(0, 5).map((i) => ({ url: String(i.url).replace(APP_URL, ""), ms: ms(i.duration), startMs: ms(i.startTime) })),
    lcpElement: JSON.stringify(items("largest-contentful-paint-element")[0] ?? null).slice(0, 300),
    domElements: l.audits["dom-size"]?.numericValue ?? null,
    documentBytes: items("network-requests").find((i) => i.resourceType === "Document")?.resourceSize ?? null,
  };
}

/** What costs the most, for a miss: failing audits with their displayed value. */
function culprits(l: Lhr): string {
  const ids = ["server-response-time", "render-blocking-resources", "unused-javascript", "bootup-time", "mainthread-work-breakdown", "largest-contentful-paint-element", "total-byte-weight", "redirects", "long-tasks"];
  return ids
    .map((id) => l.audits[id])
    .filter((a): a is Audit => !!a && a.score !== null && a.score < 0.9)
    .map((a) => `${a.title}${a.displayValue ? ` (${a.displayValue})` : ""}`)
    .slice(0, 4)
    .join("; ");
}

export async function runLighthouse(o: BenchOptions): Promise<BenchResult> {
  const missing = requireRoutes(["/contacts", "/pipelines"]);
  if (missing) throw new NotAvailable(missing);
  try {
    await import(LIGHTHOUSE);
  } catch {
    throw new NotAvailable("lighthouse is not installed (npm ci)");
  }
  await resetSandbox();
  const session = await signIn();
  const runs = o.quick ? 1 : 3;
  const metrics: Metric[] = [];
  const notes: string[] = [];
  const details: Record<string, unknown> = {};
  for (const path of ["/contacts", "/pipelines"]) {
    const url = `${APP_URL}${path}`;
    // Warm the server once (its in-memory caches), as a returning user would find it.
    const warm = await fetch(url, { headers: { Cookie: session.cookie }, redirect: "manual" });
    await warm.arrayBuffer();
    if (warm.status >= 300) throw new Error(`${path} answered ${warm.status} to the signed-in warm-up (sign-in not honoured?)`);
    const desktop: Lhr[] = [];
    for (let i = 0; i < runs; i++) {
      desktop.push(await once(url, session.cookie, "desktop"));
      log(`lighthouse ${path} desktop run ${i + 1}: score ${score(desktop[i])}${failure(desktop[i])}`);
    }
    // The run with the median score speaks for the page.
    const sorted = [...desktop].sort((a, b) => (score(a) ?? 0) - (score(b) ?? 0));
    const mid = sorted[Math.floor(sorted.length / 2)];
    const s = score(mid);
    metrics.push(
      { name: `${path} performance score (desktop, median of ${runs})`, value: s, unit: "", target: { op: ">=", value: 95 }, note: s !== null && s < 95 ? culprits(mid) : undefined },
      { name: `${path} LCP`, value: round(num(mid, "largest-contentful-paint"), 0), unit: "ms" },
      { name: `${path} TBT`, value: round(num(mid, "total-blocking-time"), 0), unit: "ms" },
      { name: `${path} CLS`, value: round(num(mid, "cumulative-layout-shift"), 3), unit: "" },
      { name: `${path} FCP`, value: round(num(mid, "first-contentful-paint"), 0), unit: "ms" },
      { name: `${path} DOM elements`, value: num(mid, "dom-size"), unit: "" },
      {
        name: `${path} HTML document size`,
        value: typeof breakdown(mid).documentBytes === "number" ? round((breakdown(mid).documentBytes as number) / 1024, 1) : null,
        unit: "kB",
        note: "uncompressed; it carries the server-rendered view and its inline RSC payload (the dehydrated queries)",
      },
      {
        name: `${path} Lighthouse CPU benchmark index, median`,
        value: round(median(desktop.map((l) => l.environment?.benchmarkIndex ?? NaN).filter(Number.isFinite)), 0),
        unit: "",
        note: "Lighthouse's own measure of how fast the machine was during the runs (higher is faster)",
      },
    );
    const entry: Record<string, unknown> = {
      desktopScores: desktop.map(score),
      desktopLcp: desktop.map((l) => round(num(l, "largest-contentful-paint"), 0)),
      desktopTbt: desktop.map((l) => round(num(l, "total-blocking-time"), 0)),
      benchmarkIndex: desktop.map((l) => l.environment?.benchmarkIndex ?? null),
      runtimeErrors: desktop.map((l) => l.runtimeError?.code ?? null),
      serverResponseMs: median(desktop.map((l) => num(l, "server-response-time") ?? 0)),
      culprits: culprits(mid),
      medianRun: breakdown(mid),
      warnings: mid.runWarnings ?? [],
    };
    if (!o.quick) {
      const mobile = await once(url, session.cookie, "mobile");
      log(`lighthouse ${path} mobile: score ${score(mobile)}${failure(mobile)}`);
      metrics.push({ name: `${path} performance score (mobile, 1 run)`, value: score(mobile), unit: "", note: culprits(mobile) || undefined });
      entry.mobile = { score: score(mobile), lcp: num(mobile, "largest-contentful-paint"), tbt: num(mobile, "total-blocking-time"), cls: num(mobile, "cumulative-layout-shift") };
    }
    details[path] = entry;
  }
  notes.push(`Lighthouse 12.2.3, performance category, Debian Chromium ${FLAGS.join(" ")}; desktop preset is judged, mobile is informational; server warmed once before the runs.`);
  return { id: "lighthouse", title: "Lighthouse, signed in", status: "ok", metrics, notes, details };
}
