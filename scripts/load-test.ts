/**
 * Load test (issue 10): 200 concurrent signed-in clients for 30 s against the contacts and deals
 * handlers, sampling the app server's memory every second. Pass = 0 errors (socket errors,
 * timeouts, non-2xx) and no memory growth that looks like a leak.
 *
 *   npx tsx scripts/load-test.ts [--build] [--connections 200] [--seconds 30] [--rounds 1]
 *
 * With --rounds 2 (or more) the same server takes the load again after a 10 s pause: memory
 * that ends each round at the same level is stable, memory that climbs round after round leaks.
 *
 * Runs its own stack, apart from dev, e2e and the bench: the production build in .next-hard
 * (built when missing, or with --build), the app on 127.0.0.1:3400 and the sandbox on :4400
 * (EU :4401). Loopback only; every process is started in its own process group and stopped by
 * that group's id. The sandbox's per-org gate (SANDBOX_MAX_CONCURRENCY, default 10 like Bigin)
 * is raised to 1000: this measures our handlers, not the emulator's 429s.
 *
 * Clients: one signed-in session (the seeded US user ada), shared by every
 * connection; half the connections ask for contacts, half for deals of the
 * first Team Pipeline, on pages 1–10 so identical-read sharing does not hide the work.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const HOST = "127.0.0.1";
const APP_PORT = 3400;
const SANDBOX_PORT = 4400;
const APP_URL = `http://${HOST}:${APP_PORT}`;
const SANDBOX_URL = `http://${HOST}:${SANDBOX_PORT}`;
const DIST_DIR = ".next-hard";
const LOG_DIR = path.join(ROOT, "test-results", "load-test");
const SANDBOX_MAX_CONCURRENCY = 1000;
// The bench helper signs in through the consent form as its default org picks it: the seeded US user.
const USERS = ["ada@example.com"];

const args = process.argv.slice(2);
const arg = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const CONNECTIONS = arg("connections", 200);
const SECONDS = arg("seconds", 30);
const ROUNDS = arg("rounds", 1);
const FORCE_BUILD = args.includes("--build");

// bench/lib reads its ports at import: point its HTTP sign-in helper at this stack.
process.env.BENCH_APP_PORT = String(APP_PORT);
process.env.BENCH_SANDBOX_PORT = String(SANDBOX_PORT);

const log = (...a: unknown[]) => console.error(`[load ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

// ---- processes --------------------------------------------------------------------------------

type Proc = { name: string; child: ChildProcess; exited: Promise<number | null> };
const procs: Proc[] = [];

function start(name: string, cmd: string, argv: string[], env: Record<string, string>): Proc {
  mkdirSync(LOG_DIR, { recursive: true });
  const fd = openSync(path.join(LOG_DIR, `${name}.log`), "w");
  const base = { ...process.env };
  delete base.SANDBOX_DATA;
  const child = spawn(cmd, argv, { cwd: ROOT, env: { ...base, ...env }, stdio: ["ignore", fd, fd], detached: true });
  closeSync(fd);
  const p = { name, child, exited: new Promise<number | null>((r) => child.on("exit", (c) => r(c))) };
  procs.push(p);
  return p;
}

async function stop(p: Proc) {
  if (p.child.exitCode !== null || p.child.pid === undefined) return;
  try {
    process.kill(-p.child.pid, "SIGTERM");
  } catch {
    return;
  }
  if (!(await Promise.race([p.exited.then(() => true), sleep(5000).then(() => false)]))) {
    try {
      process.kill(-p.child.pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
}

function stopAllSync() {
  for (const p of procs) {
    if (p.child.pid !== undefined && p.child.exitCode === null) {
      try {
        process.kill(-p.child.pid, "SIGTERM");
      } catch {
        // gone
      }
    }
  }
}

function portInUse(port: number) {
  return new Promise<boolean>((resolve) => {
    const s = net.connect({ host: HOST, port });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

async function waitFor(url: string, p: Proc, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited early (see ${path.relative(ROOT, LOG_DIR)}/${p.name}.log)`);
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${p.name} did not answer ${url} within ${ms / 1000} s`);
}

/** Resident memory (MB) of every process in the app's process group: `next start` and any worker it forks. */
function groupRssMb(pgid: number): number {
  let kb = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // pgrp
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // exited meanwhile
    }
  }
  return Math.round((kb / 1024) * 10) / 10;
}

// ---- load -------------------------------------------------------------------------------------

type Client = { setHeaders(h: Record<string, string>): void; setRequests(r: { method: string; path: string }[]): void };
type CannonResult = { errors: number; timeouts: number; non2xx: number; requests: { total: number } };
type Cannon = (
  o: { url: string; connections: number; duration: number; timeout: number; pipelining: number; setupClient: (c: Client) => void },
  cb: (err: Error | null, r: CannonResult) => void,
) => NodeJS.EventEmitter & { stop(): void };

type Run = { statuses: Record<string, number>; latencies: number[]; result: CannonResult; seconds: number };

function runLoad(clients: { cookie: string; path: string }[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    let n = 0;
    const started = performance.now();
    const instance = (autocannon as unknown as Cannon)(
      {
        url: APP_URL,
        connections: clients.length,
        duration: SECONDS,
        timeout: 20,
        pipelining: 1,
        setupClient: (c) => {
          const me = clients[n++ % clients.length];
          c.setHeaders({ cookie: me.cookie, accept: "application/json" });
          c.setRequests([{ method: "GET", path: me.path }]);
        },
      },
      (err, result) => {
        clearTimeout(cap);
        if (err) reject(err);
        else resolve({ statuses, latencies, result, seconds: (performance.now() - started) / 1000 });
      },
    );
    const cap = setTimeout(() => instance.stop(), (SECONDS + 30) * 1000);
    instance.on("response", (_c: unknown, status: number, _bytes: number, ms: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      latencies.push(ms);
    });
  });
}

const ms = (v: number) => Math.round(v * 10) / 10;
const q = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

// ---- main -------------------------------------------------------------------------------------

async function main() {
  const watchdog = setTimeout(() => {
    log("watchdog: giving up");
    stopAllSync();
    process.exit(2);
  }, (5 * 60 + ROUNDS * (SECONDS + 40)) * 1000);

  for (const port of [APP_PORT, SANDBOX_PORT, SANDBOX_PORT + 1]) {
    if (await portInUse(port)) throw new Error(`port ${port} is in use; the load test needs it`);
  }
  const appEnv = {
    NEXT_DIST_DIR: DIST_DIR,
    BIGIN_SANDBOX_URL: SANDBOX_URL,
    NEXTAUTH_URL: APP_URL,
    NEXTAUTH_SECRET: "load-test-secret-load-test-secret-0123456789",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (FORCE_BUILD || !existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
    log(`building into ${DIST_DIR}…`);
    const b = start("build", bin("next"), ["build"], appEnv);
    if ((await b.exited) !== 0) throw new Error(`build failed (see ${path.relative(ROOT, LOG_DIR)}/build.log)`);
  }

  log(`sandbox on ${SANDBOX_URL} (SANDBOX_MAX_CONCURRENCY=${SANDBOX_MAX_CONCURRENCY}), app on ${APP_URL} (${DIST_DIR})`);
  const sandbox = start("sandbox", bin("tsx"), ["sandbox/cli.ts"], {
    SANDBOX_PORT: String(SANDBOX_PORT),
    SANDBOX_REDIRECT_URIS: `${APP_URL}/api/auth/callback/bigin`,
    SANDBOX_MAX_CONCURRENCY: String(SANDBOX_MAX_CONCURRENCY),
  });
  await waitFor(`${SANDBOX_URL}/__sandbox/users`, sandbox, 90_000);
  const app = start("app", bin("next"), ["start", "-H", HOST, "-p", String(APP_PORT)], appEnv);
  await waitFor(`${APP_URL}/api/auth/csrf`, app, 120_000);

  const { signIn } = await import("../bench/lib/auth");
  const { describeMachine, machineLine } = await import("../bench/lib/machine");
  const sessions: { email: string; cookie: string; pipelineId: string }[] = [];
  for (const email of USERS) {
    const s = await signIn(email);
    const pipelines = (await (await fetch(`${APP_URL}/api/pipelines`, { headers: { cookie: s.cookie } })).json()) as { items: { id: string }[] };
    sessions.push({ email, cookie: s.cookie, pipelineId: pipelines.items[0].id });
  }
  log(`signed in ${sessions.map((s) => s.email).join(", ")}`);

  const clients = Array.from({ length: CONNECTIONS }, (_, i) => {
    const s = sessions[i % sessions.length];
    const page = (Math.floor(i / 6) % 10) + 1;
    const path = i % 2 === 0 ? `/api/contacts?perPage=20&page=${page}` : `/api/deals?pipelineId=${s.pipelineId}&perPage=20&page=${page % 3 + 1}`;
    return { cookie: s.cookie, path };
  });
  // Warm up: compile paths, fill per-org caches (pipelines, fields), open connections.
  for (const c of clients.slice(0, 30)) {
    const res = await fetch(`${APP_URL}${c.path}`, { headers: { cookie: c.cookie } });
    if (!res.ok) throw new Error(`warm-up ${c.path} → ${res.status}: ${(await res.text()).slice(0, 200)}`);
    await res.arrayBuffer();
  }
  await sleep(2000);

  const pgid = app.child.pid!;
  const machine = describeMachine();
  const rss: number[] = [];
  const rssStart = groupRssMb(pgid);
  const sampler = setInterval(() => rss.push(groupRssMb(pgid)), 1000);
  const rounds: { run: Run; rssEnd: number; rssSettled: number }[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    log(`round ${r}/${ROUNDS}: ${CONNECTIONS} connections for ${SECONDS} s… (app RSS ${groupRssMb(pgid)} MB)`);
    const run = await runLoad(clients);
    const rssEnd = groupRssMb(pgid);
    await sleep(10_000);
    rounds.push({ run, rssEnd, rssSettled: groupRssMb(pgid) });
  }
  clearInterval(sampler);
  machine.loadAvgEnd = Math.round(os.loadavg()[0] * 100) / 100;
  const run: Run = {
    statuses: {},
    latencies: rounds.flatMap((x) => x.run.latencies),
    seconds: rounds.reduce((a, x) => a + x.run.seconds, 0),
    result: {
      errors: rounds.reduce((a, x) => a + x.run.result.errors, 0),
      timeouts: rounds.reduce((a, x) => a + x.run.result.timeouts, 0),
      non2xx: rounds.reduce((a, x) => a + x.run.result.non2xx, 0),
      requests: { total: rounds.reduce((a, x) => a + x.run.result.requests.total, 0) },
    },
  };
  for (const x of rounds) for (const [k, v] of Object.entries(x.run.statuses)) run.statuses[k] = (run.statuses[k] ?? 0) + v;
  const rssEnd = rounds[rounds.length - 1].rssEnd;
  const rssSettled = rounds[rounds.length - 1].rssSettled;

  const sandboxStats = (await (await fetch(`${SANDBOX_URL}/__sandbox/stats`)).json()) as { calls: Record<string, number>; errors: Record<string, number> };
  const total = Object.values(run.statuses).reduce((a, b) => a + b, 0);
  const ok = Object.entries(run.statuses).filter(([s]) => Number(s) >= 200 && Number(s) < 300).reduce((a, [, n]) => a + n, 0);
  const summary = {
    connections: CONNECTIONS,
    seconds: Math.round(run.seconds * 10) / 10,
    requests: total,
    reqPerSec: Math.round(total / run.seconds),
    statuses: run.statuses,
    errors: run.result.errors,
    timeouts: run.result.timeouts,
    non2xx: total - ok,
    latencyMs: { p50: ms(q(run.latencies, 0.5)), p90: ms(q(run.latencies, 0.9)), p99: ms(q(run.latencies, 0.99)), max: ms(Math.max(...run.latencies)) },
    rounds: rounds.map((x) => ({ requests: x.run.latencies.length, reqPerSec: Math.round(x.run.latencies.length / x.run.seconds), p99: ms(q(x.run.latencies, 0.99)), rssEndMb: x.rssEnd, rssSettledMb: x.rssSettled })),
    rssMb: { start: rssStart, end: rssEnd, max: Math.max(rssStart, ...rss), settled10s: rssSettled, samples: rss },
    biginCalls: Object.fromEntries(Object.entries(sandboxStats.calls).filter(([k]) => k.includes("/bigin/"))),
    biginErrors: Object.fromEntries(Object.entries(sandboxStats.errors).filter(([, v]) => v > 0)),
    machine: machineLine(machine),
  };
  console.log(JSON.stringify(summary, null, 2));
  const pass = summary.errors === 0 && summary.timeouts === 0 && summary.non2xx === 0;
  console.log(
    `\n${pass ? "PASS" : "FAIL"}: ${CONNECTIONS} concurrent signed-in clients (one user) for ${ROUNDS > 1 ? `${ROUNDS} rounds of ` : ""}${SECONDS} s against ` +
      `GET /api/contacts and GET /api/deals → ${summary.requests} requests (${summary.reqPerSec} req/s), ` +
      `${summary.errors} errors, ${summary.timeouts} timeouts, ${summary.non2xx} non-2xx; latency p50 ${summary.latencyMs.p50} ms, ` +
      `p99 ${summary.latencyMs.p99} ms; app RSS ${summary.rssMb.start} MB before, ${summary.rssMb.max} MB max, ` +
      `${summary.rssMb.end} MB at the end, ${summary.rssMb.settled10s} MB 10 s later` +
      (ROUNDS > 1 ? ` (end of each round: ${rounds.map((x) => `${x.rssEnd} MB`).join(", ")})` : "") +
      `. Machine: ${summary.machine}. ` +
      `Sandbox gate raised to ${SANDBOX_MAX_CONCURRENCY} (SANDBOX_MAX_CONCURRENCY).`,
  );
  await stop(app);
  await stop(sandbox);
  clearTimeout(watchdog);
  process.exitCode = pass ? 0 : 1;
}

process.on("SIGINT", () => {
  stopAllSync();
  process.exit(130);
});

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  for (const p of procs) await stop(p);
  process.exit(1);
});
