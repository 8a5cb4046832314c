import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Deal, TeamPipeline } from "@/lib/types";
import { body, ctx, fault, request, resetAll, setup, SMALL, stats, teardown } from "./harness";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const { GET: LIST, POST } = await import("@/app/api/deals/route");
const { GET, PATCH, DELETE } = await import("@/app/api/deals/[id]/route");
const { GET: PIPELINES } = await import("@/app/api/pipelines/route");

let pipelines: TeamPipeline[];
const sales = () => pipelines.find((p) => p.name === "Sales Pipeline")!;
const list = async (qs: string) => LIST(request(`/api/deals${qs}`), ctx());
const patch = (id: string, b: unknown) => PATCH(request(`/api/deals/${id}`, { method: "PATCH", body: b }), ctx({ id }));

beforeAll(() => setup(SMALL));
afterAll(teardown);
beforeEach(async () => {
  await resetAll(SMALL);
  pipelines = (await body(await PIPELINES(request("/api/pipelines"), ctx()))).items;
});

async function newDeal(extra: Record<string, unknown> = {}): Promise<Deal> {
  const res = await POST(
    request("/api/deals", {
      method: "POST",
      body: { fields: { Deal_Name: "Test deal", Pipeline: sales().id, Sub_Pipeline: "Sales Pipeline Standard", Stage: "Qualification", Amount: "1200", Closing_Date: "2030-01-31", ...extra } },
    }),
    ctx(),
  );
  expect(res.status).toBe(201);
  return (await body(res)).item;
}

describe("GET /api/deals", () => {
  it("lists the deals of one Team Pipeline", async () => {
    const res = await list(`?pipelineId=${sales().id}&perPage=200`);
    expect(res.status).toBe(200);
    const { items, info } = await body(res);
    expect(items.length).toBeGreaterThan(0);
    expect(info.perPage).toBe(200);
    for (const d of items as Deal[]) expect(d.pipeline!.id).toBe(sales().id);
    const d = items[0] as Deal;
    expect(d.id).toMatch(/^\d{19}$/);
    expect(typeof d.name).toBe("string");
    expect(d.fields.Deal_Name).toBe(d.name);
  });

  it("narrows to a sub-pipeline and stage", async () => {
    const res = await list(`?pipelineId=${sales().id}&subPipeline=${encodeURIComponent("Sales Pipeline Standard")}&stage=${encodeURIComponent("Proposal/Price Quote")}&perPage=200`);
    expect(res.status).toBe(200);
    const { items } = await body(res);
    expect(items.length).toBeGreaterThan(0);
    for (const d of items as Deal[]) {
      expect(d.subPipeline).toBe("Sales Pipeline Standard");
      expect(d.stage).toBe("Proposal/Price Quote");
      expect(d.pipeline!.id).toBe(sales().id);
    }
  });

  it("requires a valid pipelineId (400)", async () => {
    for (const qs of ["", "?pipelineId=abc", "?pipelineId=1&perPage=201"]) {
      const res = await list(qs);
      expect(res.status).toBe(400);
    }
  });
});

describe("POST /api/deals", () => {
  it("creates a deal in a Team Pipeline → 201; reads back the same", async () => {
    const d = await newDeal();
    expect(d).toMatchObject({ name: "Test deal", stage: "Qualification", subPipeline: "Sales Pipeline Standard", amount: 1200, closingDate: "2030-01-31" });
    expect(d.pipeline!.id).toBe(sales().id);
    const read = (await body(await GET(request(`/api/deals/${d.id}`), ctx({ id: d.id })))).item as Deal;
    expect(read).toMatchObject({ id: d.id, name: "Test deal", stage: "Qualification", amount: 1200 });
    expect(read.pipeline).toEqual({ id: sales().id, name: "Sales Pipeline" });
  });

  it("validates required fields and formats → 400 naming each", async () => {
    const res = await POST(request("/api/deals", { method: "POST", body: { fields: { Amount: -5, Closing_Date: "31/04/2025" } } }), ctx());
    expect(res.status).toBe(400);
    const { fields } = (await body(res)).error;
    expect(Object.keys(fields).sort()).toEqual(["Amount", "Closing_Date", "Deal_Name", "Pipeline", "Stage", "Sub_Pipeline"]);
    expect(fields.Closing_Date).toMatch(/YYYY-MM-DD/);
  });

  it("maps Bigin's INVALID_DATA on a stage outside the sub-pipeline to 422 naming Stage", async () => {
    const res = await POST(
      request("/api/deals", { method: "POST", body: { fields: { Deal_Name: "Bad stage", Pipeline: sales().id, Sub_Pipeline: "Sales Pipeline Standard", Stage: "Discovery" } } }),
      ctx(),
    );
    expect(res.status).toBe(422);
    const { error } = await body(res);
    expect(error.code).toBe("INVALID_DATA");
    expect(Object.keys(error.fields)).toEqual(["Stage"]);
  });

  it("refuses a cross-site create (403)", async () => {
    const res = await POST(
      request("/api/deals", { method: "POST", body: { fields: {} }, headers: { origin: "https://evil.example" } }),
      ctx(),
    );
    expect(res.status).toBe(403);
  });
});

describe("PATCH /api/deals/{id}", () => {
  it("moves a deal to another stage", async () => {
    const d = await newDeal();
    const res = await patch(d.id, { fields: { Stage: "Needs Analysis" } });
    expect(res.status).toBe(200);
    expect((await body(res)).item).toMatchObject({ id: d.id, stage: "Needs Analysis", name: "Test deal" });
  });

  it("moves a deal across sub-pipelines with the seen Modified_Time", async () => {
    const d = await newDeal();
    const res = await patch(d.id, { modifiedTime: d.modifiedTime, fields: { Sub_Pipeline: "Enterprise", Stage: "Discovery" } });
    expect(res.status).toBe(200);
    expect((await body(res)).item).toMatchObject({ subPipeline: "Enterprise", stage: "Discovery" });
  });

  it("answers 409 with the current deal on a stale save", async () => {
    const d = await newDeal();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await patch(d.id, { fields: { Amount: 5000 } })).status).toBe(200);
    const res = await patch(d.id, { modifiedTime: d.modifiedTime, fields: { Stage: "Closed Won" } });
    expect(res.status).toBe(409);
    const { error } = await body(res);
    expect(error.current).toMatchObject({ id: d.id, amount: 5000, stage: "Qualification" });
  });

  it("refuses moving a deal to another Team Pipeline (400)", async () => {
    const d = await newDeal();
    const res = await patch(d.id, { fields: { Pipeline: pipelines[1].id } });
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields.Pipeline).toMatch(/Team Pipeline/);
  });

  it("answers 502 and writes once when Bigin fails the update", async () => {
    const d = await newDeal();
    await fault({ match: "PUT /bigin/v2/Pipelines/{id}", status: 503, times: 3 });
    const res = await patch(d.id, { fields: { Stage: "Needs Analysis" } });
    expect(res.status).toBe(502);
    expect((await stats()).calls["PUT /bigin/v2/Pipelines/{id}"]).toBe(1);
  });
});

describe("DELETE /api/deals/{id}", () => {
  it("deletes → 204; then 404", async () => {
    const d = await newDeal();
    const res = await DELETE(request(`/api/deals/${d.id}`, { method: "DELETE" }), ctx({ id: d.id }));
    expect(res.status).toBe(204);
    expect((await GET(request(`/api/deals/${d.id}`), ctx({ id: d.id }))).status).toBe(404);
  });
});
