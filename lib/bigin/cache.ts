import type { BiginConn, Query } from "./client";

/**
 * Bigin API credits are money (https://www.zoho.com/bigin/developer/docs/apis/api-limits.html):
 * - `cached`: slow-changing metadata (layouts, fields) per org for a few minutes;
 * - `dedupe`: identical list GETs in flight at the same moment share one call.
 * Both live on globalThis so every route bundle of one server process shares them.
 */
type Entry = { expires: number; value: Promise<unknown> };
type Store = { ttl: Map<string, Entry>; inflight: Map<string, Promise<unknown>> };

const g = globalThis as typeof globalThis & { __biginCache?: Store };
const store: Store = (g.__biginCache ??= { ttl: new Map(), inflight: new Map() });

export const METADATA_TTL_MS = 5 * 60_000;

/**
 * The org a connection belongs to, as a cache key. Tokens are bound to one org; when the org
 * id is unknown we fall back to the user so nothing is shared across orgs by mistake.
 */
export function orgKey(conn: BiginConn): string {
  return `${conn.apiDomain}|${conn.dc}|${conn.orgId ? `org:${conn.orgId}` : `user:${conn.userKey}`}`;
}

/** A stable key for a query object (key order does not matter). */
export function queryKey(query: Query = {}): string {
  return Object.keys(query)
    .filter((k) => query[k] !== undefined && query[k] !== null && query[k] !== "")
    .sort()
    .map((k) => `${k}=${String(query[k])}`)
    .join("&");
}

export async function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = store.ttl.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = load();
  store.ttl.set(key, { expires: now + ttlMs, value });
  // A failure is not cached: the next caller tries again.
  value.catch(() => {
    if (store.ttl.get(key)?.value === value) store.ttl.delete(key);
  });
  return value;
}

/**
 * What `cached` holds under `key`, if it is there and fresh — never loads anything (no Bigin
 * call). A load still in flight counts as there; the caller decides whether to wait for it.
 */
export function peek<T>(key: string): Promise<T> | undefined {
  const hit = store.ttl.get(key);
  return hit && hit.expires > Date.now() ? (hit.value as Promise<T>) : undefined;
}

export async function dedupe<T>(key: string, load: () => Promise<T>): Promise<T> {
  const running = store.inflight.get(key);
  if (running) return running as Promise<T>;
  const p = load().finally(() => {
    if (store.inflight.get(key) === p) store.inflight.delete(key);
  });
  store.inflight.set(key, p);
  return p;
}

/** Drop cached entries whose key starts with the prefix (after writes that change them). */
export function invalidate(prefix: string) {
  for (const k of store.ttl.keys()) if (k.startsWith(prefix)) store.ttl.delete(k);
}

export function clearBiginCaches() {
  store.ttl.clear();
  store.inflight.clear();
}
