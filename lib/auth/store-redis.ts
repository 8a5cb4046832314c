/**
 * A RefreshStore in Redis (REDIS_URL: Upstash, Vercel KV/Redis, any Redis ≥ 6), so the token
 * refresh single-flight also holds across serverless instances: a lock (`SET NX PX`) lets one
 * instance send the refresh grant while the others wait for its answer, and results, failures
 * and Zoho's 10-per-10-minutes grant counter live where every instance sees them.
 *
 * Redis trouble never breaks sign-in or a page: while Redis is unreachable, operations fall back
 * to this instance's memory store (single-flight then holds per instance only, as without Redis)
 * and Redis is tried again after a pause.
 */
import { randomUUID } from "node:crypto";
import type { RefreshStore } from "./refresh-store";

type Client = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options: Record<string, unknown>): Promise<string | null>;
  del(key: string): Promise<number>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  multi(): {
    zRemRangeByScore(
      key: string,
      min: number | string,
      max: number | string,
    ): ReturnType<Client["multi"]>;
    zAdd(key: string, member: { score: number; value: string }): ReturnType<Client["multi"]>;
    zCard(key: string): ReturnType<Client["multi"]>;
    pExpire(key: string, ms: number): ReturnType<Client["multi"]>;
    exec(): Promise<unknown[]>;
  };
  zCount(key: string, min: number | string, max: number | string): Promise<number>;
  quit?(): Promise<unknown>;
  close?(): Promise<unknown>;
  destroy?(): void;
  on(event: "error", listener: (error: Error) => void): unknown;
};

export type RedisRefreshStoreOptions = {
  /** Used while Redis is unreachable (the process's memory store). */
  fallback: RefreshStore;
  /** Prefix of every key, so several apps can share one Redis. */
  prefix?: string;
  /** How long a refresh may hold the lock; Zoho's token call times out after 15 s. */
  lockTtlMs?: number;
  /** How long the lock holder's answer stays readable for instances that waited on it. */
  resultTtlMs?: number;
  /** Give up on a Redis command after this long (then use the fallback). */
  timeoutMs?: number;
  /** Give up on connecting after this long (then use the fallback). */
  connectTimeoutMs?: number;
  /** After a Redis failure, use the fallback for this long before trying Redis again. */
  retryAfterMs?: number;
  /** For tests: where warnings go. */
  warn?: (message: string) => void;
};

// Deletes the lock only when it is still ours (it may have expired and been taken by another).
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis ${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class RedisRefreshStore implements RefreshStore {
  private readonly prefix: string;
  private readonly lockTtlMs: number;
  private readonly resultTtlMs: number;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly retryAfterMs: number;
  private readonly fallback: RefreshStore;
  private readonly warn: (message: string) => void;
  private client: Promise<Client> | null = null;
  private downUntil = 0;

  constructor(
    private readonly url: string,
    options: RedisRefreshStoreOptions,
  ) {
    this.fallback = options.fallback;
    this.prefix = options.prefix ?? "bigin-dashboard:";
    this.lockTtlMs = options.lockTtlMs ?? 20_000;
    this.resultTtlMs = options.resultTtlMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.retryAfterMs = options.retryAfterMs ?? 30_000;
    this.warn = options.warn ?? ((m) => console.warn(m));
  }

  async get<T>(key: string): Promise<T | null> {
    return this.use(
      async (c) => {
        const raw = await c.get(this.prefix + key);
        return raw === null ? null : (JSON.parse(raw) as T);
      },
      () => this.fallback.get<T>(key),
    );
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await this.use(
      async (c) => {
        await c.set(this.prefix + key, JSON.stringify(value), {
          expiration: { type: "PX", value: Math.max(1, Math.ceil(ttlMs)) },
        });
      },
      () => this.fallback.set(key, value, ttlMs),
    );
  }

  // A sorted set of event times per key, trimmed to the window on every write.
  async hit(key: string, windowMs: number, now = Date.now()): Promise<number> {
    return this.use(
      async (c) => {
        const k = this.prefix + key;
        const replies = await c
          .multi()
          .zRemRangeByScore(k, "-inf", now - windowMs)
          .zAdd(k, { score: now, value: `${now}:${randomUUID()}` })
          .zCard(k)
          .pExpire(k, windowMs)
          .exec();
        return Number(replies[2]);
      },
      () => this.fallback.hit(key, windowMs, now),
    );
  }

  async count(key: string, windowMs: number, now = Date.now()): Promise<number> {
    return this.use(
      (c) => c.zCount(this.prefix + key, `(${now - windowMs}`, "+inf"),
      () => this.fallback.count(key, windowMs, now),
    );
  }

  /**
   * Runs `run` on one instance at a time for `key`. The instance that takes the lock first
   * asks `recheck` (another instance may have just finished), else runs and publishes the
   * answer under its lock id; the others poll for that answer. A holder that fails releases
   * the lock without an answer, so a waiter re-checks (a permanent failure is in the store)
   * and then tries itself. A holder that dies is outlived by its lock's expiry.
   */
  async exclusive<T>(
    key: string,
    run: () => Promise<T>,
    recheck: () => Promise<T | null>,
  ): Promise<T> {
    const c = await this.connected();
    if (!c) return run();
    const lockKey = `${this.prefix}${key}`;
    const resultKey = (holder: string) => `${lockKey}:result:${holder}`;
    const deadline = Date.now() + 2 * this.lockTtlMs;
    let seen: string | null = null;
    let delay = 5;
    try {
      for (;;) {
        const id = randomUUID();
        const taken = await this.command(
          c.set(lockKey, id, {
            condition: "NX",
            expiration: { type: "PX", value: this.lockTtlMs },
          }),
          "SET NX",
        );
        if (taken === "OK") return await this.holdLock(c, lockKey, id, resultKey(id), run, recheck);

        const holder = await this.command(c.get(lockKey), "GET");
        if (holder) seen = holder;
        const answer = seen ? await this.command(c.get(resultKey(seen)), "GET") : null;
        if (answer !== null) return JSON.parse(answer) as T;
        if (!holder) {
          const known = await recheck();
          if (known) return known;
          continue; // free: try to take it
        }
        // A holder that outlives its lock twice over is not coming back: do the work here.
        if (Date.now() > deadline) return run();
        await sleep(delay);
        delay = Math.min(delay * 2, 100);
      }
    } catch (error) {
      if (!(error instanceof RedisUnavailable)) throw error;
      this.markDown(error.cause);
      return run();
    }
  }

  private async holdLock<T>(
    c: Client,
    lockKey: string,
    id: string,
    resultKey: string,
    run: () => Promise<T>,
    recheck: () => Promise<T | null>,
  ): Promise<T> {
    try {
      const value = (await recheck()) ?? (await run());
      await this.command(
        c.set(resultKey, JSON.stringify(value), {
          expiration: { type: "PX", value: this.resultTtlMs },
        }),
        "SET",
      ).catch(() => undefined);
      return value;
    } finally {
      await this.command(c.eval(RELEASE, { keys: [lockKey], arguments: [id] }), "EVAL").catch(
        () => undefined,
      );
    }
  }

  /** Closes the connection (tests, shutdown). */
  async close(): Promise<void> {
    const pending = this.client;
    this.client = null;
    if (!pending) return;
    const c = await pending.catch(() => null);
    if (!c) return;
    if (c.close) await c.close().catch(() => undefined);
    else if (c.quit) await c.quit().catch(() => undefined);
  }

  private async use<T>(op: (c: Client) => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    const c = await this.connected();
    if (!c) return fallback();
    try {
      return await this.command(op(c), "command");
    } catch (error) {
      if (!(error instanceof RedisUnavailable)) throw error;
      this.markDown(error.cause);
      return fallback();
    }
  }

  private async command<T>(promise: Promise<T>, what: string): Promise<T> {
    try {
      return await withTimeout(promise, this.timeoutMs, what);
    } catch (error) {
      throw new RedisUnavailable(error);
    }
  }

  /** The connected client, or null while Redis is considered down. */
  private async connected(): Promise<Client | null> {
    if (Date.now() < this.downUntil) return null;
    this.client ??= this.connect();
    try {
      return await withTimeout(this.client, this.connectTimeoutMs, "connect");
    } catch (error) {
      this.markDown(error);
      return null;
    }
  }

  private async connect(): Promise<Client> {
    // Loaded on first use, so deployments without REDIS_URL never load the client.
    const { createClient } = await import("redis");
    const client = createClient({
      url: this.url,
      // Fail commands at once while disconnected instead of queueing them (then: fallback).
      disableOfflineQueue: true,
      socket: { connectTimeout: this.connectTimeoutMs },
    }) as unknown as Client & { connect(): Promise<unknown> };
    let warned = false;
    client.on("error", (error) => {
      // The client reconnects by itself; say so once per connection, not on every retry.
      if (!warned)
        this.warn(
          `Redis refresh store (REDIS_URL): ${error.message}; using this instance's memory meanwhile.`,
        );
      warned = true;
    });
    await client.connect();
    return client;
  }

  private markDown(error: unknown) {
    if (Date.now() >= this.downUntil) {
      this.warn(
        `Redis refresh store (REDIS_URL) unavailable (${(error as Error)?.message ?? error}); ` +
          `token refreshes are deduplicated per instance for the next ${Math.round(this.retryAfterMs / 1000)} s.`,
      );
    }
    this.downUntil = Date.now() + this.retryAfterMs;
    // Drop a connection attempt that never finished; a later call starts a new one.
    const stale = this.client;
    this.client = null;
    void stale?.then(
      (c) => (c.destroy ? c.destroy() : c.quit?.()),
      () => undefined,
    );
  }
}

class RedisUnavailable extends Error {
  constructor(readonly cause: unknown) {
    super(`Redis unavailable: ${(cause as Error)?.message ?? cause}`);
    this.name = "RedisUnavailable";
  }
}
