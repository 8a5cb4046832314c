/**
 * Fuzzing the notes handlers and the input-less ones (fields, me, pipelines) — issue 10: bad
 * inputs → 4xx in the one error shape, never a 5xx, no Bigin call with unvalidated input.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setup, SMALL, state, teardown } from "./harness";
import {
  badIdParam, badPage, badPerPage, badIdString, badWriteHeaders, expectClientError, expectNoBiginCall, expectOwnApiDomain, FC, hugeText, junkQuery,
  makeRequest, nastyText, notAString, notJson, oversizeBody, qs, routeCtx, seg, show, spyOnBigin, tooLong, wrongTopLevel, type BiginSpy,
} from "./fuzz-kit";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const notes = await import("@/app/api/notes/route");
const note = await import("@/app/api/notes/[id]/route");
const fields = await import("@/app/api/fields/[module]/route");
const me = await import("@/app/api/me/route");
const pipelines = await import("@/app/api/pipelines/route");

let spy: BiginSpy;
let noteId = "";
let contactId = "";

beforeAll(async () => {
  await setup(SMALL);
  const { listRecentNotes } = await import("@/lib/bigin/notes");
  const { listContacts } = await import("@/lib/bigin/contacts");
  noteId = (await listRecentNotes(state.conn!, { perPage: 1 })).items[0].id;
  contactId = (await listContacts(state.conn!, { perPage: 1 })).items[0].id;
  spy = spyOnBigin();
});
afterEach(() => {
  spy.reset();
  state.signedIn = true;
});
afterAll(async () => {
  spy.restore();
  await teardown();
});

const MODULES = ["Contacts", "Accounts", "Pipelines"];
const badModule = fc.oneof(nastyText, fc.constantFrom("contacts", "Notes", "Deals", "Companies", "Leads", "Contacts ", "../Contacts", "Contacts/1", "")).filter((m) => !MODULES.includes(m));
const badContent = fc.oneof(fc.constantFrom("", "   ", "\n\t"), tooLong(32000), notAString, fc.constant(null));

describe("fuzz: GET /api/notes", () => {
  it("refuses bad parameters with 400 and calls nothing", async () => {
    const bad = fc.oneof(
      badModule.map((module) => ({ module })),
      badPage.map((page) => ({ page })),
      badPerPage.map((perPage) => ({ perPage })),
    );
    await fc.assert(
      fc.asyncProperty(bad, junkQuery, async (b, junk) => {
        spy.reset();
        const res = await notes.GET(makeRequest({ path: `/api/notes${qs({ ...junk, ...b })}` }), routeCtx({}));
        const err = await expectClientError(res, `GET ?${show(b)}`);
        expect(err.code).toBe("VALIDATION");
        expectNoBiginCall(spy, show(b));
      }),
      FC,
    );
  });
});

describe("fuzz: POST /api/notes", () => {
  it("refuses bad bodies, non-JSON and cross-site writes with 4xx and calls nothing", async () => {
    const valid = () => ({ parentModule: "Contacts", parentId: contactId, title: "T", content: "Hello" });
    const corrupt = fc.oneof(
      badModule.map((v) => ({ parentModule: v })),
      fc.oneof(badIdString, fc.integer()).map((v) => ({ parentId: v })),
      badContent.map((v) => ({ content: v })),
      fc.oneof(tooLong(120), fc.integer(), fc.constant({})).map((v) => ({ title: v })),
    );
    const bad = fc.oneof(
      { weight: 6, arbitrary: fc.array(corrupt, { minLength: 1, maxLength: 3 }).map((cs) => ({ raw: JSON.stringify(Object.assign(valid(), ...cs)), headers: {} as Record<string, string>, expect: [400] })) },
      { weight: 1, arbitrary: wrongTopLevel.map((b) => ({ raw: JSON.stringify(b), headers: {} as Record<string, string>, expect: [400] })) },
      { weight: 1, arbitrary: notJson.map((raw) => ({ raw, headers: {} as Record<string, string>, expect: [400] })) },
      { weight: 1, arbitrary: oversizeBody.map((raw) => ({ raw, headers: {} as Record<string, string>, expect: [413] })) },
      { weight: 2, arbitrary: badWriteHeaders.map((h) => ({ raw: JSON.stringify(valid()), headers: h as Record<string, string>, expect: [403, 415] })) },
    );
    await fc.assert(
      fc.asyncProperty(bad, async (c) => {
        spy.reset();
        const res = await notes.POST(makeRequest({ method: "POST", path: "/api/notes", raw: c.raw, headers: c.headers }), routeCtx({}));
        expect(c.expect, show(c)).toContain(res.status);
        await expectClientError(res, `POST ${show(c)}`);
        expectNoBiginCall(spy, show(c));
      }),
      FC,
    );
  });
});

describe("fuzz: /api/notes/{id}", () => {
  for (const method of ["PATCH", "DELETE"] as const) {
    it(`${method} /api/notes/{id}: ids that are not 1–19 digits → 400 naming id, no Bigin call`, async () => {
      await fc.assert(
        fc.asyncProperty(badIdParam, async (id) => {
          spy.reset();
          const json = method === "PATCH" ? { content: "x" } : undefined;
          const req = makeRequest({ method, path: `/api/notes/${seg(id)}`, json });
          const res = await (method === "PATCH" ? note.PATCH : note.DELETE)(req, routeCtx({ id }));
          const err = await expectClientError(res, `${method} id=${show(id)}`);
          expect(Object.keys(err.fields ?? {})).toEqual(["id"]);
          expectNoBiginCall(spy, `id=${show(id)}`);
        }),
        FC,
      );
    });
  }

  it("PATCH: bad bodies and cross-site writes for a real note → 4xx, no Bigin call", async () => {
    const bad = fc.oneof(
      { weight: 4, arbitrary: badContent.map((content) => ({ raw: JSON.stringify({ content }), headers: {} as Record<string, string> })) },
      { weight: 1, arbitrary: fc.oneof(tooLong(120), fc.integer()).map((title) => ({ raw: JSON.stringify({ title, content: "ok" }), headers: {} as Record<string, string> })) },
      { weight: 1, arbitrary: wrongTopLevel.map((b) => ({ raw: JSON.stringify(b), headers: {} as Record<string, string> })) },
      { weight: 1, arbitrary: notJson.map((raw) => ({ raw, headers: {} as Record<string, string> })) },
      {
        weight: 2,
        arbitrary: fc.tuple(badWriteHeaders, fc.constantFrom("PATCH", "DELETE")).filter(([h, m]) => m === "PATCH" || !("content-type" in h)).map(([h, m]) => ({ raw: JSON.stringify({ content: "Hacked" }), headers: h as Record<string, string>, method: m })),
      },
    );
    await fc.assert(
      fc.asyncProperty(bad, async (c) => {
        spy.reset();
        const method = "method" in c ? c.method : "PATCH";
        const req = makeRequest({ method, path: `/api/notes/${noteId}`, raw: method === "PATCH" ? c.raw : undefined, headers: c.headers });
        const res = await (method === "PATCH" ? note.PATCH : note.DELETE)(req, routeCtx({ id: noteId }));
        await expectClientError(res, `${method} ${show(c)}`);
        expectNoBiginCall(spy, show(c));
      }),
      FC,
    );
  });
});

describe("fuzz: GET /api/fields/{module}", () => {
  it("modules other than Contacts, Accounts, Pipelines → 400, no Bigin call", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 9, arbitrary: fc.oneof(badModule, hugeText) }, { weight: 1, arbitrary: fc.constantFrom(undefined, ["Contacts"]) }), async (module) => {
        spy.reset();
        const res = await fields.GET(makeRequest({ path: `/api/fields/${seg(module)}` }), routeCtx({ module }));
        const err = await expectClientError(res, `module=${show(module)}`);
        expect(Object.keys(err.fields ?? {})).toEqual(["module"]);
        expectNoBiginCall(spy, show(module));
      }),
      FC,
    );
  });
});

describe("fuzz: handlers without input (me, pipelines)", () => {
  const junkHeaders = fc.dictionary(
    fc.constantFrom("x-forwarded-host", "x-forwarded-proto", "origin", "sec-fetch-site", "content-type", "accept", "x-nonce"),
    fc.string({ unit: "binary-ascii", maxLength: 40 }).map((s) => s.replace(/[\r\n\0]/g, "")),
    { maxKeys: 3 },
  );
  for (const which of ["me", "pipelines"] as const) {
    it(`GET /api/${which} ignores junk query strings and headers: never a 5xx, only its own fixed Bigin calls`, async () => {
      await fc.assert(
        fc.asyncProperty(junkQuery, junkHeaders, async (q, headers) => {
          spy.reset();
          const req = makeRequest({ path: `/api/${which}${qs(q)}`, headers });
          const res = await (which === "me" ? me.GET : pipelines.GET)(req, routeCtx({}));
          expect(res.status, `${which} ${show(q)} ${show(headers)}`).toBe(200);
          await res.arrayBuffer();
          expectOwnApiDomain(spy);
          for (const c of spy.calls) expect(`${c.method} ${c.url.pathname}`).toBe("GET /bigin/v2/settings/layouts");
          if (which === "me") expect(spy.calls).toEqual([]);
        }),
        FC,
      );
    });
  }

  it("answer 401 in the one error shape when signed out, and call nothing", async () => {
    state.signedIn = false;
    const all: [string, (r: ReturnType<typeof makeRequest>) => Promise<Response>][] = [
      ["GET /api/me", (r) => me.GET(r, routeCtx({}))],
      ["GET /api/pipelines", (r) => pipelines.GET(r, routeCtx({}))],
      ["GET /api/notes", (r) => notes.GET(r, routeCtx({}))],
      ["GET /api/fields/Contacts", (r) => fields.GET(r, routeCtx({ module: "Contacts" }))],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), junkQuery, async ([name, call], q) => {
        spy.reset();
        const res = await call(makeRequest({ path: `/api/x${qs(q)}` }));
        expect(res.status, name).toBe(401);
        expect((await expectClientError(res, name)).code).toBe("UNAUTHENTICATED");
        expectNoBiginCall(spy, name);
      }),
      FC,
    );
  });
});
