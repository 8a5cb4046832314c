/**
 * Access-token expiry arithmetic, all in epoch seconds (what the JWT stores).
 * Zoho access tokens live one hour; we refresh about five minutes early so a request that
 * starts just before expiry does not reach Bigin with a dead token.
 */

/** Refresh this many seconds before the access token expires. */
export const REFRESH_AHEAD_S = 5 * 60;

export const nowSeconds = (now: number = Date.now()) => Math.floor(now / 1000);

/** When a token that lives `expiresIn` seconds, issued at `now` (ms), expires. */
export function expiresAtFrom(expiresIn: number, now: number = Date.now()): number {
  const ttl = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600;
  return nowSeconds(now) + Math.floor(ttl);
}

/**
 * Whether to refresh now: within `REFRESH_AHEAD_S` of expiry, or already expired. Tokens that
 * live less than twice the margin (tests, short sandbox TTLs) refresh in their last fifth instead,
 * so a fresh token is never refreshed straight away.
 */
export function needsRefresh(
  expiresAt: number | null | undefined,
  now: number = Date.now(),
  lifetime?: number,
): boolean {
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) return true;
  const ahead = lifetime && lifetime > 0 && lifetime < 2 * REFRESH_AHEAD_S ? Math.ceil(lifetime / 5) : REFRESH_AHEAD_S;
  return nowSeconds(now) >= expiresAt - ahead;
}

/** Already past its expiry (no margin). */
export function isExpired(expiresAt: number | null | undefined, now: number = Date.now()): boolean {
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) return true;
  return nowSeconds(now) >= expiresAt;
}
