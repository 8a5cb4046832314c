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
