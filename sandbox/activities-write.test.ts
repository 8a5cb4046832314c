// Unseeded modules (Events, Calls, Products, Tasks): empty lists, datetime and picklist validation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { api, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
let token: string;
const call = (method: string, path: string, body?: unknown) =>
  api(sb.origins.us, token, method, path, body);

beforeAll(async () => {
  sb = await startTestSandbox({ seed: { contacts: 5, companies: 2, deals: 19, notes: 0 } });
  token = (await signIn(sb)).accessToken;
});
afterAll(() => sb.close());

describe("POST /bigin/v2/Events", () => {
  it("stores date-times in the org's offset and rejects malformed ones", async () => {
    expect((await call("GET", "/bigin/v2/Events?fields=Event_Title")).status).toBe(204);
    const r = await call("POST", "/bigin/v2/Events", {
      data: [
        {
          Event_Title: "Demo",
          Start_DateTime: "2026-12-01T15:00:00Z",
          End_DateTime: "2026-12-01T16:30:00+00:00",
        },
        {
          Event_Title: "Bad",
          Start_DateTime: "2026-12-01 15:00",
          End_DateTime: "2026-12-01T16:00:00Z",
        },
        {
          Event_Title: "Bad hour",
          Start_DateTime: "2026-12-01T25:00:00Z",
          End_DateTime: "2026-12-01T16:00:00Z",
        },
        { Event_Title: "Missing end", Start_DateTime: "2026-12-01T15:00:00Z" },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.json.data.map((x: { code: string }) => x.code)).toEqual([
      "SUCCESS",
      "INVALID_DATA",
      "INVALID_DATA",
      "MANDATORY_NOT_FOUND",
    ]);
    expect(r.json.data[1].details).toMatchObject({
      api_name: "Start_DateTime",
      expected_data_type: "datetime",
    });
    const ev = (await call("GET", `/bigin/v2/Events/${r.json.data[0].details.id}`)).json.data[0];
    expect(ev).toMatchObject({
      Start_DateTime: "2026-12-01T10:00:00-05:00",
      End_DateTime: "2026-12-01T11:30:00-05:00",
    });
  });
});

describe("POST /bigin/v2/Calls, Products, Tasks", () => {
  it("checks mandatory picklists, unique product names and task dates", async () => {
    const calls = await call("POST", "/bigin/v2/Calls", {
      data: [
        {
          Subject: "Intro",
          Call_Type: "Outbound",
          Call_Start_Time: "2026-12-01T09:00:00-05:00",
          Call_Duration: "10:00",
        },
        {
          Subject: "Weird",
          Call_Type: "Telepathic",
          Call_Start_Time: "2026-12-01T09:00:00-05:00",
          Call_Duration: "1",
        },
      ],
    });
    expect(calls.json.data.map((x: { code: string }) => x.code)).toEqual([
      "SUCCESS",
      "INVALID_DATA",
    ]);
    const products = await call("POST", "/bigin/v2/Products", {
      data: [
        { Product_Name: "Difference Engine", Unit_Price: 1200.5 },
        { Product_Name: "difference engine" },
        { Product_Name: "Loom", Unit_Price: 1e17 },
      ],
    });
    expect(products.json.data.map((x: { code: string }) => x.code)).toEqual([
      "SUCCESS",
      "DUPLICATE_DATA",
      "INVALID_DATA",
    ]);
    expect(products.json.data[2].details).toMatchObject({
      api_name: "Unit_Price",
      maximum_length: 16,
    });
    const tasks = await call("POST", "/bigin/v2/Tasks", {
      data: [{ Subject: "Follow up", Due_Date: "2026-12-24", Status: "Not Started" }],
    });
    expect(tasks.status).toBe(201);
    const listed = await call("GET", "/bigin/v2/Tasks?fields=Subject,Due_Date,Status");
    expect(listed.json.data).toEqual([
      {
        id: tasks.json.data[0].details.id,
        Subject: "Follow up",
        Due_Date: "2026-12-24",
        Status: "Not Started",
      },
    ]);
  });
});
