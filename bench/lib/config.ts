import path from "node:path";

/** Ports, folders and secrets of the bench stack: its own build dir and ports, apart from dev and e2e. */
export const ROOT = path.resolve(__dirname, "..", "..");
/** Overridable so several checkouts or people can bench side by side (BENCH_DIST_DIR, BENCH_RESULTS, BENCH_*_PORT). */
export const DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";
export const HOST = "127.0.0.1";
export const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3300);
export const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4300);
export const APP_URL = `http://${HOST}:${APP_PORT}`;
export const SANDBOX_URL = `http://${HOST}:${SANDBOX_PORT}`;
export const NEXTAUTH_SECRET = "bench-secret-bench-secret-0123456789";
export const LOG_DIR = process.env.BENCH_LOG_DIR ? path.resolve(process.env.BENCH_LOG_DIR) : path.join(ROOT, "bench", ".logs");
export const RESULTS_FILE = process.env.BENCH_RESULTS ? path.resolve(process.env.BENCH_RESULTS) : path.join(ROOT, "bench", "results.json");

/**
 * The sandbox gates each org at 10 concurrent calls (like Bigin). The proxy benchmark's
 * concurrency-50 baseline would then measure the gate's 429s, not the transport; we raise it
 * and say so in the results.
 */
export const SANDBOX_MAX_CONCURRENCY = 1000;

/** The seeded user every benchmark signs in as (US data centre). */
export const BENCH_USER = "ada@example.com";

/** The sandbox's demo client (DESIGN.md), for the straight-to-sandbox baseline. */
export const DEMO_CLIENT = {
  id: "1000.SANDBOXDEMOCLIENT0000000000000",
  secret: "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
};
export const CALLBACK_URL = `${APP_URL}/api/auth/callback/bigin`;

export const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export const APP_ENV = {
  NEXT_DIST_DIR: DIST_DIR,
  // Builds and serves the floor routes (app/api/bench-floor/[mode]/route.bench.ts) for bench/proxy.ts.
  BENCH_FLOOR: "1",
  BIGIN_SANDBOX_URL: SANDBOX_URL,
  NEXTAUTH_URL: APP_URL,
  NEXTAUTH_SECRET,
};
