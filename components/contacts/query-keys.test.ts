import { describe, expect, it } from "vitest";
import { contactsListKey, listParamsFor, nextPageParam } from "./query-keys";

const info = (page: number, more: boolean, nextPageToken: string | null = null, perPage = 200) => ({
  info: { page, perPage, count: perPage, more, nextPageToken },
});

describe("nextPageParam", () => {
  it("stops when Bigin has no more records", () => {
    expect(nextPageParam(info(3, false, "tok"))).toBeUndefined();
  });
  it("follows Bigin's page token when it gives one (the only way past record 2,000)", () => {
    expect(nextPageParam(info(10, true, "tok-11"))).toEqual({ pageToken: "tok-11" });
  });
  it("falls back to page numbers, but never asks for a page beyond record 2,000", () => {
    expect(nextPageParam(info(2, true))).toEqual({ page: 3 });
    expect(nextPageParam(info(10, true))).toBeUndefined();
  });
});

describe("listParamsFor", () => {
  it("sends Bigin only what it can do: a search, or a server sort, never both", () => {
    expect(listParamsFor({ q: "", sort: "modified", dir: "asc" })).toEqual({ sortBy: "Modified_Time", sortOrder: "asc", perPage: 200 });
    expect(listParamsFor({ q: "ada", sort: "modified", dir: "asc" })).toEqual({ q: "ada", perPage: 200 });
    expect(listParamsFor({ q: "", sort: "email", dir: "asc" })).toEqual({ perPage: 200 });
  });
  it("does not search for a single character", () => {
    expect(listParamsFor({ q: "a", sort: null, dir: "desc" })).toEqual({ perPage: 200 });
  });
  it("gives the server prefetch and the browser the same key for the same URL", () => {
    const a = contactsListKey(listParamsFor({ q: "ada", sort: "name", dir: "asc" }));
    const b = contactsListKey(listParamsFor({ q: "ada", sort: "email", dir: "desc" }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b)); // client-side sorts share the fetched rows
  });
});
