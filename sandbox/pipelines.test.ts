// Team Pipelines: layouts metadata, GET /Pipelines (pipeline_id), inserts/updates with stage rules.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { admin, api, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
let token: string;
const call = (method: string, path: string, body?: unknown) =>
  api(sb.origins.us, token, method, path, body);

interface Layout {
  id: string;
  name: string;
  sections: {
    fields: {
      api_name: string;
      pick_list_values?: {
        actual_value: string;
        maps?: {
          api_name: string;
          pick_list_values: {
            actual_value: string;
            sequence_number: number;
            forecast_type: string;
            probability: number;
          }[];
        }[];
      }[];
    }[];
  }[];
}
let layouts: Layout[];
const subPipelines = (l: Layout) =>
  l.sections[0].fields.find((f) => f.api_name === "Sub_Pipeline")!.pick_list_values!;

beforeAll(async () => {
  sb = await startTestSandbox();
  token = (await signIn(sb)).accessToken;
  layouts = (await call("GET", "/bigin/v2/settings/layouts?module=Pipelines")).json.layouts;
});
beforeEach(async () => {
  await admin(sb.origins.us, "DELETE", "/faults");
});
afterAll(() => sb.close());

describe("GET /bigin/v2/settings/layouts?module=Pipelines", () => {
  it("has two team pipelines with sub-pipelines mapping to ordered stages", () => {
    expect(layouts.map((l) => l.name)).toEqual(["Sales Pipeline", "Partnerships"]);
    const sales = layouts[0];
    expect(sales.id).toMatch(/^\d{19}$/);
    const subs = subPipelines(sales);
    expect(subs.map((s) => s.actual_value)).toEqual(["Sales Pipeline Standard", "Enterprise"]);
    const stages = subs[0].maps![0].pick_list_values;
    expect(subs[0].maps![0].api_name).toBe("Stage");
    expect(stages.map((s) => s.actual_value)).toEqual([
      "Qualification",
      "Needs Analysis",
      "Proposal/Price Quote",
      "Negotiation/Review",
      "Closed Won",
      "Closed Lost",
    ]);
    expect(stages.map((s) => s.sequence_number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stages.find((s) => s.actual_value === "Closed Won")).toMatchObject({
      probability: 100,
      forecast_type: "Closed Won",
    });
    expect(stages.find((s) => s.actual_value === "Closed Lost")).toMatchObject({
      probability: 0,
      forecast_type: "Closed Lost",
    });
    expect(subPipelines(layouts[1])[0].maps![0].pick_list_values.length).toBeGreaterThanOrEqual(5);
  });
});

describe("GET /bigin/v2/Pipelines", () => {
  it("lists deals with Pipeline {name,id}, sub-pipeline, stage, amounts and lookups", async () => {
    const r = await call(
      "GET",
      "/bigin/v2/Pipelines?fields=Deal_Name,Pipeline,Sub_Pipeline,Stage,Amount,Closing_Date,Account_Name,Contact_Name,Owner&per_page=200",
    );
    expect(r.status).toBe(200);
    const d = r.json.data[0];
    expect(d.Pipeline).toEqual({ name: expect.any(String), id: expect.stringMatching(/^\d{19}$/) });
    expect(typeof d.Amount).toBe("number");
    expect(d.Closing_Date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(d.Owner).toMatchObject({
      name: expect.any(String),
      id: expect.any(String),
      email: expect.any(String),
    });
  });

  it("seeds deals in every stage of every sub-pipeline, with stages valid for their sub-pipeline", async () => {
    const all: { Sub_Pipeline: string; Stage: string }[] = [];
    let path = "/bigin/v2/Pipelines?fields=Sub_Pipeline,Stage&per_page=200";
    for (;;) {
      const r = await call("GET", path);
      all.push(...r.json.data);
      if (!r.json.info.more_records) break;
      path = `/bigin/v2/Pipelines?fields=Sub_Pipeline,Stage&page_token=${r.json.info.next_page_token}`;
    }
    expect(all.length).toBe(300);
    for (const l of layouts)
      for (const sp of subPipelines(l))
        for (const st of sp.maps![0].pick_list_values) {
          expect(
            all.some((d) => d.Sub_Pipeline === sp.actual_value && d.Stage === st.actual_value),
            `${sp.actual_value}/${st.actual_value}`,
          ).toBe(true);
        }
  });

  it("filters by pipeline_id and rejects unknown pipeline ids", async () => {
    const partnerships = layouts[1];
    const r = await call(
      "GET",
      `/bigin/v2/Pipelines?fields=Pipeline&pipeline_id=${partnerships.id}&per_page=200`,
    );
    expect(r.json.data.length).toBeGreaterThan(0);
    expect(
      r.json.data.every((d: { Pipeline: { id: string } }) => d.Pipeline.id === partnerships.id),
    ).toBe(true);
    const bad = await call(
      "GET",
      "/bigin/v2/Pipelines?fields=Pipeline&pipeline_id=1234567890123456789",
    );
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      code: "INVALID_DATA",
      details: { param_name: "pipeline_id" },
    });
  });
});

describe("POST/PUT /bigin/v2/Pipelines", () => {
  it("accepts Pipeline as an id string, {id} or Layout:{id}, defaulting to the first team pipeline", async () => {
    const p = layouts[1];
    const base = { Sub_Pipeline: "Partnerships Standard", Stage: "Identified", Amount: 1000 };
    const r = await call("POST", "/bigin/v2/Pipelines", {
      data: [
        { Deal_Name: "A", ...base, Pipeline: p.id },
        { Deal_Name: "B", ...base, Pipeline: { id: p.id } },
        { Deal_Name: "C", ...base, Layout: { id: p.id } },
        { Deal_Name: "D", Sub_Pipeline: "Sales Pipeline Standard", Stage: "Qualification" },
      ],
    });
    expect(r.status).toBe(201);
    const ids = r.json.data.map((x: { details: { id: string } }) => x.details.id);
    for (const id of ids.slice(0, 3))
      expect((await admin(sb.origins.us, "GET", `/records/Pipelines/${id}`)).json.Pipeline).toEqual(
        { name: "Partnerships", id: p.id },
      );
    expect(
      (await admin(sb.origins.us, "GET", `/records/Pipelines/${ids[3]}`)).json.Pipeline.name,
    ).toBe("Sales Pipeline");
  });

  it("validates Deal_Name, Sub_Pipeline, Stage membership, date, currency, lookups and pipeline ids", async () => {
    const r = await call("POST", "/bigin/v2/Pipelines", {
      data: [
        { Sub_Pipeline: "Sales Pipeline Standard", Stage: "Qualification" },
        { Deal_Name: "x", Stage: "Qualification" },
        { Deal_Name: "x", Sub_Pipeline: "Sales Pipeline Standard", Stage: "Discovery" },
        { Deal_Name: "x", Sub_Pipeline: "Partnerships Standard", Stage: "Identified" },
        {
          Deal_Name: "x",
          Sub_Pipeline: "Sales Pipeline Standard",
          Stage: "Qualification",
          Closing_Date: "31/04/2025",
        },
        {
          Deal_Name: "x",
          Sub_Pipeline: "Sales Pipeline Standard",
          Stage: "Qualification",
          Closing_Date: "2025-02-30",
        },
        {
          Deal_Name: "x",
          Sub_Pipeline: "Sales Pipeline Standard",
          Stage: "Qualification",
          Amount: "12000",
        },
        {
          Deal_Name: "x",
          Sub_Pipeline: "Sales Pipeline Standard",
          Stage: "Qualification",
          Contact_Name: { id: "1234567890123456789" },
        },
        {
          Deal_Name: "x",
          Sub_Pipeline: "Sales Pipeline Standard",
          Stage: "Qualification",
          Pipeline: "1234567890123456789",
        },
        {
          Deal_Name: "x".repeat(121),
          Sub_Pipeline: "Sales Pipeline Standard",
          Stage: "Qualification",
        },
      ],
    });
    expect(r.status).toBe(400);
    const d = r.json.data;
    expect(d[0]).toMatchObject({ code: "MANDATORY_NOT_FOUND", details: { api_name: "Deal_Name" } });
    expect(d[1]).toMatchObject({
      code: "MANDATORY_NOT_FOUND",
      details: { api_name: "Sub_Pipeline" },
    });
    expect(d[2]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "Stage", json_path: "$.data[2].Stage" },
    });
    expect(d[3]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Sub_Pipeline" } }); // not in the default team pipeline
    expect(d[4]).toMatchObject({
      code: "INVALID_DATA",
      details: {
        api_name: "Closing_Date",
        expected_data_type: "date",
        json_path: "$.data[4].Closing_Date",
      },
    });
    expect(d[5]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Closing_Date" } });
    expect(d[6]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "Amount", expected_data_type: "double" },
    });
    expect(d[7]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Contact_Name" } });
    expect(d[8]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Pipeline" } });
    expect(d[9]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "Deal_Name", maximum_length: 120 },
    });
  });

  it("moves a deal between stages of its sub-pipeline; a foreign stage is INVALID_DATA on Stage", async () => {
    const created = await call("POST", "/bigin/v2/Pipelines", {
      data: [{ Deal_Name: "Mover", Sub_Pipeline: "Enterprise", Stage: "Discovery", Amount: 50000 }],
    });
    const id = created.json.data[0].details.id;
    const ok = await call("PUT", `/bigin/v2/Pipelines/${id}`, {
      data: [{ Stage: "Security Review" }],
    });
    expect(ok.status).toBe(200);
    expect(
      (await call("GET", `/bigin/v2/Pipelines/${id}?fields=Stage,Sub_Pipeline`)).json.data[0],
    ).toMatchObject({ Stage: "Security Review", Sub_Pipeline: "Enterprise" });
    const bad = await call("PUT", "/bigin/v2/Pipelines", {
      data: [{ id, Stage: "Qualification" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.data[0]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "Stage" },
    });
    // Switching sub-pipeline with a matching stage works.
    const both = await call("PUT", "/bigin/v2/Pipelines", {
      data: [
        {
          id,
          Sub_Pipeline: "Sales Pipeline Standard",
          Stage: "Closed Won",
          Closing_Date: "2026-12-01",
        },
      ],
    });
    expect(both.json.data[0].code).toBe("SUCCESS");
  });
});

describe("GET /bigin/v2/Contacts/{id}/Pipelines", () => {
  it("lists a contact's deals, filtered by pipeline_id, with Contact_Role", async () => {
    const deals = (
      await call("GET", "/bigin/v2/Pipelines?fields=Contact_Name,Pipeline&per_page=200")
    ).json.data;
    const withContact = deals.find((d: { Contact_Name: { id: string } | null }) => d.Contact_Name);
    const r = await call(
      "GET",
      `/bigin/v2/Contacts/${withContact.Contact_Name.id}/Pipelines?pipeline_id=${withContact.Pipeline.id}&fields=Deal_Name,Stage,Contact_Name`,
    );
    expect(r.status).toBe(200);
    expect(r.json.data.some((d: { id: string }) => d.id === withContact.id)).toBe(true);
    expect(
      r.json.data.every(
        (d: { Contact_Name: { id: string }; Contact_Role: null }) =>
          d.Contact_Name.id === withContact.Contact_Name.id && d.Contact_Role === null,
      ),
    ).toBe(true);
    const other = layouts.find((l) => l.id !== withContact.Pipeline.id)!;
    const none = await call(
      "GET",
      `/bigin/v2/Contacts/${withContact.Contact_Name.id}/Pipelines?pipeline_id=${other.id}&fields=Deal_Name`,
    );
    expect([200, 204]).toContain(none.status);
    expect(
      (await call("GET", `/bigin/v2/Contacts/1234567890123456789/Pipelines?fields=Deal_Name`)).json
        .code,
    ).toBe("INVALID_DATA");
    expect(
      (await call("GET", `/bigin/v2/Contacts/${withContact.Contact_Name.id}/Attachments`)).status,
    ).toBe(400);
  });
});
