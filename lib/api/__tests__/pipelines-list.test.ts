import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { admin, body, ctx, orgInfo, request, resetAll, setup, SMALL, state, stats, teardown } from "./harness";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const { GET: getPipelines } = await import("@/app/api/pipelines/route");
const { GET: getFields } = await import("@/app/api/fields/[module]/route");

beforeAll(() => setup(SMALL));
afterAll(teardown);
beforeEach(() => resetAll(SMALL));

describe("GET /api/pipelines", () => {
  it("lists Team Pipelines with sub-pipelines and ordered stages, with Server-Timing", async () => {
    const res = await getPipelines(request("/api/pipelines"), ctx());
    expect(res.status).toBe(200);
    expect(res.headers.get("server-timing")).toMatch(/^app;desc="app";dur=[\d.]+, bigin;desc="Bigin";dur=[\d.]+$/);
    const { items } = await body(res);
    const org = await orgInfo();
    expect(items.map((p: { id: string; name: string }) => ({ id: p.id, name: p.name }))).toEqual(
      org.pipelines.map((p: { id: string; name: string }) => ({ id: p.id, name: p.name })),
    );
    const sales = items.find((p: { name: string }) => p.name === "Sales Pipeline");
    expect(typeof sales.id).toBe("string");
    const std = sales.subPipelines.find((s: { name: string }) => s.name === "Sales Pipeline Standard");
    expect(std.stages.map((s: { name: string }) => s.name)).toEqual([
      "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost",
    ]);
    expect(std.stages[0]).toEqual({ name: "Qualification", order: 0, probability: 10, kind: "open" });
    expect(std.stages.at(-2).kind).toBe("won");
    expect(std.stages.at(-1).kind).toBe("lost");
    expect(sales.subPipelines.find((s: { name: string }) => s.name === "Enterprise").stages[0].name).toBe("Discovery");
  });

  it("caches layouts per org: a second request makes no Bigin call", async () => {
    await getPipelines(request("/api/pipelines"), ctx());
    await getPipelines(request("/api/pipelines"), ctx());
    expect((await stats()).calls["GET /bigin/v2/settings/layouts"]).toBe(1);
  });

  it("answers 401 without a session, and calls nothing", async () => {
    state.signedIn = false;
    const res = await getPipelines(request("/api/pipelines"), ctx());
    expect(res.status).toBe(401);
    expect((await body(res)).error.code).toBe("UNAUTHENTICATED");
    expect((await stats()).calls["GET /bigin/v2/settings/layouts"]).toBeUndefined();
  });

  it("maps NO_PERMISSION to 403", async () => {
    await admin("faults", { body: { match: "GET /bigin/v2/settings/layouts", status: 403, code: "NO_PERMISSION", times: 1 } });
    const res = await getPipelines(request("/api/pipelines"), ctx());
    expect(res.status).toBe(403);
    expect((await body(res)).error.code).toBe("NO_PERMISSION");
  });
});

describe("GET /api/fields/{module}", () => {
  it("returns field metadata with labels, types, lengths and picklist options", async () => {
    const res = await getFields(request("/api/fields/Contacts"), ctx({ module: "Contacts" }));
    expect(res.status).toBe(200);
    const { items } = await body(res);
    const last = items.find((f: { apiName: string }) => f.apiName === "Last_Name");
    expect(last).toMatchObject({ label: "Last Name", type: "text", required: true, maxLength: 80, readOnly: false });
    const company = items.find((f: { apiName: string }) => f.apiName === "Account_Name");
    expect(company).toMatchObject({ type: "lookup", lookupModule: "Accounts" });
    const accounts = await body(await getFields(request("/api/fields/Accounts"), ctx({ module: "Accounts" })));
    expect(accounts.items.find((f: { apiName: string }) => f.apiName === "Industry").options).toContain("Software");
  });

  it("refuses modules outside the allow-list with 400, without calling Bigin", async () => {
    for (const mod of ["Users", "Notes", "..%2Forg", "Tasks"]) {
      const res = await getFields(request(`/api/fields/${mod}`), ctx({ module: mod }));
      expect(res.status).toBe(400);
      expect((await body(res)).error.fields.module).toMatch(/Contacts, Accounts or Pipelines/);
    }
    expect((await stats()).calls["GET /bigin/v2/settings/fields"]).toBeUndefined();
  });
});
