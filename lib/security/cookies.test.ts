/**
 * Issue 10: session cookies are HttpOnly, SameSite=Lax, and Secure in production / over https —
 * both as next-auth writes them (lib/auth/options.ts) and as our own code rewrites them after a
 * token refresh (lib/auth/session-cookie.ts).
 */
import { describe, expect, it, vi } from "vitest";
import type { AppEnv } from "@/lib/env";

let env: AppEnv;
vi.mock("@/lib/env", async (orig) => ({ ...(await orig<object>()), getEnv: () => env }));

const { parseEnv } = await vi.importActual<typeof import("@/lib/env")>("@/lib/env");
const { authOptions } = await import("@/lib/auth/options");
const { serializeCookie, sessionCookieWrites } = await import("@/lib/auth/session-cookie");

const CLIENT = { BIGIN_CLIENT_ID: "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123", BIGIN_CLIENT_SECRET: "deadbeef", NEXTAUTH_SECRET: "s".repeat(40) };

describe.each([
  ["production on https", { NODE_ENV: "production", NEXTAUTH_URL: "https://crm.example.com", ...CLIENT }, true],
  ["production with no NEXTAUTH_URL (Vercel)", { NODE_ENV: "production", ...CLIENT }, true],
  ["development over https", { NODE_ENV: "development", NEXTAUTH_URL: "https://dev.example.com" }, true],
  ["local http (dev, e2e)", { NODE_ENV: "production", NEXTAUTH_URL: "http://127.0.0.1:3000", BIGIN_SANDBOX_URL: "http://127.0.0.1:4010", NEXTAUTH_SECRET: "s".repeat(40) }, false],
])("%s", (_name, vars, secure) => {
  it(`next-auth's session cookie: HttpOnly, SameSite=Lax, Secure=${secure}`, () => {
    env = parseEnv(vars);
    expect(authOptions.useSecureCookies).toBe(secure);
    expect(authOptions.cookies?.sessionToken).toEqual({
      name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure },
    });
  });

  it(`a refreshed session cookie is written the same way (Secure=${secure})`, () => {
    env = parseEnv(vars);
    const writes = sessionCookieWrites("x".repeat(9000), ["next-auth.session-token.5"], env);
    expect(writes.length).toBeGreaterThan(2); // chunks, and the stale chunk deleted
    for (const w of writes) {
      const header = serializeCookie(w);
      expect(header).toContain("; HttpOnly");
      expect(header).toContain("; SameSite=Lax");
      expect(header.includes("; Secure")).toBe(secure);
    }
  });
});
