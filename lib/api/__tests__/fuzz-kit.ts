/**
 * Property-based fuzzing of the route handlers (issue 10), shared by the fuzz-*.test.ts files
 * (not a test file itself). Handlers are called directly with constructed NextRequests and a
 * signed-in connection against the in-process sandbox (./harness.ts); a spy on fetch records
 * every request that leaves for Bigin, so a property can say "no Bigin call was made" or
 * "the only call made carries the validated value".
 */
import fc from "fast-check";
import { NextRequest } from "next/server";
import { configureBiginClient } from "@/lib/bigin/client";
import { expect, vi } from "vitest";
import { APP, state } from "./harness";

/** ≥500 generated inputs per handler (issue 10); FUZZ_RUNS overrides for a deeper local run. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
export const FC = { numRuns: RUNS, endOnFailure: true } as const;

// ---- the Bigin spy --------------------------------------------------------------------------

export type BiginCall = { method: string; url: URL };

/**
 * Records every Bigin call (the client's transport, lib/bigin/node-transport.ts) and every
 * other outgoing request: anything the client sends outside /bigin/, and any `fetch` that is
 * not the sandbox's admin API or Zoho Accounts (nothing else should leave the app).
 */
export function spyOnBigin() {
  const calls: BiginCall[] = [];
  const others: string[] = [];
  const inner = configureBiginClient({}).transport;
  configureBiginClient({
    transport: (url, init) => {
      const u = new URL(url);
      if (u.pathname.startsWith("/bigin/")) calls.push({ method: init.method.toUpperCase(), url: u });
      else others.push(u.toString());
      return inner(url, init);
    },
  });
  const real = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.pathname.startsWith("/__sandbox/") && !url.pathname.startsWith("/oauth/")) others.push(url.toString());
    return real(input, init);
  });
  return {
    calls,
    others,
    reset() {
      calls.length = 0;
      others.length = 0;
    },
    restore: () => {
      spy.mockRestore();
      configureBiginClient({ transport: inner });
    },
  };
}

export type BiginSpy = ReturnType<typeof spyOnBigin>;

// ---- requests -------------------------------------------------------------------------------

export type Req = {
  method?: string;
  /** Path and query as sent (already encoded). */
  path: string;
  headers?: Record<string, string>;
  /** Raw body text; `json` is stringified instead when given. */
  raw?: string;
  json?: unknown;
};

/** A request as our own page sends it (same Origin, JSON) unless the case overrides headers. */
export function makeRequest(r: Req): NextRequest {
  const method = r.method ?? "GET";
  const headers: Record<string, string> = {};
  if (method !== "GET") headers.origin = APP;
  if (r.json !== undefined || r.raw !== undefined) headers["content-type"] = "application/json";
  for (const [k, v] of Object.entries(r.headers ?? {})) {
    if (v === "<absent>") delete headers[k];
    else headers[k] = v;
  }
  const body = r.raw ?? (r.json !== undefined ? JSON.stringify(r.json) : undefined);
  return new NextRequest(`${APP}${r.path}`, { method, headers, body });
}

/** A path segment for a generated id (the handler reads the id from its params, not the URL). */
export function seg(v: unknown): string {
  try {
    return encodeURIComponent(String(v));
  } catch {
    return "not-an-id"; // lone surrogates can't be percent-encoded
  }
}

export const routeCtx = (params: Record<string, unknown>) => ({ params: Promise.resolve(params) }) as { params: Promise<Record<string, string>> };

/** The one error shape: `{ error: { code, message, fields? } }`, with a short, plain message. */
export async function expectClientError(res: Response, what: string): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  const text = await res.text();
  if (res.status < 400 || res.status > 499) {
    throw new Error(`${what}: expected a 4xx, got ${res.status} ${text.slice(0, 300)}`);
  }
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
  expect(Object.keys(body)).toEqual(["error"]);
  const e = body.error!;
  expect(e.code).toMatch(/^[A-Z][A-Z_]+$/);
  expect(typeof e.message).toBe("string");
  expect((e.message as string).length).toBeGreaterThan(5);
  // A clear message, not an echo of a megabyte of input.
  expect((e.message as string).length).toBeLessThanOrEqual(300);
  if (e.fields !== undefined) {
    expect(e.fields).toBeTypeOf("object");
    for (const v of Object.values(e.fields as object)) expect(typeof v).toBe("string");
  }
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return e as { code: string; message: string; fields?: Record<string, string> };
}

/** Nothing reached Bigin, and nothing reached any other host. */
export function expectNoBiginCall(spy: BiginSpy, what: string) {
  if (spy.calls.length || spy.others.length) {
    throw new Error(`${what}: a request left for Bigin: ${[...spy.calls.map((c) => `${c.method} ${c.url}`), ...spy.others].join(", ")}`);
  }
}

/** Every Bigin call went to the user's own API domain. */
export function expectOwnApiDomain(spy: BiginSpy) {
  expect(spy.others).toEqual([]);
  for (const c of spy.calls) expect(c.url.origin).toBe(new URL(state.conn!.apiDomain).origin);
}

// ---- arbitraries ----------------------------------------------------------------------------

const ID_RE = /^[0-9]{1,19}$/;

/** Strings that break naive code: criteria syntax, path tricks, odd unicode, injection classics. */
export const NASTY = [
  ")or(", "(", ")", ",", "\\", "\\)", ")and(Email:starts_with:a", "((Last_Name:equals:x)or(Email:starts_with:@))",
  ":", "::", "*", "%", "%00", "%2e%2e%2f", "%2F", "../", "..\\", "/", "//", "?x=1", "#frag", "&page=2", "=",
  "\u0000", "\u202e", "\ud800", "\udfff", "\ufeff", "\u200b", "\u0301", "é", "👩‍👩‍👧", "𝕏", "\r\n", "\t", "\u2028",
  "'", '"', "`", "<script>alert(1)</script>", "${7*7}", "{{7*7}}", "__proto__", "constructor", "null", "undefined",
  "NaN", "Infinity", "-0", "1e309", "0x1F", "１２３", "٣", "select * from Contacts", "' or 1=1 --",
] as const;

export const nastyPiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 12 }) },
);

/** Short nasty text (joined pieces). */
export const nastyText = fc.array(nastyPiece, { minLength: 1, maxLength: 5 }).map((a) => a.join(""));

/** Huge text: 1k–70k characters of a repeated nasty piece. */
export const hugeText = fc
  .tuple(fc.constantFrom("x", "é", "👩‍👩‍👧", ")or(", "\u0000", "1"), fc.integer({ min: 1_000, max: 70_000 }))
  .map(([s, n]) => s.repeat(Math.ceil(n / s.length)));

/** Text longer than `max` even after trimming, in units zod counts (UTF-16 code units). */
export const tooLong = (max: number) =>
  fc
    .tuple(nastyText, fc.integer({ min: 1, max: 200 }), fc.constantFrom("x", "é", "日", "😀"))
    .map(([s, extra, c]) => `${c.repeat(max + extra)}${s}`);

/** Ids that are not 1–19 digit strings: path tricks, too many digits, junk, empties. */
export const badIdString = fc
  .oneof(
    nastyText,
    fc.constantFrom(
      "", " ", "0".repeat(20), "12345678901234567890", "-1", "1.0", "1e5", " 1234567890123456789", "1234567890123456789 ",
      "1234567890123456789\n", "1234567890123456789/Notes", "1234567890123456789/../../oauth/v2/token", "../Contacts",
      "..%2F..%2Foauth", "1234567890123456789?fields=Email", "1234567890123456789#x", "1234567890123456789%00",
      "１２３４５６７８９０１２３４５６７８９", "https://evil.example/1", "//evil.example", "1;DROP", "1,2", "(1)",
    ),
    fc.bigInt({ min: 10n ** 19n, max: 10n ** 40n }).map(String),
    fc.tuple(fc.stringMatching(/^[0-9]{1,19}$/), nastyPiece).map(([d, j]) => `${d}${j}`),
    fc.tuple(nastyPiece, fc.stringMatching(/^[0-9]{1,19}$/)).map(([j, d]) => `${j}${d}`),
    hugeText,
  )
  .filter((s) => !ID_RE.test(s));

/** What Next may hand a handler as a route param when the URL is odd (or a catch-all). */
export const badIdParam: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: badIdString },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
  { weight: 1, arbitrary: fc.array(fc.stringMatching(/^[0-9]{1,19}$/), { minLength: 1, maxLength: 3 }) },
);

/** A 1–19 digit id the sandbox does not have (format valid, record absent). */
export const absentId = fc.oneof(
  fc.stringMatching(/^[1-9][0-9]{0,17}$/),
  fc.constant("9999999999999999999"),
);

/** Wrong JSON types for a value that should be a string. */
export const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant({}),
  fc.dictionary(nastyText, nastyText, { maxKeys: 3 }),
  fc.array(nastyText, { maxLength: 3 }),
);

/** Junk query keys and values that must be ignored or refused, never passed on. */
export const junkQuery = fc.dictionary(fc.oneof(nastyText, fc.constantFrom("fields", "criteria", "word", "page_token", "per_page", "ids", "module", "api_domain")), nastyText, { maxKeys: 3 });

/** Page numbers and page sizes that are not plain decimal digits in range. */
const notDigits = nastyText.filter((s) => !/^[0-9]{1,9}$/.test(s));
export const badPage = fc.oneof(fc.constantFrom("0", "00", "-1", "1.5", "abc", "1e400", "NaN", "Infinity", "0x1F", "1e1", " 3", "3 ", "+2", "0b11", "", "1234567890"), notDigits);
export const badPerPage = fc.oneof(fc.constantFrom("0", "201", "-5", "2.5", "abc", "99999999999999999999", "1e2", "0x10", " 50", ""), notDigits);

/** `?k=v&…` with every key and value URL-encoded as a browser would (lone surrogates become U+FFFD). */
export function qs(params: Record<string, string>): string {
  const s = new URLSearchParams(Object.entries(params)).toString();
  return s ? `?${s}` : "";
}

/** A body past the 1 MB cap (lib/api/with-bigin.ts): 413, read no further. */
export const oversizeBody = fc.integer({ min: 1_000_001, max: 1_200_000 }).map((n) => JSON.stringify({ fields: { Description: "x".repeat(n) } }));

/** Bodies that are not JSON at all. */
export const notJson = fc.oneof(
  fc.constantFrom("", "{", "}", "[1,2", "{'a':1}", "undefined", "NaN", "{\"fields\":}", "fields=1", "<xml/>", "\u0000", "{\"a\":1}}"),
  nastyText.filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

/** Top-level JSON that is not the expected object. */
export const wrongTopLevel = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  nastyText,
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
);

/** Headers that make a write cross-site or not JSON. Each case → 403 or 415. */
export const badWriteHeaders = fc.oneof(
  fc.record({
    origin: fc.constantFrom("https://evil.example", "http://localhost:3001", "https://localhost:3000", "null", "<absent>", "not a url", "http://localhost:3000.evil.example", "http://evil.example:3000"),
  }),
  fc.record({ "sec-fetch-site": fc.constantFrom("cross-site", "same-site", "none") }),
  fc.record({ "content-type": fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "<absent>", "application/jsonp", "text/json") }),
);

/** Custom-field keys the schemas must refuse: read-only ones and keys that are not API names. */
export const badFieldKey = fc.oneof(
  fc.constantFrom("id", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Full_Name", "Last_Activity_Time", "Tag", "Layout"),
  fc.constantFrom("bad key", "1abc", "_x", "a-b", "a.b", "$se_module", "__proto__", "Last_Name;", "Émile", "x".repeat(101), ""),
  nastyText.filter((k) => !/^[A-Za-z][A-Za-z0-9_]{0,99}$/.test(k)),
);

/** Values a custom field can't hold: objects, nested arrays, oversize arrays and strings. */
export const badCustomValue = fc.oneof(
  fc.dictionary(nastyText, nastyText, { minKeys: 1, maxKeys: 3 }),
  fc.array(fc.array(nastyText, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
  fc.constant(Array.from({ length: 101 }, (_, i) => `v${i}`)),
  fc.constant(["x".repeat(256)]),
  fc.constant("x".repeat(32001)),
);

/** Lookup values that are not ids (ids are strings of 1–19 digits). */
export const badLookup = fc.oneof(badIdString.filter((s) => s.trim() !== ""), fc.integer({ min: 1 }), fc.constant({ id: "1234567890123456789" }), fc.boolean());

/** Picks one bad thing to do to a valid body and says which. */
export type Corruption = { label: string; apply: (fields: Record<string, unknown>) => void };

export const setField = (key: string, value: unknown): Corruption => ({
  label: `${key}=${JSON.stringify(value)?.slice(0, 60)}`,
  apply: (f) => {
    Object.defineProperty(f, key, { value, enumerable: true, configurable: true, writable: true });
  },
});

export const dropField = (key: string): Corruption => ({ label: `without ${key}`, apply: (f) => void delete f[key] });

/** Many bad keys at once, or one enormous key: the answer must stay small and plain. */
const keyFlood = fc.oneof(
  fc.integer({ min: 60, max: 3000 }).map((n): Corruption => ({
    label: `${n} bad keys`,
    apply: (f) => {
      for (let i = 0; i < n; i++) f[`bad key ${i}`] = i;
    },
  })),
  hugeText.map((k) => setField(`${k} `, 1)),
);

/** The corruptions every record body shares: custom keys and values. */
export const customFieldCorruption = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(badFieldKey, fc.oneof(nastyText, fc.integer())).map(([k, v]) => setField(k, v)) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom("Custom_Text", "Score", "Tags_X"), badCustomValue).map(([k, v]) => setField(k, v)) },
  { weight: 1, arbitrary: keyFlood },
);

/** Text-field corruptions: not a string, or too long. */
export function textFieldCorruption(fields: Record<string, number>) {
  const keys = Object.keys(fields);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), notAString.filter((v) => v !== null)).map(([k, v]) => setField(k, v)),
    fc.constantFrom(...keys).chain((k) => tooLong(fields[k]).map((v) => setField(k, v))),
  );
}

/** A JSON body with `fields` corrupted by one to three corruptions. */
export function corruptedFields(valid: Record<string, unknown>, corruption: fc.Arbitrary<Corruption>) {
  return fc.array(corruption, { minLength: 1, maxLength: 3 }).map((cs) => {
    const fields = { ...valid };
    for (const c of cs) c.apply(fields);
    return { fields, label: cs.map((c) => c.label).join(" & ") };
  });
}

/** A description of a case for failure messages. */
export const show = (v: unknown) => {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 200 ? `${s.slice(0, 200)}…(${s.length} chars)` : s;
  } catch {
    return String(v);
  }
};
