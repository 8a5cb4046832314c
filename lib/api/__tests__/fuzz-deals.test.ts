/**
 * Fuzzing the deals handlers (issue 10): bad inputs → 4xx in the one error shape, never a 5xx,
 * no Bigin call; sub-pipeline and stage filters reach Bigin only as escaped criteria values.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TeamPipeline } from "@/lib/types";
import { setup, SMALL, state, teardown } from "./harness";
import {
  badIdParam, badPage, badPerPage, badIdString, badLookup, badWriteHeaders, corruptedFields, customFieldCorruption, dropField, expectClientError,
  expectNoBiginCall, expectOwnApiDomain, FC, junkQuery, makeRequest, nastyText, notAString, notJson, qs, routeCtx, seg,
  setField, show, spyOnBigin, textFieldCorruption, tooLong, wrongTopLevel, type BiginSpy,
} from "./fuzz-kit";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const list = await import("@/app/api/deals/route");
const one = await import("@/app/api/deals/[id]/route");
const notes = await import("@/app/api/deals/[id]/notes/route");

let spy: BiginSpy;
let pipeline: TeamPipeline;
let existingId = "";

beforeAll(async () => {
  await setup(SMALL);
  const { listTeamPipelines } = await import("@/lib/bigin/pipelines");
  const { listDeals } = await import("@/lib/bigin/deals");
  pipeline = (await listTeamPipelines(state.conn!))[0];
  existingId = (await listDeals(state.conn!, { pipelineId: pipeline.id, perPage: 1 })).items[0].id;
  spy = spyOnBigin();
});
afterEach(() => spy.reset());
afterAll(async () => {
  spy.restore();
  await teardown();
});

const validDeal = () => {
  const sub = pipeline.subPipelines[0];
  return { Deal_Name: "Fuzz deal", Pipeline: pipeline.id, Sub_Pipeline: sub.name, Stage: sub.stages[0].name };
};

const dealCorruption = fc.oneof(
  textFieldCorruption({ Deal_Name: 120, Sub_Pipeline: 120, Stage: 120, Description: 32000 }),
  customFieldCorruption,
  fc.constantFrom(dropField("Deal_Name"), setField("Deal_Name", "  "), dropField("Stage"), dropField("Sub_Pipeline"), dropField("Pipeline")),
  fc.oneof(badIdString, fc.integer()).map((v) => setField("Pipeline", v)),
  fc
    .oneof(fc.integer({ max: -1 }), fc.constantFrom("-1", "12,5", "1e", "ten", "0x10", "1.2.3", "∞"), fc.constant({}), fc.constant([1]), fc.boolean())
    .map((v) => setField("Amount", v)),
  fc
    .oneof(fc.constantFrom("2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01", "2024-1-1", "2024-01-01T00:00:00Z", "01/02/2024", "tomorrow"), nastyText.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s.trim()) && s.trim() !== ""), fc.integer())
    .map((v) => setField("Closing_Date", v)),
  fc.tuple(fc.constantFrom("Account_Name", "Contact_Name", "Owner"), badLookup).map(([k, v]) => setField(k, v)),
);

describe("fuzz: GET /api/deals", () => {
  it("refuses bad list parameters with 400 and calls nothing", async () => {
    const bad = fc.oneof(
      fc.oneof(fc.constant(undefined), badIdString).map((pipelineId) => ({ pipelineId })),
      fc.tuple(fc.constantFrom("subPipeline", "stage"), fc.oneof(fc.constantFrom("", "   ", "\t"), tooLong(120))).map(([k, v]) => ({ pipelineId: "1", [k]: v })),
      badPage.map((page) => ({ pipelineId: "1", page })),
      badPerPage.map((perPage) => ({ pipelineId: "1", perPage })),
      fc.integer({ min: 1, max: 200 }).chain((pp) => fc.integer({ min: Math.floor(2000 / pp) + 1, max: 10 ** 6 }).map((p) => ({ pipelineId: "1", page: String(p), perPage: String(pp) }))),
      nastyText.filter((v) => !["id", "Created_Time", "Modified_Time"].includes(v)).map((sortBy) => ({ pipelineId: "1", sortBy })),
      fc.oneof(fc.constant(""), tooLong(2000)).map((pageToken) => ({ pipelineId: "1", pageToken })),
    );
    await fc.assert(
      fc.asyncProperty(bad, junkQuery, async (b, junk) => {
        spy.reset();
        const params = Object.fromEntries(Object.entries({ ...junk, ...b }).filter(([, v]) => v !== undefined)) as Record<string, string>;
        if (b.pipelineId === undefined) delete params.pipelineId;
        const res = await list.GET(makeRequest({ path: `/api/deals${qs(params)}` }), routeCtx({}));
        const err = await expectClientError(res, `GET ?${show(params)}`);
        expect(err.code).toBe("VALIDATION");
        expectNoBiginCall(spy, show(params));
      }),
      FC,
    );
  });

  it("sub-pipeline and stage text of any shape reaches Bigin only escaped inside the criteria, never a 5xx", async () => {
    const text = nastyText.filter((s) => s.trim().length > 0 && s.trim().length <= 120);
    await fc.assert(
      fc.asyncProperty(fc.option(text, { nil: undefined }), text, async (sub, stage) => {
        spy.reset();
        const params: Record<string, string> = { pipelineId: pipeline.id, stage };
        if (sub !== undefined) params.subPipeline = sub;
        const res = await list.GET(makeRequest({ path: `/api/deals${qs(params)}` }), routeCtx({}));
        if (res.status >= 400) await expectClientError(res, `filters ${show(params)}`);
        else expect(res.status).toBe(200);
        expectOwnApiDomain(spy);
        // The values as validated: URL-decoded (lone surrogates → U+FFFD) and trimmed.
        const got = new URLSearchParams(qs(params));
        const expected = [pipeline.id, ...(sub !== undefined ? [got.get("subPipeline")!.trim()] : []), got.get("stage")!.trim()];
        expect(spy.calls.length).toBeGreaterThanOrEqual(1);
        for (const c of spy.calls) {
          expect(c.url.pathname).toBe("/bigin/v2/Pipelines/search");
          expect(parseCriteriaValues(c.url.searchParams.get("criteria")!)).toEqual(expected);
        }
      }),
      FC,
    );
  });
});

/**
 * Reads `((Pipeline:equals:v)and(Sub_Pipeline:equals:v)…)` the way Bigin does: `\x` is a literal
 * x, and an unescaped `(`, `)` or `,` inside a value would end it (or split it) — so a value
 * the user typed can never add a condition.
 */
function parseCriteriaValues(criteria: string): string[] {
  const conds = criteria.startsWith("((") ? criteria.slice(1, -1) : criteria;
  const values: string[] = [];
  let i = 0;
  const fields = ["Pipeline", "Sub_Pipeline", "Stage"];
  while (i < conds.length) {
    if (values.length) {
      expect(conds.slice(i, i + 3)).toBe("and");
      i += 3;
    }
    const head = `(${fields.find((f) => conds.startsWith(`(${f}:equals:`, i))}:equals:`;
    expect(conds.startsWith(head, i)).toBe(true);
    i += head.length;
    let v = "";
    for (;;) {
      const ch = conds[i];
      if (ch === undefined) throw new Error(`unterminated value in ${criteria}`);
      if (ch === "\\") {
        v += conds[i + 1];
        i += 2;
        continue;
      }
      if (ch === "(" || ch === ",") throw new Error(`unescaped ${ch} in a value of ${criteria}`);
      if (ch === ")") break;
      v += ch;
      i++;
    }
    i++;
    values.push(v);
  }
  return values;
}

describe("fuzz: POST /api/deals", () => {
  it("refuses bad bodies with 400 and calls nothing", async () => {
    const bad = fc.oneof(
      { weight: 6, arbitrary: fc.constant(null).chain(() => corruptedFields(validDeal(), dealCorruption)).map((c) => ({ json: { fields: c.fields } as unknown, label: c.label })) },
      { weight: 1, arbitrary: wrongTopLevel.map((b) => ({ json: b as unknown, label: "top level" })) },
      { weight: 1, arbitrary: notAString.map((f) => ({ json: { fields: f } as unknown, label: "fields not an object" })) },
    );
    await fc.assert(
      fc.asyncProperty(bad, async (c) => {
        spy.reset();
        const res = await list.POST(makeRequest({ method: "POST", path: "/api/deals", json: c.json }), routeCtx({}));
        const err = await expectClientError(res, `POST ${c.label} ${show(c.json)}`);
        expect(err.code).toBe("VALIDATION");
        expectNoBiginCall(spy, c.label);
      }),
      FC,
    );
  });

  it("refuses non-JSON, cross-site and non-JSON-typed writes and calls nothing", async () => {
    const bad = fc.oneof(
      notJson.map((raw) => ({ raw, headers: {} as Record<string, string>, expect: [400] })),
      badWriteHeaders.map((headers) => ({ raw: JSON.stringify({ fields: validDeal() }), headers: headers as Record<string, string>, expect: [403, 415] })),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (c) => {
        spy.reset();
        const res = await list.POST(makeRequest({ method: "POST", path: "/api/deals", raw: c.raw, headers: c.headers }), routeCtx({}));
        expect(c.expect).toContain(res.status);
        await expectClientError(res, show(c));
        expectNoBiginCall(spy, show(c));
      }),
      FC,
    );
  });
});

describe("fuzz: /api/deals/{id}", () => {
  type Call = (req: ReturnType<typeof makeRequest>, p: Record<string, unknown>) => Promise<Response>;
  const handlers: [string, Call, string][] = [
    ["GET /api/deals/{id}", (req, p) => one.GET(req, routeCtx(p)), "GET"],
    ["PATCH /api/deals/{id}", (req, p) => one.PATCH(req, routeCtx(p)), "PATCH"],
    ["DELETE /api/deals/{id}", (req, p) => one.DELETE(req, routeCtx(p)), "DELETE"],
    ["GET /api/deals/{id}/notes", (req, p) => notes.GET(req, routeCtx(p)), "GET"],
  ];
  for (const [name, call, method] of handlers) {
    it(`${name}: ids that are not 1–19 digits → 400 naming id, no Bigin call`, async () => {
      await fc.assert(
        fc.asyncProperty(badIdParam, async (id) => {
          spy.reset();
          const json = method === "PATCH" ? { fields: { Stage: "Qualification" } } : undefined;
          const res = await call(makeRequest({ method, path: `/api/deals/${seg(id)}`, json }), { id });
          const err = await expectClientError(res, `${name} id=${show(id)}`);
          expect(Object.keys(err.fields ?? {})).toEqual(["id"]);
          expectNoBiginCall(spy, `id=${show(id)}`);
        }),
        FC,
      );
    });
  }

  it("PATCH: bad bodies for a real deal (incl. moving it to another Team Pipeline) → 400, no Bigin call", async () => {
    const bad = fc.oneof(
      {
        weight: 5,
        arbitrary: corruptedFields({ Stage: "Qualification" }, dealCorruption.filter((c) => !c.label.startsWith("without"))).map((c) => ({ json: { fields: c.fields } as unknown, label: c.label })),
      },
      { weight: 1, arbitrary: fc.oneof(fc.stringMatching(/^[0-9]{1,19}$/), fc.constant(null), nastyText).map((p) => ({ json: { fields: { Pipeline: p } } as unknown, label: `Pipeline=${show(p)}` })) },
      { weight: 1, arbitrary: fc.oneof(nastyText, fc.constantFrom("2024-01-01", "now", "")).map((m) => ({ json: { modifiedTime: m, fields: { Stage: "X" } } as unknown, label: `modifiedTime=${show(m)}` })) },
      { weight: 1, arbitrary: fc.constant({ json: { fields: {} } as unknown, label: "nothing to update" }) },
    );
    await fc.assert(
      fc.asyncProperty(bad, async (c) => {
        spy.reset();
        const res = await one.PATCH(makeRequest({ method: "PATCH", path: `/api/deals/${existingId}`, json: c.json }), routeCtx({ id: existingId }));
        const err = await expectClientError(res, `PATCH ${c.label} ${show(c.json)}`);
        expect(err.code).toBe("VALIDATION");
        expectNoBiginCall(spy, c.label);
      }),
      FC,
    );
  });

  it("PATCH/DELETE from another site → 403 and the deal is untouched", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(badWriteHeaders, fc.constantFrom("PATCH", "DELETE")).filter(([h, m]) => m === "PATCH" || !("content-type" in h)),
        async ([headers, method]) => {
          spy.reset();
          const json = method === "PATCH" ? { fields: { Stage: "Closed Won" } } : undefined;
          const req = makeRequest({ method, path: `/api/deals/${existingId}`, json, headers: headers as Record<string, string> });
          const res = await (method === "PATCH" ? one.PATCH : one.DELETE)(req, routeCtx({ id: existingId }));
          expect([403, 415]).toContain(res.status);
          await expectClientError(res, `${method} ${show(headers)}`);
          expectNoBiginCall(spy, show(headers));
        },
      ),
      FC,
    );
  });
});
