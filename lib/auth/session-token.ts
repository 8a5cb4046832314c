/**
 * The session JWT: what it holds, how sign-in fills it, how it stays fresh, and what of it the
 * browser may see. Used by the next-auth callbacks (options.ts), the proxy and connection.ts.
 */
import type { Account, Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { dcForAccountsServer, dcForApiDomain } from "@/lib/bigin/data-centres";
import type { AppEnv } from "@/lib/env";
import { fetchBiginIdentity } from "./bigin-identity";
import { needsRefresh } from "./expiry";
import {
  peekRefresh,
  ReconnectRequiredError,
  refreshTokens,
  RefreshUnavailableError,
  type RefreshDeps,
  type TokenState,
} from "./refresh";

/** The refresh-relevant part of a session JWT, or null when it has no Bigin tokens. */
export function tokenState(token: JWT): TokenState | null {
  if (!token.access_token || !token.api_domain || !token.accounts_server) return null;
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token ?? "",
    expiresAt: typeof token.expires_at === "number" ? token.expires_at : 0,
    apiDomain: token.api_domain,
    accountsServer: token.accounts_server,
    lifetime: token.token_lifetime,
  };
}

/** The JWT with new token fields (the refresh token is kept unless a new one came). */
export function withTokenState(token: JWT, s: TokenState): JWT {
  const rest: JWT = { ...token };
  delete rest.error; // a working refresh clears a failure flag
  return {
    ...rest,
    access_token: s.accessToken,
    refresh_token: s.refreshToken || token.refresh_token,
    expires_at: s.expiresAt,
    token_lifetime: s.lifetime ?? token.token_lifetime,
    api_domain: s.apiDomain,
  };
}

export const failedToken = (token: JWT): JWT => ({ ...token, error: "RefreshFailed" });

/**
 * Brings a session JWT up to date: applies a refresh another request already did, notices a
 * refresh token known to be dead, and refreshes ahead of expiry when `mayRefresh`.
 * Returns the same object when nothing changed. A transient refresh failure keeps the token
 * as it is (the next request tries again); a permanent one flags it `RefreshFailed`.
 */
export async function freshenToken(
  token: JWT,
  deps: RefreshDeps,
  opts: { mayRefresh?: boolean; now?: number } = {},
): Promise<JWT> {
  if (token.error) return token;
  const state = tokenState(token);
  if (!state) return token;
  try {
    const known = await peekRefresh(state, { store: deps.store });
    const current = known ?? state;
    if (opts.mayRefresh !== false && needsRefresh(current.expiresAt, opts.now ?? Date.now(), current.lifetime)) {
      return withTokenState(token, await refreshTokens(current, deps));
    }
    return known ? withTokenState(token, known) : token;
  } catch (error) {
    if (error instanceof ReconnectRequiredError) return failedToken(token);
    if (error instanceof RefreshUnavailableError) return token;
    throw error;
  }
}

/** The account next-auth hands the jwt callback at sign-in, with what our provider added. */
export type BiginAccount = Account & {
  access_token?: string;
  refresh_token?: string;
  expires_at?: number;
  token_lifetime?: number;
  api_domain?: string;
  accounts_server?: string;
  location?: string;
};

/**
 * The JWT right after sign-in. The provider already allow-listed both hosts; they are checked
 * again here because this is what every later request trusts. Fetches the Bigin user and org once.
 */
export async function signInToken(token: JWT, account: BiginAccount, deps: RefreshDeps): Promise<JWT> {
  const env: AppEnv = deps.env;
  const dc = dcForAccountsServer(account.accounts_server, env);
  if (!dc || !dcForApiDomain(account.api_domain, env) || !account.access_token) {
    throw new Error("Sign-in stopped: the Bigin connection came from an unknown data centre.");
  }
  const identity = await fetchBiginIdentity(
    { apiDomain: account.api_domain!, accessToken: account.access_token },
    { env, fetch: deps.fetch },
  );
  return {
    name: token.name,
    email: token.email,
    sub: token.sub ?? account.providerAccountId,
    access_token: account.access_token,
    refresh_token: account.refresh_token,
    expires_at: account.expires_at,
    token_lifetime: account.token_lifetime,
    api_domain: account.api_domain,
    accounts_server: account.accounts_server,
    location: account.location,
    dc,
    org: identity.org,
    bigin_user_id: identity.userId,
  };
}

/** What `/api/auth/session` and `getServerSession` return: who, where, and whether to reconnect. Never a token. */
export function publicSession(session: Pick<Session, "expires">, token: JWT): Session {
  return {
    user: { name: token.name ?? null, email: token.email ?? null },
    dc: token.dc ?? null,
    org: token.org ?? null,
    ...(token.error ? { error: token.error } : {}),
    expires: session.expires,
  };
}
