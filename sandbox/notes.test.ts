// Notes: create (three body shapes + related path), read shape, list, related list, update, delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { admin, api, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
let token: string;
const call = (method: string, path: string, body?: unknown) =>
  api(sb.origins.us, token, method, path, body);
let contact: { id: string; Full_Name: string };
let deal: { id: string; Deal_Name: string };

beforeAll(async () => {
  sb = await startTestSandbox({ seed: { contacts: 40, companies: 10, deals: 20, notes: 60 } });
  token = (await signIn(sb)).accessToken;
  contact = (await call("GET", "/bigin/v2/Contacts?fields=Full_Name&per_page=1")).json.data[0];
  deal = (await call("GET", "/bigin/v2/Pipelines?fields=Deal_Name&per_page=1")).json.data[0];
});
afterAll(() => sb.close());

describe("POST /bigin/v2/Notes and /{module}/{id}/Notes", () => {
  it("creates notes from Parent_Id+$se_module, nested Parent_Id and the related path", async () => {
    const r = await call("POST", "/bigin/v2/Notes", {
      data: [
        {
          Note_Title: "Call summary",
          Note_Content: "Agreed to a demo.",
          Parent_Id: contact.id,
          $se_module: "Contacts",
        },
        {
          Note_Content: "Nested parent",
          Parent_Id: { module: { api_name: "Pipelines" }, id: deal.id },
        },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.json.data.every((x: { code: string }) => x.code === "SUCCESS")).toBe(true);
    const rel = await call("POST", `/bigin/v2/Contacts/${contact.id}/Notes`, {
      data: [{ Note_Title: "Via path", Note_Content: "Related create" }],
    });
    expect(rel.status).toBe(201);
    const note = (await call("GET", `/bigin/v2/Notes/${rel.json.data[0].details.id}`)).json.data[0];
    expect(note).toMatchObject({
      Note_Title: "Via path",
      Note_Content: "Related create",
      Parent_Id: { name: contact.Full_Name, id: contact.id },
      $se_module: "Contacts",
      Owner: { name: "Ada Lovelace" },
      Created_Time: expect.stringMatching(/-05:00$/),
    });
    const nested = (await call("GET", `/bigin/v2/Notes/${r.json.data[1].details.id}`)).json.data[0];
    expect(nested).toMatchObject({
      Parent_Id: { name: deal.Deal_Name, id: deal.id },
      $se_module: "Pipelines",
    });
  });

  it("validates Note_Content, the parent and its module", async () => {
    const r = await call("POST", "/bigin/v2/Notes", {
      data: [
        { Note_Title: "no content", Parent_Id: contact.id, $se_module: "Contacts" },
        { Note_Content: "no parent" },
        { Note_Content: "bad parent", Parent_Id: "1234567890123456789", $se_module: "Contacts" },
        { Note_Content: "bad module", Parent_Id: contact.id, $se_module: "Spaceships" },
        { Note_Content: "x".repeat(32001), Parent_Id: contact.id, $se_module: "Contacts" },
      ],
    });
    expect(r.status).toBe(400);
    expect(
      r.json.data.map(
        (x: { code: string; details: { api_name: string } }) => `${x.code}:${x.details.api_name}`,
      ),
    ).toEqual([
      "MANDATORY_NOT_FOUND:Note_Content",
      "MANDATORY_NOT_FOUND:Parent_Id",
      "INVALID_DATA:Parent_Id",
      "INVALID_DATA:$se_module",
      "INVALID_DATA:Note_Content",
    ]);
    expect(
      (
        await call("POST", "/bigin/v2/Contacts/1234567890123456789/Notes", {
          data: [{ Note_Content: "x" }],
        })
      ).status,
    ).toBe(400);
  });
});

describe("GET /bigin/v2/Notes and /{module}/{id}/Notes", () => {
  it("lists all notes newest first by Modified_Time with Parent_Id and $se_module", async () => {
    const r = await call(
      "GET",
      "/bigin/v2/Notes?fields=Note_Content,Parent_Id,Modified_Time&sort_by=Modified_Time&sort_order=desc&per_page=20",
    );
    expect(r.status).toBe(200);
    const times = r.json.data.map((n: { Modified_Time: string }) => Date.parse(n.Modified_Time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(r.json.data[0]).toHaveProperty("$se_module");
    expect((await call("GET", "/bigin/v2/Notes")).json.code).toBe("REQUIRED_PARAM_MISSING");
  });

  it("lists one record's notes only", async () => {
    const r = await call(
      "GET",
      `/bigin/v2/Contacts/${contact.id}/Notes?fields=Note_Content,Parent_Id`,
    );
    expect(r.status).toBe(200);
    expect(r.json.data.length).toBeGreaterThanOrEqual(2);
    expect(
      r.json.data.every((n: { Parent_Id: { id: string } }) => n.Parent_Id.id === contact.id),
    ).toBe(true);
    const fresh = await call("POST", "/bigin/v2/Accounts", {
      data: [{ Account_Name: "Noteless Ltd" }],
    });
    expect(
      (
        await call(
          "GET",
          `/bigin/v2/Accounts/${fresh.json.data[0].details.id}/Notes?fields=Note_Content`,
        )
      ).status,
    ).toBe(204);
  });
});

describe("PUT and DELETE /bigin/v2/Notes", () => {
  it("updates via /Notes/{id} and /Notes; deletes via /Notes/{id} and ?ids=", async () => {
    const made = await call("POST", `/bigin/v2/Pipelines/${deal.id}/Notes`, {
      data: [{ Note_Content: "one" }, { Note_Content: "two" }, { Note_Content: "three" }],
    });
    const [a, b, c] = made.json.data.map((x: { details: { id: string } }) => x.details.id);
    expect(
      (await call("PUT", `/bigin/v2/Notes/${a}`, { data: [{ Note_Content: "one (edited)" }] })).json
        .data[0].code,
    ).toBe("SUCCESS");
    const bulk = await call("PUT", "/bigin/v2/Notes", {
      data: [
        { id: b, Note_Title: "Titled" },
        { id: c, Note_Content: "" },
      ],
    });
    expect(bulk.json.data.map((x: { code: string }) => x.code)).toEqual([
      "SUCCESS",
      "MANDATORY_NOT_FOUND",
    ]);
    expect((await admin(sb.origins.us, "GET", `/records/Notes/${a}`)).json).toMatchObject({
      Note_Content: "one (edited)",
      Parent_Id: { id: deal.id },
      $se_module: "Pipelines",
    });
    expect((await admin(sb.origins.us, "GET", `/records/Notes/${b}`)).json.Note_Title).toBe(
      "Titled",
    );
    expect((await call("DELETE", `/bigin/v2/Notes/${a}`)).json.data[0]).toMatchObject({
      code: "SUCCESS",
      details: { id: a },
    });
    expect(
      (await call("DELETE", `/bigin/v2/Notes?ids=${b},${c}`)).json.data.map(
        (x: { code: string }) => x.code,
      ),
    ).toEqual(["SUCCESS", "SUCCESS"]);
    expect((await call("GET", `/bigin/v2/Notes/${b}`)).status).toBe(204);
  });
});
