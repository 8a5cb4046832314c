/**
 * `npm run bench [-- --only proxy,storm] [--check] [--build] [--quick] [--markdown]`
 *
 * Runs the benchmarks of issue 9 against a production build (.next-bench) served on
 * 127.0.0.1:3300 with the Bigin sandbox on :4300, prints a table and writes bench/results.json.
 * Benchmarks are numbers, not tests: only `--check` turns a missed (or unmeasurable) target
 * into exit code 1. Comparisons are measured as ratios within one run: this machine is shared.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runBundle } from "./bundle";
import { runEconomy } from "./economy";
import { runLighthouse } from "./lighthouse";
import { runProxy } from "./proxy";
import { runScale } from "./scale";
import { runStorm } from "./storm";
import { APP_PORT, APP_URL, DIST_DIR, RESULTS_FILE, SANDBOX_MAX_CONCURRENCY, SANDBOX_PORT } from "./lib/config";
import { log, withTimeout } from "./lib/log";
import { describeMachine, machineLine } from "./lib/machine";
import { renderMarkdown, renderTable } from "./lib/report";
import { ensureBuild, killAllSync, sandboxAvailable, startApp, startSandbox, stopAll } from "./lib/stack";
import { BENCH_IDS, NotAvailable, judge, type BenchId, type BenchResult } from "./lib/types";

export type BenchOptions = { quick: boolean };

type Bench = { run: (o: BenchOptions) => Promise<BenchResult>; title: string; stack: boolean; budgetMs: number };

const BENCHES: Record<BenchId, Bench> = {
  bundle: { run: runBundle, title: "Bundle: first-load JS per route", stack: false, budgetMs: 60_000 },
  proxy: { run: runProxy, title: "Proxy overhead: GET /api/contacts vs straight to the sandbox", stack: true, budgetMs: 6 * 60_000 },
  storm: { run: runStorm, title: "Refresh storm: 50 parallel requests on an expired token", stack: true, budgetMs: 3 * 60_000 },
  economy: { run: runEconomy, title: "Upstream economy: Bigin calls per view", stack: true, budgetMs: 6 * 60_000 },
  lighthouse: { run: runLighthouse, title: "Lighthouse, signed in", stack: true, budgetMs: 10 * 60_000 },
  scale: { run: runScale, title: "Scale: 50,000 contacts, 5,000 deals", stack: true, budgetMs: 10 * 60_000 },
};

function parseArgs(argv: string[]) {
  const args = { only: [...BENCH_IDS] as BenchId[], check: false, build: false, quick: false, markdown: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--check") args.check = true;
    else if (a === "--build") args.build = true;
    else if (a === "--quick") args.quick = true;
    else if (a === "--markdown") args.markdown = true;
    else if (a === "--only" || a.startsWith("--only=")) {
      const list = a.includes("=") ? a.slice(7) : argv[++i] ?? "";
      const ids = list.split(",").map((s) => s.trim()).filter(Boolean);
      const bad = ids.filter((id) => !(BENCH_IDS as readonly string[]).includes(id));
      if (bad.length || ids.length === 0) {
        console.error(`--only takes a comma-separated subset of: ${BENCH_IDS.join(", ")} (got ${list || "nothing"})`);
        process.exit(2);
      }
      args.only = BENCH_IDS.filter((id) => ids.includes(id));
    } else if (a === "--help" || a === "-h") {
      console.log("npm run bench -- [--only " + BENCH_IDS.join(",") + "] [--check] [--build] [--quick] [--markdown]");
      process.exit(0);
    } else {
      console.error(`unknown argument ${a} (try --help)`);
      process.exit(2);
    }
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const machine = describeMachine();
  log(`machine: ${machineLine(machine)}`);
  log(`running: ${args.only.join(", ")}${args.quick ? " (quick)" : ""}`);

  let stopping = false;
  const onSignal = (sig: string) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping the bench stack`);
    void stopAll().finally(() => process.exit(130));
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("exit", killAllSync);

  const results: BenchResult[] = [];
  const build = await ensureBuild(args.build);
  try {
    for (const id of args.only) {
      const bench = BENCHES[id];
      const t = Date.now();
      log(`— ${id}: ${bench.title}`);
      let result: BenchResult;
      try {
        if (!build.ok) throw new NotAvailable(build.reason);
        if (bench.stack) {
          const missing = sandboxAvailable();
          if (missing) throw new NotAvailable(missing);
          await startSandbox();
          await startApp();
        }
        result = await withTimeout(id, bench.budgetMs, () => bench.run({ quick: args.quick }));
      } catch (e) {
        const err = e as Error;
        const status = err instanceof NotAvailable ? "not-available" : "error";
        log(`${id}: ${status}: ${err.message}`);
        if (status === "error" && err.stack) log(err.stack.split("\n").slice(1, 4).join("\n"));
        result = { id, title: bench.title, status, reason: err.message.split("\n")[0], metrics: [], notes: [] };
      }
      result.durationMs = Date.now() - t;
      for (const m of result.metrics) {
        const pass = judge(m.value, m.target);
        if (pass !== undefined) m.pass = pass;
      }
      results.push(result);
    }
  } finally {
    await stopAll();
  }

  machine.loadAvgEnd = describeMachine().loadAvgStart;
  writeResults(results, machine, args);
  console.log(renderTable(results, machine));
  if (args.markdown) console.log(renderMarkdown(results));

  const missed = results.flatMap((r) => r.metrics.filter((m) => m.pass === false).map((m) => `${r.id}: ${m.name}`));
  const unmeasured = results.filter((r) => r.status !== "ok").map((r) => `${r.id}: ${r.reason}`);
  const unjudged = results.flatMap((r) => r.metrics.filter((m) => m.pass === null).map((m) => `${r.id}: ${m.name}`));
  if (args.check) {
    if (missed.length || unmeasured.length || unjudged.length) {
      console.log(`--check: ${missed.length} target(s) missed, ${unmeasured.length + unjudged.length} not measured.`);
      process.exit(1);
    }
    console.log("--check: every target met.");
  }
}

/** Merge into bench/results.json: benchmarks not run this time keep their last figures (each carries its date). */
function writeResults(results: BenchResult[], machine: ReturnType<typeof describeMachine>, args: ReturnType<typeof parseArgs>) {
  type Stored = { results?: (BenchResult & { ranAt?: string; machine?: unknown })[] };
  let previous: Stored = {};
  try {
    if (existsSync(RESULTS_FILE)) previous = JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as Stored;
  } catch {
    previous = {};
  }
  const fresh = results.map((r) => ({ ...r, ranAt: machine.date, machine }));
  const kept = (previous.results ?? []).filter((r) => !results.some((n) => n.id === r.id));
  const all = [...fresh, ...kept].sort((a, b) => BENCH_IDS.indexOf(a.id) - BENCH_IDS.indexOf(b.id));
  const doc = {
    generatedBy: "npm run bench",
    machine,
    run: { only: args.only, quick: args.quick },
    setup: {
      app: `${APP_URL} (next start, ${DIST_DIR})`,
      sandbox: `127.0.0.1:${SANDBOX_PORT}`,
      sandboxMaxConcurrency: SANDBOX_MAX_CONCURRENCY,
      appPort: APP_PORT,
    },
    results: all,
  };
  const tmp = `${RESULTS_FILE}.tmp`;
  writeFileSync(tmp, JSON.stringify(doc, null, 2) + "\n");
  renameSync(tmp, RESULTS_FILE);
  log(`wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

main().catch(async (e) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
