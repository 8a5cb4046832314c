/**
 * Access-token refresh with single-flight: however many requests find the same token expired
 * at once, one refresh grant goes to Zoho and every request gets its answer.
 *
 * - In flight: one promise per refresh token, on globalThis (refresh-store.ts), so the proxy and
 *   route-handler bundles of a server share it.
 * - After: the result is kept for RESULT_TTL_MS keyed by (refresh token, old access token), so a
 *   request that still carries the old cookie reuses it instead of minting another token, and
 *   the proxy can persist a refresh that a server component could not.
 * - A refresh token that failed for good is remembered, so every request learns it without
 *   asking Zoho again.
 * - Zoho allows 10 access tokens per refresh token per 10 minutes, then blocks the rest of the
 *   window (https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token-expiry.html); we
 *   never send the 11th.
 */
import { createHash } from "node:crypto";
import type { AppEnv } from "@/lib/env";
import { expiresAtFrom } from "./expiry";
import { getRefreshStore, sharedRefreshState, type RefreshStore } from "./refresh-store";
import { refreshGrant, UntrustedHostError, ZohoTokenError } from "./zoho-tokens";

export const RESULT_TTL_MS = 2 * 60_000;
export const FAILURE_TTL_MS = 30 * 60_000;
export const ZOHO_REFRESH_LIMIT = 10;
export const ZOHO_REFRESH_WINDOW_MS = 10 * 60_000;

/** The refresh failed for good (revoked, `invalid_code`, `access_denied`): the user must reconnect Bigin. */
export class ReconnectRequiredError extends Error {
  constructor(readonly code: string = "invalid_code") {
    super("Your Bigin connection has ended. Reconnect Bigin to continue.");
    this.name = "ReconnectRequiredError";
  }
}

/** The refresh could not happen right now (Zoho unreachable, 5xx, or our own rate guard). Try later. */
export class RefreshUnavailableError extends Error {
  constructor(
    message: string,
    /** Seconds after which trying again makes sense. */
    readonly retryAfter = 30,
  ) {
    super(message);
    this.name = "RefreshUnavailableError";
  }
}

/** The token fields a refresh reads and writes. */
export type TokenState = {
  accessToken: string;
  refreshToken: string;
  /** Epoch seconds. */
  expiresAt: number;
  apiDomain: string;
  accountsServer: string;
  /** Lifetime in seconds of the current access token, when known. */
  lifetime?: number;
};

export type RefreshDeps = {
  env: AppEnv;
  fetch?: typeof fetch;
  store?: RefreshStore;
  now?: () => number;
};

type Stored = Pick<TokenState, "accessToken" | "refreshToken" | "expiresAt" | "apiDomain" | "lifetime">;

const hash = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("base64url");
const resultKey = (s: Pick<TokenState, "refreshToken" | "accessToken">) => `auth:refreshed:${hash(s.refreshToken, s.accessToken)}`;
const failureKey = (refreshToken: string) => `auth:failed:${hash(refreshToken)}`;
const grantsKey = (refreshToken: string) => `auth:grants:${hash(refreshToken)}`;

const apply = (state: TokenState, r: Stored): TokenState => ({ ...state, ...r });

/**
 * What is already known about this token without asking Zoho: a newer access token another
 * request obtained (returned merged), a permanent failure (throws ReconnectRequiredError), or
 * nothing (returns null).
 */
export async function peekRefresh(state: TokenState, deps: Pick<RefreshDeps, "store"> = {}): Promise<TokenState | null> {
  const store = deps.store ?? getRefreshStore();
  const failed = await store.get<string>(failureKey(state.refreshToken));
  if (failed) throw new ReconnectRequiredError(failed);
  const cached = await store.get<Stored>(resultKey(state));
  return cached ? apply(state, cached) : null;
}

/**
 * Refreshes the access token once for everyone holding this refresh token.
 * Returns the new state (keeping the old refresh token when Zoho sends none, using the new
 * one when it does). Throws ReconnectRequiredError or RefreshUnavailableError.
 */
export async function refreshTokens(state: TokenState, deps: RefreshDeps): Promise<TokenState> {
  if (!state.refreshToken) throw new ReconnectRequiredError("no_refresh_token");
  const store = deps.store ?? getRefreshStore();
  const known = await peekRefresh(state, { store });
  if (known) return known;

  const { flights } = sharedRefreshState();
  const flightKey = hash(state.refreshToken);
  let flight = flights.get(flightKey) as Promise<Stored> | undefined;
  if (!flight) {
    // A shared store (Redis) also makes other instances wait for this one's grant.
    const grant = () => runGrant(state, deps, store);
    const recheck = () => peekRefresh(state, { store });
    flight = (store.exclusive ? store.exclusive(`auth:lock:${flightKey}`, grant, recheck) : grant()).finally(
      () => flights.delete(flightKey),
    );
    flights.set(flightKey, flight);
  }
  const result = await flight;
  // Joiners may carry another old access token: remember the answer for theirs too.
  await store.set(resultKey(state), result, RESULT_TTL_MS);
  return apply(state, result);
}

async function runGrant(state: TokenState, deps: RefreshDeps, store: RefreshStore): Promise<Stored> {
  const now = deps.now ?? Date.now;
  const sent = await store.count(grantsKey(state.refreshToken), ZOHO_REFRESH_WINDOW_MS, now());
  if (sent >= ZOHO_REFRESH_LIMIT) {
    throw new RefreshUnavailableError(
      "Bigin's token limit for this connection is reached (10 refreshes in 10 minutes). Try again in a few minutes.",
      60,
    );
  }
  await store.hit(grantsKey(state.refreshToken), ZOHO_REFRESH_WINDOW_MS, now());
  try {
    const res = await refreshGrant(
      { accountsServer: state.accountsServer, refreshToken: state.refreshToken },
      { env: deps.env, fetch: deps.fetch },
    );
    const result: Stored = {
      accessToken: res.access_token,
      refreshToken: res.refresh_token ?? state.refreshToken,
      expiresAt: expiresAtFrom(res.expires_in, now()),
      apiDomain: res.api_domain,
      lifetime: res.expires_in,
    };
    await store.set(resultKey(state), result, RESULT_TTL_MS);
    return result;
  } catch (error) {
    if ((error instanceof ZohoTokenError && error.permanent) || error instanceof UntrustedHostError) {
      const code = error instanceof ZohoTokenError ? error.code : "untrusted_host";
      await store.set(failureKey(state.refreshToken), code, FAILURE_TTL_MS);
      throw new ReconnectRequiredError(code);
    }
    throw new RefreshUnavailableError(
      `Could not refresh the Bigin connection right now: ${(error as Error).message}`,
    );
  }
}

/** Remembers that a refresh token failed for good (e.g. Bigin said INVALID_TOKEN right after a refresh). */
export async function markRefreshFailed(refreshToken: string, code: string, deps: Pick<RefreshDeps, "store"> = {}) {
  await (deps.store ?? getRefreshStore()).set(failureKey(refreshToken), code, FAILURE_TTL_MS);
}
