/**
 * Fuzzing the companies handlers (issue 10): bad inputs → 4xx in the one error shape, never a
 * 5xx, no Bigin call; the type-ahead text reaches Bigin only as an escaped criteria value.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setup, SMALL, state, teardown } from "./harness";
import {
  badIdParam, badPage, badPerPage, badLookup, badWriteHeaders, corruptedFields, customFieldCorruption, expectClientError, expectNoBiginCall,
  expectOwnApiDomain, FC, junkQuery, makeRequest, nastyText, notJson, qs, routeCtx, seg, setField, show, spyOnBigin,
  textFieldCorruption, tooLong, wrongTopLevel, type BiginSpy,
} from "./fuzz-kit";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const list = await import("@/app/api/companies/route");
const one = await import("@/app/api/companies/[id]/route");
const contacts = await import("@/app/api/companies/[id]/contacts/route");
const deals = await import("@/app/api/companies/[id]/deals/route");
const notes = await import("@/app/api/companies/[id]/notes/route");

let spy: BiginSpy;
let existingId = "";

beforeAll(async () => {
  await setup(SMALL);
  const { listCompanies } = await import("@/lib/bigin/companies");
  existingId = (await listCompanies(state.conn!, { perPage: 1 })).items[0].id;
  spy = spyOnBigin();
});
afterEach(() => spy.reset());
afterAll(async () => {
  spy.restore();
  await teardown();
});

/** Undo `\` escapes; an unescaped `(`, `)` or `,` would end or split the value. */
function unescapeValue(v: string): string {
  let out = "";
  for (let i = 0; i < v.length; i++) {
    const ch = v[i];
    if (ch === "\\") out += v[++i];
    else if (ch === "(" || ch === ")" || ch === ",") throw new Error(`unescaped ${ch} in ${v}`);
    else out += ch;
  }
  return out;
}

describe("fuzz: GET /api/companies", () => {
  it("refuses bad list parameters with 400 and calls nothing", async () => {
    const bad = fc.oneof(
      tooLong(100).map((q) => ({ q })),
      badPage.map((page) => ({ page })),
      badPerPage.map((perPage) => ({ perPage })),
      fc.integer({ min: 1, max: 200 }).chain((pp) => fc.integer({ min: Math.floor(2000 / pp) + 1, max: 10 ** 6 }).map((p) => ({ page: String(p), perPage: String(pp) }))),
      fc.oneof(fc.constant(""), tooLong(2000)).map((pageToken) => ({ pageToken })),
    );
    await fc.assert(
      fc.asyncProperty(bad, junkQuery, async (b, junk) => {
        spy.reset();
        const res = await list.GET(makeRequest({ path: `/api/companies${qs({ ...junk, ...b })}` }), routeCtx({}));
        const err = await expectClientError(res, `GET ?${show(b)}`);
        expect(err.code).toBe("VALIDATION");
        expectNoBiginCall(spy, show(b));
      }),
      FC,
    );
  });

  it("type-ahead text of any shape (`)or(`, `\\`, unicode) reaches Bigin only escaped, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(nastyText.filter((q) => q.trim().length > 0 && q.trim().length <= 100), async (raw) => {
        spy.reset();
        const res = await list.GET(makeRequest({ path: `/api/companies${qs({ q: raw })}` }), routeCtx({}));
        if (res.status >= 400) await expectClientError(res, `q=${show(raw)}`);
        else expect(res.status).toBe(200);
        expectOwnApiDomain(spy);
        const q = new URLSearchParams(qs({ q: raw })).get("q")!.trim();
        expect(spy.calls.length).toBeGreaterThanOrEqual(1);
        for (const c of spy.calls) {
          expect(c.url.pathname).toBe("/bigin/v2/Accounts/search");
          const criteria = c.url.searchParams.get("criteria")!;
          const m = /^\(Account_Name:starts_with:([\s\S]*)\)$/.exec(criteria);
          expect(m, criteria).not.toBeNull();
          expect(unescapeValue(m![1])).toBe(q);
        }
      }),
      FC,
    );
  });
});

describe("fuzz: /api/companies/{id}", () => {
  type Call = (req: ReturnType<typeof makeRequest>, p: Record<string, unknown>) => Promise<Response>;
  const handlers: [string, Call, string][] = [
    ["GET /api/companies/{id}", (req, p) => one.GET(req, routeCtx(p)), "GET"],
    ["PATCH /api/companies/{id}", (req, p) => one.PATCH(req, routeCtx(p)), "PATCH"],
    ["GET /api/companies/{id}/contacts", (req, p) => contacts.GET(req, routeCtx(p)), "GET"],
    ["GET /api/companies/{id}/deals", (req, p) => deals.GET(req, routeCtx(p)), "GET"],
    ["GET /api/companies/{id}/notes", (req, p) => notes.GET(req, routeCtx(p)), "GET"],
  ];
  for (const [name, call, method] of handlers) {
    it(`${name}: ids that are not 1–19 digits → 400 naming id, no Bigin call`, async () => {
      await fc.assert(
        fc.asyncProperty(badIdParam, async (id) => {
          spy.reset();
          const json = method === "PATCH" ? { fields: { Industry: "Tech" } } : undefined;
          const res = await call(makeRequest({ method, path: `/api/companies/${seg(id)}`, json }), { id });
          const err = await expectClientError(res, `${name} id=${show(id)}`);
          expect(Object.keys(err.fields ?? {})).toEqual(["id"]);
          expectNoBiginCall(spy, `id=${show(id)}`);
        }),
        FC,
      );
    });
  }

  it("PATCH: bad bodies, non-JSON and cross-site writes for a real company → 4xx, no Bigin call", async () => {
    const corruption = fc.oneof(
      textFieldCorruption({ Account_Name: 100, Phone: 50, Industry: 120, Description: 32000, Billing_Street: 250, Billing_City: 100, Billing_Code: 30 }),
      customFieldCorruption,
      fc.constantFrom(setField("Account_Name", ""), setField("Account_Name", "   "), setField("Account_Name", null)),
      fc
        .oneof(fc.constantFrom("not a url", "http://", "https://", "ftp://x", "a b.com", "example", ".com", "javascript:alert(document.cookie)", "data:text/html,<b>x</b>.x", "mailto:a@b.co", "vbscript:msgbox.x"), tooLong(255).map((s) => `${s}.com`))
        .map((v) => setField("Website", v)),
      badLookup.map((v) => setField("Owner", v)),
    );
    const bad = fc.oneof(
      { weight: 6, arbitrary: corruptedFields({ Industry: "Tech" }, corruption).map((c) => ({ raw: JSON.stringify({ fields: c.fields }), headers: {} as Record<string, string>, label: c.label })) },
      { weight: 1, arbitrary: wrongTopLevel.map((b) => ({ raw: JSON.stringify(b), headers: {} as Record<string, string>, label: "top level" })) },
      { weight: 1, arbitrary: notJson.map((raw) => ({ raw, headers: {} as Record<string, string>, label: "not JSON" })) },
      { weight: 2, arbitrary: badWriteHeaders.map((h) => ({ raw: JSON.stringify({ fields: { Industry: "Hacked" } }), headers: h as Record<string, string>, label: show(h) })) },
    );
    await fc.assert(
      fc.asyncProperty(bad, async (c) => {
        spy.reset();
        const res = await one.PATCH(makeRequest({ method: "PATCH", path: `/api/companies/${existingId}`, raw: c.raw, headers: c.headers }), routeCtx({ id: existingId }));
        await expectClientError(res, `PATCH ${c.label} ${show(c.raw)}`);
        expectNoBiginCall(spy, c.label);
      }),
      FC,
    );
  });
});
