/**
 * Fuzzing the contacts handlers (issue 10): every generated bad input → a 4xx in the one error
 * shape, never a 5xx, and no Bigin call; search text reaches Bigin only as the validated value.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { searchParamFor } from "@/lib/bigin/criteria";
import { setup, SMALL, state, teardown } from "./harness";
import {
  badIdParam, badPage, badPerPage, badLookup, badWriteHeaders, corruptedFields, customFieldCorruption, dropField, expectClientError,
  expectNoBiginCall, expectOwnApiDomain, FC, junkQuery, makeRequest, nastyText, notAString, notJson, oversizeBody, qs, routeCtx,
  seg, setField, show, spyOnBigin, textFieldCorruption, tooLong, wrongTopLevel, type BiginSpy,
} from "./fuzz-kit";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const list = await import("@/app/api/contacts/route");
const one = await import("@/app/api/contacts/[id]/route");
const deals = await import("@/app/api/contacts/[id]/deals/route");
const notes = await import("@/app/api/contacts/[id]/notes/route");

let spy: BiginSpy;
let existingId = "";

beforeAll(async () => {
  await setup(SMALL);
  const { listContacts } = await import("@/lib/bigin/contacts");
  existingId = (await listContacts(state.conn!, { perPage: 1 })).items[0].id;
  spy = spyOnBigin();
});
afterEach(() => spy.reset());
afterAll(async () => {
  spy.restore();
  await teardown();
});

const TEXT_MAX = {
  First_Name: 40, Last_Name: 80, Title: 50, Phone: 50, Mobile: 50, Home_Phone: 50, Description: 32000,
  Mailing_Street: 250, Mailing_City: 100, Mailing_State: 100, Mailing_Country: 100, Mailing_Zip: 30,
};

const contactCorruption = fc.oneof(
  textFieldCorruption(TEXT_MAX),
  customFieldCorruption,
  fc.constantFrom(dropField("Last_Name"), setField("Last_Name", ""), setField("Last_Name", "   "), setField("Last_Name", null)),
  fc.oneof(nastyText.filter((s) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim()) && s.trim() !== ""), tooLong(100).map((s) => `${s}@example.com`), notAString.filter((v) => v !== null)).map((v) =>
    setField("Email", v),
  ),
  fc.oneof(nastyText, fc.integer(), fc.constant("true")).map((v) => setField("Email_Opt_Out", v)),
  fc.tuple(fc.constantFrom("Account_Name", "Owner"), badLookup).map(([k, v]) => setField(k, v)),
);

/** A body the create schema refuses: not an object, no `fields`, or corrupted fields. */
const badCreateBody = fc.oneof(
  { weight: 6, arbitrary: corruptedFields({ Last_Name: "Fuzz", First_Name: "Ada" }, contactCorruption) },
  { weight: 1, arbitrary: wrongTopLevel.map((b) => ({ body: b, label: "top level" })) },
  { weight: 1, arbitrary: fc.oneof(wrongTopLevel, fc.constant(undefined)).map((f) => ({ body: { fields: f }, label: "fields not an object" })) },
);

describe("fuzz: GET /api/contacts", () => {
  it("refuses bad list parameters with 400 and calls nothing", async () => {
    const badParam = fc.oneof(
      tooLong(100).map((q) => ({ q })),
      fc.oneof(nastyText, fc.constantFrom("Full_Name", "Email", "ID", "id ", "")).filter((v) => !["id", "Created_Time", "Modified_Time"].includes(v)).map((sortBy) => ({ sortBy })),
      fc.oneof(nastyText, fc.constantFrom("ASC", "descending", "")).filter((v) => v !== "asc" && v !== "desc").map((sortOrder) => ({ sortOrder })),
      badPage.map((page) => ({ page })),
      badPerPage.map((perPage) => ({ perPage })),
      fc.integer({ min: 1, max: 200 }).chain((pp) => fc.integer({ min: Math.floor(2000 / pp) + 1, max: 10 ** 6 }).map((p) => ({ page: String(p), perPage: String(pp) }))),
      fc.oneof(fc.constant(""), tooLong(2000)).map((pageToken) => ({ pageToken })),
    );
    await fc.assert(
      fc.asyncProperty(badParam, junkQuery, async (bad, junk) => {
        spy.reset();
        const res = await list.GET(makeRequest({ path: `/api/contacts${qs({ ...junk, ...bad })}` }), routeCtx({}));
        const err = await expectClientError(res, `GET ?${show(bad)}`);
        expect(err.code).toBe("VALIDATION");
        expectNoBiginCall(spy, show(bad));
      }),
      FC,
    );
  });

  it("search text of any shape reaches Bigin only as the one validated search value, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(nastyText.filter((q) => q.trim().length > 0 && q.trim().length <= 100), async (raw) => {
        spy.reset();
        const res = await list.GET(makeRequest({ path: `/api/contacts${qs({ q: raw })}` }), routeCtx({}));
        if (res.status >= 400) await expectClientError(res, `q=${show(raw)}`);
        else expect(res.status).toBe(200);
        expectOwnApiDomain(spy);
        // What the browser's URL encoding delivers (lone surrogates become U+FFFD), trimmed as validated.
        const q = new URLSearchParams(qs({ q: raw })).get("q")!.trim();
        if (!q) return;
        expect(spy.calls.length).toBeLessThanOrEqual(3); // one call, plus at most two retries
        for (const c of spy.calls) {
          expect(c.url.pathname).toBe("/bigin/v2/Contacts/search");
          const sent = Object.fromEntries(c.url.searchParams);
          const { fields, page, per_page, ...search } = sent;
          expect(search).toEqual(searchParamFor(q));
          expect({ page, per_page }).toEqual({ page: "1", per_page: "50" });
          expect(fields).toMatch(/^[A-Za-z_,]+$/);
        }
      }),
      FC,
    );
  });
});

describe("fuzz: POST /api/contacts", () => {
  it("refuses bad bodies with 400 and calls nothing", async () => {
    await fc.assert(
      fc.asyncProperty(badCreateBody, async (c) => {
        spy.reset();
        const json = "fields" in (c as object) ? { fields: (c as { fields: unknown }).fields } : (c as { body: unknown }).body;
        const res = await list.POST(makeRequest({ method: "POST", path: "/api/contacts", json }), routeCtx({}));
        const err = await expectClientError(res, `POST ${(c as { label: string }).label} ${show(json)}`);
        expect(err.code).toBe("VALIDATION");
        expectNoBiginCall(spy, (c as { label: string }).label);
      }),
      FC,
    );
  });

  it("refuses non-JSON, cross-site and non-JSON-typed writes (400/403/415) and calls nothing", async () => {
    const bad = fc.oneof(
      { weight: 4, arbitrary: notJson.map((raw) => ({ raw, headers: {} as Record<string, string>, expect: [400] })) },
      { weight: 1, arbitrary: oversizeBody.map((raw) => ({ raw, headers: {} as Record<string, string>, expect: [413] })) },
      {
        weight: 4,
        arbitrary: badWriteHeaders.map((headers) => ({ raw: JSON.stringify({ fields: { Last_Name: "Fuzz" } }), headers: headers as Record<string, string>, expect: [403, 415] })),
      },
    );
    await fc.assert(
      fc.asyncProperty(bad, async (c) => {
        spy.reset();
        const res = await list.POST(makeRequest({ method: "POST", path: "/api/contacts", raw: c.raw, headers: c.headers }), routeCtx({}));
        expect(c.expect).toContain(res.status);
        await expectClientError(res, show(c));
        expectNoBiginCall(spy, show(c));
      }),
      FC,
    );
  });
});

describe("fuzz: /api/contacts/{id}", () => {
  const handlers = [
    ["GET /api/contacts/{id}", (req: ReturnType<typeof makeRequest>, p: Record<string, unknown>) => one.GET(req, routeCtx(p)), "GET"],
    ["DELETE /api/contacts/{id}", (req: ReturnType<typeof makeRequest>, p: Record<string, unknown>) => one.DELETE(req, routeCtx(p)), "DELETE"],
    ["PATCH /api/contacts/{id}", (req: ReturnType<typeof makeRequest>, p: Record<string, unknown>) => one.PATCH(req, routeCtx(p)), "PATCH"],
    ["GET /api/contacts/{id}/deals", (req: ReturnType<typeof makeRequest>, p: Record<string, unknown>) => deals.GET(req, routeCtx(p)), "GET"],
    ["GET /api/contacts/{id}/notes", (req: ReturnType<typeof makeRequest>, p: Record<string, unknown>) => notes.GET(req, routeCtx(p)), "GET"],
  ] as const;

  for (const [name, call, method] of handlers) {
    it(`${name}: ids that are not 1–19 digits → 400 naming id, no Bigin call`, async () => {
      await fc.assert(
        fc.asyncProperty(badIdParam, async (id) => {
          spy.reset();
          const json = method === "PATCH" ? { fields: { Title: "x" } } : undefined;
          const res = await call(makeRequest({ method, path: `/api/contacts/${seg(id)}`, json }), { id });
          const err = await expectClientError(res, `${name} id=${show(id)}`);
          expect(err.code).toBe("VALIDATION");
          expect(Object.keys(err.fields ?? {})).toEqual(["id"]);
          expectNoBiginCall(spy, `id=${show(id)}`);
        }),
        FC,
      );
    });
  }

  it("PATCH: bad bodies for a real contact → 400, no Bigin call (not even the conflict read)", async () => {
    const badUpdate = fc.oneof(
      { weight: 5, arbitrary: corruptedFields({ Title: "CTO" }, fc.oneof(contactCorruption.filter((c) => c.label !== "without Last_Name"))).map((c) => ({ json: { fields: c.fields } as unknown, label: c.label })) },
      { weight: 1, arbitrary: fc.constant({ json: { fields: {} } as unknown, label: "nothing to update" }) },
      { weight: 1, arbitrary: fc.oneof(nastyText, fc.constantFrom("2024-01-01", "2024-01-01 10:00:00", "yesterday"), fc.integer()).map((m) => ({ json: { modifiedTime: m, fields: { Title: "x" } } as unknown, label: `modifiedTime=${show(m)}` })) },
      { weight: 1, arbitrary: wrongTopLevel.map((b) => ({ json: b as unknown, label: "top level" })) },
    );
    await fc.assert(
      fc.asyncProperty(badUpdate, async (c) => {
        spy.reset();
        const res = await one.PATCH(makeRequest({ method: "PATCH", path: `/api/contacts/${existingId}`, json: c.json }), routeCtx({ id: existingId }));
        const err = await expectClientError(res, `PATCH ${c.label} ${show(c.json)}`);
        expect(err.code).toBe("VALIDATION");
        expectNoBiginCall(spy, c.label);
      }),
      FC,
    );
  });

  it("PATCH/DELETE from another site or without JSON → 403/415 and the contact is untouched", async () => {
    await fc.assert(
      // A DELETE has no body, so only its origin can make it bad.
      fc.asyncProperty(fc.tuple(badWriteHeaders, fc.constantFrom("PATCH", "DELETE")).filter(([h, m]) => m === "PATCH" || !("content-type" in h)), async ([headers, method]) => {
        spy.reset();
        const json = method === "PATCH" ? { fields: { Title: "Hacked" } } : undefined;
        const req = makeRequest({ method, path: `/api/contacts/${existingId}`, json, headers: headers as Record<string, string> });
        const res = await (method === "PATCH" ? one.PATCH : one.DELETE)(req, routeCtx({ id: existingId }));
        expect([403, 415]).toContain(res.status);
        await expectClientError(res, `${method} ${show(headers)}`);
        expectNoBiginCall(spy, show(headers));
      }),
      FC,
    );
  });
});
