import { describe, expect, it } from "vitest";
import { buildCriteria, escapeCriteriaValue, searchParamFor } from "./criteria";

describe("criteria", () => {
  it("escapes ( ) , and backslash in values", () => {
    expect(escapeCriteriaValue("Acme (UK), Ltd")).toBe("Acme \\(UK\\)\\, Ltd");
    expect(escapeCriteriaValue("a\\b")).toBe("a\\\\b");
    expect(escapeCriteriaValue("Proposal/Price Quote")).toBe("Proposal/Price Quote");
  });

  it("builds one condition bare and several joined with and", () => {
    expect(buildCriteria([["Stage", "equals", "Won"]])).toBe("(Stage:equals:Won)");
    expect(buildCriteria([["Pipeline", "equals", "1"], ["Stage", "equals", "a,b"]])).toBe("((Pipeline:equals:1)and(Stage:equals:a\\,b))");
  });

  it("refuses field names that are not API names", () => {
    expect(() => buildCriteria([["Stage)or(id", "equals", "x"]])).toThrow();
  });
});

describe("searchParamFor", () => {
  it.each([
    ["ada@example.com", { email: "ada@example.com" }],
    ["+44 20 7946 0000", { phone: "+44 20 7946 0000" }],
    ["(555) 010-2030", { phone: "(555) 010-2030" }],
    ["Lovelace", { word: "Lovelace" }],
    ["Acme 2", { word: "Acme 2" }],
    ["12", { word: "12" }],
    ["  Ada  ", { word: "Ada" }],
  ])("%s → %o", (q, expected) => {
    expect(searchParamFor(q)).toEqual(expected);
  });
});
