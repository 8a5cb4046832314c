// Shared helpers for the sandbox's own Vitest suites: real HTTP against startSandbox().
import { startSandbox, type Sandbox, type SandboxOptions } from "./server";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_REDIRECT_URIS } from "./state";

export { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET };
export const REDIRECT_URI = DEMO_REDIRECT_URIS[0];
export const APP_SCOPES =
  "ZohoBigin.modules.ALL,ZohoBigin.modules.notes.ALL,ZohoBigin.settings.ALL,ZohoBigin.users.READ,ZohoBigin.org.READ,ZohoBigin.coql.READ,ZohoSearch.securesearch.READ,AaaServer.profile.READ";

export const USERS = {
  ada: { zuid: "60012345678", email: "ada@example.com", org: "749001001" },
  emil: { zuid: "20087654321", email: "emil@example.eu", org: "20071002" },
  grace: { zuid: "60012345679", email: "grace@example.com", org: "749001001", org2: "749001002" },
} as const;
export type UserKey = keyof typeof USERS;

export function startTestSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ ports: { us: 0, eu: 0 }, ...opts });
}

export interface AuthorizeOptions {
  user?: UserKey;
  org?: string;
  scope?: string;
  accessType?: "offline" | "online";
  prompt?: "consent";
  state?: string;
  action?: "accept" | "deny";
  redirectUri?: string;
  clientId?: string;
}

/** Submit the consent form as a browser would; returns the redirect's query params. */
export async function authorize(
  origin: string,
  o: AuthorizeOptions = {},
): Promise<URLSearchParams> {
  const form = new URLSearchParams({
    response_type: "code",
    client_id: o.clientId ?? DEMO_CLIENT_ID,
    redirect_uri: o.redirectUri ?? REDIRECT_URI,
    scope: o.scope ?? APP_SCOPES,
    state: o.state ?? "st4te",
    user: USERS[o.user ?? "ada"].zuid,
    action: o.action ?? "accept",
  });
  if (o.accessType) form.set("access_type", o.accessType);
  if (o.prompt) form.set("prompt", o.prompt);
  if (o.org) form.set("org", o.org);
  const res = await fetch(`${origin}/oauth/v2/auth`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  if (res.status !== 302)
    throw new Error(`authorize: expected 302, got ${res.status}: ${await res.text()}`);
  const location = res.headers.get("location")!;
  return new URL(location).searchParams;
}

export async function tokenRequest(
  origin: string,
  params: Record<string, string>,
  init: RequestInit = {},
) {
  const res = await fetch(`${origin}/oauth/v2/token`, {
    method: "POST",
    body: new URLSearchParams(params),
    ...init,
  });
  return { status: res.status, json: (await res.json()) as Record<string, string | number> };
}

export async function exchange(origin: string, code: string, extra: Record<string, string> = {}) {
  return tokenRequest(origin, {
    grant_type: "authorization_code",
    client_id: DEMO_CLIENT_ID,
    client_secret: DEMO_CLIENT_SECRET,
    redirect_uri: REDIRECT_URI,
    code,
    ...extra,
  });
}

export async function refresh(origin: string, refreshToken: string) {
  return tokenRequest(origin, {
    grant_type: "refresh_token",
    client_id: DEMO_CLIENT_ID,
    client_secret: DEMO_CLIENT_SECRET,
    refresh_token: refreshToken,
  });
}

/** Full sign-in: consent + code exchange on the user's DC. */
export async function signIn(sb: Sandbox, o: AuthorizeOptions = {}) {
  const q = await authorize(sb.origins.us, o);
  const accountsServer = q.get("accounts-server")!;
  const { json } = await exchange(accountsServer, q.get("code")!);
  if (json.error) throw new Error(`signIn: ${json.error}`);
  return {
    accessToken: String(json.access_token),
    refreshToken: json.refresh_token ? String(json.refresh_token) : undefined,
    apiDomain: String(json.api_domain),
    accountsServer,
  };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function api(
  origin: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization = `Zoho-oauthtoken ${token}`;
  if (body !== undefined) h["content-type"] = "application/json";
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function admin(origin: string, method: string, path: string, body?: unknown) {
  return api(origin, null, method, `/__sandbox${path}`, body);
}
