import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { body, ctx, fault, request, resetAll, setup, SMALL, stats, teardown } from "./harness";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const { POST } = await import("@/app/api/contacts/route");
const { GET, PATCH, DELETE } = await import("@/app/api/contacts/[id]/route");
const { GET: GET_DEALS } = await import("@/app/api/contacts/[id]/deals/route");

const create = (fields: unknown, init: Parameters<typeof request>[1] = {}) =>
  POST(request("/api/contacts", { method: "POST", body: { fields }, ...init }), ctx());
const get = (id: string) => GET(request(`/api/contacts/${id}`), ctx({ id }));
const patch = (id: string, b: unknown, init: Parameters<typeof request>[1] = {}) =>
  PATCH(request(`/api/contacts/${id}`, { method: "PATCH", body: b, ...init }), ctx({ id }));

beforeAll(() => setup(SMALL));
afterAll(teardown);
beforeEach(() => resetAll(SMALL));

describe("POST /api/contacts", () => {
  it("creates a contact → 201 with the app shape, and it can be read back", async () => {
    const res = await create({ First_Name: "Ada", Last_Name: "Lovelace", Email: "ada.create@example.com", Title: "" });
    expect(res.status).toBe(201);
    const { item } = await body(res);
    expect(item).toMatchObject({ firstName: "Ada", lastName: "Lovelace", fullName: "Ada Lovelace", email: "ada.create@example.com" });
    expect(item.id).toMatch(/^\d{19}$/);
    expect(item.modifiedTime).toEqual(expect.any(String));
    const again = await body(await get(item.id));
    expect(again.item).toMatchObject({ id: item.id, lastName: "Lovelace", email: "ada.create@example.com" });
  });

  it("links a company by id", async () => {
    const companies = await (await import("@/lib/bigin/companies")).listCompanies((await import("./harness")).state.conn!, { perPage: 1 });
    const company = companies.items[0];
    const { item } = await body(await create({ Last_Name: "Linked", Account_Name: company.id }));
    expect(item.company.id).toBe(company.id);
    const read = await body(await get(item.id));
    expect(read.item.company).toEqual({ id: company.id, name: company.name });
  });

  it("validates the body → 400 with the failing fields, and calls nothing", async () => {
    const res = await create({ First_Name: "x".repeat(41), Email: "not-an-email", Account_Name: "12ab", Created_Time: "now" });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe("VALIDATION");
    expect(error.fields).toMatchObject({
      Last_Name: "Last name is required",
      First_Name: "At most 40 characters",
      Email: expect.stringMatching(/email/),
      Account_Name: expect.stringMatching(/record id/),
      Created_Time: "This field is read-only",
    });
    expect((await stats()).calls["POST /bigin/v2/Contacts"]).toBeUndefined();
  });

  it("answers malformed JSON with 400", async () => {
    const res = await POST(request("/api/contacts", { method: "POST", rawBody: "{nope" }), ctx());
    expect(res.status).toBe(400);
  });

  it("refuses a cross-site write with 403, and calls nothing", async () => {
    const attempts: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }];
    for (const headers of attempts) {
      const res = await POST(request("/api/contacts", { method: "POST", body: { fields: { Last_Name: "X" } }, headers }), ctx());
      expect(res.status).toBe(403);
      expect((await body(res)).error.code).toBe("CROSS_SITE");
    }
    const noOrigin = await POST(request("/api/contacts", { method: "POST", body: { fields: { Last_Name: "X" } }, origin: null }), ctx());
    expect(noOrigin.status).toBe(403);
    expect((await stats()).calls["POST /bigin/v2/Contacts"]).toBeUndefined();
  });

  it("refuses a non-JSON body with 415", async () => {
    const res = await POST(
      request("/api/contacts", { method: "POST", rawBody: "Last_Name=X", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      ctx(),
    );
    expect(res.status).toBe(415);
  });

  it("maps DUPLICATE_DATA to 422 naming the field", async () => {
    const first = await create({ Last_Name: "One", Email: "dup@example.com" });
    expect(first.status).toBe(201);
    const res = await create({ Last_Name: "Two", Email: "DUP@example.com" });
    expect(res.status).toBe(422);
    const { error } = await body(res);
    expect(error.code).toBe("DUPLICATE_DATA");
    expect(Object.keys(error.fields)).toEqual(["Email"]);
  });

  it("never retries a write: a 500 answers 502 after exactly one call", async () => {
    await fault({ match: "POST /bigin/v2/Contacts", status: 500, times: 2 });
    const res = await create({ Last_Name: "Once" });
    expect(res.status).toBe(502);
    expect((await stats()).calls["POST /bigin/v2/Contacts"]).toBe(1);
  });
});

describe("GET /api/contacts/{id}", () => {
  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const missing = await get("1234567890123456789");
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.code).toBe("NOT_FOUND");
    const bad = await get("abc");
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.fields.id).toMatch(/1–19 digits/);
    const long = await get("12345678901234567890");
    expect(long.status).toBe(400);
  });

  it("lists the contact's deals across Team Pipelines", async () => {
    const { state } = await import("./harness");
    const deals = await (await import("@/lib/bigin/deals")).listDeals(state.conn!, {
      pipelineId: (await (await import("@/lib/bigin/pipelines")).listTeamPipelines(state.conn!))[0].id,
      perPage: 200,
    });
    const withContact = deals.items.find((d) => d.contact);
    expect(withContact).toBeDefined();
    const res = await GET_DEALS(request(`/api/contacts/${withContact!.contact!.id}/deals`), ctx({ id: withContact!.contact!.id }));
    expect(res.status).toBe(200);
    const { items } = await body(res);
    expect(items.map((d: { id: string }) => d.id)).toContain(withContact!.id);
    for (const d of items) expect(d.contact.id).toBe(withContact!.contact!.id);
    expect(items.find((d: { id: string }) => d.id === withContact!.id).pipeline.name).toBe(withContact!.pipeline!.name || expect.any(String));
  });
});

describe("PATCH /api/contacts/{id}", () => {
  async function fresh() {
    return (await body(await create({ Last_Name: "Babbage", First_Name: "Charles" }))).item;
  }

  it("updates with the Modified_Time the user saw → 200 with the new record", async () => {
    const c = await fresh();
    const res = await patch(c.id, { modifiedTime: c.modifiedTime, fields: { Title: "Engineer", First_Name: "" } });
    expect(res.status).toBe(200);
    const { item } = await body(res);
    expect(item).toMatchObject({ id: c.id, title: "Engineer", firstName: null, lastName: "Babbage", fullName: "Babbage" });
    const read = (await body(await get(c.id))).item;
    expect(read.title).toBe("Engineer");
    expect(read.modifiedTime).toBe(item.modifiedTime);
  });

  it("answers 409 with the current record when it changed since the user saw it, and does not write", async () => {
    const c = await fresh();
    await new Promise((r) => setTimeout(r, 1100)); // Bigin times have second precision
    const first = await patch(c.id, { modifiedTime: c.modifiedTime, fields: { Title: "Colleague's edit" } });
    expect(first.status).toBe(200);
    const before = (await stats()).calls["PUT /bigin/v2/Contacts/{id}"];
    const res = await patch(c.id, { modifiedTime: c.modifiedTime, fields: { Title: "My stale edit" } });
    expect(res.status).toBe(409);
    const { error } = await body(res);
    expect(error.code).toBe("CONFLICT");
    expect(error.current).toMatchObject({ id: c.id, title: "Colleague's edit" });
    expect((await stats()).calls["PUT /bigin/v2/Contacts/{id}"]).toBe(before);
    expect((await body(await get(c.id))).item.title).toBe("Colleague's edit");
  });

  it("updates without modifiedTime (no conflict check) and returns the stored record", async () => {
    const c = await fresh();
    const res = await patch(c.id, { fields: { Mailing_City: "London" } });
    expect(res.status).toBe(200);
    expect((await body(res)).item.mailingCity).toBe("London");
  });

  it("validates: Last_Name can't be emptied, an empty edit is refused, a bad modifiedTime is refused", async () => {
    const c = await fresh();
    const r1 = await patch(c.id, { fields: { Last_Name: " " } });
    expect(r1.status).toBe(400);
    expect((await body(r1)).error.fields.Last_Name).toBe("Last name is required");
    const r2 = await patch(c.id, { fields: {} });
    expect(r2.status).toBe(400);
    const r3 = await patch(c.id, { modifiedTime: "yesterday", fields: { Title: "x" } });
    expect((await body(r3)).error.fields.modifiedTime).toMatch(/Modified_Time/);
  });

  it("refuses a cross-site update with 403", async () => {
    const c = await fresh();
    const res = await patch(c.id, { fields: { Title: "x" } }, { headers: { origin: "http://localhost:3001" } });
    expect(res.status).toBe(403);
  });

  it("answers 404 when updating an unknown contact", async () => {
    const res = await patch("1234567890123456789", { fields: { Title: "x" } });
    expect(res.status).toBe(404);
  });
});

describe("DELETE /api/contacts/{id}", () => {
  it("deletes → 204, then the contact is gone (404)", async () => {
    const c = (await body(await create({ Last_Name: "Gone" }))).item;
    const res = await DELETE(request(`/api/contacts/${c.id}`, { method: "DELETE" }), ctx({ id: c.id }));
    expect(res.status).toBe(204);
    expect((await get(c.id)).status).toBe(404);
  });

  it("refuses a cross-site delete with 403", async () => {
    const c = (await body(await create({ Last_Name: "Kept" }))).item;
    const res = await DELETE(request(`/api/contacts/${c.id}`, { method: "DELETE", headers: { origin: "https://evil.example" } }), ctx({ id: c.id }));
    expect(res.status).toBe(403);
    expect((await get(c.id)).status).toBe(200);
  });
});
