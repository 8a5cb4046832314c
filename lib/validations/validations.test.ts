import { describe, expect, it } from "vitest";
import { zIdParams } from "./common";
import { contactCreateSchema, contactListQuerySchema, contactUpdateSchema } from "./contact";
import { dealCreateSchema, dealListQuerySchema, dealUpdateSchema } from "./deal";
import { noteCreateSchema } from "./note";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.map(String).join("."), i.message]));

describe("ids", () => {
  it.each(["1", "1234567890123456789"])("accepts %s", (id) => expect(zIdParams.safeParse({ id }).success).toBe(true));
  it.each(["", "12345678901234567890", "12a", "-1", "1.5", " 1"])("refuses %j", (id) => expect(zIdParams.safeParse({ id }).success).toBe(false));
});

describe("contact schemas", () => {
  it("turns empty inputs into null (clear) and trims", () => {
    const r = contactCreateSchema.parse({ fields: { Last_Name: "  Lovelace ", Email: "", Title: "  ", Account_Name: "" } });
    expect(r.fields).toEqual({ Last_Name: "Lovelace", Email: null, Title: null, Account_Name: null });
  });

  it("enforces Bigin's limits with readable messages", () => {
    const r = contactCreateSchema.safeParse({ fields: { Last_Name: "x".repeat(81), Email: "a@b", Mobile: "1".repeat(51), Description: "d".repeat(32001) } });
    expect(issues(r)).toMatchObject({
      "fields.Last_Name": "At most 80 characters",
      "fields.Email": "Expected an email address like name@example.com",
      "fields.Mobile": "At most 50 characters",
      "fields.Description": "At most 32000 characters",
    });
  });

  it("accepts custom fields with API names, refuses read-only and odd keys", () => {
    expect(contactCreateSchema.safeParse({ fields: { Last_Name: "x", Custom_Field_1: "v", Score: 3 } }).success).toBe(true);
    const r = contactCreateSchema.safeParse({ fields: { Last_Name: "x", Full_Name: "y", "bad key": 1, Nested: { a: 1 } } });
    expect(Object.keys(issues(r)).sort()).toEqual(["fields.Full_Name", "fields.Nested", "fields.bad key"]);
  });

  it("update: any subset, at least one field, Last_Name not emptied", () => {
    expect(contactUpdateSchema.safeParse({ fields: { Title: "CTO" } }).success).toBe(true);
    expect(contactUpdateSchema.safeParse({ fields: {} }).success).toBe(false);
    expect(issues(contactUpdateSchema.safeParse({ fields: { Last_Name: "" } }))).toEqual({ "fields.Last_Name": "Last name is required" });
  });

  it("list query: numbers from strings, page window of 2,000", () => {
    expect(contactListQuerySchema.parse({ page: "2", perPage: "100" })).toEqual({ page: 2, perPage: 100 });
    expect(contactListQuerySchema.safeParse({ page: "21", perPage: "100" }).success).toBe(false);
    expect(contactListQuerySchema.safeParse({ page: "21", perPage: "100", pageToken: "abc" }).success).toBe(true);
  });
});

describe("deal schemas", () => {
  const ok = { Deal_Name: "D", Pipeline: "91023", Sub_Pipeline: "S", Stage: "Q" };
  it("create needs name, pipeline, sub-pipeline and stage; amount and date are checked", () => {
    expect(dealCreateSchema.parse({ fields: { ...ok, Amount: "12.5", Closing_Date: "2024-02-29" } }).fields).toMatchObject({ Amount: 12.5, Closing_Date: "2024-02-29" });
    const r = dealCreateSchema.safeParse({ fields: { Amount: -1, Closing_Date: "2023-02-29" } });
    expect(issues(r)).toMatchObject({
      "fields.Deal_Name": "Deal name is required",
      "fields.Amount": "Must be 0 or more",
      "fields.Closing_Date": "Expected a real calendar date",
    });
    expect(Object.keys(issues(r))).toEqual(expect.arrayContaining(["fields.Pipeline", "fields.Sub_Pipeline", "fields.Stage"]));
  });
  it("update is partial and can't change the Team Pipeline", () => {
    expect(dealUpdateSchema.safeParse({ fields: { Stage: "Won" } }).success).toBe(true);
    expect(dealUpdateSchema.safeParse({ fields: { Pipeline: "1" } }).success).toBe(false);
  });
  it("list needs a pipeline id", () => {
    expect(dealListQuerySchema.safeParse({}).success).toBe(false);
    expect(dealListQuerySchema.parse({ pipelineId: "91023", stage: "Won" })).toEqual({ pipelineId: "91023", stage: "Won" });
  });
});

describe("note schema", () => {
  it("needs content and a known parent", () => {
    expect(noteCreateSchema.parse({ parentModule: "Contacts", parentId: "1", content: " Hi " })).toEqual({ parentModule: "Contacts", parentId: "1", content: "Hi" });
    expect(Object.keys(issues(noteCreateSchema.safeParse({ parentModule: "Tasks", parentId: "1", content: "" }))).sort()).toEqual(["content", "parentModule"]);
  });
});
