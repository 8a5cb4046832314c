/**
 * next-auth options: the Bigin provider, JWT sessions holding the Bigin tokens server-side
 * only, refresh ahead of expiry, and sign-out that revokes the refresh token at the user's DC.
 *
 * The environment is read when a request needs it (getters), not at import, so `next build`
 * does not need the runtime environment.
 */
import type { NextAuthOptions } from "next-auth";
import { BiginProvider } from "@/lib/bigin/provider";
import { EnvError, getEnv, type AppEnv } from "@/lib/env";
import { SESSION_MAX_AGE_S, secureCookies, sessionCookieName } from "./session-cookie";
import { freshenToken, publicSession, signInToken, type BiginAccount } from "./session-token";
import { revokeRefreshToken } from "./zoho-tokens";

/**
 * The environment, or null while `next build` prerenders without one: getServerSession reads
 * these options before it touches cookies() (which makes the page dynamic), so they must not
 * throw then. At run time an invalid environment never gets this far (instrumentation.ts exits).
 */
function envOrNull(): AppEnv | null {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof EnvError) return null;
    throw error;
  }
}

function cookieOptions(env: AppEnv) {
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
    const env = envOrNull();
    if (!env) return [];
    return [BiginProvider({ clientId: env.clientId, clientSecret: env.clientSecret, accountsUrl: env.accountsUrl, env })];
  },
  get secret() {
    return envOrNull()?.secret;
  },
  get useSecureCookies() {
    const env = envOrNull();
    return env ? secureCookies(env) : false;
  },
  get cookies() {
    const env = envOrNull();
    return env ? cookieOptions(env) : undefined;
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
