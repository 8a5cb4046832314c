import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Note } from "@/lib/types";
import { body, ctx, request, resetAll, setup, SMALL, state, stats, teardown } from "./harness";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const { GET: RECENT, POST } = await import("@/app/api/notes/route");
const { PATCH, DELETE } = await import("@/app/api/notes/[id]/route");
const { GET: CONTACT_NOTES } = await import("@/app/api/contacts/[id]/notes/route");
const { GET: DEAL_NOTES } = await import("@/app/api/deals/[id]/notes/route");
const { GET: COMPANY_NOTES } = await import("@/app/api/companies/[id]/notes/route");
const { listContacts } = await import("@/lib/bigin/contacts");

beforeAll(() => setup(SMALL));
afterAll(teardown);
beforeEach(() => resetAll(SMALL));

const someContactId = async () => (await listContacts(state.conn!, { perPage: 1 })).items[0].id;
const create = (b: unknown, headers?: Record<string, string>) => POST(request("/api/notes", { method: "POST", body: b, headers }), ctx());

describe("POST /api/notes", () => {
  it("adds a note to a contact → 201; it is first among the contact's notes", async () => {
    const id = await someContactId();
    const res = await create({ parentModule: "Contacts", parentId: id, title: "Call", content: "Agreed to a demo." });
    expect(res.status).toBe(201);
    const { item } = await body(res);
    expect(item).toMatchObject({ title: "Call", content: "Agreed to a demo.", parent: { module: "Contacts", id } });
    expect(item.id).toMatch(/^\d{19}$/);
    const notes = (await body(await CONTACT_NOTES(request(`/api/contacts/${id}/notes`), ctx({ id })))).items as Note[];
    expect(notes[0]).toMatchObject({ id: item.id, content: "Agreed to a demo.", parent: { module: "Contacts", id } });
    const times = notes.map((n) => Date.parse(n.createdTime!));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("validates → 400 naming content, parentModule and parentId", async () => {
    const res = await create({ parentModule: "Users", parentId: "x", content: "   ", title: "t".repeat(121) });
    expect(res.status).toBe(400);
    const { fields } = (await body(res)).error;
    expect(fields).toMatchObject({
      content: "Write something first",
      parentModule: expect.stringMatching(/Contacts, Accounts or Pipelines/),
      parentId: expect.stringMatching(/record id/),
      title: "At most 120 characters",
    });
    expect((await stats()).calls["POST /bigin/v2/Contacts/{id}/Notes"]).toBeUndefined();
  });

  it("answers 404 for a parent that does not exist", async () => {
    const res = await create({ parentModule: "Pipelines", parentId: "1234567890123456789", content: "Hello" });
    expect(res.status).toBe(404);
  });

  it("refuses a cross-site note (403)", async () => {
    const res = await create({ parentModule: "Contacts", parentId: await someContactId(), content: "x" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });
});

describe("PATCH and DELETE /api/notes/{id}", () => {
  it("edits a note's title and content, then deletes it", async () => {
    const id = await someContactId();
    const created = (await body(await create({ parentModule: "Contacts", parentId: id, content: "Draft" }))).item;
    const res = await PATCH(request(`/api/notes/${created.id}`, { method: "PATCH", body: { title: "Final", content: "Done." } }), ctx({ id: created.id }));
    expect(res.status).toBe(200);
    expect((await body(res)).item).toMatchObject({ id: created.id, title: "Final", content: "Done.", parent: { id } });
    const del = await DELETE(request(`/api/notes/${created.id}`, { method: "DELETE" }), ctx({ id: created.id }));
    expect(del.status).toBe(204);
    const notes = (await body(await CONTACT_NOTES(request(`/api/contacts/${id}/notes`), ctx({ id })))).items as Note[];
    expect(notes.map((n) => n.id)).not.toContain(created.id);
  });

  it("answers 404 when editing a note that does not exist, 400 when content is empty", async () => {
    const missing = await PATCH(request("/api/notes/1234567890123456789", { method: "PATCH", body: { content: "x" } }), ctx({ id: "1234567890123456789" }));
    expect(missing.status).toBe(404);
    const empty = await PATCH(request("/api/notes/1234567890123456789", { method: "PATCH", body: { content: "" } }), ctx({ id: "1234567890123456789" }));
    expect(empty.status).toBe(400);
  });
});

describe("GET /api/notes and record notes", () => {
  it("lists recent notes across records, newest first", async () => {
    const res = await RECENT(request("/api/notes?perPage=30"), ctx());
    expect(res.status).toBe(200);
    const { items, info } = await body(res);
    expect(items).toHaveLength(30);
    expect(info.more).toBe(true);
    const times = (items as Note[]).map((n) => Date.parse(n.createdTime!));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const n of items as Note[]) expect(["Contacts", "Accounts", "Pipelines"]).toContain(n.parent!.module);
  });

  it("filters recent notes by parent module", async () => {
    const res = await RECENT(request("/api/notes?module=Pipelines&perPage=50"), ctx());
    expect(res.status).toBe(200);
    const { items } = await body(res);
    expect(items.length).toBeGreaterThan(0);
    for (const n of items as Note[]) expect(n.parent!.module).toBe("Pipelines");
    const bad = await RECENT(request("/api/notes?module=Tasks"), ctx());
    expect(bad.status).toBe(400);
  });

  it("lists notes of a deal and of a company", async () => {
    const recent = (await body(await RECENT(request("/api/notes?perPage=200"), ctx()))).items as Note[];
    const onDeal = recent.find((n) => n.parent?.module === "Pipelines")!;
    const dealNotes = (await body(await DEAL_NOTES(request(`/api/deals/${onDeal.parent!.id}/notes`), ctx({ id: onDeal.parent!.id })))).items as Note[];
    expect(dealNotes.map((n) => n.id)).toContain(onDeal.id);
    const { listCompanies } = await import("@/lib/bigin/companies");
    const company = (await listCompanies(state.conn!, { perPage: 1 })).items[0];
    const added = (await body(await create({ parentModule: "Accounts", parentId: company.id, content: "On a company" }))).item;
    const res = await COMPANY_NOTES(request(`/api/companies/${company.id}/notes`), ctx({ id: company.id }));
    expect((await body(res)).items.map((n: Note) => n.id)).toContain(added.id);
    const unknown = await DEAL_NOTES(request("/api/deals/1234567890123456789/notes"), ctx({ id: "1234567890123456789" }));
    expect(unknown.status).toBe(404);
  });
});
