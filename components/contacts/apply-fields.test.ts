import { describe, expect, it } from "vitest";
import type { Contact } from "@/lib/types";
import { applyFields } from "./queries";

const ada: Contact = {
  id: "1", firstName: "Ada", lastName: "Lovelace", fullName: "Ada Lovelace", email: "ada@example.com", phone: null,
  mobile: null, title: "CTO", company: { id: "9", name: "Engines" }, mailingCity: null, mailingCountry: null,
  owner: null, createdTime: null, modifiedTime: null, fields: { First_Name: "Ada", Last_Name: "Lovelace", Email: "ada@example.com" },
};

describe("applyFields (optimistic detail)", () => {
  it("updates the typed fields, the full name and the raw fields", () => {
    const next = applyFields(ada, { Last_Name: "King", Email: null, Account_Name: null });
    expect(next.fullName).toBe("Ada King");
    expect(next.email).toBeNull();
    expect(next.company).toBeNull();
    expect(next.title).toBe("CTO");
    expect(next.fields).toMatchObject({ Last_Name: "King", Email: null, First_Name: "Ada" });
  });
});

describe("keepLookupNames", () => {
  it("keeps the picked company's name when the save answer has only its id", async () => {
    const { keepLookupNames } = await import("./queries");
    const answer: Contact = { ...ada, company: { id: "7", name: "" }, fields: { ...ada.fields, Account_Name: { id: "7", name: "" } } };
    const shown = keepLookupNames(answer, { Account_Name: { id: "7", name: "Bluepath Supply" } });
    expect(shown.company).toEqual({ id: "7", name: "Bluepath Supply" });
    expect(shown.fields.Account_Name).toEqual({ id: "7", name: "Bluepath Supply" });
    // A different id (someone else's write won) is left as Bigin says.
    expect(keepLookupNames(answer, { Account_Name: { id: "8", name: "Other" } }).company).toEqual({ id: "7", name: "" });
  });
});
