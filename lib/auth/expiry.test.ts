import { describe, expect, it } from "vitest";
import { expiresAtFrom, isExpired, needsRefresh, REFRESH_AHEAD_S } from "./expiry";

const T0 = Date.UTC(2025, 2, 1, 10, 0, 0); // ms

describe("expiry arithmetic", () => {
  it("turns expires_in into epoch seconds", () => {
    expect(expiresAtFrom(3600, T0)).toBe(T0 / 1000 + 3600);
    expect(expiresAtFrom(Number.NaN, T0)).toBe(T0 / 1000 + 3600);
  });

  it("refreshes five minutes early, not before", () => {
    const exp = T0 / 1000 + 3600;
    expect(REFRESH_AHEAD_S).toBe(300);
    expect(needsRefresh(exp, T0 + (3600 - 301) * 1000)).toBe(false);
    expect(needsRefresh(exp, T0 + (3600 - 300) * 1000)).toBe(true);
    expect(needsRefresh(exp, T0 + 4000 * 1000)).toBe(true);
  });

  it("refreshes short-lived tokens in their last fifth, never right after minting", () => {
    const exp = T0 / 1000 + 60;
    expect(needsRefresh(exp, T0, 60)).toBe(false);
    expect(needsRefresh(exp, T0 + 47_000, 60)).toBe(false);
    expect(needsRefresh(exp, T0 + 48_000, 60)).toBe(true);
  });

  it("treats a missing expiry as due", () => {
    expect(needsRefresh(undefined, T0)).toBe(true);
    expect(isExpired(undefined, T0)).toBe(true);
    expect(isExpired(T0 / 1000 + 1, T0)).toBe(false);
    expect(isExpired(T0 / 1000, T0)).toBe(true);
  });
});
