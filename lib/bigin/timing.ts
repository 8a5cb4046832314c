import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Per-request measurement of time spent waiting on Bigin, for `Server-Timing`.
 * withBigin() opens a context; biginFetch() reports into whatever context is active. Time is
 * wall-clock while at least one Bigin call is in flight, so parallel calls are not double-counted.
 */
export type BiginTiming = { biginMs: number; calls: number; inFlight: number; since: number };

const store = new AsyncLocalStorage<BiginTiming>();

export function newTiming(): BiginTiming {
  return { biginMs: 0, calls: 0, inFlight: 0, since: 0 };
}

export function runWithTiming<T>(timing: BiginTiming, fn: () => Promise<T>): Promise<T> {
  return store.run(timing, fn);
}

/** Mark one Bigin call as started; call the returned function when it ends. */
export function startBiginCall(): () => void {
  const t = store.getStore();
  if (!t) return () => {};
  t.calls++;
  if (t.inFlight++ === 0) t.since = performance.now();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--t.inFlight === 0) t.biginMs += performance.now() - t.since;
  };
}
