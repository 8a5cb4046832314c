import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DIST_DIR, ROOT } from "./lib/config";
import { round } from "./lib/stats";
import { NotAvailable, type BenchResult, type Metric } from "./lib/types";

/**
 * #4 Bundle: first-load JavaScript (gzip -9) per route, from the build's own
 * diagnostics/route-bundle-stats.json, and its ratio to /_not-found of the same build: the
 * framework's floor (React, the Next runtime, the root layout). Ratios make this independent of
 * the Next version's own weight.
 */

type Row = { route: string; firstLoadUncompressedJsBytes: number; firstLoadChunkPaths: string[] };

const FLOOR = "/_not-found";
/** Targets per the issue: list pages at most 1.25× the floor, the board at most 1.5×. */
const TARGETS: Record<string, number> = { "/contacts": 1.25, "/notes": 1.25, "/pipelines": 1.5 };

/** Strings that survive minification and say which library a chunk carries. */
const MARKERS: [string, string][] = [
  ["@tanstack/react-query", "No QueryClient set"],
  ["@tanstack/react-table", "getCoreRowModel"],
  ["@tanstack/react-virtual", "measureElement"],
  ["@dnd-kit", "DndDescribedBy"],
  ["zod", "ZodError"],
  ["sonner", "data-sonner-toaster"],
  ["cmdk", "cmdk-list"],
  ["@radix-ui/react-dialog", "DialogContent"],
  ["next-auth/react", "next-auth"],
  ["react-dom", "react-dom"],
];

/** Libraries the app chose (not the framework), for reading the floor. */
const APP_LIBS = ["@tanstack/react-query", "@tanstack/react-table", "@tanstack/react-virtual", "@dnd-kit", "zod", "sonner", "cmdk", "@radix-ui/react-dialog", "next-auth/react"];

const gzipCache = new Map<string, { raw: number; gz: number; libs: string[] }>();
function sizeOf(rel: string) {
  let hit = gzipCache.get(rel);
  if (!hit) {
    const buf = readFileSync(path.join(ROOT, rel));
    const text = buf.toString("utf8");
    hit = { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length, libs: MARKERS.filter(([, m]) => text.includes(m)).map(([n]) => n) };
    gzipCache.set(rel, hit);
  }
  return hit;
}

const kB = (n: number) => round(n / 1024, 1)!;

export async function runBundle(): Promise<BenchResult> {
  const file = path.join(ROOT, DIST_DIR, "diagnostics", "route-bundle-stats.json");
  if (!existsSync(file)) throw new NotAvailable(`${DIST_DIR}/diagnostics/route-bundle-stats.json is missing (no successful build)`);
  const rows = JSON.parse(readFileSync(file, "utf8")) as Row[];
  const sized = rows.map((r) => {
    const chunks = r.firstLoadChunkPaths.filter((c) => existsSync(path.join(ROOT, c))).map((c) => ({ path: c, ...sizeOf(c) }));
    return { route: r.route, raw: chunks.reduce((a, c) => a + c.raw, 0), gz: chunks.reduce((a, c) => a + c.gz, 0), chunks };
  });
  const floor = sized.find((r) => r.route === FLOOR);
  if (!floor) throw new NotAvailable(`the build has no ${FLOOR} route to serve as the floor`);
  const floorSet = new Set(floor.chunks.map((c) => c.path));

  // The floor carries whatever the root layout imports. App libraries there (zod, toasts, the
  // query client) weigh on every route while flattering every ratio: show them apart.
  const appInFloor = floor.chunks.filter((c) => c.libs.some((l) => APP_LIBS.includes(l)));
  const appFloorBytes = appInFloor.reduce((a, c) => a + c.gz, 0);
  const bareFloor = floor.gz - appFloorBytes;
  const metrics: Metric[] = [
    { name: `${FLOOR} (floor) first-load JS gzip`, value: kB(floor.gz), unit: "kB" },
    {
      name: "of which chunks carrying app libraries",
      value: kB(appFloorBytes),
      unit: "kB",
      note: appInFloor.map((c) => `${path.basename(c.path)} ${kB(c.gz)} kB [${c.libs.join(", ")}]`).join("; ") || "none",
    },
  ];
  const notes: string[] = [`gzip -9 of each first-load chunk listed in ${DIST_DIR}/diagnostics/route-bundle-stats.json; ratio = route ÷ ${FLOOR} of the same build.`];
  const pages = sized.filter((r) => r.route !== FLOOR && !r.route.startsWith("/api/"));
  for (const want of Object.keys(TARGETS)) {
    if (!pages.some((p) => p.route === want)) {
      metrics.push({ name: `${want} first-load JS ÷ floor`, value: null, unit: "×", target: { op: "<=", value: TARGETS[want] }, note: "route not in this build" });
    }
  }
  const order = (r: string) => (r in TARGETS ? 0 : 1);
  for (const p of pages.sort((a, b) => order(a.route) - order(b.route) || a.route.localeCompare(b.route))) {
    const ratio = p.gz / floor.gz;
    const extra = p.chunks.filter((c) => !floorSet.has(c.path)).sort((a, b) => b.gz - a.gz);
    const top = extra
      .slice(0, 3)
      .map((c) => `${path.basename(c.path)} ${kB(c.gz)} kB${c.libs.length ? ` [${c.libs.join(", ")}]` : ""}`)
      .join("; ");
    metrics.push({ name: `${p.route} first-load JS gzip`, value: kB(p.gz), unit: "kB" });
    if (TARGETS[p.route] && appFloorBytes > 0) {
      metrics.push({
        name: `${p.route} ÷ floor without its app-library chunks`,
        value: round((p.gz - appFloorBytes) / bareFloor, 3),
        unit: "×",
        note: `informational: both sides without the ${kB(appFloorBytes)} kB of app libraries the root layout puts in every route`,
      });
    }
    metrics.push({
      name: `${p.route} first-load JS ÷ floor`,
      value: round(ratio, 3),
      unit: "×",
      ...(TARGETS[p.route] ? { target: { op: "<=" as const, value: TARGETS[p.route] } } : {}),
      note: `+${kB(p.gz - floor.gz)} kB over the floor in ${extra.length} chunks${top ? `; largest: ${top}` : ""}`,
    });
  }
  return {
    id: "bundle",
    title: "Bundle: first-load JS per route",
    status: "ok",
    metrics,
    notes,
    details: {
      floor: { route: FLOOR, gzipBytes: floor.gz, rawBytes: floor.raw, chunks: floor.chunks.map((c) => ({ path: c.path, gzipBytes: c.gz, libs: c.libs })) },
      routes: pages.map((p) => ({
        route: p.route,
        gzipBytes: p.gz,
        rawBytes: p.raw,
        ratio: round(p.gz / floor.gz, 4),
        extraChunks: p.chunks.filter((c) => !floorSet.has(c.path)).map((c) => ({ path: c.path, gzipBytes: c.gz, rawBytes: c.raw, libs: c.libs })),
      })),
    },
  };
}
