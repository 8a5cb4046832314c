import type { JWT } from "next-auth/jwt";
import { afterEach, beforeEach, vi } from "vitest";
import { MemoryRefreshStore, setRefreshStore } from "../refresh-store";

/**
 * A scripted Zoho Accounts for unit tests: a `fetch` that records every call and answers the
 * token endpoint from a queue (or a function). Not a sandbox: just enough to assert what was sent.
 */
export type RecordedCall = { url: string; method: string; params: URLSearchParams; headers: Headers };

export type FakeAnswer = { status?: number; body: unknown; delayMs?: number };

export function fakeZoho(answer: (call: RecordedCall) => FakeAnswer | Promise<FakeAnswer>) {
  const calls: RecordedCall[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const u = new URL(url);
    const params = new URLSearchParams(u.search);
    if (typeof init?.body === "string") for (const [k, v] of new URLSearchParams(init.body)) params.append(k, v);
    const call = { url, method: init?.method ?? "GET", params, headers: new Headers(init?.headers) };
    calls.push(call);
    const a = await answer(call);
    if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status ?? 200,
      headers: { "content-type": "application/json" },
    });
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

let n = 0;
/** A Zoho-looking token: 1000. + 32 hex + . + 32 hex. */
export function fakeToken(): string {
  n += 1;
  const hex = n.toString(16).padStart(32, "0");
  return `1000.${hex}.${hex.split("").reverse().join("")}`;
}

/** The sandbox's US origin: the accounts server and api_domain of the scripted sessions. */
export const FAKE_US = "http://127.0.0.1:4010";

/** The default answer to a refresh: a fresh one-hour access token on the US data centre. */
export const freshTokenAnswer = (): FakeAnswer => ({
  body: { access_token: fakeToken(), api_domain: FAKE_US, expires_in: 3600 },
  delayMs: 20,
});

/** A signed-in session (the JWT next-auth keeps) of the US test user, valid for an hour; `over` changes any claim. */
export function usSessionJwt(over: Partial<JWT> = {}): JWT {
  return {
    name: "Uma US", email: "uma@example.com", sub: "5001",
    access_token: fakeToken(), refresh_token: fakeToken(), expires_at: Math.floor(Date.now() / 1000) + 3600, token_lifetime: 3600,
    api_domain: FAKE_US, accounts_server: FAKE_US, location: "us", dc: "us", org: { id: "9", name: "Acme" },
    ...over,
  };
}

/**
 * Around every test of the calling file: a fresh refresh store and a scripted Zoho installed as
 * `fetch`, answering `freshTokenAnswer` unless the test sets `answer`. `calls` is that test's record.
 */
export function installFakeZoho() {
  const state = { answer: freshTokenAnswer as (call: RecordedCall) => FakeAnswer, calls: [] as RecordedCall[] };
  beforeEach(() => {
    setRefreshStore(new MemoryRefreshStore());
    state.answer = freshTokenAnswer;
    const zoho = fakeZoho((c) => state.answer(c));
    state.calls = zoho.calls;
    vi.stubGlobal("fetch", zoho.fetch);
  });
  afterEach(() => vi.unstubAllGlobals());
  return state;
}
