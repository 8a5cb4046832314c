import { describe, expect, it } from "vitest";
import type { Contact } from "@/lib/types";
import {
  DEFAULT_COLUMNS,
  contactsSearchString,
  detectSearchMode,
  nextSort,
  parseColumns,
  parseContactsSearch,
  planSort,
  sortRows,
  toggleColumn,
} from "./list-state";

function contact(id: string, fullName: string, extra: Partial<Contact> = {}): Contact {
  return {
    id, firstName: null, lastName: fullName, fullName, email: null, phone: null, mobile: null, title: null,
    company: null, mailingCity: null, mailingCountry: null, owner: null, createdTime: null, modifiedTime: null,
    fields: {}, ...extra,
  };
}

describe("URL state", () => {
  it("parses and drops junk", () => {
    expect(parseContactsSearch({ q: "  ada ", sort: "email", dir: "asc" })).toEqual({ q: "ada", sort: "email", dir: "asc" });
    expect(parseContactsSearch({ sort: "nope", dir: "sideways" })).toEqual({ q: "", sort: null, dir: "desc" });
    expect(parseContactsSearch({ q: ["a", "b"] }).q).toBe("a");
  });
  it("round-trips through the query string", () => {
    const s = { q: "ada lovelace", sort: "modified" as const, dir: "asc" as const };
    const back = parseContactsSearch(Object.fromEntries(new URLSearchParams(contactsSearchString(s))));
    expect(back).toEqual(s);
    expect(contactsSearchString({ q: "", sort: null, dir: "desc" })).toBe("");
  });
});

describe("planSort", () => {
  it("sorts the whole list server-side by Modified/Created Time", () => {
    expect(planSort({ q: "", sort: "modified", dir: "asc" })).toEqual({
      server: { sortBy: "Modified_Time", sortOrder: "asc" }, client: null, note: null,
    });
  });
  it("sorts other columns within loaded rows, and says so", () => {
    const p = planSort({ q: "", sort: "email", dir: "asc" });
    expect(p.server).toBeNull();
    expect(p.client).toEqual({ column: "email", dir: "asc" });
    expect(p.note).toMatch(/within the loaded rows/);
  });
  it("never asks Bigin to sort a search", () => {
    const p = planSort({ q: "ada", sort: "modified", dir: "desc" });
    expect(p.server).toBeNull();
    expect(p.note).toMatch(/can't sort search results/);
  });
});

describe("sortRows", () => {
  const rows = [
    contact("1", "charlie", { email: "c@x.io", modifiedTime: "2025-03-01T10:00:00+05:30" }),
    contact("2", "Alice", { email: null, modifiedTime: "2025-03-01T05:00:00Z" }),
    contact("3", "bob", { email: "b@x.io", modifiedTime: "2025-03-01T04:00:00Z" }),
  ];
  it("sorts case-insensitively and keeps empties last both ways", () => {
    expect(sortRows(rows, "name", "asc").map((r) => r.id)).toEqual(["2", "3", "1"]);
    expect(sortRows(rows, "email", "asc").map((r) => r.id)).toEqual(["3", "1", "2"]);
    expect(sortRows(rows, "email", "desc").map((r) => r.id)).toEqual(["1", "3", "2"]);
  });
  it("compares times as instants across offsets", () => {
    // 10:00+05:30 is 04:30Z: between bob (04:00Z) and Alice (05:00Z).
    expect(sortRows(rows, "modified", "asc").map((r) => r.id)).toEqual(["3", "1", "2"]);
  });
});

describe("nextSort", () => {
  it("flips the same column and starts a new one in its natural direction", () => {
    const s = { q: "", sort: "name" as const, dir: "asc" as const };
    expect(nextSort(s, "name").dir).toBe("desc");
    expect(nextSort(s, "modified")).toEqual({ q: "", sort: "modified", dir: "desc" });
    expect(nextSort(s, "email")).toEqual({ q: "", sort: "email", dir: "asc" });
  });
});

describe("columns", () => {
  it("falls back to defaults on junk and always keeps Name", () => {
    expect(parseColumns(null)).toEqual(DEFAULT_COLUMNS);
    expect(parseColumns("{oops")).toEqual(DEFAULT_COLUMNS);
    expect(parseColumns('["email","bogus"]')).toEqual(["name", "email"]);
  });
  it("toggles in catalogue order and refuses to hide Name", () => {
    expect(toggleColumn(["name", "email"], "phone")).toEqual(["name", "email", "phone"]);
    expect(toggleColumn(["name", "email", "phone"], "email")).toEqual(["name", "phone"]);
    expect(toggleColumn(["name"], "name")).toEqual(["name"]);
  });
});

describe("detectSearchMode", () => {
  it("tells email, phone and word searches apart", () => {
    expect(detectSearchMode("ada@example.com")).toBe("email");
    expect(detectSearchMode("+44 20 7946 0000")).toBe("phone");
    expect(detectSearchMode("Lovelace")).toBe("word");
    expect(detectSearchMode("  ")).toBeNull();
  });
});
