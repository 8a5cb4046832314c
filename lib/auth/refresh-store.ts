/**
 * Where token-refresh results are shared between requests: a tiny key-value store with
 * time-to-live, plus a sliding-window counter for Zoho's refresh limit.
 *
 * The default lives in this process's memory on `globalThis` (Symbol.for key), so the proxy
 * bundle and every route-handler bundle of one server share it. A Redis store (REDIS_URL)
 * can replace it by implementing the same interface and calling `setRefreshStore()`.
 * Keys are already hashes: no raw token is used as a key.
 */
import { getEnv } from "@/lib/env";
import { RedisRefreshStore } from "./store-redis";

export interface RefreshStore {
  get<T>(key: string): Promise<T | null>;
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  /** Records one event under `key` and returns how many happened within the last `windowMs`. */
  hit(key: string, windowMs: number, now?: number): Promise<number>;
  /** How many events under `key` happened within the last `windowMs`, without recording one. */
  count(key: string, windowMs: number, now?: number): Promise<number>;
  /**
   * Optional, for stores shared by several instances (store-redis.ts): runs `run` on one
   * instance at a time per key; the others wait for its answer (or a `recheck` hit).
   */
  exclusive?<T>(key: string, run: () => Promise<T>, recheck: () => Promise<T | null>): Promise<T>;
}

type Entry = { value: unknown; expires: number };

export class MemoryRefreshStore implements RefreshStore {
  private entries = new Map<string, Entry>();
  private events = new Map<string, number[]>();
  private sweeps = 0;

  async get<T>(key: string): Promise<T | null> {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expires <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.value as T;
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expires: Date.now() + ttlMs });
    if (++this.sweeps % 256 === 0) this.sweep();
  }

  async hit(key: string, windowMs: number, now = Date.now()): Promise<number> {
    const list = (this.events.get(key) ?? []).filter((t) => t > now - windowMs);
    list.push(now);
    this.events.set(key, list);
    return list.length;
  }

  async count(key: string, windowMs: number, now = Date.now()): Promise<number> {
    return (this.events.get(key) ?? []).filter((t) => t > now - windowMs).length;
  }

  /** Drops expired entries so a long-lived server does not grow without bound. */
  sweep(now = Date.now()) {
    for (const [k, e] of this.entries) if (e.expires <= now) this.entries.delete(k);
    for (const [k, list] of this.events) {
      const kept = list.filter((t) => t > now - 60 * 60_000);
      if (kept.length) this.events.set(k, kept);
      else this.events.delete(k);
    }
  }
}

type Shared = { store: RefreshStore; flights: Map<string, Promise<unknown>> };
const KEY = Symbol.for("bigin-dashboard.auth.refresh");

/** Process-wide state shared by every bundle (proxy, route handlers, server components). */
export function sharedRefreshState(): Shared {
  const g = globalThis as unknown as Record<symbol, Shared | undefined>;
  g[KEY] ??= { store: defaultStore(), flights: new Map() };
  return g[KEY]!;
}

// REDIS_URL set: one store for every instance (falls back to memory while Redis is down).
function defaultStore(): RefreshStore {
  const url = getEnv().redisUrl;
  return url ? new RedisRefreshStore(url, { fallback: new MemoryRefreshStore() }) : new MemoryRefreshStore();
}

export function getRefreshStore(): RefreshStore {
  return sharedRefreshState().store;
}

/** Replaces the store (Redis, or a fresh memory store in tests). */
export function setRefreshStore(store: RefreshStore) {
  sharedRefreshState().store = store;
}
