// POST/PUT/DELETE /bigin/v2/Contacts and Accounts, upsert: per-record results and validation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { admin, api, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
let token: string;
const call = (method: string, path: string, body?: unknown) =>
  api(sb.origins.us, token, method, path, body);
const stored = async (module: string, id: string) =>
  (await admin(sb.origins.us, "GET", `/records/${module}/${id}`)).json;

beforeAll(async () => {
  sb = await startTestSandbox({ seed: { contacts: 30, companies: 10, deals: 19, notes: 10 } });
});
beforeEach(async () => {
  await admin(sb.origins.us, "POST", "/reset", {});
  token = (await signIn(sb)).accessToken;
});
afterAll(() => sb.close());

async function anAccount() {
  return (await call("GET", "/bigin/v2/Accounts?fields=Account_Name&per_page=1")).json.data[0] as {
    id: string;
    Account_Name: string;
  };
}

describe("POST /bigin/v2/Contacts (insert)", () => {
  it("201 with a per-record SUCCESS carrying id, times and users; the record is persisted", async () => {
    const acct = await anAccount();
    const r = await call("POST", "/bigin/v2/Contacts", {
      data: [
        {
          First_Name: "Ada",
          Last_Name: "Byron",
          Email: "ada.byron@example.org",
          Account_Name: { id: acct.id },
          Email_Opt_Out: true,
          Unknown_Field: "ignored",
        },
      ],
      trigger: [],
    });
    expect(r.status).toBe(201);
    const [res] = r.json.data;
    expect(res).toMatchObject({ code: "SUCCESS", status: "success", message: "record added" });
    expect(res.details).toEqual({
      id: expect.stringMatching(/^\d{19}$/),
      Created_Time: expect.stringMatching(/-05:00$/),
      Modified_Time: expect.stringMatching(/-05:00$/),
      Created_By: { name: "Ada Lovelace", id: expect.any(String) },
      Modified_By: { name: "Ada Lovelace", id: expect.any(String) },
    });
    const rec = await stored("Contacts", res.details.id);
    expect(rec).toMatchObject({
      Full_Name: "Ada Byron",
      Account_Name: { name: acct.Account_Name, id: acct.id },
      Email_Opt_Out: true,
      Owner: { name: "Ada Lovelace" },
    });
    expect(rec).not.toHaveProperty("Unknown_Field");
    const viaApi = await call("GET", `/bigin/v2/Contacts/${res.details.id}`);
    expect(viaApi.json.data[0].Email).toBe("ada.byron@example.org");
  });

  it("validates each record and keeps one result per record (mixed → 201)", async () => {
    const existing = (
      await call("GET", "/bigin/v2/Contacts?fields=Email&per_page=50")
    ).json.data.find((d: { Email: string | null }) => d.Email);
    const r = await call("POST", "/bigin/v2/Contacts", {
      data: [
        { First_Name: "No last name" },
        { Last_Name: "Ok" },
        { Last_Name: "BadEmail", Email: "not-an-email" },
        { Last_Name: "x".repeat(81) },
        { Last_Name: "Dup", Email: existing.Email.toUpperCase() },
        { Last_Name: "BadBool", Email_Opt_Out: "yes" },
        { Last_Name: "BadLookup", Account_Name: { id: "1234567890123456789" } },
        { Last_Name: "BadOwner", Owner: { id: "1" } },
        { Last_Name: "   " },
        "not an object",
      ],
    });
    expect(r.status).toBe(201);
    const d = r.json.data;
    expect(d).toHaveLength(10);
    expect(d[0]).toEqual({
      code: "MANDATORY_NOT_FOUND",
      status: "error",
      message: "required field not found",
      details: { api_name: "Last_Name", json_path: "$.data[0].Last_Name" },
    });
    expect(d[1].code).toBe("SUCCESS");
    expect(d[2]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "Email", json_path: "$.data[2].Email", expected_data_type: "email" },
    });
    expect(d[3]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "Last_Name", json_path: "$.data[3].Last_Name", maximum_length: 80 },
    });
    expect(d[4]).toMatchObject({
      code: "DUPLICATE_DATA",
      status: "error",
      details: {
        api_name: "Email",
        json_path: "$.data[4].Email",
        duplicate_record: { id: existing.id, module: { api_name: "Contacts" } },
      },
    });
    expect(d[5]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "Email_Opt_Out", expected_data_type: "boolean" },
    });
    expect(d[6]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "Account_Name", json_path: "$.data[6].Account_Name" },
    });
    expect(d[7]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Owner" } });
    expect(d[8]).toMatchObject({ code: "MANDATORY_NOT_FOUND", details: { api_name: "Last_Name" } });
    expect(d[9]).toMatchObject({ code: "INVALID_DATA", status: "error" });
  });

  it("duplicates inside one batch are caught too", async () => {
    const r = await call("POST", "/bigin/v2/Contacts", {
      data: [
        { Last_Name: "A", Email: "same@x.example" },
        { Last_Name: "B", Email: "Same@X.example" },
      ],
    });
    expect(r.json.data.map((x: { code: string }) => x.code)).toEqual(["SUCCESS", "DUPLICATE_DATA"]);
  });

  it("400 when every record fails, keeping the per-record array", async () => {
    const r = await call("POST", "/bigin/v2/Contacts", {
      data: [{ First_Name: "x" }, { Title: "y" }],
    });
    expect(r.status).toBe(400);
    expect(r.json.data.map((x: { code: string }) => x.code)).toEqual([
      "MANDATORY_NOT_FOUND",
      "MANDATORY_NOT_FOUND",
    ]);
  });

  it("more than 100 records → 400 LIMIT_EXCEEDED; no data array → 400 INVALID_DATA", async () => {
    const many = await call("POST", "/bigin/v2/Contacts", {
      data: Array.from({ length: 101 }, (_, i) => ({ Last_Name: `L${i}` })),
    });
    expect(many.status).toBe(400);
    expect(many.json).toMatchObject({ code: "LIMIT_EXCEEDED", status: "error" });
    const none = await call("POST", "/bigin/v2/Contacts", { records: [] });
    expect(none.status).toBe(400);
    expect(none.json.code).toBe("INVALID_DATA");
    const garbage = await api(sb.origins.us, token, "POST", "/bigin/v2/Contacts", undefined, {
      "content-type": "application/json",
    });
    expect(garbage.status).toBe(400);
  });
});

describe("PUT /bigin/v2/Contacts (update)", () => {
  it("updates only the sent fields via /{id} and via the data array; 200 with record updated", async () => {
    const [a, b] = (
      await call("GET", "/bigin/v2/Contacts?fields=Last_Name,Title,First_Name&per_page=2")
    ).json.data;
    const one = await call("PUT", `/bigin/v2/Contacts/${a.id}`, {
      data: [{ Title: "Chief Tinkerer" }],
    });
    expect(one.status).toBe(200);
    expect(one.json.data[0]).toMatchObject({
      code: "SUCCESS",
      message: "record updated",
      details: { id: a.id },
    });
    const rec = await stored("Contacts", a.id);
    expect(rec).toMatchObject({
      Title: "Chief Tinkerer",
      Last_Name: a.Last_Name,
      First_Name: a.First_Name,
    });
    expect(Date.parse(rec.Modified_Time)).toBeGreaterThan(Date.now() - 60_000);

    const many = await call("PUT", "/bigin/v2/Contacts", {
      data: [
        { id: b.id, First_Name: "Renamed" },
        { First_Name: "no id" },
        { id: "1234567890123456789", Title: "x" },
      ],
    });
    expect(many.status).toBe(200);
    expect(many.json.data[0].code).toBe("SUCCESS");
    expect(many.json.data[1]).toMatchObject({
      code: "MANDATORY_NOT_FOUND",
      details: { api_name: "id" },
    });
    expect(many.json.data[2]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "id" } });
    expect((await stored("Contacts", b.id)).Full_Name).toBe(`Renamed ${b.Last_Name}`);
  });

  it("cannot clear a mandatory field, cannot take another contact's email", async () => {
    const [a, b] = (
      await call("GET", "/bigin/v2/Contacts?fields=Email&per_page=50")
    ).json.data.filter((d: { Email: string | null }) => d.Email);
    const r = await call("PUT", "/bigin/v2/Contacts", {
      data: [
        { id: a.id, Last_Name: null },
        { id: a.id, Email: b.Email },
        { id: a.id, Email: a.Email },
      ],
    });
    expect(r.json.data.map((x: { code: string }) => x.code)).toEqual([
      "MANDATORY_NOT_FOUND",
      "DUPLICATE_DATA",
      "SUCCESS",
    ]);
  });

  it("renaming a company updates lookups that point to it", async () => {
    const acct = await anAccount();
    const contact = await call("POST", "/bigin/v2/Contacts", {
      data: [{ Last_Name: "Linked", Account_Name: acct.id }],
    });
    const id = contact.json.data[0].details.id;
    await call("PUT", `/bigin/v2/Accounts/${acct.id}`, {
      data: [{ Account_Name: "Renamed Corp" }],
    });
    expect((await stored("Contacts", id)).Account_Name).toEqual({
      name: "Renamed Corp",
      id: acct.id,
    });
  });
});

describe("DELETE /bigin/v2/Contacts", () => {
  it("deletes by ids and by path; unknown ids get INVALID_DATA; cascades notes", async () => {
    const [a, b] = (await call("GET", "/bigin/v2/Contacts?fields=Last_Name&per_page=2")).json.data;
    await call("POST", `/bigin/v2/Contacts/${a.id}/Notes`, { data: [{ Note_Content: "bye" }] });
    const r = await call("DELETE", `/bigin/v2/Contacts?ids=${a.id},1234567890123456789`);
    expect(r.status).toBe(200);
    expect(r.json.data[0]).toEqual({
      code: "SUCCESS",
      details: { id: a.id },
      message: "record deleted",
      status: "success",
    });
    expect(r.json.data[1]).toMatchObject({
      code: "INVALID_DATA",
      status: "error",
      details: { id: "1234567890123456789" },
    });
    expect((await call("GET", `/bigin/v2/Contacts/${a.id}`)).status).toBe(204);
    const notes = await call("GET", "/bigin/v2/Notes?fields=Parent_Id&per_page=200");
    expect(
      notes.json.data.some((n: { Parent_Id: { id: string } }) => n.Parent_Id.id === a.id),
    ).toBe(false);
    expect((await call("DELETE", `/bigin/v2/Contacts/${b.id}`)).json.data[0].code).toBe("SUCCESS");
  });

  it("requires ids (≤ 100); all failing → 400", async () => {
    expect((await call("DELETE", "/bigin/v2/Contacts")).json).toMatchObject({
      code: "REQUIRED_PARAM_MISSING",
      details: { param_name: "ids" },
    });
    const ids = Array.from({ length: 101 }, (_, i) =>
      String(1234567890123456000n + BigInt(i)),
    ).join(",");
    expect((await call("DELETE", `/bigin/v2/Contacts?ids=${ids}`)).json.code).toBe(
      "LIMIT_EXCEEDED",
    );
    expect((await call("DELETE", "/bigin/v2/Contacts?ids=1234567890123456789")).status).toBe(400);
  });

  it("deleting a company clears lookups to it", async () => {
    const acct = await anAccount();
    const c = await call("POST", "/bigin/v2/Contacts", {
      data: [{ Last_Name: "Orphan", Account_Name: { id: acct.id } }],
    });
    await call("DELETE", `/bigin/v2/Accounts/${acct.id}`);
    expect((await stored("Contacts", c.json.data[0].details.id)).Account_Name).toBeNull();
  });
});

describe("POST /bigin/v2/{module}/upsert", () => {
  it("updates on an Email match (case-insensitive) and inserts otherwise", async () => {
    const existing = (
      await call("GET", "/bigin/v2/Contacts?fields=Email,Last_Name&per_page=50")
    ).json.data.find((d: { Email: string | null }) => d.Email);
    const r = await call("POST", "/bigin/v2/Contacts/upsert", {
      data: [
        { Last_Name: existing.Last_Name, Email: existing.Email.toUpperCase(), Title: "Upserted" },
        { Last_Name: "Fresh", Email: "fresh@new.example" },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.json.data[0]).toMatchObject({
      code: "SUCCESS",
      action: "update",
      duplicate_field: "Email",
      details: { id: existing.id },
    });
    expect(r.json.data[1]).toMatchObject({
      code: "SUCCESS",
      action: "insert",
      duplicate_field: null,
    });
    expect((await stored("Contacts", existing.id)).Title).toBe("Upserted");
  });

  it("honours duplicate_check_fields and rejects unknown ones", async () => {
    const acct = await anAccount();
    const r = await call("POST", "/bigin/v2/Accounts/upsert", {
      data: [{ Account_Name: acct.Account_Name.toLowerCase(), Website: "https://up.example" }],
      duplicate_check_fields: ["Account_Name"],
    });
    expect(r.json.data[0]).toMatchObject({ action: "update", details: { id: acct.id } });
    const bad = await call("POST", "/bigin/v2/Accounts/upsert", {
      data: [{ Account_Name: "x" }],
      duplicate_check_fields: ["Nope"],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("INVALID_DATA");
  });
});

describe("Accounts", () => {
  it("Account_Name is mandatory and unique; picklists are validated", async () => {
    const acct = await anAccount();
    const r = await call("POST", "/bigin/v2/Accounts", {
      data: [
        { Website: "x" },
        { Account_Name: acct.Account_Name.toUpperCase() },
        { Account_Name: "New Co", Industry: "Alchemy" },
        { Account_Name: "New Co", Industry: "Software" },
      ],
    });
    expect(r.json.data.map((x: { code: string }) => x.code)).toEqual([
      "MANDATORY_NOT_FOUND",
      "DUPLICATE_DATA",
      "INVALID_DATA",
      "SUCCESS",
    ]);
    expect(r.json.data[2].details).toMatchObject({
      api_name: "Industry",
      expected_data_type: "picklist",
    });
  });
});
