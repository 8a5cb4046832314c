/**
 * Test harness for route handlers against a real sandbox over HTTP (not a test file itself).
 * Starts the sandbox in-process on random ports, signs a seeded user in with the OAuth
 * authorization-code flow over HTTP, and stands in for lib/auth/connection so handlers get
 * that real token. Test files wire it with:
 *
 *   vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig()), ...(await import("./harness")).connectionMock }));
 */
import { NextRequest } from "next/server";
import { vi } from "vitest";
import type { BiginConnection } from "@/lib/auth/connection";
import { clearBiginCaches } from "@/lib/bigin/cache";
import { configureBiginClient, resetBiginClientConfig } from "@/lib/bigin/client";
import { startSandbox, type Sandbox } from "@/sandbox/server";

export const APP = "http://localhost:3000";
export const SCOPES = [
  "ZohoBigin.modules.ALL", "ZohoBigin.modules.notes.ALL", "ZohoBigin.settings.ALL", "ZohoBigin.users.READ",
  "ZohoBigin.org.READ", "ZohoBigin.coql.READ", "ZohoSearch.securesearch.READ", "AaaServer.profile.READ",
].join(",");

type State = { sandbox: Sandbox | null; conn: BiginConnection | null; signedIn: boolean; client: { id: string; secret: string; redirect: string } | null };
export const state: State = { sandbox: null, conn: null, signedIn: true, client: null };

export const connectionMock = {
  getConnection: vi.fn(async () => (state.signedIn ? state.conn : null)),
  getServerConnection: vi.fn(async () => (state.signedIn ? state.conn : null)),
  refreshConnection: vi.fn(async (conn: BiginConnection) => {
    const { ReconnectRequiredError } = await vi.importActual<typeof import("@/lib/auth/connection")>("@/lib/auth/connection");
    const body = await tokenRequest(conn.accountsServer, {
      grant_type: "refresh_token",
      refresh_token: conn.refreshToken,
    });
    if (body.error) throw new ReconnectRequiredError(String(body.error));
    const next = { ...conn, accessToken: String(body.access_token), expiresAt: Math.floor(Date.now() / 1000) + Number(body.expires_in) };
    state.conn = next;
    return next;
  }),
  persistConnection: vi.fn(async () => {}),
  markConnectionFailed: vi.fn(async () => {}),
};

async function tokenRequest(accounts: string, params: Record<string, string>) {
  const c = state.client!;
  const res = await fetch(`${accounts}/oauth/v2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: c.id, client_secret: c.secret, ...params }),
  });
  return (await res.json()) as Record<string, unknown>;
}

export async function admin(path: string, init?: { method?: string; body?: unknown }) {
  const res = await fetch(`${state.sandbox!.origins.us}/__sandbox/${path}`, {
    method: init?.method ?? (init?.body ? "POST" : "GET"),
    headers: init?.body ? { "content-type": "application/json" } : undefined,
    body: init?.body ? JSON.stringify(init.body) : undefined,
  });
  return res.json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Sign a seeded US user in through the consent flow, over HTTP. */
export async function signIn(): Promise<BiginConnection> {
  const us = state.sandbox!.origins.us;
  const { clients } = await admin("clients");
  const client = clients[0];
  state.client = { id: client.client_id, secret: client.client_secret, redirect: client.redirect_uris[0] };
  const { users } = await admin("users");
  const user = users.find((u: { dc: string }) => u.dc === "us");
  const form = new URLSearchParams({
    response_type: "code", client_id: client.client_id, redirect_uri: state.client.redirect, scope: SCOPES,
    access_type: "offline", prompt: "consent", state: "t", action: "accept", user: String(user.zuid), org: user.orgs[0].id,
  });
  const consent = await fetch(`${us}/oauth/v2/auth`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
    redirect: "manual",
  });
  const location = new URL(consent.headers.get("location")!);
  const code = location.searchParams.get("code")!;
  const accounts = location.searchParams.get("accounts-server")!;
  const tokens = await tokenRequest(accounts, { grant_type: "authorization_code", code, redirect_uri: state.client.redirect });
  if (!tokens.access_token) throw new Error(`sign-in failed: ${JSON.stringify(tokens)}`);
  state.conn = {
    accessToken: String(tokens.access_token),
    refreshToken: String(tokens.refresh_token),
    expiresAt: Math.floor(Date.now() / 1000) + Number(tokens.expires_in),
    apiDomain: String(tokens.api_domain),
    accountsServer: accounts,
    dc: "us",
    orgId: user.orgs[0].id,
    userKey: `us:${user.orgs[0].id}:${user.zuid}`,
  };
  return state.conn;
}

/** Enough contacts to page past 2,000 (lists); SMALL for everything else, to keep resets fast. */
export const LARGE = { contacts: 2300, companies: 60, deals: 200, notes: 150 };
export const SMALL = { contacts: 120, companies: 30, deals: 120, notes: 120 };
type Sizes = typeof LARGE;

export async function setup(sizes: Sizes = LARGE) {
  state.sandbox = await startSandbox({ ports: { us: 0, eu: 0 }, limits: false, seed: sizes });
  await signIn();
}

export async function teardown() {
  resetBiginClientConfig();
  await state.sandbox?.close();
  state.sandbox = null;
}

/** Fresh data and no faults; caches emptied; short backoff so fault tests stay fast. */
export async function resetAll(sizes: Sizes = LARGE) {
  await admin("reset", { body: { limits: false, ...sizes } });
  await admin("faults", { method: "DELETE" });
  clearBiginCaches();
  resetBiginClientConfig();
  configureBiginClient({ retryBaseMs: 5 });
  state.signedIn = true;
  vi.clearAllMocks();
  // A reset drops tokens: sign in again.
  await signIn();
}

export async function stats(): Promise<{ calls: Record<string, number>; errors: Record<string, number>; grants: Record<string, number> }> {
  return admin("stats");
}

export async function fault(f: { match: string; status?: number; code?: string; times?: number; latencyMs?: number }) {
  await admin("faults", { body: f });
}

export async function orgInfo() {
  const { orgs } = await admin("orgs");
  return orgs.find((o: { id: string }) => o.id === state.conn!.orgId);
}

type Init = { method?: string; body?: unknown; headers?: Record<string, string>; origin?: string | null; rawBody?: string };

/** A request as the browser on our own origin sends it (Origin and JSON by default for writes). */
export function request(path: string, init: Init = {}): NextRequest {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (method !== "GET" && init.origin !== null) headers.origin ??= init.origin ?? APP;
  if (init.body !== undefined || init.rawBody !== undefined) headers["content-type"] ??= "application/json";
  return new NextRequest(`${APP}${path}`, {
    method,
    headers,
    body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
}

export function ctx(params: Record<string, string> = {}) {
  return { params: Promise.resolve(params) };
}

export async function body<T = any>(res: Response): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}
