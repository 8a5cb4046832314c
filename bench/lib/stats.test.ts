import { describe, expect, it } from "vitest";
import { mean, median, quantile, round } from "./stats";
import { judge } from "./types";

describe("bench statistics", () => {
  it("interpolates quantiles between ranks and keeps sub-millisecond precision", () => {
    const xs = [1.2, 0.4, 0.8, 1.6];
    expect(median(xs)).toBeCloseTo(1.0);
    expect(quantile(xs, 0)).toBe(0.4);
    expect(quantile(xs, 1)).toBe(1.6);
    expect(quantile(Array.from({ length: 100 }, (_, i) => i + 1), 0.99)).toBeCloseTo(99.01);
  });

  it("answers null for no samples instead of inventing a figure", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(mean([])).toBeNull();
    expect(round(null)).toBeNull();
  });

  it("judges targets, and leaves unmeasured values unjudged", () => {
    expect(judge(1.4, { op: "<=", value: 1.5 })).toBe(true);
    expect(judge(1.6, { op: "<=", value: 1.5 })).toBe(false);
    expect(judge(95, { op: ">=", value: 95 })).toBe(true);
    expect(judge(2, { op: "==", value: 1 })).toBe(false);
    expect(judge(null, { op: "==", value: 1 })).toBeNull();
    expect(judge(3, undefined)).toBeUndefined();
  });
});
