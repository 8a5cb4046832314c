/**
 * One "app instance" for store-redis.test.ts: a separate process that refreshes the same token
 * `COUNT` times at once through the real refreshTokens() and the store chosen from the
 * environment (REDIS_URL → the Redis store). Waits at the test's barrier first so that every
 * instance refreshes at the same moment, then prints the access tokens it got as JSON.
 */
import { getEnv } from "@/lib/env";
import { refreshTokens, type TokenState } from "../refresh";
import { getRefreshStore, MemoryRefreshStore, setRefreshStore } from "../refresh-store";
import { RedisRefreshStore } from "../store-redis";

async function main() {
  const state = JSON.parse(process.env.TOKEN_STATE!) as TokenState;
  const count = Number(process.env.COUNT ?? 25);
  // REDIS_URL chose the Redis store; the same store with patient timeouts for a loaded CI box.
  if (!(getRefreshStore() instanceof RedisRefreshStore))
    throw new Error("REDIS_URL did not select the Redis store");
  const timeouts = { timeoutMs: 20_000, connectTimeoutMs: 20_000 };
  setRefreshStore(
    new RedisRefreshStore(getEnv().redisUrl!, { fallback: new MemoryRefreshStore(), ...timeouts }),
  );
  await fetch(process.env.BARRIER_URL!);
  const results = await Promise.allSettled(
    Array.from({ length: count }, () => refreshTokens(state, { env: getEnv() })),
  );
  const out = results.map((r) =>
    r.status === "fulfilled" ? r.value.accessToken : `error: ${String(r.reason)}`,
  );
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

void main();
