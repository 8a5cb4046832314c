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

/**
 * Decodes the session JWT from request cookies; null when absent or unreadable.
 * A decoded cookie is remembered for a short while (see `decodeCache`): the same cookie comes
 * with every request of a session, and decrypting it (key derivation + AES-GCM) is most of the
 * per-request cost of reading the session.
 */
export async function decodeSessionCookies(cookies: CookieLike[], env: AppEnv = getEnv()): Promise<JWT | null> {
  const raw = readSessionCookie(cookies, env);
  if (!raw) return null;
  return decodeCached(raw, env.secret);
}

/** At most this many decoded cookies are kept (least recently used dropped first). */
export const DECODE_CACHE_MAX = 1_000;
/** A decoded cookie is reused for at most this long, and never past the JWT's own `exp`. */
export const DECODE_CACHE_TTL_MS = 60_000;

type DecodeEntry = { secret: string; token: Promise<JWT | null>; until: number };
type DecodeCache = Map<string, DecodeEntry>;
const DECODE_KEY = Symbol.for("bigin-dashboard.auth.session-decode");

/**
 * Exact cookie value → its decoded JWT, process-wide (shared by the proxy and every route
 * bundle), in memory only. Keyed by the whole cookie value, so two different cookies never
 * share an entry; an entry also carries the secret it was decoded with. Only successful
 * decodes are kept, frozen, so no caller can change what the next request reads. Nothing here
 * is ever logged.
 */
function decodeCache(): DecodeCache {
  const g = globalThis as unknown as Record<symbol, DecodeCache | undefined>;
  return (g[DECODE_KEY] ??= new Map());
}

/** Empties the decode cache (tests). */
export function clearSessionDecodeCache() {
  decodeCache().clear();
}

/** How many decoded cookies are held (tests, diagnostics). */
export function sessionDecodeCacheSize(): number {
  return decodeCache().size;
}

async function decodeCached(raw: string, secret: string, now = Date.now()): Promise<JWT | null> {
  const cache = decodeCache();
  const hit = cache.get(raw);
  if (hit) {
    if (hit.secret === secret && hit.until > now) {
      // Most recently used goes last: Map iteration order is insertion order.
      cache.delete(raw);
      cache.set(raw, hit);
      return hit.token;
    }
    cache.delete(raw);
  }
  const entry: DecodeEntry = { secret, until: now + DECODE_CACHE_TTL_MS, token: decodeRaw(raw, secret) };
  cache.set(raw, entry);
  while (cache.size > DECODE_CACHE_MAX) cache.delete(cache.keys().next().value!);
  const token = await entry.token;
  if (!token) {
    if (cache.get(raw) === entry) cache.delete(raw);
    return null;
  }
  // Never past the JWT's own expiry (jose checked `exp` when decoding).
  if (typeof token.exp === "number") entry.until = Math.min(entry.until, token.exp * 1000);
  return token;
}

async function decodeRaw(raw: string, secret: string): Promise<JWT | null> {
  try {
    const token = await decode({ token: raw, secret });
    return token ? deepFreeze(token) : null;
  } catch {
    return null;
  }
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
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
