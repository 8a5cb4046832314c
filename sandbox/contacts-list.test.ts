// GET /bigin/v2/Contacts (list) and GET /bigin/v2/Contacts/{id}: fields, paging, sorting, page_token, 204.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { admin, api, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
let token: string;
const get = (path: string, headers?: Record<string, string>) =>
  api(sb.origins.us, token, "GET", path, undefined, headers);

beforeAll(async () => {
  sb = await startTestSandbox({ seed: { contacts: 2600, companies: 50, deals: 19, notes: 10 } });
  token = (await signIn(sb)).accessToken;
});
afterAll(() => sb.close());

describe("GET /bigin/v2/Contacts", () => {
  it("returns the requested fields plus id, with the list info block", async () => {
    const r = await get(
      "/bigin/v2/Contacts?fields=First_Name,Last_Name,Email,Account_Name,Owner,Modified_Time&per_page=5",
    );
    expect(r.status).toBe(200);
    expect(r.json.data).toHaveLength(5);
    const rec = r.json.data[0];
    expect(Object.keys(rec).sort()).toEqual(
      ["Account_Name", "Email", "First_Name", "Last_Name", "Modified_Time", "Owner", "id"].sort(),
    );
    expect(rec.id).toMatch(/^\d{19}$/);
    expect(rec.Modified_Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-05:00$/);
    expect(rec.Owner).toEqual({
      name: expect.any(String),
      id: expect.stringMatching(/^\d{19}$/),
      email: expect.stringContaining("@"),
    });
    expect(r.json.info).toEqual({
      per_page: 5,
      count: 5,
      page: 1,
      more_records: true,
      sort_by: "id",
      sort_order: "desc",
      next_page_token: expect.any(String),
      previous_page_token: null,
      page_token_expiry: expect.stringMatching(/-05:00$/),
    });
    expect(r.headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d\d$/);
  });

  it("EU org timestamps carry the org's offset", async () => {
    const emil = await signIn(sb, { user: "emil" });
    const r = await api(
      sb.origins.eu,
      emil.accessToken,
      "GET",
      "/bigin/v2/Contacts?fields=Created_Time&per_page=1",
    );
    expect(r.json.data[0].Created_Time).toMatch(/\+01:00$/);
  });

  it("requires fields (≤ 50)", async () => {
    const none = await get("/bigin/v2/Contacts");
    expect(none.status).toBe(400);
    expect(none.json).toMatchObject({
      code: "REQUIRED_PARAM_MISSING",
      details: { param_name: "fields" },
      status: "error",
    });
    const many = Array.from({ length: 51 }, (_, i) => `F${i}`).join(",");
    const tooMany = await get(`/bigin/v2/Contacts?fields=${many}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { param_name: "fields", limit: 50 },
    });
  });

  it("rejects per_page > 200, bad page and bad sort params with INVALID_DATA", async () => {
    for (const q of [
      "per_page=201",
      "per_page=0",
      "page=0",
      "page=abc",
      "sort_by=Last_Name",
      "sort_order=up",
    ]) {
      const r = await get(`/bigin/v2/Contacts?fields=Last_Name&${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.code, q).toBe("INVALID_DATA");
    }
  });

  it("pages without overlap and sorts by id, Created_Time and Modified_Time", async () => {
    const p1 = await get("/bigin/v2/Contacts?fields=Last_Name&per_page=200&page=1&sort_order=asc");
    const p2 = await get("/bigin/v2/Contacts?fields=Last_Name&per_page=200&page=2&sort_order=asc");
    const ids = [...p1.json.data, ...p2.json.data].map((d: { id: string }) => d.id);
    expect(new Set(ids).size).toBe(400);
    expect(ids).toEqual([...ids].sort());
    expect(p2.json.info.page).toBe(2);
    for (const sortBy of ["Created_Time", "Modified_Time"]) {
      const r = await get(
        `/bigin/v2/Contacts?fields=${sortBy}&per_page=200&sort_by=${sortBy}&sort_order=desc`,
      );
      const times = r.json.data.map((d: Record<string, string>) => Date.parse(d[sortBy]));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(r.json.info.sort_by).toBe(sortBy);
    }
  });

  it("page × per_page past 2,000 → 400 DISCRETE_PAGINATION_LIMIT_EXCEEDED; page_token continues", async () => {
    const last = await get("/bigin/v2/Contacts?fields=Last_Name&per_page=200&page=10");
    expect(last.status).toBe(200);
    expect(last.json.info.more_records).toBe(true);
    const beyond = await get("/bigin/v2/Contacts?fields=Last_Name&per_page=200&page=11");
    expect(beyond.status).toBe(400);
    expect(beyond.json.code).toBe("DISCRETE_PAGINATION_LIMIT_EXCEEDED");
    // Walk the whole list with page_token: 2,600 distinct records.
    const seen = new Set<string>();
    let path = "/bigin/v2/Contacts?fields=Last_Name&per_page=200";
    for (let i = 0; i < 20; i++) {
      const r = await get(path);
      for (const d of r.json.data) seen.add(d.id);
      if (!r.json.info.more_records) {
        expect(r.json.info.next_page_token).toBeNull();
        break;
      }
      path = `/bigin/v2/Contacts?fields=Last_Name&page_token=${r.json.info.next_page_token}`;
    }
    expect(seen.size).toBe(2600);
  });

  it("rejects a page_token from another listing", async () => {
    const r = await get("/bigin/v2/Contacts?fields=Last_Name&per_page=2");
    const other = await get(
      `/bigin/v2/Accounts?fields=Account_Name&page_token=${r.json.info.next_page_token}`,
    );
    expect(other.status).toBe(400);
    expect(other.json).toMatchObject({
      code: "INVALID_DATA",
      details: { param_name: "page_token" },
    });
    expect((await get("/bigin/v2/Contacts?fields=Last_Name&page_token=garbage")).status).toBe(400);
  });

  it("returns 204 with an empty body when there is nothing to list", async () => {
    const r = await get("/bigin/v2/Products?fields=Product_Name");
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
    const past = await get("/bigin/v2/Accounts?fields=Account_Name&page=2&per_page=200");
    expect(past.status).toBe(204);
  });

  it("ids filters, If-Modified-Since filters or answers 304", async () => {
    const two = await get("/bigin/v2/Contacts?fields=Last_Name&per_page=2");
    const ids = two.json.data.map((d: { id: string }) => d.id);
    const byIds = await get(`/bigin/v2/Contacts?fields=Last_Name&ids=${ids.join(",")}`);
    expect(byIds.json.data.map((d: { id: string }) => d.id).sort()).toEqual([...ids].sort());
    const future = await get("/bigin/v2/Contacts?fields=Last_Name", {
      "if-modified-since": "2099-01-01T00:00:00+00:00",
    });
    expect(future.status).toBe(304);
  });
});

describe("GET /bigin/v2/Contacts/{id}", () => {
  it("returns {data:[record]} with every field", async () => {
    const list = await get("/bigin/v2/Contacts?fields=Last_Name&per_page=1");
    const id = list.json.data[0].id;
    const r = await get(`/bigin/v2/Contacts/${id}`);
    expect(r.status).toBe(200);
    expect(r.json.data).toHaveLength(1);
    expect(r.json.data[0]).toMatchObject({
      id,
      Last_Name: expect.any(String),
      Full_Name: expect.any(String),
      Email_Opt_Out: expect.any(Boolean),
      Tag: [],
    });
    expect(r.json.data[0]).toHaveProperty("Description");
  });

  it("unknown id → 204; malformed id → 400 INVALID_DATA", async () => {
    expect((await get("/bigin/v2/Contacts/1234567890123456789")).status).toBe(204);
    const bad = await get("/bigin/v2/Contacts/123");
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("INVALID_DATA");
  });
});

describe("performance", () => {
  it("serves a 200-contact list in under 5 ms of server time", async () => {
    const path =
      "/bigin/v2/Contacts?fields=First_Name,Last_Name,Email,Phone,Mobile,Title,Account_Name,Owner,Modified_Time&per_page=200";
    for (let i = 0; i < 5; i++) await get(path); // warm up
    const durations: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await get(path);
      durations.push(Number(/dur=([\d.]+)/.exec(r.headers.get("server-timing")!)![1]));
    }
    durations.sort((a, b) => a - b);
    const median = durations[15];
    console.log(
      `[sandbox] 200-contact list server time: median ${median.toFixed(2)} ms, p90 ${durations[27].toFixed(2)} ms`,
    );
    expect(median).toBeLessThan(5);
  });
});

describe("admin records view", () => {
  it("GET /__sandbox/records/{module}/{id} returns the stored record", async () => {
    const list = await get("/bigin/v2/Contacts?fields=Last_Name&per_page=1");
    const r = await admin(sb.origins.us, "GET", `/records/Contacts/${list.json.data[0].id}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      id: list.json.data[0].id,
      Last_Name: list.json.data[0].Last_Name,
    });
  });
});
