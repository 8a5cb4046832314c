/** The one place that formats money, dates and relative times for display. */

const money = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number | null | undefined, currency = "USD"): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return "—";
  let f = money.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 });
    money.set(currency, f);
  }
  return f.format(amount);
}

const compact = new Map<string, Intl.NumberFormat>();

/** Compact totals for column headers: $1.2M, $950K. */
export function formatMoneyCompact(amount: number, currency = "USD"): string {
  let f = compact.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      notation: "compact",
      // Explicit minimum: Node's ICU and Chromium's disagree on the default ("$386.0K" vs "$386K"),
      // which broke hydration of server-rendered totals.
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    });
    compact.set(currency, f);
  }
  return f.format(amount);
}

// One formatter each, made on first use: `toLocaleDateString(…, options)` builds a new one per
// call, which showed in the board's hydration profile (a date on every card).
let dateFormat: Intl.DateTimeFormat | null = null;
let dateTimeFormat: Intl.DateTimeFormat | null = null;

/** YYYY-MM-DD (a Bigin date, no time zone) → "Apr 30, 2025". */
export function formatDate(date: string | null | undefined): string {
  if (!date) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  dateFormat ??= new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  return dateFormat.format(d);
}

/** ISO date-time with offset → "Mar 1, 2025, 10:15 AM" in the viewer's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // The viewer's zone, as `toLocaleString` would use; resolved once, when first needed.
  dateTimeFormat ??= new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
  return dateTimeFormat.format(d);
}

// Made on first use, not when this module loads: every page imports it, few show relative times.
let rtf: Intl.RelativeTimeFormat | null = null;
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 hours ago", "yesterday", "just now". */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return "—";
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const diff = Math.round((t - now) / 1000);
  const abs = Math.abs(diff);
  if (abs < 45) return "just now";
  rtf ??= new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, secs] of STEPS) {
    if (abs >= secs) return rtf.format(Math.round(diff / secs), unit);
  }
  return rtf.format(Math.round(diff / 60), "minute");
}
