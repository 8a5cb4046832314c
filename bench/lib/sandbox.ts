import { SANDBOX_URL } from "./config";

/** The sandbox's admin API (DESIGN.md "Sandbox server"), for counting and resetting. */

export type Stats = {
  grants: Record<string, number>;
  revokes: number;
  calls: Record<string, number>;
  errors: Record<string, number>;
};

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${SANDBOX_URL}/__sandbox/${path}`, {
    method,
    headers: body !== undefined ? { "Content-Type": "application/json" } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(300_000), // a 50,000-contact reseed takes a while on 2 cores
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${method} /__sandbox/${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

export async function resetSandbox(
  sizes?: { contacts?: number; companies?: number; deals?: number; notes?: number; accessTokenTtlS?: number },
) {
  await admin("POST", "reset", sizes ?? {});
}

export async function expireTokens() {
  await admin("POST", "tokens/expire");
}

export async function getStats(): Promise<Stats> {
  const raw = (await admin("GET", "stats")) as Partial<Stats> & { stats?: Partial<Stats> };
  const s = raw.stats ?? raw;
  return { grants: s.grants ?? {}, revokes: s.revokes ?? 0, calls: s.calls ?? {}, errors: s.errors ?? {} };
}

/** Bigin API calls (not OAuth endpoints) by "METHOD path-template". */
export function biginCalls(s: Stats): Record<string, number> {
  return Object.fromEntries(Object.entries(s.calls).filter(([k]) => k.includes("/bigin/")));
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** What happened between two snapshots: Bigin calls by template, grants by type, errors by code. */
export type StatsDelta = { biginCalls: number; byCall: Record<string, number>; grants: Record<string, number>; errors: Record<string, number> };

export function diffStats(before: Stats, after: Stats): StatsDelta {
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.keys(b)
        .map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)] as const)
        .filter(([, v]) => v !== 0),
    );
  const byCall = diff(biginCalls(before), biginCalls(after));
  return { biginCalls: sum(byCall), byCall, grants: diff(before.grants, after.grants), errors: diff(before.errors, after.errors) };
}

export function describeCalls(byCall: Record<string, number>): string {
  const entries = Object.entries(byCall).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([k, v]) => `${k.replace("/bigin/v2", "")}×${v}`).join(", ") : "none";
}
