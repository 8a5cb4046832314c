import { describe, expect, it } from "vitest";
import { buildCsv, csvCell, csvFileName } from "./csv";

describe("csvCell", () => {
  it("leaves plain text alone", () => {
    expect(csvCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvCell(null)).toBe("");
    expect(csvCell(12)).toBe("12");
  });

  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("Engines, Inc")).toBe('"Engines, Inc"');
    expect(csvCell('The "Analyst"')).toBe('"The ""Analyst"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it.each(["=1+1", "+44 20 7946 0000", "-2", "@SUM(A1)", "\tcmd", '=HYPERLINK("http://x","y")'])(
    "neutralises formula start %j",
    (v) => {
      const cell = csvCell(v);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted.startsWith("'")).toBe(true);
      expect(unquoted.slice(1)).toBe(v);
    },
  );
});

describe("buildCsv", () => {
  it("writes a header row and CRLF-separated rows", () => {
    expect(buildCsv(["Name", "Email"], [["Ada", "ada@example.com"], ["Babbage, C", null]])).toBe(
      'Name,Email\r\nAda,ada@example.com\r\n"Babbage, C",\r\n',
    );
  });
});

describe("csvFileName", () => {
  it("dates the file", () => {
    expect(csvFileName("contacts", new Date(2025, 2, 1))).toBe("contacts-2025-03-01.csv");
  });
});
