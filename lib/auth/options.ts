/**
 * next-auth options: the Bigin provider, JWT sessions holding the Bigin tokens server-side
 * only, refresh ahead of expiry, and sign-out that revokes the refresh token at the user's DC.
 *
 * The environment is read when a request needs it (getters), not at import, so `next build`
 * does not need the runtime environment.
 */
import type { NextAuthOptions } from "next-auth";
import { BiginProvider } from "@/lib/bigin/provider";
import { getEnv } from "@/lib/env";
import { SESSION_MAX_AGE_S, secureCookies, sessionCookieName } from "./session-cookie";
import { freshenToken, publicSession, signInToken, type BiginAccount } from "./session-token";
import { revokeRefreshToken } from "./zoho-tokens";

function cookieOptions() {
  const env = getEnv();
  const secure = secureCookies(env);
  return {
    sessionToken: {
      name: sessionCookieName(env),
      options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
    },
  };
}

export const authOptions: NextAuthOptions = {
  get providers() {
    const env = getEnv();
    return [BiginProvider({ clientId: env.clientId, clientSecret: env.clientSecret, accountsUrl: env.accountsUrl, env })];
  },
  get secret() {
    return getEnv().secret;
  },
  get useSecureCookies() {
    return secureCookies(getEnv());
  },
  get cookies() {
    return cookieOptions();
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  jwt: { maxAge: SESSION_MAX_AGE_S },
  // Our own sign-in page also shows errors (access denied, unknown data centre…) with the button again.
  pages: { signIn: "/signin", error: "/signin" },
  callbacks: {
    async jwt({ token, account }) {
      const env = getEnv();
      if (account) return signInToken(token, account as BiginAccount, { env });
      // /api/auth/session can write the refreshed cookie; in server components next-auth drops
      // it, but the refresh result is cached and the proxy persists it on the next request.
      return freshenToken(token, { env });
    },
    async session({ session, token }) {
      return publicSession(session, token);
    },
    async redirect({ url, baseUrl }) {
      // Only same-origin targets: no open redirects through callbackUrl.
      if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {
        // not a URL: fall through
      }
      return baseUrl;
    },
  },
  events: {
    async signOut({ token }) {
      // Revoke at the user's own DC before next-auth clears the cookies.
      if (token?.refresh_token && token.accounts_server) {
        await revokeRefreshToken(
          { accountsServer: token.accounts_server, refreshToken: token.refresh_token },
          { env: getEnv() },
        );
      }
    },
  },
};
