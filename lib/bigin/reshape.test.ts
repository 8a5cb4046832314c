import { describe, expect, it } from "vitest";
import { reshapeContact } from "./contacts";
import { reshapeDeal } from "./deals";
import { reshapeField } from "./fields";
import { reshapeNote } from "./notes";
import { reshapeLayouts, stageKind } from "./pipelines";
import { mergeWritten, sameTime } from "./records";
import {
  normaliseFields, parseList, readId, readNumber, readRef, readText, readUserRef, SLOW, zId, zNumber, zRef, zText, zUserRef,
} from "./reshape";

const ID = "6208250000001500077";

describe("reshapeDeal", () => {
  const raw = {
    id: ID, Deal_Name: "Acme renewal", Sub_Pipeline: "Sales Pipeline Standard", Stage: "Qualification", Amount: 12000,
    Closing_Date: "2025-04-30", Account_Name: { name: "Acme Ltd", id: "6208250000000998001" },
    Contact_Name: { name: "Ada Lovelace", id: "6208250000001234001" },
    Owner: { name: "Ada", id: "6208250000000412001", email: "ada@example.com" }, Description: null, Tag: [],
    Created_Time: "2025-03-01T10:15:42+05:30", Modified_Time: "2025-03-02T08:00:10+05:30", $approved: true,
  };

  it("reads Pipeline as {name,id}", () => {
    const d = reshapeDeal({ ...raw, Pipeline: { name: "Sales Pipeline", id: "6208250000000091023" } });
    expect(d).toMatchObject({
      id: ID, name: "Acme renewal", pipeline: { id: "6208250000000091023", name: "Sales Pipeline" }, amount: 12000,
      closingDate: "2025-04-30", company: { id: "6208250000000998001", name: "Acme Ltd" },
      owner: { id: "6208250000000412001", name: "Ada", email: "ada@example.com" }, description: null,
    });
    expect(d.fields.Deal_Name).toBe("Acme renewal");
    expect(d.fields).not.toHaveProperty("$approved");
  });

  it("reads Pipeline as a bare id (string or number)", () => {
    expect(reshapeDeal({ ...raw, Pipeline: "6208250000000091023" }).pipeline).toEqual({ id: "6208250000000091023", name: "" });
    expect(reshapeDeal({ ...raw, Pipeline: 91023 }).pipeline).toEqual({ id: "91023", name: "" });
    expect(reshapeDeal({ ...raw, Pipeline: null }).pipeline).toBeNull();
  });

  it("keeps ids as strings and tolerates missing fields", () => {
    const d = reshapeDeal({ id: ID });
    expect(d).toMatchObject({ id: ID, name: "", stage: null, amount: null, company: null, pipeline: null });
  });
});

describe("reshapeContact", () => {
  it("derives the full name from the parts and normalises lookups", () => {
    const c = reshapeContact({ id: ID, First_Name: "Ada", Last_Name: "Lovelace", Account_Name: "6208250000000998001", Tag: [{ name: "VIP", id: "1", color_code: "#f00" }] });
    expect(c).toMatchObject({ fullName: "Ada Lovelace", company: { id: "6208250000000998001", name: "" }, email: null });
    expect(c.fields.Tag).toEqual([{ id: "1", name: "VIP" }]);
    expect(reshapeContact({ id: ID, Last_Name: "Solo", Full_Name: "Ignored" }).fullName).toBe("Solo");
    expect(reshapeContact({ id: ID, First_Name: "Cher", Last_Name: "" }).fullName).toBe("Cher");
    expect(reshapeContact({ id: ID, First_Name: "", Last_Name: null, Full_Name: "From Bigin" }).fullName).toBe("From Bigin");
    expect(reshapeContact({ id: ID }).fullName).toBe("");
  });
});

describe("reshapeNote", () => {
  it("reads Parent_Id as {name,id} with $se_module", () => {
    const n = reshapeNote({ id: ID, Note_Title: "Call", Note_Content: "Hi", Parent_Id: { name: "Ada", id: "12" }, $se_module: "Contacts" });
    expect(n.parent).toEqual({ module: "Contacts", id: "12", name: "Ada" });
  });
  it("reads Parent_Id as a bare id", () => {
    expect(reshapeNote({ id: ID, Note_Content: "Hi", Parent_Id: "12", $se_module: "Accounts" }).parent).toEqual({ module: "Accounts", id: "12", name: null });
  });
  it("reads CRM v4's Parent_Id {module:{api_name},id}", () => {
    expect(reshapeNote({ id: ID, Note_Content: "Hi", Parent_Id: { module: { api_name: "Pipelines" }, id: "12" } }).parent).toEqual({ module: "Pipelines", id: "12", name: null });
  });
});

describe("reshapeLayouts", () => {
  const layout = (fields: unknown[], extra: Record<string, unknown> = {}) => ({ layouts: [{ id: "91023", name: "Sales", sections: [{ fields }], ...extra }] });
  const stageField = {
    api_name: "Stage",
    pick_list_values: [
      { actual_value: "Closed Lost", sequence_number: 3, probability: 0 },
      { actual_value: "Open One", sequence_number: 1, probability: 10, forecast_type: "Open" },
      { actual_value: "Signed", sequence_number: 2, probability: 100, forecast_type: "Closed Won" },
    ],
  };

  it("maps sub-pipelines to their stages, ordered by sequence_number, kind from forecast_type or name", () => {
    const [p] = reshapeLayouts(layout([
      stageField,
      { api_name: "Sub_Pipeline", pick_list_values: [
        { actual_value: "Sales Standard", maps: [{ api_name: "Stage", pick_list_values: [{ actual_value: "Signed" }, { actual_value: "Open One" }] }] },
        { actual_value: "-None-" },
      ] },
    ]));
    expect(p.id).toBe("91023");
    expect(p.subPipelines).toEqual([
      { name: "Sales Standard", stages: [
        { name: "Open One", order: 0, probability: 10, kind: "open" },
        { name: "Signed", order: 1, probability: 100, kind: "won" },
      ] },
    ]);
  });

  it("without maps or a sub-pipeline field, gives one '<name> Standard' sub-pipeline with every stage", () => {
    const [p] = reshapeLayouts(layout([stageField]));
    expect(p.subPipelines).toHaveLength(1);
    expect(p.subPipelines[0].name).toBe("Sales Standard");
    expect(p.subPipelines[0].stages.map((s) => [s.name, s.kind])).toEqual([["Open One", "open"], ["Signed", "won"], ["Closed Lost", "lost"]]);
  });

  it("drops inactive layouts", () => {
    expect(reshapeLayouts(layout([stageField], { status: "inactive" }))).toEqual([]);
    expect(reshapeLayouts(null)).toEqual([]);
  });

  it("stageKind falls back to the stage name", () => {
    expect(stageKind("Closed Won")).toBe("won");
    expect(stageKind("Deal lost")).toBe("lost");
    expect(stageKind("Lostwithiel visit")).toBe("open");
    expect(stageKind("Anything", "Closed Lost")).toBe("lost");
  });
});

describe("reshapeField", () => {
  it("maps data types, lengths, options and lookups", () => {
    expect(reshapeField({ api_name: "Industry", field_label: "Industry", data_type: "picklist", pick_list_values: [{ actual_value: "-None-" }, { actual_value: "Retail" }] }))
      .toMatchObject({ type: "picklist", options: ["Retail"], required: false, maxLength: null });
    expect(reshapeField({ api_name: "Account_Name", data_type: "lookup", lookup: { module: { api_name: "Accounts" } }, length: "19" }))
      .toMatchObject({ type: "lookup", lookupModule: "Accounts", maxLength: 19, label: "Account Name" });
    expect(reshapeField({ api_name: "Pipeline", data_type: "bigint" }).type).toBe("other");
    expect(reshapeField({ api_name: "Created_By", data_type: "userlookup", read_only: true })).toMatchObject({ type: "ownerlookup", readOnly: true });
  });
});

describe("lists and writes", () => {
  it("parseList reads Bigin's info, and treats 204 (null) as empty", () => {
    expect(parseList({ data: [{ id: ID }], info: { page: 2, per_page: 10, count: 1, more_records: true, next_page_token: "t" } }, { page: 1, perPage: 50 }).info)
      .toEqual({ page: 2, perPage: 10, count: 1, more: true, nextPageToken: "t" });
    expect(parseList(null, { page: 3, perPage: 20 })).toEqual({ data: [], info: { page: 3, perPage: 20, count: 0, more: false, nextPageToken: null } });
  });

  it("normaliseFields keeps JSON values and refs, drops internals", () => {
    expect(normaliseFields({ a: 1, b: "x", c: null, d: true, e: ["p", "q"], f: { id: 5, name: "n" }, $g: 1, h: { nested: 1 } }))
      .toEqual({ a: 1, b: "x", c: null, d: true, e: ["p", "q"], f: { id: "5", name: "n" } });
  });

  it("mergeWritten keeps a lookup's name when its id is unchanged, and takes Bigin's times", () => {
    const before = { id: ID, Account_Name: { id: "1", name: "Acme" }, Contact_Name: { id: "2", name: "Ada" }, Modified_Time: "old" };
    const after = mergeWritten(before, { Account_Name: { id: "1" }, Contact_Name: { id: "3" }, Stage: "Won" }, { Modified_Time: "new" });
    expect(after).toMatchObject({ Account_Name: { id: "1", name: "Acme" }, Contact_Name: { id: "3", name: "" }, Stage: "Won", Modified_Time: "new" });
  });

  it("sameTime compares instants across offsets", () => {
    expect(sameTime("2025-03-01T10:15:42+05:30", "2025-03-01T04:45:42Z")).toBe(true);
    expect(sameTime("2025-03-01T10:15:42+05:30", "2025-03-01T10:15:43+05:30")).toBe(false);
    expect(sameTime(null, "2025-03-01T10:15:42+05:30")).toBe(false);
  });
});

describe("fast readers agree with their schemas", () => {
  // Every value a reader takes must give the schema's exact output; the rest go to the schema.
  const samples: unknown[] = [
    null, undefined, "", "x", "6208250000000412001", 0, 42, -1.5, Number.NaN, Number.POSITIVE_INFINITY, true, false,
    [], ["a"], {}, { id: "1" }, { id: 7, name: "N" }, { id: "1", name: null }, { id: "1", name: 3 }, { id: "", name: "n" },
    { id: "1", name: "n", email: "e@x" }, { id: "1", email: null }, { id: "1", email: 5 }, { name: "no id" },
    { id: null }, new Date(0), Object.assign(Object.create(null), { id: "9", name: "bare" }), "3.5", "abc",
  ];
  const schemas = { readId: zId, readText: zText, readNumber: zNumber, readRef: zRef, readUserRef: zUserRef };
  const readers = { readId, readText, readNumber, readRef, readUserRef };
  for (const name of Object.keys(readers) as (keyof typeof readers)[]) {
    it(name, () => {
      let fast = 0;
      for (const v of samples) {
        const got = readers[name](v);
        if (got === SLOW) continue;
        fast++;
        const want = schemas[name].safeParse(v);
        expect(want.success, `${name}(${JSON.stringify(v)}) is taken fast but the schema refuses it`).toBe(true);
        expect(got, `${name}(${JSON.stringify(v)})`).toEqual(want.data);
      }
      expect(fast).toBeGreaterThan(3);
    });
  }

  it("reshapeContact reads a plain record fast, exactly as the schema would, and still refuses a malformed one", () => {
    const raw = {
      id: ID, First_Name: "Ada", Last_Name: "Lovelace", Full_Name: "Ada Lovelace", Email: "ada@example.com", Phone: 123,
      Mobile: null, Title: "Countess", Account_Name: { name: "Engines", id: "6208250000000998001" }, Mailing_City: "London",
      Owner: { name: "Grace", id: 6208250000000412, email: "g@x" }, Created_Time: "2025-03-01T10:15:42+05:30", $x: 1, Custom_Flag: true,
    };
    expect(reshapeContact(raw)).toEqual({
      id: ID, firstName: "Ada", lastName: "Lovelace", fullName: "Ada Lovelace", email: "ada@example.com", phone: "123",
      mobile: null, title: "Countess", company: { id: "6208250000000998001", name: "Engines" }, mailingCity: "London",
      mailingCountry: null, owner: { id: "6208250000000412", name: "Grace", email: "g@x" },
      createdTime: "2025-03-01T10:15:42+05:30", modifiedTime: null, fields: normaliseFields(raw),
    });
    // What zod refuses is still refused (→ 502 BIGIN_BAD_RESPONSE in the route).
    expect(() => reshapeContact({ ...raw, Email: { bad: true } })).toThrow();
    expect(() => reshapeContact({ ...raw, id: "" })).toThrow();
  });

  it("parseList reads a plain answer without zod and still refuses a malformed one", () => {
    const body = { data: [{ id: ID, Last_Name: "A" }], info: { per_page: 50, count: "1", page: 1, more_records: false, next_page_token: null, extra: 1 } };
    expect(parseList(body, { page: 1, perPage: 50 })).toEqual({ data: [{ id: ID, Last_Name: "A" }], info: { page: 1, perPage: 50, count: 1, more: false, nextPageToken: null } });
    expect(parseList({ data: [{ id: 5 }] }, { page: 2, perPage: 10 }).data[0].id).toBe("5");
    expect(parseList(null, { page: 1, perPage: 50 })).toEqual({ data: [], info: { page: 1, perPage: 50, count: 0, more: false, nextPageToken: null } });
    expect(() => parseList({ data: [{ name: "no id" }] }, { page: 1, perPage: 50 })).toThrow();
    expect(() => parseList({ data: "nope" }, { page: 1, perPage: 50 })).toThrow();
    expect(() => parseList({ data: [], info: { more_records: "yes" } }, { page: 1, perPage: 50 })).toThrow();
  });
});
