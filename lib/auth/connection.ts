/**
 * The signed-in user's Bigin connection, for route handlers and server components.
 *
 * ```ts
 * const conn = await getConnection(req);          // null → 401
 * let res = await callBigin(conn);
 * if (res is INVALID_TOKEN) {                      // e.g. after /__sandbox/tokens/expire
 *   conn = await refreshConnection(conn);          // single-flight; throws ReconnectRequiredError
 *   res = await callBigin(conn);                   // retry once
 * }
 * const response = Response.json(...);
 * await persistConnection(req, response, conn);    // writes the refreshed cookie, if any
 * ```
 * On ReconnectRequiredError answer 401 `{error:{code:"RECONNECT", reconnect:true}}` and call
 * `persistConnection(req, response, null, { failed: true })` so the session shows the prompt.
 * RefreshUnavailableError is transient (Zoho unreachable or our rate guard): 503 + Retry-After.
 */
import type { NextRequest } from "next/server";
import type { JWT } from "next-auth/jwt";
import { dcForAccountsServer } from "@/lib/bigin/data-centres";
import { getEnv } from "@/lib/env";
import type { DataCentre } from "@/lib/types";
import { markRefreshFailed, ReconnectRequiredError, refreshTokens, RefreshUnavailableError } from "./refresh";
import {
  decodeSessionCookies,
  encodeSessionToken,
  serializeCookie,
  sessionCookieWrites,
} from "./session-cookie";
import { failedToken, freshenToken, tokenState, withTokenState } from "./session-token";

export { ReconnectRequiredError, RefreshUnavailableError };

export type BiginConnection = {
  accessToken: string;
  refreshToken: string;
  /** Epoch seconds. */
  expiresAt: number;
  apiDomain: string;
  accountsServer: string;
  dc: DataCentre;
  orgId: string | null;
  /** Stable per user+org, for per-user concurrency limits and caches. */
  userKey: string;
};

/** The connection a session JWT describes; throws ReconnectRequiredError when it is flagged or unusable. */
export function connectionFromToken(token: JWT): BiginConnection {
  if (token.error) throw new ReconnectRequiredError("refresh_failed");
  const s = tokenState(token);
  if (!s) throw new ReconnectRequiredError("no_tokens");
  const dc = token.dc ?? dcForAccountsServer(s.accountsServer) ?? "us";
  const orgId = token.org?.id ?? null;
  return {
    accessToken: s.accessToken,
    refreshToken: s.refreshToken,
    expiresAt: s.expiresAt,
    apiDomain: s.apiDomain,
    accountsServer: s.accountsServer,
    dc,
    orgId,
    userKey: `${dc}:${orgId ?? "-"}:${token.sub ?? token.email ?? "?"}`,
  };
}

async function fresh(token: JWT | null): Promise<BiginConnection | null> {
  if (!token) return null;
  return connectionFromToken(await freshenToken(token, { env: getEnv() }));
}

/**
 * The session's connection from a route handler's request; refreshes ahead of expiry
 * (single-flight). Null when not signed in; ReconnectRequiredError when refresh failed for good.
 */
export async function getConnection(req: NextRequest): Promise<BiginConnection | null> {
  return fresh(await decodeSessionCookies(req.cookies.getAll()));
}

/**
 * The same for server components. They cannot write cookies: a refresh done here is cached
 * and the proxy writes it on the user's next request.
 */
export async function getServerConnection(): Promise<BiginConnection | null> {
  const { cookies } = await import("next/headers");
  return fresh(await decodeSessionCookies((await cookies()).getAll()));
}

/**
 * Forces a refresh after Bigin answered INVALID_TOKEN: single-flight, and a request that comes
 * later with the same old token gets the same new one. If Bigin already rejected the token this
 * refresh produced, the refresh token is treated as dead.
 */
export async function refreshConnection(conn: BiginConnection): Promise<BiginConnection> {
  const state = {
    accessToken: conn.accessToken,
    refreshToken: conn.refreshToken,
    expiresAt: conn.expiresAt,
    apiDomain: conn.apiDomain,
    accountsServer: conn.accountsServer,
  };
  const next = await refreshTokens(state, { env: getEnv() });
  return { ...conn, accessToken: next.accessToken, refreshToken: next.refreshToken, expiresAt: next.expiresAt, apiDomain: next.apiDomain };
}

/** Marks a connection dead without asking Zoho (e.g. INVALID_TOKEN right after a refresh). */
export async function markConnectionFailed(conn: BiginConnection, code = "invalid_token"): Promise<void> {
  await markRefreshFailed(conn.refreshToken, code);
}

/**
 * Writes the session cookie onto `res` when `conn` differs from what the request's cookie
 * holds (it was refreshed), or flags the session as needing a reconnect (`failed`).
 * Never throws: a cookie that cannot be written is written by the proxy next time.
 */
export async function persistConnection(
  req: NextRequest,
  res: Response,
  conn: BiginConnection | null,
  opts: { failed?: boolean } = {},
): Promise<void> {
  try {
    const env = getEnv();
    const cookies = req.cookies.getAll();
    const token = await decodeSessionCookies(cookies, env);
    if (!token) return;
    let next: JWT;
    if (opts.failed) {
      if (token.error) return;
      next = failedToken(token);
    } else {
      const s = tokenState(token);
      if (!conn || !s || token.error || (conn.accessToken === s.accessToken && conn.refreshToken === s.refreshToken)) return;
      // Only a refresh of this same connection may be written (never another user's).
      if (conn.accountsServer !== s.accountsServer) return;
      next = withTokenState(token, {
        ...s,
        accessToken: conn.accessToken,
        refreshToken: conn.refreshToken,
        expiresAt: conn.expiresAt,
        apiDomain: conn.apiDomain,
      });
    }
    const value = await encodeSessionToken(next, env);
    for (const w of sessionCookieWrites(value, cookies.map((c) => c.name), env)) {
      res.headers.append("set-cookie", serializeCookie(w));
    }
  } catch {
    // Immutable headers (e.g. Response.redirect) or an unreadable cookie: nothing to persist.
  }
}
