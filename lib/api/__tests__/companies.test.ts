import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Company, CompanySummary, ContactSummary, Deal } from "@/lib/types";
import { body, ctx, request, resetAll, setup, SMALL, stats, teardown } from "./harness";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const { GET: LIST } = await import("@/app/api/companies/route");
const { GET, PATCH } = await import("@/app/api/companies/[id]/route");
const { GET: CONTACTS } = await import("@/app/api/companies/[id]/contacts/route");
const { GET: DEALS } = await import("@/app/api/companies/[id]/deals/route");

beforeAll(() => setup(SMALL));
afterAll(teardown);
beforeEach(() => resetAll(SMALL));

const list = async (qs = "") => body(await LIST(request(`/api/companies${qs}`), ctx()));
const patch = (id: string, b: unknown) => PATCH(request(`/api/companies/${id}`, { method: "PATCH", body: b }), ctx({ id }));

describe("GET /api/companies", () => {
  it("lists companies as app types", async () => {
    const { items, info } = await list("?perPage=10");
    expect(items).toHaveLength(10);
    expect(info).toMatchObject({ page: 1, perPage: 10 });
    const c = items[0] as CompanySummary;
    expect(c.id).toMatch(/^\d{19}$/);
    expect(c.name).toEqual(expect.any(String));
    // A list row is a summary (no per-field map); the record page gets every field.
    expect(c).not.toHaveProperty("fields");
    const full = (await body(await GET(request(`/api/companies/${c.id}`), ctx({ id: c.id })))).item as Company;
    expect(full).toMatchObject(c);
    expect(full.fields.Account_Name).toBe(c.name);
  });

  it("type-ahead: q finds names starting with it, escaping ( ) and , for Bigin's criteria", async () => {
    const c = (await list("?perPage=1")).items[0] as Company;
    const renamed = await patch(c.id, { fields: { Account_Name: "Zeta (UK), Ltd" } });
    expect(renamed.status).toBe(200);
    const hits = (await list(`?q=${encodeURIComponent("zeta (uk),")}`)).items as Company[];
    expect(hits.map((x) => x.id)).toEqual([c.id]);
    expect((await stats()).calls["GET /bigin/v2/Accounts/search"]).toBe(1);
  });
});

describe("GET /api/companies/{id} and related lists", () => {
  it("reads a company, its contacts and its deals", async () => {
    const deals = await import("@/lib/bigin/deals");
    const pipelines = await import("@/lib/bigin/pipelines");
    const { state } = await import("./harness");
    const pipeline = (await pipelines.listTeamPipelines(state.conn!))[0];
    const deal = (await deals.listDeals(state.conn!, { pipelineId: pipeline.id, perPage: 200 })).items.find((d) => d.company)!;
    const id = deal.company!.id;
    const res = await GET(request(`/api/companies/${id}`), ctx({ id }));
    expect(res.status).toBe(200);
    expect((await body(res)).item).toMatchObject({ id, name: deal.company!.name });
    const dealItems = (await body(await DEALS(request(`/api/companies/${id}/deals`), ctx({ id })))).items as Deal[];
    expect(dealItems.map((d) => d.id)).toContain(deal.id);
    for (const d of dealItems) expect(d.company!.id).toBe(id);
    const contactsRes = await CONTACTS(request(`/api/companies/${id}/contacts`), ctx({ id }));
    expect(contactsRes.status).toBe(200);
    const related = (await body(contactsRes)).items as ContactSummary[];
    for (const c of related) expect(c.company!.id).toBe(id);
    for (const c of related) expect(c).not.toHaveProperty("fields");
  });

  it("answers 404 for an unknown company and its lists", async () => {
    const id = "1234567890123456789";
    expect((await GET(request(`/api/companies/${id}`), ctx({ id }))).status).toBe(404);
    expect((await CONTACTS(request(`/api/companies/${id}/contacts`), ctx({ id }))).status).toBe(404);
  });
});

describe("PATCH /api/companies/{id}", () => {
  it("updates with a conflict check: 200 when fresh, 409 with current when stale", async () => {
    const c = (await list("?perPage=1")).items[0] as Company;
    const ok = await patch(c.id, { modifiedTime: c.modifiedTime, fields: { Website: "example.org", Industry: "Retail" } });
    expect(ok.status).toBe(200);
    const updated = (await body(ok)).item as Company;
    expect(updated).toMatchObject({ website: "example.org", industry: "Retail" });
    const stale = await patch(c.id, { modifiedTime: "2001-01-01T00:00:00+00:00", fields: { Phone: "1" } });
    expect(stale.status).toBe(409);
    expect((await body(stale)).error.current).toMatchObject({ id: c.id, website: "example.org" });
  });

  it("validates: website format, name required when sent, read-only fields refused", async () => {
    const c = (await list("?perPage=1")).items[0] as Company;
    const res = await patch(c.id, { fields: { Website: "not a site", Account_Name: "", Modified_Time: "x" } });
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields).sort()).toEqual(["Account_Name", "Modified_Time", "Website"]);
  });
});
