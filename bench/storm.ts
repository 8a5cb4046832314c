import type { BenchOptions } from "./run";
import { signIn } from "./lib/auth";
import { APP_URL } from "./lib/config";
import { log, sleep } from "./lib/log";
import { describeCalls, diffStats, expireTokens, getStats, resetSandbox } from "./lib/sandbox";
import { NotAvailable, type BenchResult, type Metric } from "./lib/types";

/**
 * #2 Refresh storm: every access token expires in the sandbox, then 50 requests arrive at once
 * with the same session. Refresh grants are counted by the sandbox. The 50 requests differ
 * (perPage 1…50) so each needs its own Bigin call: identical GETs would be shared by the app's
 * in-flight de-duplication and hide a missing single-flight.
 */

const PARALLEL = 50;
/** Access-token lifetime for the expiry-known storm (the app refreshes short tokens in their last fifth). */
const TTL_S = 10;

async function wave(cookie: string) {
  const statuses: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: PARALLEL }, async (_, i) => {
      const res = await fetch(`${APP_URL}/api/contacts?perPage=${i + 1}`, {
        headers: { Cookie: cookie, Accept: "application/json" },
        signal: AbortSignal.timeout(30_000),
      }).catch(() => null);
      const key = res ? String(res.status) : "network-error";
      statuses[key] = (statuses[key] ?? 0) + 1;
      await res?.arrayBuffer();
    }),
  );
  return statuses;
}

export async function runStorm(o: BenchOptions): Promise<BenchResult> {
  await resetSandbox();
  const trials = o.quick ? 1 : 3;
  const rows: {
    grants: number;
    statuses: Record<string, number>;
    calls: string;
    invalidToken: number;
    secondWaveGrants: number;
    secondWaveStatuses: Record<string, number>;
  }[] = [];
  for (let t = 0; t < trials; t++) {
    // A fresh sign-in per trial: its own refresh token, far from Zoho's 10-per-10-minutes cap.
    const session = await signIn();
    const probe = await fetch(`${APP_URL}/api/contacts?perPage=1`, { headers: { Cookie: session.cookie } });
    await probe.arrayBuffer();
    if (probe.status === 404) throw new NotAvailable("GET /api/contacts answers 404: the route handler has not landed");
    if (probe.status !== 200) throw new Error(`GET /api/contacts answered ${probe.status} before the storm`);

    await expireTokens();
    const before = await getStats();
    const statuses = await wave(session.cookie);
    const mid = await getStats();
    // The browser may still hold the old cookie: a second wave must reuse the refreshed token.
    const second = await wave(session.cookie);
    const after = await getStats();
    const d1 = diffStats(before, mid);
    const d2 = diffStats(mid, after);
    rows.push({
      grants: d1.grants.refresh_token ?? 0,
      statuses,
      calls: describeCalls(d1.byCall),
      invalidToken: d1.errors.INVALID_TOKEN ?? 0,
      secondWaveGrants: d2.grants.refresh_token ?? 0,
      secondWaveStatuses: second,
    });
    log(`storm trial ${t + 1}: ${rows[t].grants} refresh grant(s), statuses ${JSON.stringify(statuses)}; second wave ${rows[t].secondWaveGrants}`);
  }
  // The trial farthest from exactly one grant speaks for the run.
  const worst = rows.map((r) => r.grants).sort((a, b) => Math.abs(b - 1) - Math.abs(a - 1))[0];
  const ok = rows.reduce((a, r) => a + (r.statuses["200"] ?? 0), 0);
  const metrics: Metric[] = [
    {
      name: `refresh grants per storm of ${PARALLEL} (worst of ${trials})`,
      value: worst,
      unit: "",
      target: { op: "==", value: 1 },
      note: `per trial: ${rows.map((r) => r.grants).join(", ")}`,
    },
    { name: "requests answered 200 during the storm", value: ok, unit: `of ${PARALLEL * trials}` },
    { name: "INVALID_TOKEN answers from Bigin during the storm", value: rows.reduce((a, r) => a + r.invalidToken, 0), unit: "" },
    { name: "refresh grants in a second wave with the old cookie", value: rows.reduce((a, r) => a + r.secondWaveGrants, 0), unit: "", note: "informational: should be 0" },
  ];

  // The other road to a refresh: the session itself says the token has expired (proxy.ts and
  // the handlers refresh ahead of Bigin). Short-lived sandbox tokens make that happen now.
  await resetSandbox({ accessTokenTtlS: TTL_S });
  const known: { grants: number; statuses: Record<string, number> }[] = [];
  for (let t = 0; t < trials; t++) {
    const session = await signIn();
    await sleep((TTL_S + 1) * 1000);
    const before = await getStats();
    const statuses = await wave(session.cookie);
    known.push({ grants: diffStats(before, await getStats()).grants.refresh_token ?? 0, statuses });
    log(`storm (expiry known to the app) trial ${t + 1}: ${known[t].grants} refresh grant(s), statuses ${JSON.stringify(statuses)}`);
  }
  await resetSandbox();
  const worstKnown = known.map((r) => r.grants).sort((a, b) => Math.abs(b - 1) - Math.abs(a - 1))[0];
  metrics.push(
    {
      name: `refresh grants per storm when the session knows it expired (worst of ${trials})`,
      value: worstKnown,
      unit: "",
      target: { op: "==", value: 1 },
      note: `per trial: ${known.map((r) => r.grants).join(", ")}`,
    },
    { name: "requests answered 200 (expiry known)", value: known.reduce((a, r) => a + (r.statuses["200"] ?? 0), 0), unit: `of ${PARALLEL * trials}` },
  );

  const notes = [
    `${trials} trials; each: sign in, POST /__sandbox/tokens/expire, ${PARALLEL} parallel GET /api/contacts?perPage=1…${PARALLEL} with the same cookie; grants = change in /__sandbox/stats grants.refresh_token.`,
    `statuses per trial: ${rows.map((r) => JSON.stringify(r.statuses)).join(" ")}; Bigin calls (trial 1): ${rows[0]?.calls}.`,
    `expiry known: sandbox reset with accessTokenTtlS=${TTL_S}, sign in, wait ${TTL_S + 1} s, the same ${PARALLEL} requests; statuses ${known.map((r) => JSON.stringify(r.statuses)).join(" ")}.`,
  ];
  return { id: "storm", title: "Refresh storm", status: "ok", metrics, notes, details: { trials: rows, expiryKnown: known } };
}
