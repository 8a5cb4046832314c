/**
 * Bigin (Zoho) OAuth provider for next-auth v4, multi-DC aware.
 *
 * ```ts
 * import { BiginProvider } from "@/lib/bigin/provider";
 * export const authOptions = {
 *   providers: [BiginProvider({ clientId: "1000.…", clientSecret: "…" })],
 * };
 * ```
 *
 * | option | default |
 * | --- | --- |
 * | `clientId`, `clientSecret` | required: a server-based client from https://api-console.zoho.com |
 * | `accountsUrl` | `https://accounts.zoho.com` — where authorization starts; Zoho forwards users to their own DC (China: `https://accounts.zoho.com.cn`) |
 * | `scopes` | `BIGIN_SCOPES` |
 * | `pkce` | `true` (S256 code challenge beside `state`) |
 * | `env` | `getEnv()` — only for the allow-list: Zoho DCs, plus the sandbox's origins in sandbox mode |
 *
 * How it differs from next-auth's built-in Zoho provider (which is US-only):
 * - authorization asks for Bigin's scopes with `access_type=offline&prompt=consent`, so a
 *   refresh token comes back (https://www.bigin.com/developer/docs/apis/v2/auth-request.html);
 * - the token request reads `location` and `accounts-server` from the callback (mount the
 *   route with `withCallbackParams`, see app/api/auth/[...nextauth]/route.ts) and only posts
 *   the client secret there when that host is a known Zoho data centre; unknown hosts fail the
 *   sign-in before anything is sent (https://www.bigin.com/developer/docs/apis/v2/multi-dc.html);
 * - HTTP-200 answers with an `error` key are errors, and the answer's `api_domain` must be a
 *   known Bigin API host;
 * - user info comes from the same DC; the profile is `ZUID`, `Email` and the name fields.
 *
 * The account handed to the jwt callback carries `access_token`, `refresh_token`,
 * `expires_at` (epoch s), `token_lifetime` (s), `api_domain`, `accounts_server`, `location`.
 */
import type { Profile } from "next-auth";
import type { OAuthConfig, OAuthUserConfig } from "next-auth/providers/oauth";
import { dcForAccountsServer, normaliseOrigin } from "@/lib/bigin/data-centres";
import { getEnv, type AppEnv } from "@/lib/env";
import { exchangeCode, UntrustedHostError } from "@/lib/auth/zoho-tokens";
import { currentCallbackParams } from "@/lib/auth/callback-params";
import { BIGIN_SCOPES } from "./scopes";

export { BIGIN_SCOPES };

/** Zoho's user-info answer (https://www.zoho.com/accounts/protocol/oauth/sign-in-using-zoho.html). */
export type BiginProfile = {
  ZUID: number | string;
  First_Name?: string | null;
  Last_Name?: string | null;
  Display_Name?: string | null;
  Email: string;
};

export type BiginProviderOptions = {
  clientId: string;
  clientSecret: string;
  accountsUrl?: string;
  scopes?: readonly string[];
  pkce?: boolean;
  env?: AppEnv;
} & Omit<Partial<OAuthUserConfig<BiginProfile>>, "clientId" | "clientSecret">;

export const BIGIN_PROVIDER_ID = "bigin";

/** Turns Zoho's user info into next-auth's user. */
export function biginProfile(profile: BiginProfile) {
  const name =
    profile.Display_Name?.trim() ||
    [profile.First_Name, profile.Last_Name].filter(Boolean).join(" ").trim() ||
    profile.Email;
  return { id: String(profile.ZUID), name, email: profile.Email, image: null };
}

type CallbackParams = Record<string, string | undefined>;

/**
 * The callback's parameters including Zoho's `location` and `accounts-server`. next-auth hands
 * the token request only standard OAuth keys (openid-client's callbackParams() drops the rest),
 * so the route handler keeps the raw query in scope (lib/auth/callback-params.ts); it is used
 * only when it is the same callback (same code and state).
 */
export function fullCallbackParams(params: CallbackParams): CallbackParams {
  const raw = currentCallbackParams();
  if (!raw || raw.get("code") !== (params.code ?? null) || raw.get("state") !== (params.state ?? null)) return params;
  return { ...Object.fromEntries(raw), ...params };
}

/**
 * The callback's accounts server: allow-listed, or an UntrustedHostError. When Zoho sends none
 * (it always does), the server we started at is the only one that can have issued the code.
 */
export function callbackAccountsServer(params: CallbackParams, defaultAccountsUrl: string, env: AppEnv): string {
  const raw = params["accounts-server"];
  const origin = normaliseOrigin(raw ?? defaultAccountsUrl);
  if (!origin || !dcForAccountsServer(origin, env)) {
    throw new UntrustedHostError("accounts-server", String(raw ?? defaultAccountsUrl));
  }
  return origin;
}

export function BiginProvider(options: BiginProviderOptions): OAuthConfig<BiginProfile> {
  const { clientId, clientSecret, accountsUrl, scopes, pkce = true, env: givenEnv, ...overrides } = options;
  const startAt = (accountsUrl ?? "https://accounts.zoho.com").replace(/\/+$/, "");
  const env = () => givenEnv ?? getEnv();
  const client = { id: clientId, secret: clientSecret };

  return {
    id: BIGIN_PROVIDER_ID,
    name: "Bigin",
    type: "oauth",
    checks: pkce ? ["state", "pkce"] : ["state"],
    idToken: false,
    authorization: {
      url: `${startAt}/oauth/v2/auth`,
      params: {
        // Zoho separates scopes with commas (https://www.bigin.com/developer/docs/apis/v2/scopes.html).
        scope: (scopes ?? BIGIN_SCOPES).join(","),
        response_type: "code",
        access_type: "offline",
        prompt: "consent",
      },
    },
    token: {
      url: `${startAt}/oauth/v2/token`,
      async request({ provider, params, checks }) {
        const p = fullCallbackParams(params as CallbackParams);
        // openid-client would check state itself; with a custom request we do.
        if (checks.state !== undefined && p.state !== checks.state) {
          throw new Error("Sign-in stopped: the OAuth state did not match (the sign-in may have been started elsewhere).");
        }
        if (!p.code) throw new Error("Sign-in stopped: Zoho sent no authorization code.");
        // Allow-list first: nothing, not even the code, goes to an unknown host.
        const accountsServer = callbackAccountsServer(p, startAt, env());
        const tokens = await exchangeCode(
          {
            accountsServer,
            code: p.code,
            redirectUri: provider.callbackUrl,
            codeVerifier: "code_verifier" in checks ? checks.code_verifier : undefined,
          },
          { env: env(), client },
        );
        return {
          tokens: {
            ...tokens,
            token_lifetime: tokens.expires_in,
            accounts_server: accountsServer,
            location: typeof p.location === "string" ? p.location.slice(0, 8) : undefined,
          },
        };
      },
    },
    userinfo: {
      url: `${startAt}/oauth/user/info`,
      async request({ tokens }) {
        const accountsServer = normaliseOrigin(tokens.accounts_server as string | undefined);
        if (!accountsServer || !dcForAccountsServer(accountsServer, env())) {
          throw new UntrustedHostError("accounts-server", String(tokens.accounts_server ?? ""));
        }
        const res = await fetch(`${accountsServer}/oauth/user/info`, {
          headers: { authorization: `Zoho-oauthtoken ${tokens.access_token}`, accept: "application/json" },
          cache: "no-store",
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await res.json().catch(() => null)) as (BiginProfile & { error?: string }) | null;
        if (!res.ok || !body || body.error || body.ZUID === undefined || body.ZUID === null) {
          throw new Error(`Zoho user info failed (HTTP ${res.status}${body?.error ? `, ${body.error}` : ""})`);
        }
        // next-auth types user info as OIDC claims; `profile` below reads Zoho's fields.
        return body as unknown as Profile;
      },
    },
    profile: biginProfile,
    ...overrides,
    clientId,
    clientSecret,
    options: { clientId, clientSecret },
  };
}

export default BiginProvider;
