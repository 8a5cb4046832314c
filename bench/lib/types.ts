/** What every benchmark hands back to the runner (and what bench/results.json holds). */

export type BenchId = "bundle" | "proxy" | "storm" | "economy" | "lighthouse" | "scale";

export const BENCH_IDS: readonly BenchId[] = ["bundle", "proxy", "storm", "economy", "lighthouse", "scale"];

export type Target = { op: "<=" | ">=" | "=="; value: number };

export type Metric = {
  name: string;
  /** null when the figure could not be measured in this run. */
  value: number | null;
  unit: string;
  target?: Target;
  /** Set by the runner from value and target: true met, false missed, null unmeasured. */
  pass?: boolean | null;
  note?: string;
};

export type BenchStatus = "ok" | "not-available" | "error";

export type BenchResult = {
  id: BenchId;
  title: string;
  status: BenchStatus;
  /** Why it did not run, or the error, for the not-available and error statuses. */
  reason?: string;
  metrics: Metric[];
  /** One line each: what was measured and how, caveats, diagnosis of misses. */
  notes: string[];
  /** Raw figures for results.json (per-round samples, per-chunk sizes, call breakdowns…). */
  details?: unknown;
  durationMs?: number;
};

/** Thrown by a benchmark whose piece of the app has not landed yet. */
export class NotAvailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "NotAvailable";
  }
}

export function judge(value: number | null, target: Target | undefined): boolean | null | undefined {
  if (!target) return undefined;
  if (value === null || !Number.isFinite(value)) return null;
  switch (target.op) {
    case "<=":
      return value <= target.value;
    case ">=":
      return value >= target.value;
    case "==":
      return value === target.value;
  }
}
