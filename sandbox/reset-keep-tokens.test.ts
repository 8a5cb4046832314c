// POST /__sandbox/reset {"keepTokens": true}: data reseeded, signed-in tokens (e2e storageState) kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { admin, api, refresh, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

describe("POST /__sandbox/reset with keepTokens", () => {
  it("reseeds the data but keeps access and refresh tokens working, on every DC", async () => {
    await admin(sb.origins.us, "POST", "/reset", { contacts: 20 });
    const ada = await signIn(sb, { user: "ada", accessType: "offline" });
    const emil = await signIn(sb, { user: "emil" });
    const created = await api(sb.origins.us, ada.accessToken, "POST", "/bigin/v2/Contacts", {
      data: [{ Last_Name: "Gone after reset" }],
    });
    const id = created.json.data[0].details.id as string;

    const r = await admin(sb.origins.us, "POST", "/reset", { contacts: 20, keepTokens: true });
    expect(r.status).toBe(200);
    // Data is fresh: the contact created before the reset is gone …
    expect(
      (await api(sb.origins.us, ada.accessToken, "GET", `/bigin/v2/Contacts/${id}`)).status,
    ).toBe(204);
    // … stats were cleared, and the tokens still work on their own DC.
    expect((await admin(sb.origins.us, "GET", "/stats")).json.calls).toEqual({
      "GET /bigin/v2/Contacts/{id}": 1,
    });
    expect((await api(emil.apiDomain, emil.accessToken, "GET", "/bigin/v2/org")).status).toBe(200);
    const again = await refresh(ada.accountsServer, ada.refreshToken!);
    expect(again.json).toMatchObject({ access_token: expect.any(String) });
  });

  it("a plain reset still clears tokens, and keepTokens must be a boolean", async () => {
    const ada = await signIn(sb, { user: "ada" });
    await admin(sb.origins.us, "POST", "/reset", {});
    expect((await api(sb.origins.us, ada.accessToken, "GET", "/bigin/v2/org")).json.code).toBe(
      "INVALID_TOKEN",
    );
    const bad = await admin(sb.origins.us, "POST", "/reset", { keepTokens: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("keepTokens");
  });
});
