/**
 * Reading and writing next-auth's session cookie outside next-auth: in the proxy and in route
 * handlers, which — unlike getServerSession — can write cookies.
 * Same names, secret, lifetime and chunking as next-auth v4, so either side can read what the
 * other wrote: `next-auth.session-token` (`__Secure-` prefixed when NEXTAUTH_URL is https),
 * split into `.0`, `.1`… chunks when the value passes ~4 KB.
 */
import { decode, encode, type JWT } from "next-auth/jwt";
import { getEnv, type AppEnv } from "@/lib/env";

/** next-auth's default session lifetime (30 days), used for the JWT and the cookie. */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

// next-auth v4: 4096-byte cookies minus an estimated 163 bytes of attributes (core/lib/cookie.js).
const CHUNK_SIZE = 4096 - 163;

/** Secure cookies when the app's URL is https (and in production when it is not set, e.g. Vercel). */
export function secureCookies(env: AppEnv = getEnv()): boolean {
  return env.nextauthUrl ? env.nextauthUrl.startsWith("https://") : env.production;
}

export function sessionCookieName(env: AppEnv = getEnv()): string {
  return `${secureCookies(env) ? "__Secure-" : ""}next-auth.session-token`;
}

export type CookieWrite = {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; expires?: Date; maxAge?: number };
};

type CookieLike = { name: string; value: string };

const isSessionChunk = (name: string, base: string) => name === base || (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)));

/** The session cookie's value, joining chunks in order; null when absent. */
export function readSessionCookie(cookies: CookieLike[], env: AppEnv = getEnv()): string | null {
  const base = sessionCookieName(env);
  const parts = cookies
    .filter((c) => isSessionChunk(c.name, base))
    .sort((a, b) => chunkIndex(a.name) - chunkIndex(b.name));
  if (!parts.length) return null;
  return parts.map((c) => c.value).join("");
}

const chunkIndex = (name: string) => {
  const m = /\.(\d+)$/.exec(name);
  return m ? Number(m[1]) : 0;
};

/** Decodes the session JWT from request cookies; null when absent or unreadable. */
export async function decodeSessionCookies(cookies: CookieLike[], env: AppEnv = getEnv()): Promise<JWT | null> {
  const raw = readSessionCookie(cookies, env);
  if (!raw) return null;
  try {
    return await decode({ token: raw, secret: env.secret });
  } catch {
    return null;
  }
}

export async function encodeSessionToken(token: JWT, env: AppEnv = getEnv()): Promise<string> {
  return encode({ token, secret: env.secret, maxAge: SESSION_MAX_AGE_S });
}

/**
 * The Set-Cookie writes that replace the session cookie with `value`: one cookie, or chunks,
 * and a deletion for every old chunk that is no longer used.
 */
export function sessionCookieWrites(value: string, existingNames: string[], env: AppEnv = getEnv(), now = Date.now()): CookieWrite[] {
  const base = sessionCookieName(env);
  const secure = secureCookies(env);
  const expires = new Date(now + SESSION_MAX_AGE_S * 1000);
  const count = Math.ceil(value.length / CHUNK_SIZE);
  const writes: CookieWrite[] =
    count <= 1
      ? [{ name: base, value, options: { httpOnly: true, sameSite: "lax", path: "/", secure, expires } }]
      : Array.from({ length: count }, (_, i) => ({
          name: `${base}.${i}`,
          value: value.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE),
          options: { httpOnly: true, sameSite: "lax" as const, path: "/" as const, secure, expires },
        }));
  const written = new Set(writes.map((w) => w.name));
  for (const name of existingNames) {
    if (isSessionChunk(name, base) && !written.has(name)) {
      writes.push({ name, value: "", options: { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: 0 } });
    }
  }
  return writes;
}

/** One Set-Cookie header value. */
export function serializeCookie(w: CookieWrite): string {
  const parts = [`${w.name}=${w.value}`, `Path=${w.options.path}`];
  if (w.options.expires) parts.push(`Expires=${w.options.expires.toUTCString()}`);
  if (w.options.maxAge !== undefined) parts.push(`Max-Age=${w.options.maxAge}`);
  parts.push("HttpOnly", "SameSite=Lax");
  if (w.options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** Parses a Cookie request header into name/value pairs, in order. */
export function parseCookieHeader(header: string | null): CookieLike[] {
  if (!header) return [];
  return header
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf("=");
      return i < 0 ? { name: p, value: "" } : { name: p.slice(0, i).trim(), value: p.slice(i + 1).trim() };
    });
}

/**
 * A Cookie request header with the session cookie replaced by `writes`, so the rest of this
 * request (server components, route handlers) sees the new session.
 */
export function rewriteCookieHeader(header: string | null, writes: CookieWrite[], env: AppEnv = getEnv()): string {
  const base = sessionCookieName(env);
  const kept = parseCookieHeader(header).filter((c) => !isSessionChunk(c.name, base));
  const added = writes.filter((w) => w.value !== "" && w.options.maxAge !== 0).map((w) => ({ name: w.name, value: w.value }));
  return [...kept, ...added].map((c) => `${c.name}=${c.value}`).join("; ");
}
