/**
 * A contact's deals in one Bigin call (a Pipelines search by the contact lookup), and the
 * metadata peeks that never call Bigin. Reshape: unit; calls: against the in-process sandbox.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TeamPipeline } from "@/lib/types";
import { resetAll, setup, SMALL, state, stats, teardown } from "@/lib/api/__tests__/harness";
import { CONTACT_DEALS_MAX, listContactDeals, reshapeContactDeals } from "./contacts";
import { getFields, peekFields } from "./fields";
import { listTeamPipelines, peekTeamPipelines } from "./pipelines";

const row = (id: string, pipeline: unknown, modified: string) => ({
  id,
  Deal_Name: `Deal ${id}`,
  Pipeline: pipeline,
  Sub_Pipeline: "Sales Pipeline Standard",
  Stage: "Qualification",
  Amount: 1200,
  Contact_Name: { id: "900", name: "Ada Lovelace" },
  Modified_Time: modified,
});

const pipelines: TeamPipeline[] = [
  { id: "11", name: "Sales Pipeline", subPipelines: [] },
  { id: "22", name: "Partners", subPipelines: [] },
];

describe("reshapeContactDeals", () => {
  it("keeps the Team Pipeline name a {name,id} Pipeline carries", () => {
    const [d] = reshapeContactDeals([row("1", { id: "11", name: "Sales Pipeline" }, "2025-03-01T10:00:00+05:30")]);
    expect(d).toMatchObject({ id: "1", name: "Deal 1", pipeline: { id: "11", name: "Sales Pipeline" }, stage: "Qualification", amount: 1200 });
    expect(d.contact).toEqual({ id: "900", name: "Ada Lovelace" });
  });

  it("names a bare-id Pipeline (string or number) from the cached Team Pipelines when given", () => {
    const deals = reshapeContactDeals(
      [row("1", "11", "2025-03-01T10:00:00Z"), row("2", 22, "2025-03-02T10:00:00Z"), row("3", "33", "2025-03-03T10:00:00Z")],
      pipelines,
    );
    const byId = Object.fromEntries(deals.map((d) => [d.id, d.pipeline]));
    expect(byId["1"]).toEqual({ id: "11", name: "Sales Pipeline" });
    expect(byId["2"]).toEqual({ id: "22", name: "Partners" });
    // Unknown to the cache: the deal stays, without a pipeline name.
    expect(byId["3"]).toEqual({ id: "33", name: "" });
  });

  it("without cached pipelines a bare id stays nameless (no call is made for names)", () => {
    expect(reshapeContactDeals([row("1", "11", "2025-03-01T10:00:00Z")])[0].pipeline).toEqual({ id: "11", name: "" });
  });

  it("orders by Modified_Time, newest first, comparing instants across time-zone offsets", () => {
    const deals = reshapeContactDeals([
      row("a", "11", "2025-03-01T10:00:00+05:30"), // 04:30Z
      row("b", "11", "2025-03-01T05:00:00Z"),
      row("c", "11", "2025-03-01T00:00:00-05:00"), // 05:00Z, same instant as b: input order kept
      row("d", "11", null as unknown as string),
    ]);
    expect(deals.map((d) => d.id)).toEqual(["b", "c", "a", "d"]);
  });
});

describe("listContactDeals and the metadata peeks, on the sandbox", () => {
  beforeAll(() => setup(SMALL), 60_000);
  afterAll(teardown);
  beforeEach(() => resetAll(SMALL), 30_000);

  /** A contact with deals in two Team Pipelines (one added here). */
  async function contactAcrossPipelines() {
    const { conn } = state;
    const teams = await listTeamPipelines(conn!);
    const res = await fetch(`${conn!.apiDomain}/bigin/v2/Pipelines?fields=Pipeline,Contact_Name&per_page=200`, {
      headers: { Authorization: `Zoho-oauthtoken ${conn!.accessToken}` },
    });
    const all = (await res.json()).data as { id: string; Pipeline: { id: string }; Contact_Name: { id: string } | null }[];
    const contactId = all.find((d) => d.Contact_Name)!.Contact_Name!.id;
    const mine = all.filter((d) => d.Contact_Name?.id === contactId);
    const other = teams.find((t) => !mine.some((d) => d.Pipeline.id === t.id)) ?? teams[1];
    const sp = other.subPipelines[0];
    await post(`/bigin/v2/Pipelines`, [{ Deal_Name: "Second pipeline", Pipeline: { id: other.id }, Sub_Pipeline: sp.name, Stage: sp.stages[0].name, Contact_Name: { id: contactId } }]);
    return { contactId, ids: [...mine.map((d) => d.id)], teams };
  }

  async function post(path: string, data: unknown[]) {
    const { conn } = state;
    const res = await fetch(`${conn!.apiDomain}${path}`, {
      method: "POST",
      headers: { Authorization: `Zoho-oauthtoken ${conn!.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ data }),
    });
    expect(res.status).toBe(201);
    return res.json();
  }

  it("finds the deals of every Team Pipeline with exactly one Bigin call, names included", async () => {
    const { contactId, ids, teams } = await contactAcrossPipelines();
    const before = (await stats()).calls;
    const { items, more } = await listContactDeals(state.conn!, contactId);
    const after = (await stats()).calls;
    const delta = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v));
    expect(delta).toEqual({ "GET /bigin/v2/Pipelines/search": 1 });
    expect(more).toBe(false);
    expect(items.length).toBe(ids.length + 1);
    for (const id of ids) expect(items.map((d) => d.id)).toContain(id);
    expect(new Set(items.map((d) => d.pipeline?.id)).size).toBeGreaterThanOrEqual(2);
    for (const d of items) {
      expect(d.contact?.id).toBe(contactId);
      expect(d.pipeline?.name).toBe(teams.find((t) => t.id === d.pipeline?.id)?.name);
    }
  });

  it("says there are more past the first 200", async () => {
    const { contactId, teams } = await contactAcrossPipelines();
    const sp = teams[0].subPipelines[0];
    const deal = (i: number) => ({ Deal_Name: `Bulk ${i}`, Pipeline: { id: teams[0].id }, Sub_Pipeline: sp.name, Stage: sp.stages[0].name, Contact_Name: { id: contactId } });
    for (let b = 0; b < 3; b++) await post("/bigin/v2/Pipelines", Array.from({ length: 70 }, (_, i) => deal(b * 70 + i)));
    const { items, more } = await listContactDeals(state.conn!, contactId);
    expect(items).toHaveLength(CONTACT_DEALS_MAX);
    expect(more).toBe(true);
  });

  it("a contact without deals → an empty list, not an error", async () => {
    expect(await listContactDeals(state.conn!, "1")).toEqual({ items: [], more: false });
  });

  it("peeks never call Bigin: undefined while cold, the cached value once loaded", async () => {
    const before = (await stats()).calls;
    expect(await peekFields(state.conn!, "Contacts")).toBeUndefined();
    expect(await peekTeamPipelines(state.conn!)).toBeUndefined();
    expect((await stats()).calls).toEqual(before);
    const fields = await getFields(state.conn!, "Contacts");
    const teams = await listTeamPipelines(state.conn!);
    const loaded = (await stats()).calls;
    expect(await peekFields(state.conn!, "Contacts")).toEqual(fields);
    expect(await peekTeamPipelines(state.conn!)).toEqual(teams);
    expect(await peekFields(state.conn!, "Accounts")).toBeUndefined();
    expect((await stats()).calls).toEqual(loaded);
  });
});
