import { describe, expect, it } from "vitest";
import type { Note } from "@/lib/types";
import { noteLabel, parentHref, parentKind, parseRecentNotesSearch, recentNotesHref, sortNewestFirst } from "./notes-api";

const note = (id: string, createdTime: string | null): Note => ({
  id,
  title: null,
  content: id,
  parent: null,
  owner: null,
  createdTime,
  modifiedTime: createdTime,
});

describe("parentHref", () => {
  it("maps each parent module to its page", () => {
    expect(parentHref({ module: "Contacts", id: "123", name: "Ada" })).toBe("/contacts/123");
    expect(parentHref({ module: "Accounts", id: "456", name: null })).toBe("/companies/456");
    expect(parentHref({ module: "Pipelines", id: "789", name: null })).toBe("/pipelines/deals/789");
  });

  it("refuses unknown modules and ids that are not Bigin ids", () => {
    expect(parentHref({ module: "Tasks", id: "1", name: null })).toBeNull();
    expect(parentHref({ module: "Contacts", id: "../admin", name: null })).toBeNull();
    expect(parentHref({ module: "Contacts", id: "javascript:alert(1)", name: null })).toBeNull();
    expect(parentHref(null)).toBeNull();
  });

  it("names parent kinds for people", () => {
    expect(parentKind("Accounts")).toBe("Company");
    expect(parentKind("Pipelines")).toBe("Deal");
    expect(parentKind("Contacts")).toBe("Contact");
  });
});

describe("parseRecentNotesSearch", () => {
  it("defaults to all modules, page 1", () => {
    expect(parseRecentNotesSearch({})).toEqual({ filter: "", params: { module: undefined, page: 1, perPage: 20 } });
  });

  it("reads the friendly and the Bigin module names", () => {
    expect(parseRecentNotesSearch({ module: "deals", page: "3" }).params).toMatchObject({ module: "Pipelines", page: 3 });
    expect(parseRecentNotesSearch({ module: "Accounts" }).filter).toBe("companies");
  });

  it("ignores nonsense", () => {
    expect(parseRecentNotesSearch({ module: "Users", page: "-4" })).toEqual({
      filter: "",
      params: { module: undefined, page: 1, perPage: 20 },
    });
    expect(parseRecentNotesSearch({ page: ["2", "9"] }).params.page).toBe(2);
  });

  it("round-trips through recentNotesHref", () => {
    expect(recentNotesHref("", 1)).toBe("/notes");
    expect(recentNotesHref("contacts", 2)).toBe("/notes?module=contacts&page=2");
    const back = parseRecentNotesSearch(Object.fromEntries(new URLSearchParams("module=contacts&page=2")));
    expect(back).toMatchObject({ filter: "contacts", params: { module: "Contacts", page: 2 } });
  });
});

describe("sortNewestFirst / noteLabel", () => {
  it("orders by creation time, newest first", () => {
    const sorted = sortNewestFirst([
      note("a", "2025-01-01T10:00:00+05:30"),
      note("b", null),
      note("c", "2025-03-01T10:00:00Z"),
    ]);
    expect(sorted.map((n) => n.id)).toEqual(["c", "a", "b"]);
  });

  it("labels notes by title, else by their first words", () => {
    expect(noteLabel({ title: "Call recap", content: "x" })).toBe("Call recap");
    expect(noteLabel({ title: null, content: "line one\nline two" })).toBe("line one line two");
    expect(noteLabel({ title: "", content: "a".repeat(60) })).toHaveLength(40);
  });
});
