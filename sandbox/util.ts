// Small shared helpers: deterministic randomness, ids, tokens and time formatting.
import { randomBytes } from "node:crypto";

/** mulberry32: tiny, fast, deterministic PRNG. Same seed → same sequence. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof createRng>;

/** Hash a string to a 32-bit seed (FNV-1a). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 19-digit id: 10-digit org prefix + 9-digit serial (fits Zoho's "~18–19-digit string" ids). */
export function makeId(prefix: string, serial: number): string {
  return prefix + String(serial).padStart(9, "0");
}

export const ID_PATTERN = /^\d{19}$/;

/** Zoho-looking token: `1000.` + 32 hex + `.` + 32 hex. */
export function makeToken(): string {
  return `1000.${randomBytes(16).toString("hex")}.${randomBytes(16).toString("hex")}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Format epoch ms as `YYYY-MM-DDTHH:mm:ss±hh:mm` for a fixed UTC offset in minutes. */
export function formatDateTime(ms: number, offsetMin: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + offsetMin * 60_000);
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Format epoch ms as `YYYY-MM-DD` in a fixed UTC offset. */
export function formatDate(ms: number, offsetMin: number): string {
  return formatDateTime(ms, offsetMin).slice(0, 10);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isValidDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Parse an ISO date-time with offset; returns epoch ms or null. */
export function parseDateTime(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = DATETIME_RE.exec(value);
  if (!m || !isValidDate(`${m[1]}-${m[2]}-${m[3]}`)) return null;
  if (+m[4] > 23 || +m[5] > 59 || +m[6] > 59) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Parse a request-time comparison value for date/datetime fields. */
export function toComparableTime(value: string): number | null {
  if (isValidDate(value)) return Date.parse(value + "T00:00:00Z");
  return parseDateTime(value);
}

export function offsetString(offsetMin: number): string {
  return formatDateTime(0, offsetMin).slice(19);
}
