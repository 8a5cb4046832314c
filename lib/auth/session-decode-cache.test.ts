import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as jwt from "next-auth/jwt";
import type { JWT } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import {
  clearSessionDecodeCache,
  DECODE_CACHE_MAX,
  DECODE_CACHE_TTL_MS,
  decodeSessionCookies,
  encodeSessionToken,
  sessionCookieName,
  sessionDecodeCacheSize,
} from "./session-cookie";

/**
 * The session cookie is decoded once and remembered for a short while (issue 9): the same value
 * always gives the same JWT, two different values never share an entry, nothing is kept past
 * ~60 s or the JWT's own expiry, and the cache stays bounded.
 */
vi.mock("next-auth/jwt", async (orig) => {
  const real = await orig<typeof import("next-auth/jwt")>();
  return { ...real, decode: vi.fn(real.decode) };
});
const decodeSpy = vi.mocked(jwt.decode);

const name = () => sessionCookieName();
const cookie = (value: string) => [{ name: name(), value }];
const now = () => Math.floor(Date.now() / 1000);

function token(over: Partial<JWT> = {}): JWT {
  return {
    name: "Uma US", email: "uma@example.com", sub: "5001",
    access_token: `at-${Math.random()}`, refresh_token: `rt-${Math.random()}`, expires_at: now() + 3600,
    api_domain: "http://127.0.0.1:4010", accounts_server: "http://127.0.0.1:4010", dc: "us", org: { id: "9", name: "Acme" },
    ...over,
  };
}

beforeEach(() => {
  clearSessionDecodeCache();
  decodeSpy.mockReset(); // back to the real decode, calls forgotten
});
afterEach(() => vi.useRealTimers());

describe("session decode cache", () => {
  it("decodes a cookie once, then answers from memory with the same claims", async () => {
    const t = token();
    const value = await encodeSessionToken(t);
    const a = await decodeSessionCookies(cookie(value));
    const b = await decodeSessionCookies(cookie(value));
    expect(a?.access_token).toBe(t.access_token);
    expect(b).toEqual(a);
    expect(decodeSpy).toHaveBeenCalledTimes(1);
  });

  it("50 concurrent requests with one new cookie decode it once", async () => {
    const value = await encodeSessionToken(token());
    const all = await Promise.all(Array.from({ length: 50 }, () => decodeSessionCookies(cookie(value))));
    expect(new Set(all.map((x) => x?.access_token)).size).toBe(1);
    expect(decodeSpy).toHaveBeenCalledTimes(1);
  });

  it("never mixes two cookies: each value gives its own user's token", async () => {
    const uma = token({ email: "uma@example.com", sub: "1" });
    const emil = token({ email: "emil@example.eu", sub: "2" });
    const [u, e] = [await encodeSessionToken(uma), await encodeSessionToken(emil)];
    for (let i = 0; i < 3; i++) {
      expect((await decodeSessionCookies(cookie(u)))?.email).toBe("uma@example.com");
      expect((await decodeSessionCookies(cookie(e)))?.email).toBe("emil@example.eu");
    }
    // A cookie one character off is another key: it is decoded (and refused), not served from memory.
    const tampered = u.slice(0, -2) + (u.endsWith("A") ? "BB" : "AA");
    expect(await decodeSessionCookies(cookie(tampered))).toBeNull();
    expect(decodeSpy).toHaveBeenCalledTimes(3);
  });

  it("does not keep unreadable cookies, so garbage cannot fill it", async () => {
    for (let i = 0; i < 20; i++) expect(await decodeSessionCookies(cookie(`garbage-${i}`))).toBeNull();
    expect(sessionDecodeCacheSize()).toBe(0);
  });

  it("a cookie decoded with another secret is not reused", async () => {
    const value = await encodeSessionToken(token());
    expect(await decodeSessionCookies(cookie(value))).not.toBeNull();
    const other = { ...getEnv(), secret: "another-secret-another-secret-0123456789" };
    expect(await decodeSessionCookies([{ name: sessionCookieName(other), value }], other)).toBeNull();
  });

  it("forgets an entry after the time-to-live and decodes again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const value = await encodeSessionToken(token());
    await decodeSessionCookies(cookie(value));
    vi.setSystemTime(Date.now() + DECODE_CACHE_TTL_MS - 1_000);
    await decodeSessionCookies(cookie(value));
    expect(decodeSpy).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 2_000);
    expect(await decodeSessionCookies(cookie(value))).not.toBeNull();
    expect(decodeSpy).toHaveBeenCalledTimes(2);
  });

  it("never answers from memory past the JWT's own expiry", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const value = await jwt.encode({ token: token(), secret: getEnv().secret, maxAge: 20 });
    expect(await decodeSessionCookies(cookie(value))).not.toBeNull();
    decodeSpy.mockClear();
    // Past `exp` (20 s) and jose's 15 s clock tolerance, but well within the cache's 60 s.
    vi.setSystemTime(Date.now() + 40_000);
    expect(await decodeSessionCookies(cookie(value))).toBeNull();
    expect(decodeSpy).toHaveBeenCalledTimes(1);
  });

  it("stays bounded, dropping the least recently used cookie first", async () => {
    const keep = await encodeSessionToken(token({ email: "keep@example.com" }));
    const first = await encodeSessionToken(token({ email: "first@example.com" }));
    await decodeSessionCookies(cookie(first));
    await decodeSessionCookies(cookie(keep));
    // Stand-in values for the rest: the cache keys on the value, the decoder is what we stub.
    decodeSpy.mockImplementation(async ({ token: raw }) => ({ email: String(raw) }));
    for (let i = 0; i < DECODE_CACHE_MAX - 2; i++) {
      await decodeSessionCookies(cookie(`filler-${i}`));
      if (i === 100) await decodeSessionCookies(cookie(keep)); // used again: most recent
    }
    expect(sessionDecodeCacheSize()).toBe(DECODE_CACHE_MAX);
    await decodeSessionCookies(cookie("one-more"));
    expect(sessionDecodeCacheSize()).toBe(DECODE_CACHE_MAX);
    decodeSpy.mockClear();
    // `keep` was used recently: still in memory. `first` was the oldest: evicted, decoded again.
    expect((await decodeSessionCookies(cookie(keep)))?.email).toBe("keep@example.com");
    expect(decodeSpy).not.toHaveBeenCalled();
    await decodeSessionCookies(cookie(first));
    expect(decodeSpy).toHaveBeenCalledTimes(1);
  });

  it("hands out a frozen token, so one request cannot change what the next one reads", async () => {
    const value = await encodeSessionToken(token());
    const a = await decodeSessionCookies(cookie(value));
    expect(() => {
      (a as JWT).access_token = "changed";
    }).toThrow();
    expect(() => {
      (a as JWT & { org: { id: string } }).org.id = "other";
    }).toThrow();
    expect((await decodeSessionCookies(cookie(value)))?.org?.id).toBe("9");
  });
});
