import autocannon from "autocannon";
import { mean, quantile } from "./stats";

/**
 * Load generation with autocannon. Its own histogram keeps whole milliseconds, too coarse for
 * targets in tenths of a ms, so we collect every response time (hrtime, fractional ms) from its
 * `response` events and compute exact percentiles ourselves.
 */

export type LoadRun = {
  /** Response times of 2xx answers, ms. */
  latencies: number[];
  /** Response times of every answer, ms. */
  all: number[];
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  requests: number;
  seconds: number;
  rps: number;
  bytesPerResponse: number;
};

export function load(opts: { url: string; method?: string; headers?: Record<string, string>; connections: number; amount: number; maxMs: number }): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const all: number[] = [];
    const statuses: Record<string, number> = {};
    let bytes = 0;
    let responses = 0;
    const started = performance.now();
    const instance = autocannon(
      { url: opts.url, method: opts.method ?? "GET", headers: opts.headers, connections: opts.connections, amount: opts.amount, timeout: 20, pipelining: 1 },
      (err, result) => {
        clearTimeout(cap);
        if (err) return reject(err);
        const seconds = (performance.now() - started) / 1000;
        resolve({
          latencies,
          all,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
          requests: responses,
          seconds,
          rps: responses / seconds,
          bytesPerResponse: responses ? bytes / responses : 0,
        });
      },
    );
    const cap = setTimeout(() => instance.stop(), opts.maxMs);
    instance.on("response", (_client: unknown, status: number, resBytes: number, ms: number) => {
      responses++;
      all.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
      bytes += resBytes;
      // Only successful answers count as latency samples, as autocannon does.
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

export function summary(latencies: number[]) {
  return { n: latencies.length, p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p99: quantile(latencies, 0.99), mean: mean(latencies) };
}
