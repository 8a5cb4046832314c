/**
 * The Redis refresh store against a real Redis: the test starts its own `redis-server` on a free
 * port (no persistence) when the binary is installed (`apt-get install redis-server`), and is
 * skipped with a printed reason otherwise.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "redis";
import { MemoryRefreshStore } from "./refresh-store";
import { RedisRefreshStore } from "./store-redis";
import { fakeToken } from "./testing/fake-zoho";

const redisBinary = spawnSync("sh", ["-c", "command -v redis-server"], {
  encoding: "utf8",
}).stdout.trim();
if (!redisBinary)
  console.log(
    "store-redis.test.ts skipped: no redis-server binary (apt-get install -y redis-server)",
  );

const root = fileURLToPath(new URL("../../", import.meta.url));

async function freePort(): Promise<number> {
  const server = createNetServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

let redis: ChildProcess | undefined;
let redisUrl = "";
const stores: RedisRefreshStore[] = [];

function store(
  over: Partial<ConstructorParameters<typeof RedisRefreshStore>[1]> = {},
  url = redisUrl,
) {
  // Patient timeouts: CI machines can be slow; the fallback has its own test below.
  const s = new RedisRefreshStore(url, {
    fallback: new MemoryRefreshStore(),
    prefix: `t-${randomUUID()}:`,
    timeoutMs: 20_000,
    connectTimeoutMs: 20_000,
    ...over,
  });
  stores.push(s);
  return s;
}

/** Two instances of the app: two stores (two connections) on one Redis, with one key space. */
function twoInstances() {
  const prefix = `t-${randomUUID()}:`;
  return [store({ prefix }), store({ prefix })] as const;
}

describe.skipIf(!redisBinary)("RedisRefreshStore (real redis-server)", () => {
  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(
      redisBinary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let log = "";
    redis.stdout!.setEncoding("utf8");
    await new Promise<void>((resolve, reject) => {
      redis!.stdout!.on("data", (chunk: string) => {
        log += chunk;
        if (log.includes("Ready to accept connections")) resolve();
      });
      redis!.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${log}`)));
    });
    redisUrl = `redis://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    if (redis && redis.exitCode === null) {
      redis.kill("SIGTERM");
      await once(redis, "exit");
    }
  });

  it("keeps JSON values with a time-to-live, shared between instances", async () => {
    const [a, b] = twoInstances();
    await a.set("auth:refreshed:x", { accessToken: "t1", expiresAt: 1 }, 60_000);
    expect(await b.get("auth:refreshed:x")).toEqual({ accessToken: "t1", expiresAt: 1 });
    expect(await b.get("auth:refreshed:missing")).toBeNull();

    const raw = createClient({ url: redisUrl });
    await raw.connect();
    const keys = await raw.keys("*auth:refreshed:x");
    expect(keys).toHaveLength(1);
    const ttl = await raw.pTTL(keys[0]);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await raw.close();
  });

  it("counts events in a sliding window across instances (Zoho's 10 grants per 10 minutes)", async () => {
    const [a, b] = twoInstances();
    const window = 10 * 60_000;
    const t0 = 1_700_000_000_000;
    expect(await a.hit("auth:grants:r", window, t0)).toBe(1);
    expect(await b.hit("auth:grants:r", window, t0 + 1)).toBe(2);
    expect(await a.count("auth:grants:r", window, t0 + 2)).toBe(2);
    expect(await b.count("auth:grants:r", window, t0 + window + 1)).toBe(0);
    expect(await a.hit("auth:grants:r", window, t0 + window + 5)).toBe(1);
  });

  it("two instances, 50 concurrent refresh attempts → the refresh runs exactly once", async () => {
    const [a, b] = twoInstances();
    let calls = 0;
    // As refresh.ts does: the grant stores its result, and `recheck` reads it from the store.
    const refresh = (s: RedisRefreshStore) => async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 150)); // Zoho taking its time
      const result = { accessToken: `new-${calls}` };
      await s.set("auth:refreshed:k", result, 60_000);
      return result;
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const s = i % 2 ? a : b;
        return s.exclusive("auth:lock:k", refresh(s), () =>
          s.get<{ accessToken: string }>("auth:refreshed:k"),
        );
      }),
    );
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(["new-1"]));
  });

  it("a waiter takes over when the holder fails for now, and learns a permanent failure from the store", async () => {
    const [a, b] = twoInstances();
    let calls = 0;
    let release!: () => void;
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const holderStarted = new Promise<void>((resolve) => (started = resolve));
    const failing = a.exclusive(
      "auth:lock:f",
      async () => {
        calls += 1;
        started();
        await holding;
        throw new Error("Zoho unreachable");
      },
      async () => null,
    );
    await holderStarted;
    const waiting = b.exclusive(
      "auth:lock:f",
      async () => {
        calls += 1;
        return "second try";
      },
      async () => null,
    );
    release();
    await expect(failing).rejects.toThrow("Zoho unreachable");
    await expect(waiting).resolves.toBe("second try");
    expect(calls).toBe(2);

    let permanent!: () => void;
    let holds!: () => void;
    const held = new Promise<void>((resolve) => (permanent = resolve));
    const holderHolds = new Promise<void>((resolve) => (holds = resolve));
    let failed = false;
    const holder = a.exclusive(
      "auth:lock:p",
      async () => {
        holds();
        await held;
        failed = true; // what refresh.ts does: the failure goes into the store, then it throws
        throw new Error("invalid_code");
      },
      async () => null,
    );
    await holderHolds;
    const waiter = b.exclusive(
      "auth:lock:p",
      async () => "must not run",
      async () => {
        if (failed) throw new Error("reconnect required");
        return null;
      },
    );
    permanent();
    await expect(holder).rejects.toThrow("invalid_code");
    await expect(waiter).rejects.toThrow("reconnect required");
  });

  it("falls back to this instance's memory, quickly and with one warning, when Redis is unreachable", async () => {
    const warnings: string[] = [];
    const down = store(
      { timeoutMs: 300, connectTimeoutMs: 300, warn: (m) => warnings.push(m) },
      `redis://127.0.0.1:${await freePort()}`,
    );
    const started = Date.now();
    await down.set("k", "v", 60_000);
    expect(await down.get("k")).toBe("v");
    expect(await down.hit("h", 1000)).toBe(1);
    expect(
      await down.exclusive(
        "l",
        async () => "ran here",
        async () => null,
      ),
    ).toBe("ran here");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(warnings.filter((w) => w.includes("unavailable"))).toHaveLength(1);
  });

  it("two app processes with REDIS_URL, 25 refreshes each at once → one refresh grant to Zoho", async () => {
    // A fake Zoho accounts server (allowed as the sandbox origin) and a barrier for both processes.
    let grants = 0;
    let waiting: ServerResponse[] = [];
    const newToken = fakeToken();
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === "/barrier") {
        waiting.push(res);
        if (waiting.length === 2) {
          for (const r of waiting) r.end("go");
          waiting = [];
        }
        return;
      }
      if (req.method === "POST" && req.url === "/oauth/v2/token") {
        grants += 1;
        setTimeout(() => {
          res.setHeader("content-type", "application/json");
          res.end(
            JSON.stringify({
              access_token: newToken,
              api_domain: origin,
              token_type: "Bearer",
              expires_in: 3600,
            }),
          );
        }, 1_500); // long enough that both processes are refreshing meanwhile, even on a busy machine
        return;
      }
      res.statusCode = 404;
      res.end();
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const state = {
      accessToken: fakeToken(),
      refreshToken: fakeToken(),
      expiresAt: Math.floor(Date.now() / 1000) - 10,
      apiDomain: origin,
      accountsServer: origin,
    };
    const instance = () => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "lib/auth/testing/refresh-instance.ts"],
        {
          cwd: root,
          env: {
            ...process.env,
            NODE_ENV: "test",
            BIGIN_SANDBOX_URL: origin,
            BIGIN_CLIENT_ID: "",
            BIGIN_CLIENT_SECRET: "",
            REDIS_URL: redisUrl,
            TOKEN_STATE: JSON.stringify(state),
            COUNT: "25",
            BARRIER_URL: `${origin}/barrier`,
          },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      let out = "";
      child.stdout!.setEncoding("utf8").on("data", (c: string) => (out += c));
      return once(child, "exit").then(([code]) => {
        expect(code).toBe(0);
        return JSON.parse(out) as string[];
      });
    };
    try {
      const [first, second] = await Promise.all([instance(), instance()]);
      expect(grants).toBe(1);
      expect(new Set([...first, ...second])).toEqual(new Set([newToken]));
    } finally {
      server.close();
    }
  }, 30_000);
});
