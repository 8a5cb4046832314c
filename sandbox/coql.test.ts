// POST /bigin/v2/coql: the supported SELECT subset and its errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { api, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
let token: string;
const coql = (select_query: string) =>
  api(sb.origins.us, token, "POST", "/bigin/v2/coql", { select_query });

beforeAll(async () => {
  sb = await startTestSandbox({ seed: { contacts: 300, companies: 40, deals: 120, notes: 20 } });
  token = (await signIn(sb)).accessToken;
});
afterAll(() => sb.close());

describe("POST /bigin/v2/coql", () => {
  it("selects columns with where, order by, limit and offset", async () => {
    const r = await coql(
      "select Deal_Name, Amount, Stage from Pipelines where Amount > 10000 and Stage != 'Closed Lost' order by Amount desc limit 5 offset 1",
    );
    expect(r.status).toBe(200);
    expect(r.json.data).toHaveLength(5);
    expect(Object.keys(r.json.data[0]).sort()).toEqual(["Amount", "Deal_Name", "Stage", "id"]);
    const amounts = r.json.data.map((d: { Amount: number }) => d.Amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(
      r.json.data.every(
        (d: { Amount: number; Stage: string }) => d.Amount > 10000 && d.Stage !== "Closed Lost",
      ),
    ).toBe(true);
    expect(r.json.info).toEqual({ count: 5, more_records: true });
    const first = await coql(
      "select Deal_Name, Amount from Pipelines where Amount > 10000 and Stage != 'Closed Lost' order by Amount desc limit 1",
    );
    expect(first.json.data[0].Amount).toBeGreaterThanOrEqual(amounts[0]);
  });

  it("supports like, in, between, is null, or with parentheses and lookup dot notation", async () => {
    const like = await coql(
      "select Last_Name, Email from Contacts where Email like '%@%.example' limit 3",
    );
    expect(like.json.data).toHaveLength(3);
    const inq = await coql(
      "select Stage from Pipelines where Stage in ('Closed Won', 'Closed Lost') limit 200",
    );
    expect(inq.json.data.every((d: { Stage: string }) => d.Stage.startsWith("Closed"))).toBe(true);
    const between = await coql(
      "select Closing_Date from Pipelines where Closing_Date between '2026-01-01' and '2026-12-31' limit 200",
    );
    expect(
      between.json.data.every((d: { Closing_Date: string }) => d.Closing_Date.startsWith("2026")),
    ).toBe(true);
    const nulls = await coql("select Title from Contacts where Title is null limit 200");
    expect(nulls.json.data.every((d: { Title: null }) => d.Title === null)).toBe(true);
    const acct = (
      await api(sb.origins.us, token, "GET", "/bigin/v2/Accounts?fields=Account_Name&per_page=1")
    ).json.data[0];
    const dot = await coql(
      `select Last_Name, Account_Name.Account_Name from Contacts where (Account_Name.Account_Name = '${acct.Account_Name.replace(/'/g, "''")}' or Account_Name = '${acct.id}') limit 200`,
    );
    expect(dot.status).toBe(200);
    expect(
      dot.json.data.every(
        (d: Record<string, string>) => d["Account_Name.Account_Name"] === acct.Account_Name,
      ),
    ).toBe(true);
  });

  it("returns 204 when nothing matches", async () => {
    const r = await coql("select Last_Name from Contacts where Last_Name = 'Nobody-at-all'");
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
  });

  it.each([
    ["select from Contacts", "SYNTAX_ERROR"],
    ["select Last_Name Contacts", "SYNTAX_ERROR"],
    ["select Last_Name from Contacts where Last_Name = 'unterminated", "SYNTAX_ERROR"],
    ["delete from Contacts", "SYNTAX_ERROR"],
    ["select Nope from Contacts", "INVALID_QUERY"],
    ["select Last_Name from Leads", "INVALID_QUERY"],
    ["select Last_Name from Contacts where Nope = 1", "INVALID_QUERY"],
    ["select Last_Name from Contacts limit 201", "LIMIT_EXCEEDED"],
    ["select Last_Name from Contacts limit 200 offset 9900", "LIMIT_EXCEEDED"],
  ])("%s → %s", async (query, code) => {
    const r = await coql(query);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code, status: "error" });
  });

  it("missing select_query → REQUIRED_PARAM_MISSING", async () => {
    const r = await api(sb.origins.us, token, "POST", "/bigin/v2/coql", {});
    expect(r.json).toMatchObject({
      code: "REQUIRED_PARAM_MISSING",
      details: { param_name: "select_query" },
    });
  });
});
