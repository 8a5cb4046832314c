/**
 * Zoho Accounts' token endpoint: code exchange, refresh and revoke.
 * https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token.html
 *
 * Zoho answers errors with HTTP 200 and an `error` key (sometimes 400), so every answer's body
 * is checked, never only the status. Callers pass an accounts server that is already
 * allow-listed (lib/bigin/data-centres.ts); these functions check it again before sending a
 * secret, because a token in the wrong place cannot be taken back.
 */
import { isAllowedAccountsServer, isAllowedApiDomain, normaliseOrigin } from "@/lib/bigin/data-centres";
import type { AppEnv } from "@/lib/env";

const TIMEOUT_MS = 15_000;

/** A token-endpoint refusal (`{"error":"invalid_code"}`), or an answer we cannot use. */
export class ZohoTokenError extends Error {
  constructor(
    /** Zoho's `error` value (`invalid_code`, `access_denied`…) or one of ours (`bad_response`, `untrusted_api_domain`). */
    readonly code: string,
    message?: string,
    /** HTTP status of the answer (0 when there was none). */
    readonly status = 200,
  ) {
    super(message ?? `Zoho token endpoint refused: ${code}`);
    this.name = "ZohoTokenError";
  }
  /**
   * The refresh token will not work again: revoked or unknown (`invalid_code`), refused
   * (`access_denied`, also Zoho's answer once a refresh token is over its limit), or the client
   * is no longer allowed. The user must reconnect.
   */
  get permanent() {
    return PERMANENT_CODES.has(this.code);
  }
}

/** The host is not a Zoho data centre we know (nor a sandbox origin in sandbox mode). */
export class UntrustedHostError extends Error {
  constructor(readonly kind: "accounts-server" | "api_domain", readonly host: string) {
    super(
      `Sign-in stopped: Bigin sent us to ${kind === "accounts-server" ? "an accounts server" : "an API domain"} ` +
        `that is not a known Zoho data centre (${host || "none"}). Nothing was sent to it.`,
    );
    this.name = "UntrustedHostError";
  }
}

const PERMANENT_CODES = new Set([
  "invalid_code",
  "access_denied",
  "invalid_client",
  "invalid_client_secret",
  "unauthorized_client",
  "invalid_grant",
]);

export type ZohoTokenResponse = {
  access_token: string;
  refresh_token?: string;
  api_domain: string;
  token_type?: string;
  expires_in: number;
  scope?: string;
  id_token?: string;
};

export type TokenEndpointDeps = {
  /** Whose allow-list applies (Zoho DCs, plus the sandbox's origins in sandbox mode). */
  env: AppEnv;
  /** The OAuth client; defaults to the environment's. */
  client?: { id: string; secret: string };
  fetch?: typeof fetch;
};

const clientOf = (deps: TokenEndpointDeps) => deps.client ?? { id: deps.env.clientId, secret: deps.env.clientSecret };

async function postForm(
  url: string,
  params: Record<string, string>,
  fetchImpl: typeof fetch,
): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(params).toString(),
      cache: "no-store",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new ZohoTokenError("network", `Could not reach Zoho Accounts: ${(error as Error).message}`, 0);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

/**
 * Checks one token-endpoint answer: an `error` key is an error whatever the status; a success
 * must carry an access token, a numeric lifetime and an allow-listed `api_domain`.
 */
export function parseTokenResponse(status: number, body: unknown, env: AppEnv): ZohoTokenResponse {
  if (!body || typeof body !== "object") {
    throw new ZohoTokenError(status >= 500 ? "server_error" : "bad_response", `Zoho Accounts answered HTTP ${status} without JSON`, status);
  }
  const b = body as Record<string, unknown>;
  if (typeof b.error === "string" && b.error) {
    throw new ZohoTokenError(b.error, `Zoho Accounts refused the token request: ${b.error}`, status);
  }
  if (status < 200 || status >= 300) {
    throw new ZohoTokenError(status >= 500 ? "server_error" : "bad_response", `Zoho Accounts answered HTTP ${status}`, status);
  }
  if (typeof b.access_token !== "string" || !b.access_token) {
    throw new ZohoTokenError("bad_response", "Zoho Accounts answered without an access token", status);
  }
  // Older answers carried expires_in in milliseconds beside expires_in_sec.
  let expiresIn = Number(b.expires_in_sec ?? b.expires_in ?? 3600);
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) expiresIn = 3600;
  if (expiresIn > 86_400) expiresIn = Math.round(expiresIn / 1000);
  const apiDomain = normaliseOrigin(typeof b.api_domain === "string" ? b.api_domain : null);
  if (!apiDomain || !isAllowedApiDomain(apiDomain, env)) {
    throw new UntrustedHostError("api_domain", String(b.api_domain ?? ""));
  }
  return {
    access_token: b.access_token,
    refresh_token: typeof b.refresh_token === "string" && b.refresh_token ? b.refresh_token : undefined,
    api_domain: apiDomain,
    token_type: typeof b.token_type === "string" ? b.token_type : undefined,
    expires_in: expiresIn,
    scope: typeof b.scope === "string" ? b.scope : undefined,
    id_token: typeof b.id_token === "string" ? b.id_token : undefined,
  };
}

function tokenUrl(accountsServer: string, env: AppEnv, path = "/oauth/v2/token") {
  const origin = normaliseOrigin(accountsServer);
  if (!origin || !isAllowedAccountsServer(origin, env)) {
    throw new UntrustedHostError("accounts-server", accountsServer);
  }
  return `${origin}${path}`;
}

/** Exchanges an authorization (or self-client) grant code. `redirectUri` is omitted for self clients. */
export async function exchangeCode(
  input: { accountsServer: string; code: string; redirectUri?: string; codeVerifier?: string },
  deps: TokenEndpointDeps,
): Promise<ZohoTokenResponse> {
  const url = tokenUrl(input.accountsServer, deps.env);
  const params: Record<string, string> = {
    grant_type: "authorization_code",
    client_id: clientOf(deps).id,
    client_secret: clientOf(deps).secret,
    code: input.code,
  };
  if (input.redirectUri) params.redirect_uri = input.redirectUri;
  if (input.codeVerifier) params.code_verifier = input.codeVerifier;
  const { status, body } = await postForm(url, params, deps.fetch ?? fetch);
  return parseTokenResponse(status, body, deps.env);
}

/** One refresh grant. Zoho does not return a new refresh token; keep the old one then. */
export async function refreshGrant(
  input: { accountsServer: string; refreshToken: string },
  deps: TokenEndpointDeps,
): Promise<ZohoTokenResponse> {
  const url = tokenUrl(input.accountsServer, deps.env);
  const { status, body } = await postForm(
    url,
    {
      grant_type: "refresh_token",
      client_id: clientOf(deps).id,
      client_secret: clientOf(deps).secret,
      refresh_token: input.refreshToken,
    },
    deps.fetch ?? fetch,
  );
  return parseTokenResponse(status, body, deps.env);
}

/**
 * Revokes a refresh token (and every access token minted from it) at the user's own DC.
 * https://www.zoho.com/crm/developer/docs/api/revoke-tokens.html — Zoho documents the token in
 * the query string. Returns whether Zoho confirmed; never throws.
 */
export async function revokeRefreshToken(
  input: { accountsServer: string; refreshToken: string },
  deps: TokenEndpointDeps,
): Promise<boolean> {
  try {
    const url = `${tokenUrl(input.accountsServer, deps.env, "/oauth/v2/token/revoke")}?${new URLSearchParams({ token: input.refreshToken })}`;
    const res = await (deps.fetch ?? fetch)(url, {
      method: "POST",
      headers: { accept: "application/json" },
      cache: "no-store",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text().catch(() => "");
    if (!res.ok) return false;
    return !/"error"\s*:/.test(text);
  } catch {
    return false;
  }
}
