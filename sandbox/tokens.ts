// Token lifecycle with Zoho's limits (bigin-api.md §2.8): mint, refresh, evict, revoke.
import { makeToken } from "./util";
import type { AccessToken, Dc, RefreshToken, World } from "./world";

export interface Grant {
  clientId: string;
  zuid: number;
  orgId: string;
  dc: Dc;
  scopes: string[];
}

export function mintAccess(
  world: World,
  grant: Grant,
  refresh: RefreshToken | null,
  now: number,
): AccessToken {
  const at: AccessToken = {
    token: makeToken(),
    clientId: grant.clientId,
    zuid: grant.zuid,
    orgId: grant.orgId,
    dc: grant.dc,
    scopes: grant.scopes,
    scopeSet: new Set(grant.scopes.map((s) => s.toLowerCase())),
    createdAt: now,
    expiresAt: now + world.settings.accessTokenTtlS * 1000,
    refresh: refresh?.token ?? null,
  };
  world.accessTokens.set(at.token, at);
  if (refresh) {
    refresh.live = refresh.live.filter((t) => {
      const live = world.accessTokens.get(t);
      if (live && live.expiresAt > now) return true;
      world.accessTokens.delete(t);
      return false;
    });
    refresh.live.push(at.token);
    const max = world.settings.limits?.liveAccessPerRefresh;
    // The 16th live access token evicts the oldest (CRM token-validity page).
    while (max && refresh.live.length > max) world.accessTokens.delete(refresh.live.shift()!);
  }
  return at;
}

export function mintRefresh(world: World, grant: Grant, now: number): RefreshToken {
  const max = world.settings.limits?.refreshPerUserClient;
  if (max) {
    const mine = [...world.refreshTokens.values()]
      .filter((r) => r.zuid === grant.zuid && r.clientId === grant.clientId)
      .sort((a, b) => a.createdAt - b.createdAt);
    // The 21st refresh token deletes the oldest together with its access tokens.
    while (mine.length >= max) revokeRefresh(world, mine.shift()!, false);
  }
  const { clientId, zuid, orgId, dc, scopes } = grant;
  const rt: RefreshToken = {
    token: makeToken(),
    clientId,
    zuid,
    orgId,
    dc,
    scopes,
    createdAt: now,
    live: [],
    mints: [],
  };
  world.refreshTokens.set(rt.token, rt);
  return rt;
}

/** Can this refresh token mint another access token now? Records the mint when it can. */
export function allowRefreshMint(world: World, rt: RefreshToken, now: number): boolean {
  const limits = world.settings.limits;
  if (!limits) return true;
  rt.mints = rt.mints.filter((t) => now - t < limits.windowMs);
  if (rt.mints.length >= limits.refreshesPerWindow) return false;
  rt.mints.push(now);
  return true;
}

export function consentKey(zuid: number, clientId: string): string {
  return `${zuid}:${clientId}`;
}

export function revokeRefresh(world: World, rt: RefreshToken, forgetConsent = true) {
  for (const t of rt.live) world.accessTokens.delete(t);
  world.refreshTokens.delete(rt.token);
  if (forgetConsent) {
    // Once no grant remains for this user and client, the next offline consent is a "first" one again.
    const left = [...world.refreshTokens.values()].some(
      (r) => r.zuid === rt.zuid && r.clientId === rt.clientId,
    );
    if (!left) world.consents.delete(consentKey(rt.zuid, rt.clientId));
  }
}

/** A live (known, unexpired) access token, or null. */
export function findAccess(world: World, token: string, now: number): AccessToken | null {
  const at = world.accessTokens.get(token);
  if (!at || at.expiresAt <= now) return null;
  return at;
}
