// GET /bigin/v2/{module}/search: criteria, email, phone, word; errors and empty results.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { api, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
let token: string;
const get = (path: string) => api(sb.origins.us, token, "GET", path);
const q = encodeURIComponent;

beforeAll(async () => {
  sb = await startTestSandbox({ seed: { contacts: 300, companies: 30, deals: 60, notes: 20 } });
  token = (await signIn(sb)).accessToken;
  await api(sb.origins.us, token, "POST", "/bigin/v2/Contacts", {
    data: [
      {
        First_Name: "Ada",
        Last_Name: "Lovelace (Countess)",
        Email: "ada.l@engines.example",
        Mobile: "+1 (617) 555-0199",
        Title: "Analyst, Engines",
      },
      {
        First_Name: "Charles",
        Last_Name: "Babbage",
        Email: "charles@engines.example",
        Phone: "+44 20 7946 0018",
      },
    ],
  });
});
afterAll(() => sb.close());

describe("criteria", () => {
  it("equals, starts_with, and/or", async () => {
    const eq = await get(`/bigin/v2/Contacts/search?criteria=${q("(Last_Name:equals:Babbage)")}`);
    expect(eq.status).toBe(200);
    expect(eq.json.data.map((d: { Email: string }) => d.Email)).toEqual([
      "charles@engines.example",
    ]);
    expect(eq.json.info).toMatchObject({ count: 1, more_records: false, page: 1 });
    const both = await get(
      `/bigin/v2/Contacts/search?criteria=${q("((First_Name:equals:ada)and(Email:starts_with:ada.l))")}`,
    );
    expect(both.json.data).toHaveLength(1);
    const either = await get(
      `/bigin/v2/Contacts/search?criteria=${q("((Last_Name:equals:Babbage)or(Email:equals:ada.l@engines.example))")}`,
    );
    expect(either.json.data).toHaveLength(2);
  });

  it("escapes ( ) and , in values with a backslash", async () => {
    const r = await get(
      `/bigin/v2/Contacts/search?criteria=${q("(Last_Name:equals:Lovelace \\(Countess\\))")}`,
    );
    expect(r.json.data).toHaveLength(1);
    const t = await get(
      `/bigin/v2/Contacts/search?criteria=${q("(Title:equals:Analyst\\, Engines)")}`,
    );
    expect(t.json.data).toHaveLength(1);
  });

  it("in, not_equal, numeric and date comparisons on deals", async () => {
    const inStage = await get(
      `/bigin/v2/Pipelines/search?criteria=${q("(Stage:in:Closed Won,Closed Lost)")}&fields=Stage`,
    );
    expect(inStage.json.data.every((d: { Stage: string }) => d.Stage.startsWith("Closed"))).toBe(
      true,
    );
    const big = await get(
      `/bigin/v2/Pipelines/search?criteria=${q("((Amount:greater_than:20000)and(Closing_Date:less_than:2030-01-01))")}&fields=Amount`,
    );
    expect(big.json.data.length).toBeGreaterThan(0);
    expect(big.json.data.every((d: { Amount: number }) => d.Amount > 20000)).toBe(true);
    const between = await get(
      `/bigin/v2/Pipelines/search?criteria=${q("(Amount:between:1000,5000)")}&fields=Amount`,
    );
    expect(
      between.json.data.every((d: { Amount: number }) => d.Amount >= 1000 && d.Amount <= 5000),
    ).toBe(true);
    const notLost = await get(
      `/bigin/v2/Pipelines/search?criteria=${q("(Stage:not_equal:Closed Lost)")}&fields=Stage&per_page=200`,
    );
    expect(notLost.json.data.some((d: { Stage: string }) => d.Stage === "Closed Lost")).toBe(false);
  });

  it("a contact's deals across every Team Pipeline by the Contact_Name lookup id, one call", async () => {
    type Deal = { id: string; Pipeline: { id: string; name: string }; Contact_Name: { id: string; name: string } | null };
    const all = (await get("/bigin/v2/Pipelines?fields=Pipeline,Contact_Name&per_page=200")).json
      .data as Deal[];
    const contact = all.find((d) => d.Contact_Name)!.Contact_Name!;
    // Give that contact a deal in another Team Pipeline too, so the search has to span them.
    const layouts = (await get("/bigin/v2/settings/layouts?module=Pipelines")).json.layouts as {
      id: string;
      name: string;
      sections: { fields: { api_name: string; pick_list_values?: { actual_value: string; maps?: { pick_list_values: { actual_value: string }[] }[] }[] }[] }[];
    }[];
    const held = new Set(all.filter((d) => d.Contact_Name?.id === contact.id).map((d) => d.Pipeline.id));
    const other = layouts.find((l) => !held.has(l.id)) ?? layouts[1];
    const sub = other.sections.flatMap((s) => s.fields).find((f) => f.api_name === "Sub_Pipeline")!
      .pick_list_values![0];
    const created = await api(sb.origins.us, token, "POST", "/bigin/v2/Pipelines", {
      data: [
        {
          Deal_Name: "Cross-pipeline deal",
          Pipeline: { id: other.id },
          Sub_Pipeline: sub.actual_value,
          Stage: sub.maps![0].pick_list_values[0].actual_value,
          Contact_Name: { id: contact.id },
        },
      ],
    });
    expect(created.status).toBe(201);
    const expected = [
      ...all.filter((d) => d.Contact_Name?.id === contact.id).map((d) => d.id),
      created.json.data[0].details.id,
    ].sort();

    const r = await get(
      `/bigin/v2/Pipelines/search?criteria=${q(`(Contact_Name:equals:${contact.id})`)}&fields=Deal_Name,Pipeline,Stage,Contact_Name&per_page=200`,
    );
    expect(r.status).toBe(200);
    const found = r.json.data as Deal[];
    expect(found.map((d) => d.id).sort()).toEqual(expected);
    expect(new Set(found.map((d) => d.Pipeline.id)).size).toBeGreaterThanOrEqual(2);
    // Full records: lookups carry names, the Team Pipeline too (bigin-api.md §6.2).
    for (const d of found) {
      expect(d.Contact_Name).toEqual({ id: contact.id, name: contact.name });
      expect(d.Pipeline).toEqual({ id: expect.any(String), name: layouts.find((l) => l.id === d.Pipeline.id)!.name });
    }
    expect(r.json.info).toMatchObject({ count: expected.length, more_records: false });
    // Another id matches nothing: 204.
    const none = await get(`/bigin/v2/Pipelines/search?criteria=${q("(Contact_Name:equals:1)")}`);
    expect(none.status).toBe(204);
  });

  it("invalid criteria → 400 INVALID_QUERY", async () => {
    for (const bad of [
      "Last_Name:equals:x",
      "(Last_Name:equals:x",
      "(Nope:equals:x)",
      "(Last_Name:greater_than:x)",
      "(Last_Name:equals:x)junk",
    ]) {
      const r = await get(`/bigin/v2/Contacts/search?criteria=${q(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.json.code, bad).toBe("INVALID_QUERY");
    }
    const between = await get(`/bigin/v2/Pipelines/search?criteria=${q("(Amount:between:1)")}`);
    expect(between.json.code).toBe("INVALID_QUERY");
  });
});

describe("email, phone, word", () => {
  it("email matches exactly, case-insensitively", async () => {
    const r = await get(`/bigin/v2/Contacts/search?email=${q("ADA.L@engines.example")}`);
    expect(r.json.data).toHaveLength(1);
    expect((await get(`/bigin/v2/Contacts/search?email=${q("ada.l@engines")}`)).status).toBe(204);
  });

  it("phone compares digits only", async () => {
    const r = await get(`/bigin/v2/Contacts/search?phone=${q("617-555-0199")}`);
    expect(r.json.data.map((d: { Last_Name: string }) => d.Last_Name)).toContain(
      "Lovelace (Countess)",
    );
  });

  it("word matches a substring of text fields and lookup names, case-insensitively", async () => {
    const r = await get(`/bigin/v2/Contacts/search?word=babb`);
    expect(r.json.data.map((d: { Last_Name: string }) => d.Last_Name)).toEqual(["Babbage"]);
    const acct = (await get("/bigin/v2/Accounts?fields=Account_Name&per_page=1")).json.data[0]
      .Account_Name as string;
    const word = acct.split(" ")[0].toUpperCase();
    const deals = await get(
      `/bigin/v2/Pipelines/search?word=${q(word)}&fields=Deal_Name,Account_Name`,
    );
    expect(deals.status).toBe(200);
    const hit = (d: { Deal_Name: string; Account_Name: { name: string } | null }) =>
      d.Deal_Name.toUpperCase().includes(word) ||
      (d.Account_Name?.name.toUpperCase().includes(word) ?? false);
    expect(deals.json.data.every(hit)).toBe(true);
  });

  it("no parameter → REQUIRED_PARAM_MISSING; no hits → 204 with an empty body", async () => {
    const none = await get("/bigin/v2/Contacts/search");
    expect(none.status).toBe(400);
    expect(none.json.code).toBe("REQUIRED_PARAM_MISSING");
    const empty = await get("/bigin/v2/Contacts/search?word=zzzzqqq");
    expect(empty.status).toBe(204);
    expect(empty.text).toBe("");
  });
});
