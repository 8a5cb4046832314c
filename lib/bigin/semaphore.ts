/**
 * A counting semaphore per key (the user), so one page firing many requests can't exceed
 * Bigin's concurrency limit and trip 429 TOO_MANY_REQUESTS
 * (https://www.zoho.com/bigin/developer/docs/apis/api-limits.html).
 * Kept on globalThis so every route bundle of the server shares the same counters.
 */
type Gate = { active: number; queue: Array<() => void> };

const g = globalThis as typeof globalThis & { __biginGates?: Map<string, Gate> };
const gates: Map<string, Gate> = (g.__biginGates ??= new Map());

export async function acquire(key: string, limit: number): Promise<() => void> {
  let gate = gates.get(key);
  if (!gate) {
    gate = { active: 0, queue: [] };
    gates.set(key, gate);
  }
  const gt = gate;
  if (gt.active >= limit) {
    await new Promise<void>((resolve) => gt.queue.push(resolve));
  } else {
    gt.active++;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = gt.queue.shift();
    if (next) {
      // Hand the slot straight to the next waiter: `active` stays the same.
      next();
    } else {
      gt.active--;
      if (gt.active === 0) gates.delete(key);
    }
  };
}

/** Calls in flight for a key (for tests and diagnostics). */
export function inFlight(key: string): number {
  return gates.get(key)?.active ?? 0;
}
