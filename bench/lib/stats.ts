/** Small, exact statistics over raw samples (no histogram bucketing: targets are in tenths of a ms). */

/** The q-quantile (0..1) by linear interpolation between closest ranks; null for no samples. */
export function quantile(samples: readonly number[], q: number): number | null {
  if (samples.length === 0) return null;
  const s = [...samples].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function median(samples: readonly number[]): number | null {
  return quantile(samples, 0.5);
}

export function mean(samples: readonly number[]): number | null {
  if (samples.length === 0) return null;
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** Round for display and JSON: figures carry the precision they have, not float noise. */
export function round(n: number | null, digits = 2): number | null {
  if (n === null || !Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
