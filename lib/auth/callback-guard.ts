/**
 * Checks the OAuth callback before next-auth sees it, to give the user a precise message:
 * - `error=access_denied` (the user pressed Deny) → /signin?error=AccessDenied;
 * - any other `error` → /signin?error=OAuthCallback;
 * - an `accounts-server` that is not a known Zoho data centre → /signin?error=UnknownDataCentre,
 *   with nothing sent anywhere. (The provider's token request checks this too; next-auth would
 *   only report a generic callback error.)
 * Returns null when the callback may proceed.
 */
import { dcForAccountsServer } from "@/lib/bigin/data-centres";
import { getEnv, type AppEnv } from "@/lib/env";
import { secureCookies } from "./session-cookie";

export type CallbackProblem = "AccessDenied" | "OAuthCallback" | "UnknownDataCentre";

export function callbackProblem(params: URLSearchParams, env: AppEnv = getEnv()): CallbackProblem | null {
  const error = params.get("error");
  if (error) return error === "access_denied" ? "AccessDenied" : "OAuthCallback";
  const server = params.get("accounts-server");
  if (server !== null && !dcForAccountsServer(server, env)) return "UnknownDataCentre";
  return null;
}

/** The redirect to the sign-in page, clearing this attempt's state and PKCE cookies. */
export function callbackProblemResponse(problem: CallbackProblem, baseUrl: string, env: AppEnv = getEnv()): Response {
  const headers = new Headers({ location: `${baseUrl}/signin?error=${problem}`, "cache-control": "no-store" });
  const prefix = secureCookies(env) ? "__Secure-" : "";
  for (const name of [`${prefix}next-auth.state`, `${prefix}next-auth.pkce.code_verifier`]) {
    headers.append("set-cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${prefix ? "; Secure" : ""}`);
  }
  return new Response(null, { status: 302, headers });
}
