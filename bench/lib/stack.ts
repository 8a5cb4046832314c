import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import {
  APP_ENV, APP_PORT, APP_URL, DIST_DIR, HOST, LOG_DIR, ROOT, SANDBOX_MAX_CONCURRENCY, SANDBOX_PORT, SANDBOX_URL,
  CALLBACK_URL,
} from "./config";
import { log, sleep } from "./log";

/**
 * Starts and stops what the benchmarks measure: the production build in DIST_DIR, the Bigin
 * sandbox and `next start`, on the bench's own ports. Every process is started in its own
 * process group and stopped by that group's id, never by name.
 */

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

type Proc = { name: string; child: ChildProcess; exited: Promise<number | null>; log: string };

const running = new Set<Proc>();

function start(name: string, cmd: string, args: string[], env: Record<string, string>): Proc {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const fd = openSync(logFile, "a");
  const base = { ...process.env };
  // The sandbox persists its data only when asked; the bench always starts from the seed.
  delete base.SANDBOX_DATA;
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ["ignore", fd, fd],
    detached: true, // own process group: stop() signals exactly what we started
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const proc = { name, child, exited, log: logFile };
  running.add(proc);
  exited.then(() => running.delete(proc));
  return proc;
}

export async function stop(proc: Proc | null | undefined) {
  if (!proc || proc.child.exitCode !== null || proc.child.pid === undefined) return;
  const pid = proc.child.pid;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const done = await Promise.race([proc.exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
    await proc.exited;
  }
}

/** Synchronous last resort on exit: signal every group we started. */
export function killAllSync() {
  for (const p of running) {
    if (p.child.pid !== undefined && p.child.exitCode === null) {
      try {
        process.kill(-p.child.pid, "SIGTERM");
      } catch {
        // gone
      }
    }
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: HOST, port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

async function waitForHttp(url: string, proc: Proc, timeoutMs: number, ok: (status: number) => boolean) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) {
      throw new Error(`${proc.name} exited with code ${proc.child.exitCode} before it was ready (log: ${path.relative(ROOT, proc.log)}):\n${tail(proc.log)}`);
    }
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (ok(res.status)) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs / 1000} s (log: ${path.relative(ROOT, proc.log)})`);
}

export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

// ---- build ---------------------------------------------------------------------------------

export type BuildState = { ok: true; buildId: string; built: boolean } | { ok: false; reason: string };

let buildState: BuildState | null = null;

/**
 * Build into DIST_DIR when it has no BUILD_ID, was built without the floor routes (an older
 * bench), or `force`; remembered for the rest of the run.
 */
export async function ensureBuild(force: boolean): Promise<BuildState> {
  if (buildState) return buildState;
  const idFile = path.join(ROOT, DIST_DIR, "BUILD_ID");
  const floorMark = path.join(ROOT, DIST_DIR, "BENCH_FLOOR");
  if (!force && existsSync(idFile) && existsSync(floorMark)) {
    buildState = { ok: true, buildId: readFileSync(idFile, "utf8").trim(), built: false };
    return buildState;
  }
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, "build.log");
  createWriteStream(logFile).end();
  log(`building the app into ${DIST_DIR} (log: bench/.logs/build.log)…`);
  const t = Date.now();
  // `next build` adds its dist folder's type globs to tsconfig.json; put the file back as it was.
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const tsconfigBefore = existsSync(tsconfig) ? readFileSync(tsconfig, "utf8") : null;
  const proc = start("build", bin("next"), ["build"], { ...APP_ENV, NEXT_TELEMETRY_DISABLED: "1" });
  const timer = setTimeout(() => void stop(proc), 15 * 60_000);
  const code = await proc.exited;
  clearTimeout(timer);
  if (tsconfigBefore !== null && readFileSync(tsconfig, "utf8") !== tsconfigBefore) writeFileSync(tsconfig, tsconfigBefore);
  if (code !== 0 || !existsSync(idFile)) {
    const why = tail(path.join(LOG_DIR, "build.log"), 200)
      .split("\n")
      .find((l) => /error|failed/i.test(l));
    buildState = { ok: false, reason: `the production build failed (${why?.trim() ?? `exit ${code}`}; see bench/.logs/build.log)` };
  } else {
    log(`built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    writeFileSync(floorMark, "built with BENCH_FLOOR=1: has app/api/bench-floor\n");
    buildState = { ok: true, buildId: readFileSync(idFile, "utf8").trim(), built: true };
  }
  return buildState;
}

// ---- sandbox and app ------------------------------------------------------------------------

let sandbox: Proc | null = null;
let app: Proc | null = null;

export function sandboxAvailable(): string | null {
  return existsSync(path.join(ROOT, "sandbox", "cli.ts")) ? null : "the Bigin sandbox (sandbox/cli.ts) has not landed";
}

export async function startSandbox(): Promise<void> {
  if (sandbox && sandbox.child.exitCode === null) return;
  const missing = sandboxAvailable();
  if (missing) throw new Error(missing);
  for (const port of [SANDBOX_PORT, SANDBOX_PORT + 1]) {
    if (await portInUse(port)) throw new Error(`port ${port} is already in use; the bench sandbox needs it`);
  }
  log(`starting the sandbox on ${SANDBOX_URL} (SANDBOX_MAX_CONCURRENCY=${SANDBOX_MAX_CONCURRENCY})`);
  sandbox = start("sandbox", bin("tsx"), ["sandbox/cli.ts"], {
    SANDBOX_PORT: String(SANDBOX_PORT),
    SANDBOX_REDIRECT_URIS: CALLBACK_URL,
    SANDBOX_MAX_CONCURRENCY: String(SANDBOX_MAX_CONCURRENCY),
  });
  await waitForHttp(`${SANDBOX_URL}/__sandbox/users`, sandbox, 90_000, (s) => s === 200);
}

export async function startApp(): Promise<void> {
  if (app && app.child.exitCode === null) return;
  if (await portInUse(APP_PORT)) throw new Error(`port ${APP_PORT} is already in use; the bench app needs it`);
  log(`starting the app on ${APP_URL}`);
  app = start("app", bin("next"), ["start", "-H", HOST, "-p", String(APP_PORT)], { ...APP_ENV, NEXT_TELEMETRY_DISABLED: "1" });
  await waitForHttp(`${APP_URL}/api/auth/csrf`, app, 120_000, (s) => s < 500);
}

/** A fresh server process: empty in-memory caches, single-flight state and semaphores. */
export async function restartApp(): Promise<void> {
  await stop(app);
  app = null;
  await startApp();
}

export async function stopAll() {
  await stop(app);
  await stop(sandbox);
  app = null;
  sandbox = null;
}
