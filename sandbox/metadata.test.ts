// Metadata: settings/modules, settings/fields, users, org.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { api, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
let token: string;
const get = (path: string, t = token) => api(sb.origins.us, t, "GET", path);

beforeAll(async () => {
  sb = await startTestSandbox({ seed: { contacts: 5, companies: 2, deals: 19, notes: 0 } });
  token = (await signIn(sb)).accessToken;
});
afterAll(() => sb.close());

describe("GET /bigin/v2/settings/modules", () => {
  it("lists the modules with api_name and labels (Companies = Accounts)", async () => {
    const r = await get("/bigin/v2/settings/modules");
    expect(r.status).toBe(200);
    const names = r.json.modules.map((m: { api_name: string }) => m.api_name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Contacts",
        "Accounts",
        "Pipelines",
        "Notes",
        "Products",
        "Tasks",
        "Events",
        "Calls",
      ]),
    );
    expect(
      r.json.modules.find((m: { api_name: string }) => m.api_name === "Accounts"),
    ).toMatchObject({ plural_label: "Companies", singular_label: "Company", api_supported: true });
    expect((await get("/bigin/v2/settings/modules/Contacts")).json.modules).toHaveLength(1);
    expect((await get("/bigin/v2/settings/modules/Deals")).json.code).toBe("INVALID_MODULE");
  });
});

describe("GET /bigin/v2/settings/fields", () => {
  it("returns Bigin field labels, types, lengths and flags", async () => {
    const r = await get("/bigin/v2/settings/fields?module=Contacts");
    const by = Object.fromEntries(r.json.fields.map((f: { api_name: string }) => [f.api_name, f]));
    expect(by.Last_Name).toMatchObject({
      field_label: "Last Name",
      data_type: "text",
      length: 80,
      system_mandatory: true,
      read_only: false,
      custom_field: false,
      visible: true,
    });
    expect(by.First_Name).toMatchObject({ field_label: "First Name", length: 40 });
    expect(by.Email).toMatchObject({ field_label: "Email", data_type: "email", length: 100 });
    expect(by.Account_Name).toMatchObject({
      field_label: "Company Name",
      data_type: "lookup",
      lookup: { module: { api_name: "Accounts" } },
    });
    expect(by.Mobile.field_label).toBe("Mobile");
    expect(by.Phone.field_label).toBe("Phone");
    expect(by.Title.field_label).toBe("Title");
    expect(by.Created_Time.read_only).toBe(true);
    expect(by.Last_Name.id).toMatch(/^\d{19}$/);
  });

  it("Pipelines fields carry Sub-Pipeline and Stage picklists", async () => {
    const r = await get("/bigin/v2/settings/fields?module=Pipelines");
    const by = Object.fromEntries(r.json.fields.map((f: { api_name: string }) => [f.api_name, f]));
    expect(by.Deal_Name.field_label).toBe("Deal Name");
    expect(by.Amount).toMatchObject({ field_label: "Amount", data_type: "currency" });
    expect(by.Closing_Date).toMatchObject({ field_label: "Closing Date", data_type: "date" });
    expect(by.Sub_Pipeline.field_label).toBe("Sub-Pipeline");
    expect(
      by.Sub_Pipeline.pick_list_values.map((v: { actual_value: string }) => v.actual_value),
    ).toEqual(["Sales Pipeline Standard", "Enterprise", "Partnerships Standard"]);
    const stages = by.Stage.pick_list_values.map((v: { actual_value: string }) => v.actual_value);
    expect(stages).toEqual(
      expect.arrayContaining([
        "Qualification",
        "Discovery",
        "Identified",
        "Closed Won",
        "Closed Lost",
      ]),
    );
    expect(new Set(stages).size).toBe(stages.length);
    expect(by.Description.field_label).toBe("Description");
  });
});

describe("GET /bigin/v2/users", () => {
  it("type=CurrentUser is the token's Bigin user in the token's org", async () => {
    const r = await get("/bigin/v2/users?type=CurrentUser");
    expect(r.json.users).toEqual([
      expect.objectContaining({
        email: "ada@example.com",
        full_name: "Ada Lovelace",
        zuid: "60012345678",
        id: expect.stringMatching(/^\d{19}$/),
        status: "active",
        profile: expect.objectContaining({ name: "Administrator" }),
      }),
    ]);
    const grace = await signIn(sb, { user: "grace", org: "749001002" });
    const me = (await get("/bigin/v2/users?type=CurrentUser", grace.accessToken)).json.users[0];
    expect(me).toMatchObject({ email: "grace@example.com", time_zone: "America/Chicago" });
    const inOtherOrg = (await get("/bigin/v2/users?type=CurrentUser")).json.users[0];
    expect(inOtherOrg.id).not.toBe(me.id);
  });

  it("lists several users (owners) and returns one by id; unknown type → INVALID_DATA", async () => {
    const all = await get("/bigin/v2/users?type=AllUsers");
    expect(all.json.users.length).toBeGreaterThanOrEqual(4);
    expect(all.json.info).toMatchObject({
      count: all.json.users.length,
      page: 1,
      more_records: false,
    });
    const one = await get(`/bigin/v2/users/${all.json.users[2].id}`);
    expect(one.json.users[0].id).toBe(all.json.users[2].id);
    expect((await get("/bigin/v2/users?type=Martians")).json.code).toBe("INVALID_DATA");
    expect(
      (await get("/bigin/v2/users?type=AdminUsers")).json.users.every(
        (u: { profile: { name: string } }) => u.profile.name === "Administrator",
      ),
    ).toBe(true);
  });
});

describe("GET /bigin/v2/org", () => {
  it("describes the token's org with its time zone and currency", async () => {
    const r = await get("/bigin/v2/org");
    expect(r.json.org).toHaveLength(1);
    expect(r.json.org[0]).toMatchObject({
      id: "749001001",
      company_name: "Analytical Engines Inc",
      time_zone: "America/New_York",
      iso_code: "USD",
    });
    const emil = await signIn(sb, { user: "emil" });
    const eu = await api(sb.origins.eu, emil.accessToken, "GET", "/bigin/v2/org");
    expect(eu.json.org[0]).toMatchObject({
      company_name: "Nordlicht GmbH",
      time_zone: "Europe/Berlin",
      iso_code: "EUR",
    });
  });
});
