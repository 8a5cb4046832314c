import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { configureBiginClient } from "@/lib/bigin/client";
import { body, ctx, fault, request, resetAll, setup, state, stats, teardown } from "./harness";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const { GET } = await import("@/app/api/contacts/route");
const list = (qs = "") => GET(request(`/api/contacts${qs}`), ctx());

beforeAll(() => setup());
afterAll(teardown);
beforeEach(() => resetAll());

describe("GET /api/contacts", () => {
  it("lists contacts as app types, newest-modified first, with paging info", async () => {
    const res = await list("?perPage=20");
    expect(res.status).toBe(200);
    const { items, info } = await body(res);
    expect(items).toHaveLength(20);
    expect(info).toMatchObject({ page: 1, perPage: 20, count: 20, more: true });
    const c = items[0];
    expect(c.id).toMatch(/^\d{19}$/);
    expect(typeof c.lastName).toBe("string");
    expect(c.fullName).toContain(c.lastName);
    expect(c).not.toHaveProperty("Last_Name");
    // A list row is a summary: the list's columns, no per-field map repeating them (half the bytes).
    expect(c).not.toHaveProperty("fields");
    expect(Object.keys(c).sort()).toEqual(
      ["company", "createdTime", "email", "firstName", "fullName", "id", "lastName", "mailingCity", "mailingCountry", "mobile", "modifiedTime", "owner", "phone", "title"],
    );
    const times = items.map((x: { modifiedTime: string }) => Date.parse(x.modifiedTime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("always sends fields, and sorts as asked", async () => {
    const res = await list("?perPage=5&sortBy=id&sortOrder=asc");
    const { items } = await body(res);
    const ids = items.map((x: { id: string }) => BigInt(x.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
  });

  it("pages past 2,000 records with pageToken", async () => {
    // Page 10 of 200 reaches record 2,000; its token continues beyond.
    const tenth = await body(await list("?perPage=200&page=10&sortBy=id&sortOrder=asc"));
    expect(tenth.info.more).toBe(true);
    expect(tenth.info.nextPageToken).toEqual(expect.any(String));
    const res = await list(`?perPage=200&sortBy=id&sortOrder=asc&pageToken=${encodeURIComponent(tenth.info.nextPageToken)}`);
    expect(res.status).toBe(200);
    const next = await body(res);
    expect(next.items.length).toBe(200);
    expect(BigInt(next.items[0].id) > BigInt(tenth.items.at(-1).id)).toBe(true);
  });

  it("refuses a page beyond record 2,000 without a token (400 naming page)", async () => {
    const res = await list("?perPage=200&page=11");
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields.page).toMatch(/pageToken/);
  });

  it.each([
    ["?perPage=500", "perPage"],
    ["?page=0", "page"],
    ["?sortBy=Email", "sortBy"],
    ["?sortOrder=up", "sortOrder"],
  ])("validates the query %s → 400 naming %s", async (qs, field) => {
    const res = await list(qs);
    expect(res.status).toBe(400);
    const b = await body(res);
    expect(b.error.code).toBe("VALIDATION");
    expect(Object.keys(b.error.fields)).toContain(field);
  });

  it("searches by word, email and phone", async () => {
    const first = (await body(await list("?perPage=1&sortBy=id&sortOrder=asc"))).items[0];
    const byWord = await body(await list(`?q=${encodeURIComponent(first.lastName)}`));
    expect(byWord.items.some((c: { id: string }) => c.id === first.id)).toBe(true);
    const withEmail = (await body(await list("?perPage=200"))).items.find((c: { email: string | null }) => c.email);
    const byEmail = await body(await list(`?q=${encodeURIComponent(withEmail.email)}`));
    expect(byEmail.items.map((c: { id: string }) => c.id)).toContain(withEmail.id);
    const withPhone = (await body(await list("?perPage=200"))).items.find((c: { mobile: string | null }) => c.mobile);
    const byPhone = await body(await list(`?q=${encodeURIComponent(withPhone.mobile)}`));
    expect(byPhone.items.map((c: { id: string }) => c.id)).toContain(withPhone.id);
    const s = await stats();
    expect(s.calls["GET /bigin/v2/Contacts/search"]).toBe(3);
  });

  it("answers an empty search (Bigin 204) with an empty list", async () => {
    const res = await list("?q=zzqqxxnotaname");
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ items: [], info: { page: 1, perPage: 50, count: 0, more: false, nextPageToken: null } });
  });

  it("deduplicates identical concurrent list calls", async () => {
    const results = await Promise.all([list("?perPage=7"), list("?perPage=7"), list("?perPage=7")]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await stats()).calls["GET /bigin/v2/Contacts"]).toBe(1);
  });
});

describe("GET /api/contacts when Bigin fails", () => {
  it("retries 500 twice then succeeds → 200", async () => {
    await fault({ match: "GET /bigin/v2/Contacts", status: 500, times: 2 });
    const res = await list("?perPage=3");
    expect(res.status).toBe(200);
    expect((await body(res)).items).toHaveLength(3);
    expect((await stats()).calls["GET /bigin/v2/Contacts"]).toBe(3);
  });

  it("answers 502 with a plain message when Bigin keeps failing (3 tries, no more)", async () => {
    await fault({ match: "GET /bigin/v2/Contacts", status: 500, times: 5 });
    const res = await list();
    expect(res.status).toBe(502);
    expect((await body(res)).error.message).toMatch(/Bigin is not answering/);
    expect((await stats()).calls["GET /bigin/v2/Contacts"]).toBe(3);
  });

  it("answers 429 with 503 and Retry-After", async () => {
    await fault({ match: "GET /bigin/v2/Contacts", status: 429, times: 3 });
    const res = await list();
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await body(res)).error.code).toBe("BIGIN_BUSY");
  });

  it("answers a slow upstream with 504 after the timeout", async () => {
    configureBiginClient({ timeoutMs: 300 });
    await fault({ match: "GET /bigin/v2/Contacts", latencyMs: 2000, times: 1 });
    const started = Date.now();
    const res = await list();
    expect(res.status).toBe(504);
    expect((await body(res)).error.code).toBe("BIGIN_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(1500);
    expect(res.headers.get("server-timing")).toMatch(/bigin;desc="Bigin";dur=(3\d\d|[4-9]\d\d)/);
  });

  it("refreshes once on INVALID_TOKEN and retries → 200, persisting the new token", async () => {
    const { connectionMock } = await import("./harness");
    const before = state.conn!.accessToken;
    await fetch(`${state.sandbox!.origins.us}/__sandbox/tokens/expire`, { method: "POST" });
    const res = await list("?perPage=2");
    expect(res.status).toBe(200);
    expect(connectionMock.refreshConnection).toHaveBeenCalledTimes(1);
    const persisted = connectionMock.persistConnection.mock.calls.at(-1) as unknown[];
    expect((persisted[2] as { accessToken: string }).accessToken).not.toBe(before);
  });

  it("answers 401 with reconnect when the refresh token is revoked", async () => {
    const { connectionMock } = await import("./harness");
    await fetch(`${state.sandbox!.origins.us}/__sandbox/tokens/revoke`, { method: "POST" });
    const res = await list();
    expect(res.status).toBe(401);
    expect((await body(res)).error).toMatchObject({ reconnect: true, code: "RECONNECT" });
    expect(connectionMock.persistConnection).toHaveBeenCalledWith(expect.anything(), res, null, { failed: true });
  });
});
