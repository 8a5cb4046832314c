// Prints one line, "N passed, N failed", adding up every suite's JSON report (CI reads it).
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
const seen = [];

function read(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

const vitest = read("reports/vitest.json");
if (vitest) {
  seen.push("unit");
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const pw = read("reports/playwright.json");
if (pw?.stats) {
  seen.push("e2e");
  passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
  failed += pw.stats.unexpected ?? 0;
  skipped += pw.stats.skipped ?? 0;
  failed += (pw.errors ?? []).length;
}
// The test command's exit code: a failure outside the suites (typecheck, lint, build) counts once.
const exitCode = Number(process.argv[2] ?? 0);
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`suites read: ${seen.join(", ") || "none"}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
