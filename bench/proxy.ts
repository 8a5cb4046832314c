import os from "node:os";
import type { BenchOptions } from "./run";
import { directToken, signIn } from "./lib/auth";
import { APP_URL, SANDBOX_MAX_CONCURRENCY } from "./lib/config";
import { load, summary, type LoadRun } from "./lib/load";
import { appContactsQuery } from "./lib/app-query";
import { log } from "./lib/log";
import { diffStats, getStats, resetSandbox } from "./lib/sandbox";
import { median, round } from "./lib/stats";
import { NotAvailable, type BenchResult, type Metric } from "./lib/types";

/**
 * #1 Proxy overhead: GET /api/contacts through the built app vs the same Bigin list call made
 * straight to the sandbox with a sandbox token, same data, at concurrency 1 and 50. Rounds
 * alternate ABBA (direct, app, app, direct…) so drift on this shared box hits both sides alike.
 * Two floor routes (bench build only) make the same call from the thinnest route handler Next
 * can serve, so the table tells what Next itself adds here from what our code adds.
 */

type Side = "direct" | "app" | "floorPass" | "floorParse";

/** The floor routes (app/api/bench-floor/[mode]/route.bench.ts, bench builds only). */
const FLOOR: Record<"floorPass" | "floorParse", { mode: string; label: string }> = {
  floorPass: { mode: "pass", label: "floor: thinnest Next route, answer passed through" },
  floorParse: { mode: "parse", label: "floor: thinnest Next route, JSON parsed and serialised" },
};

export async function runProxy(o: BenchOptions): Promise<BenchResult> {
  await resetSandbox();
  const session = await signIn();
  const token = await directToken();
  const appUrl = `${APP_URL}/api/contacts`;
  const appHeaders = { Cookie: session.cookie, Accept: "application/json" };
  const { query, source } = await appContactsQuery();
  const qs = new URLSearchParams(query).toString();
  const directUrl = `${token.apiDomain.replace(/\/+$/, "")}/bigin/v2/Contacts?${qs}`;
  const directHeaders = { Authorization: `Zoho-oauthtoken ${token.accessToken}`, Accept: "application/json" };
  const target: Record<Side, { url: string; headers: Record<string, string> }> = {
    direct: { url: directUrl, headers: directHeaders },
    app: { url: appUrl, headers: appHeaders },
    // The same request the app gets (its session cookie too, which the floor ignores) plus the
    // sandbox token the floor forwards: only what the handler does differs.
    floorPass: { url: `${APP_URL}/api/bench-floor/pass?${qs}`, headers: { ...appHeaders, Authorization: directHeaders.Authorization } },
    floorParse: { url: `${APP_URL}/api/bench-floor/parse?${qs}`, headers: { ...appHeaders, Authorization: directHeaders.Authorization } },
  };

  // Every side must answer, and with the same records.
  const idsOf = async (side: Side): Promise<{ status: number; ids: string[]; body: string; serverTiming: string | null }> => {
    const r = await fetch(target[side].url, { headers: target[side].headers });
    const body = await r.text();
    const serverTiming = r.headers.get("server-timing");
    if (r.status !== 200) return { status: r.status, ids: [], body, serverTiming };
    const j = JSON.parse(body) as { items?: { id: string }[]; data?: { id: string }[] };
    return { status: 200, ids: (j.items ?? j.data ?? []).map((x) => String(x.id)), body, serverTiming };
  };
  const a = await idsOf("app");
  if (a.status === 404) throw new NotAvailable("GET /api/contacts answers 404: the route handler has not landed");
  if (a.status !== 200) throw new Error(`GET /api/contacts answered ${a.status}: ${a.body.slice(0, 200)}`);
  const d = await idsOf("direct");
  if (d.status !== 200) throw new Error(`the sandbox answered ${d.status} to ${directUrl}: ${d.body.slice(0, 200)}`);
  const same = (x: string[]) => x.length > 0 && x.length === d.ids.length && x.every((id, i) => id === d.ids[i]);
  const sameData = same(a.ids);
  const sides: Side[] = ["direct", "app"];
  const notes: string[] = [];
  for (const f of ["floorPass", "floorParse"] as const) {
    const r = await idsOf(f);
    if (r.status === 200 && same(r.ids)) sides.push(f);
    else notes.push(`${FLOOR[f].label}: not measured (GET /api/bench-floor/${FLOOR[f].mode} answered ${r.status}${r.status === 200 ? " with other records" : ""}; the bench build has it — run with --build).`);
  }

  const levels = [
    { c: 1, amount: o.quick ? 150 : 600, warm: 100 },
    { c: 50, amount: o.quick ? 500 : 2500, warm: 500 },
  ];
  const rounds = o.quick ? 2 : 4;
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = { directUrl: directUrl.replace(token.accessToken, "…"), querySource: source, sameData, appIds: a.ids.length, directIds: d.ids.length, sides };

  for (const { c, amount, warm } of levels) {
    const runs = Object.fromEntries(sides.map((s) => [s, [] as LoadRun[]])) as Record<Side, LoadRun[]>;
    const calls = { app: 0, appRequests: 0 };
    const go = async (side: Side, n: number, keep: boolean) => {
      const before = side === "app" ? await getStats() : null;
      const r = await load({ url: target[side].url, headers: target[side].headers, connections: c, amount: n, maxMs: 60_000 });
      if (keep) {
        runs[side].push(r);
        if (before) {
          calls.app += diffStats(before, await getStats()).biginCalls;
          calls.appRequests += r.requests;
        }
      }
      return r;
    };
    log(`proxy: concurrency ${c}: warm-up, then ${rounds} ABBA rounds of ${amount} requests per side (${sides.join(", ")})`);
    for (const side of sides) await go(side, warm, false);
    for (let i = 0; i < rounds; i++) {
      // ABBA: every side's rounds sit at the same average position in time.
      const order = i % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) await go(side, amount, true);
    }
    const all = (s: Side) => runs[s].flatMap((r) => r.latencies);
    const sum = Object.fromEntries(sides.map((s) => [s, summary(all(s))])) as Record<Side, ReturnType<typeof summary>>;
    const sd = sum.direct;
    const sa = sum.app;
    const statuses = (s: Side) =>
      runs[s].reduce<Record<string, number>>((acc, r) => {
        for (const [k, v] of Object.entries(r.statuses)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {});
    const rps = (s: Side) => median(runs[s].map((r) => r.rps));
    const errs = (s: Side) => runs[s].reduce((x, r) => x + r.errors + r.timeouts, 0);
    const p = (v: number | null) => round(v, 2);
    const minus = (x: number | null, y: number | null) => (x !== null && y !== null ? x - y : null);
    const pre = `c=${c}`;
    const ok = (s: Side) => `${runs[s].reduce((x, r) => x + r.latencies.length, 0)} of ${runs[s].reduce((x, r) => x + r.requests, 0)} 2xx`;
    const share = calls.appRequests ? calls.app / calls.appRequests : null;
    metrics.push(
      { name: `${pre} p50 direct`, value: p(sd.p50), unit: "ms" },
      { name: `${pre} p50 app`, value: p(sa.p50), unit: "ms" },
      { name: `${pre} p50 added by the app`, value: p(minus(sa.p50, sd.p50)), unit: "ms", target: { op: "<=", value: 1.5 } },
      { name: `${pre} p50 ratio app ÷ direct`, value: sa.p50 && sd.p50 ? p(sa.p50 / sd.p50) : null, unit: "×" },
      { name: `${pre} p99 direct`, value: p(sd.p99), unit: "ms" },
      { name: `${pre} p99 app`, value: p(sa.p99), unit: "ms" },
      { name: `${pre} p99 added by the app`, value: p(minus(sa.p99, sd.p99)), unit: "ms", target: { op: "<=", value: 5 } },
      { name: `${pre} p99 ratio app ÷ direct`, value: sa.p99 && sd.p99 ? p(sa.p99 / sd.p99) : null, unit: "×" },
    );
    for (const f of ["floorPass", "floorParse"] as const) {
      if (!sides.includes(f)) continue;
      const sf = sum[f];
      metrics.push(
        { name: `${pre} p50 added by the ${FLOOR[f].label}`, value: p(minus(sf.p50, sd.p50)), unit: "ms", note: `${p(sf.p50)} ms; p99 ${p(sf.p99)} ms (added ${p(minus(sf.p99, sd.p99))}); ${p(rps(f))} req/s` },
      );
    }
    if (sides.includes("floorParse") && c > 1) {
      notes.push(`c=${c}: "our code over the floor" is not reported: the app shares identical in-flight GETs (${round(share, 3)} Bigin calls per request here), the floor makes one call per request.`);
    } else if (sides.includes("floorParse")) {
      metrics.push({
        name: `${pre} p50 added by our code over that floor (app − floor)`,
        value: p(minus(sa.p50, sum.floorParse.p50)),
        unit: "ms",
        note: `p99 ${p(minus(sa.p99, sum.floorParse.p99))} ms: session, validation, the Bigin client (timeout, retries, per-user limit), reshaping, headers`,
      });
    }
    metrics.push(
      { name: `${pre} throughput direct`, value: p(rps("direct")), unit: "req/s" },
      { name: `${pre} throughput app`, value: p(rps("app")), unit: "req/s" },
      { name: `${pre} Bigin calls per app request`, value: round(share, 3), unit: "" },
    );
    notes.push(`c=${c}: ${sides.map((s) => `${s} ${ok(s)}`).join(", ")}; transport errors ${sides.map((s) => `${s} ${errs(s)}`).join(", ")}.`);
    const detail = (s: Side) => ({ ...sum[s], statuses: statuses(s), rpsPerRound: runs[s].map((r) => round(r.rps, 1)), bytesPerResponse: round(runs[s][0]?.bytesPerResponse ?? 0, 0) });
    details[`c${c}`] = {
      ...Object.fromEntries(sides.map((s) => [s, detail(s)])),
      perRoundP50: Object.fromEntries(sides.map((s) => [s, runs[s].map((r) => round(summary(r.latencies).p50, 3))])),
      perRoundP99: Object.fromEntries(sides.map((s) => [s, runs[s].map((r) => round(summary(r.latencies).p99, 3))])),
      biginCallsDuringAppRounds: calls.app,
    };
  }

  // The handler's own account of where the time went, from Server-Timing on sequential requests.
  const st = await serverTimingSample(appUrl, appHeaders, o.quick ? 50 : 200);
  if (st.appMs !== null) {
    metrics.push(
      { name: "c=1 handler time outside Bigin (Server-Timing app), median", value: round(st.appMs, 2), unit: "ms" },
      { name: "c=1 Bigin time seen by the handler (Server-Timing bigin), median", value: round(st.biginMs, 2), unit: "ms" },
    );
  }
  // Where the rest goes: the same server answering cheaper requests, interleaved, at c=1.
  const onePage = `${token.apiDomain.replace(/\/+$/, "")}/bigin/v2/Contacts?${new URLSearchParams({ ...query, per_page: "1" })}`;
  const floors = await decompose(session.cookie, directHeaders, onePage, o.quick ? 200 : 1000);
  for (const f of floors) metrics.push({ name: `c=1 p50 ${f.label}`, value: round(f.p50, 2), unit: "ms", note: f.path });
  metrics.push(
    { name: "response size direct", value: round((details.c1 as { direct: { bytesPerResponse: number } }).direct.bytesPerResponse / 1024, 1), unit: "kB" },
    { name: "response size app", value: round((details.c1 as { app: { bytesPerResponse: number } }).app.bytesPerResponse / 1024, 1), unit: "kB" },
  );
  notes.push(
    `same data: ${sameData ? "yes" : "NO"} (app ${a.ids.length} items, direct ${d.ids.length} records, same ids in the same order); direct query from ${source}.`,
    "floor routes (bench build only, app/api/bench-floor): the same sandbox call from a route handler with nothing else — no session, validation, timeout or retries; they bound what any Next route handler adds on this machine.",
    `sandbox concurrency gate raised to ${SANDBOX_MAX_CONCURRENCY} (SANDBOX_MAX_CONCURRENCY) for this run; the app still allows ~5 Bigin calls in flight per user and shares identical in-flight list GETs.`,
    `latency = autocannon response time per request (keep-alive, loopback), exact percentiles over every 2xx sample; client, app and sandbox share ${os.cpus().length} cores.`,
  );
  details.serverTiming = { sample: a.serverTiming, ...st };
  return { id: "proxy", title: "Proxy overhead: GET /api/contacts vs straight to the sandbox", status: "ok", metrics, notes, details };
}

/**
 * Cheaper requests to the same server, interleaved: where the app's time goes besides the
 * handler. Since issue 9, proxy.ts runs for pages only, never for /api/*: a POST without Origin
 * is refused by withBigin before it reads the session (routing + handler floor); without a
 * cookie, withBigin finds no session and answers 401.
 */
async function decompose(cookie: string, directHeaders: Record<string, string>, directOne: string, n: number) {
  const probes: { label: string; path: string; method: string; headers: Record<string, string> }[] = [
    { label: "next-auth csrf route, no proxy.ts (routing floor, upper bound)", path: "/api/auth/csrf", method: "GET", headers: {} },
    { label: "+ session decode, no proxy.ts", path: "/api/auth/session", method: "GET", headers: { Cookie: cookie } },
    { label: "handler 401, no session (proxy.ts skips /api)", path: "/api/contacts", method: "GET", headers: {} },
    { label: "handler 403 with the session cookie (no decode; proxy.ts skips /api)", path: "/api/contacts", method: "POST", headers: { Cookie: cookie } },
    // The same call with a one-record page: what the 50-record payload costs, both ways.
    { label: "app, 1-record page", path: "/api/contacts?perPage=1", method: "GET", headers: { Cookie: cookie } },
    { label: "direct, 1-record page", path: directOne, method: "GET", headers: directHeaders },
  ];
  const samples = probes.map(() => [] as number[]);
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < probes.length; i++) {
      const p = probes[i];
      const r = await load({ url: p.path.startsWith("http") ? p.path : `${APP_URL}${p.path}`, method: p.method, headers: p.headers, connections: 1, amount: Math.ceil(n / 4), maxMs: 30_000 });
      // 401 and 403 are the expected answers of some probes: every answer's time counts.
      samples[i].push(...r.all);
    }
  }
  return probes.map((p, i) => ({ label: p.label, path: `${p.method} ${p.path.startsWith("http") ? new URL(p.path).pathname + "?…per_page=1" : p.path}`, p50: median(samples[i]) }));
}

async function serverTimingSample(url: string, headers: Record<string, string>, n: number) {
  const app: number[] = [];
  const bigin: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    const h = res.headers.get("server-timing") ?? "";
    const dur = (name: string) => {
      const m = h.match(new RegExp(`(?:^|,)\\s*${name}(?:;[^,]*)?;dur=([0-9.]+)`));
      return m ? Number(m[1]) : null;
    };
    const a = dur("app");
    const b = dur("bigin");
    if (a !== null) app.push(a);
    if (b !== null) bigin.push(b);
  }
  return { n, appMs: median(app), biginMs: median(bigin) };
}
