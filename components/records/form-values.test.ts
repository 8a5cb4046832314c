import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { FieldMeta } from "@/lib/types";
import {
  changedValues,
  editableFields,
  fromFormState,
  fromLocalDateTimeInput,
  toApiFields,
  toFormState,
  toLocalDateTimeInput,
  validateRecord,
} from "./form-values";

function meta(apiName: string, label: string, type: FieldMeta["type"], extra: Partial<FieldMeta> = {}): FieldMeta {
  return { apiName, label, type, required: false, readOnly: false, maxLength: null, options: [], lookupModule: null, custom: false, ...extra };
}

const FIELDS: FieldMeta[] = [
  meta("First_Name", "First Name", "text", { maxLength: 40 }),
  meta("Last_Name", "Last Name", "text", { required: true, maxLength: 80 }),
  meta("Email", "Email", "email", { maxLength: 100 }),
  meta("Mobile", "Mobile", "phone", { maxLength: 50 }),
  meta("Account_Name", "Company Name", "lookup", { lookupModule: "Accounts" }),
  meta("Email_Opt_Out", "Email Opt Out", "boolean"),
  meta("Amount", "Amount", "currency"),
  meta("Seats", "Seats", "integer"),
  meta("Modified_Time", "Modified Time", "datetime", { readOnly: true }),
  meta("Owner", "Contact Owner", "ownerlookup"),
];

describe("editableFields", () => {
  it("drops read-only and owner fields", () => {
    const names = editableFields(FIELDS).map((f) => f.apiName);
    expect(names).not.toContain("Modified_Time");
    expect(names).not.toContain("Owner");
    expect(names).toContain("Last_Name");
  });
});

describe("form state round trip", () => {
  const fields = editableFields(FIELDS);
  it("turns stored values into inputs and back without loss", () => {
    const stored = {
      First_Name: "Ada",
      Last_Name: "Lovelace",
      Email: "ada@example.com",
      Mobile: null,
      Account_Name: { id: "123", name: "Analytical Engines" },
      Email_Opt_Out: true,
      Amount: 1200.5,
      Seats: 3,
    };
    const state = toFormState(fields, stored);
    expect(state.Mobile).toBe("");
    expect(state.Amount).toBe("1200.5");
    expect(fromFormState(fields, state)).toEqual(stored);
  });

  it("trims text and turns empty text into null", () => {
    const values = fromFormState(fields, { First_Name: "  ", Last_Name: " Byron ", Amount: "" });
    expect(values.First_Name).toBeNull();
    expect(values.Last_Name).toBe("Byron");
    expect(values.Amount).toBeNull();
  });
});

describe("validateRecord", () => {
  const fields = editableFields(FIELDS);
  const ok = { Last_Name: "Lovelace", Email: "ada@example.com" };

  it("accepts a valid record", () => {
    expect(validateRecord(fields, ok)).toEqual({});
  });

  it("requires Last Name, naming the label", () => {
    expect(validateRecord(fields, { ...ok, Last_Name: null })).toEqual({ Last_Name: "Last Name is required." });
  });

  it("rejects a malformed email and over-long text", () => {
    const errs = validateRecord(fields, { ...ok, Email: "ada@", First_Name: "x".repeat(41) });
    expect(errs.Email).toMatch(/email address/);
    expect(errs.First_Name).toMatch(/at most 40/);
  });

  it("rejects text in number fields and fractions in integers", () => {
    const errs = validateRecord(fields, { ...ok, Amount: "12k", Seats: 1.5 });
    expect(errs.Amount).toMatch(/number/);
    expect(errs.Seats).toMatch(/whole number/);
  });

  it("adds zod schema errors by API name, metadata errors win", () => {
    const schema = z.object({ Last_Name: z.string().min(2, "Too short"), Mobile: z.string().startsWith("+", "Start with +").nullable() });
    expect(validateRecord(fields, { ...ok, Last_Name: "L", Mobile: "0201" }, schema)).toEqual({ Last_Name: "Too short", Mobile: "Start with +" });
    expect(validateRecord(fields, { ...ok, Last_Name: null }, schema).Last_Name).toBe("Last Name is required.");
  });
});

describe("changedValues", () => {
  const fields = editableFields(FIELDS);
  const initial = { Last_Name: "Lovelace", Email: "ada@example.com", Account_Name: { id: "1", name: "A" }, Amount: 10 };
  it("returns only edited fields", () => {
    const values = fromFormState(fields, toFormState(fields, initial));
    expect(changedValues(fields, initial, values)).toEqual({});
    const edited = { ...values, Email: "ada@new.example", Account_Name: { id: "2", name: "B" } };
    expect(changedValues(fields, initial, edited)).toEqual({ Email: "ada@new.example", Account_Name: { id: "2", name: "B" } });
  });
  it("treats a cleared field as a change to null", () => {
    const values = fromFormState(fields, { ...toFormState(fields, initial), Email: "" });
    expect(changedValues(fields, initial, values)).toEqual({ Email: null });
  });
});

describe("toApiFields", () => {
  it("sends lookups as their id", () => {
    expect(toApiFields({ Account_Name: { id: "9", name: "X" }, Last_Name: "L" })).toEqual({ Account_Name: "9", Last_Name: "L" });
  });
});

describe("datetime inputs", () => {
  it("round-trips a local date-time through ISO with offset", () => {
    const iso = fromLocalDateTimeInput("2025-03-01T10:15");
    expect(iso).toMatch(/^2025-03-01T10:15:00[+-]\d{2}:\d{2}$/);
    expect(toLocalDateTimeInput(iso!)).toBe("2025-03-01T10:15");
    expect(fromLocalDateTimeInput("nope")).toBeNull();
  });
});

describe("with the shared contact schema (lib/validations/contact)", () => {
  it("accepts a lookup chosen in the form (a Ref) because it validates the API's id shape", async () => {
    const { contactFieldsSchema } = await import("@/lib/validations/contact");
    const fields = editableFields(FIELDS).filter((f) => !["Amount", "Seats"].includes(f.apiName));
    const values = { Last_Name: "Lovelace", Account_Name: { id: "6208250000000998001", name: "Engines" }, Email_Opt_Out: false };
    expect(validateRecord(fields, values, contactFieldsSchema)).toEqual({});
    expect(validateRecord(fields, { ...values, First_Name: "x".repeat(41) }, contactFieldsSchema).First_Name).toMatch(/40/);
  });
});
