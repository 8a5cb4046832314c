import { describe, expect, it } from "vitest";
import { MODULES } from "@/sandbox/meta";
import { CONTACT_STANDARD_FIELDS, fallbackFields, isSystemKey, labelFromApiName, typeFromValue } from "./fallback-fields";
import { fieldText } from "./record-fields";

const contact = {
  id: "6208250000001234001",
  First_Name: "Ada",
  Last_Name: "Lovelace",
  Full_Name: "Ada Lovelace",
  Email: "ada@example.com",
  Mobile: null,
  Phone: "",
  Account_Name: { id: "6208250000000998001", name: "Acme Ltd" },
  Email_Opt_Out: false,
  Tag: [],
  Owner: { id: "6208250000000412001", name: "Grace Hopper", email: "grace@example.com" },
  Modified_Time: "2025-03-01T10:15:42+05:30",
  Favourite_Colour: "Teal",
  Contract_Start: "2025-04-30",
  Score__c: 42.5,
  Locked__s: false,
  Record_Image: "abc",
};

describe("fallbackFields", () => {
  const shown = fallbackFields(contact, CONTACT_STANDARD_FIELDS);
  const byKey = Object.fromEntries(shown.map((f) => [f.apiName, f]));

  it("labels Bigin's standard Contacts fields as Bigin does, in Bigin's order, before other keys", () => {
    expect(shown.map((f) => [f.apiName, f.label])).toEqual([
      ["First_Name", "First Name"],
      ["Last_Name", "Last Name"],
      ["Full_Name", "Full Name"],
      ["Account_Name", "Company Name"],
      ["Email", "Email"],
      ["Email_Opt_Out", "Email Opt Out"],
      ["Owner", "Owner"],
      ["Modified_Time", "Modified Time"],
      ["Favourite_Colour", "Favourite Colour"],
      ["Contract_Start", "Contract Start"],
      ["Score__c", "Score"],
    ]);
  });

  it("skips empty values (null, empty text, empty lists) and system keys, keeps false", () => {
    for (const k of ["id", "Mobile", "Phone", "Tag", "Locked__s", "Record_Image"]) expect(byKey[k], k).toBeUndefined();
    expect(byKey.Email_Opt_Out).toBeDefined();
    expect(fieldText(byKey.Email_Opt_Out, contact.Email_Opt_Out)).toBe("No");
  });

  it("types standard fields from the list and others from the value's shape", () => {
    expect(byKey.Account_Name).toMatchObject({ type: "lookup", lookupModule: "Accounts" });
    expect(byKey.Email.type).toBe("email");
    expect(byKey.Modified_Time.type).toBe("datetime");
    expect(byKey.Contract_Start.type).toBe("date");
    expect(byKey.Score__c.type).toBe("double");
    expect(fieldText(byKey.Account_Name, contact.Account_Name)).toBe("Acme Ltd");
    expect(fieldText(byKey.Owner, contact.Owner)).toBe("Grace Hopper");
    expect(fieldText(byKey.Contract_Start, contact.Contract_Start)).toMatch(/2025/);
  });

  it("without a standard list, every non-empty key gets a label from its API name", () => {
    expect(fallbackFields({ id: "1", Deal_Name: "X", Amount: null }).map((f) => f.label)).toEqual(["Deal Name"]);
  });

  it("uses the labels and the order the sandbox seeds for Contacts (which follow Bigin's)", () => {
    const seeded = MODULES.Contacts.fields.map((f) => [f.api_name, f.label]);
    expect(CONTACT_STANDARD_FIELDS.map(([k, s]) => [k, s.label])).toEqual(seeded);
  });
});

describe("shape helpers", () => {
  it("typeFromValue", () => {
    expect(typeFromValue(true)).toBe("boolean");
    expect(typeFromValue(3)).toBe("integer");
    expect(typeFromValue(3.5)).toBe("double");
    expect(typeFromValue(["a", "b"])).toBe("multiselectpicklist");
    expect(typeFromValue({ id: "1", name: "Acme" })).toBe("lookup");
    expect(typeFromValue({ id: "1", name: "Ada", email: "a@b.co" })).toBe("ownerlookup");
    expect(typeFromValue("2025-03-01")).toBe("date");
    expect(typeFromValue("2025-03-01T10:15:42+05:30")).toBe("datetime");
    expect(typeFromValue("2025-03-01T10:15:42Z")).toBe("datetime");
    expect(typeFromValue("ada@example.com")).toBe("email");
    expect(typeFromValue("https://example.com/x")).toBe("website");
    expect(typeFromValue("line one\nline two")).toBe("textarea");
    expect(typeFromValue("2025 plans")).toBe("text");
  });

  it("labelFromApiName and isSystemKey", () => {
    expect(labelFromApiName("Lead_Source")).toBe("Lead Source");
    expect(labelFromApiName("Partner__c")).toBe("Partner");
    expect(labelFromApiName("Plain")).toBe("Plain");
    expect(isSystemKey("id")).toBe(true);
    expect(isSystemKey("$approved")).toBe(true);
    expect(isSystemKey("Locked__s")).toBe(true);
    expect(isSystemKey("Email")).toBe(false);
  });
});
