// Request-level API errors: authentication, tokens across DCs, scopes, URL patterns, modules, concurrency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import { admin, api, authorize, exchange, signIn, startTestSandbox } from "./test-helpers";

let sb: Sandbox;
let ada: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  sb = await startTestSandbox({ seed: { contacts: 20, companies: 5, deals: 19, notes: 10 } });
  ada = await signIn(sb);
});
afterAll(() => sb.close());

const envelope = (code: string) => ({
  code,
  details: expect.any(Object),
  message: expect.any(String),
  status: "error",
});

async function tokenWith(scope: string) {
  const q = await authorize(sb.origins.us, { scope });
  return String((await exchange(sb.origins.us, q.get("code")!)).json.access_token);
}

describe("Authorization header", () => {
  it("missing → 401 AUTHENTICATION_FAILURE", async () => {
    const r = await api(sb.origins.us, null, "GET", "/bigin/v2/Contacts?fields=Last_Name");
    expect(r.status).toBe(401);
    expect(r.json).toEqual(envelope("AUTHENTICATION_FAILURE"));
  });

  it("Bearer instead of Zoho-oauthtoken → 401 AUTHENTICATION_FAILURE", async () => {
    const r = await api(sb.origins.us, null, "GET", "/bigin/v2/org", undefined, {
      authorization: `Bearer ${ada.accessToken}`,
    });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe("AUTHENTICATION_FAILURE");
  });

  it("unknown token → 401 INVALID_TOKEN", async () => {
    const r = await api(
      sb.origins.us,
      "1000.00000000000000000000000000000000.00000000000000000000000000000000",
      "GET",
      "/bigin/v2/org",
    );
    expect(r.status).toBe(401);
    expect(r.json).toEqual(envelope("INVALID_TOKEN"));
  });

  it("a token used on the other DC's API → 401 INVALID_TOKEN", async () => {
    const emil = await signIn(sb, { user: "emil" });
    expect((await api(sb.origins.eu, emil.accessToken, "GET", "/bigin/v2/org")).status).toBe(200);
    const cross = await api(sb.origins.us, emil.accessToken, "GET", "/bigin/v2/org");
    expect(cross.status).toBe(401);
    expect(cross.json.code).toBe("INVALID_TOKEN");
    expect((await api(sb.origins.eu, ada.accessToken, "GET", "/bigin/v2/org")).json.code).toBe(
      "INVALID_TOKEN",
    );
  });

  it("expired (admin tokens/expire) and revoked (admin tokens/revoke) → INVALID_TOKEN", async () => {
    const t = await signIn(sb, { accessType: "offline", prompt: "consent" });
    await admin(sb.origins.us, "POST", "/tokens/expire");
    expect((await api(sb.origins.us, t.accessToken, "GET", "/bigin/v2/org")).json.code).toBe(
      "INVALID_TOKEN",
    );
    ada = await signIn(sb);
    const t2 = await signIn(sb, { accessType: "offline", prompt: "consent" });
    await admin(sb.origins.eu, "POST", "/tokens/revoke"); // any DC origin revokes every DC's tokens
    expect((await api(sb.origins.us, t2.accessToken, "GET", "/bigin/v2/org")).json.code).toBe(
      "INVALID_TOKEN",
    );
    expect((await api(sb.origins.us, ada.accessToken, "GET", "/bigin/v2/org")).status).toBe(200); // online token: no refresh token
  });
});

describe("scopes → 401 OAUTH_SCOPE_MISMATCH", () => {
  it.each([
    [
      "records without a module scope",
      "ZohoBigin.settings.ALL",
      "GET",
      "/bigin/v2/Contacts?fields=Last_Name",
    ],
    [
      "another module's scope",
      "ZohoBigin.modules.Accounts.ALL",
      "GET",
      "/bigin/v2/Contacts?fields=Last_Name",
    ],
    [
      "READ scope used for a write",
      "ZohoBigin.modules.Contacts.READ",
      "POST",
      "/bigin/v2/Contacts",
    ],
    [
      "notes without a notes scope",
      "ZohoBigin.modules.Contacts.ALL",
      "GET",
      "/bigin/v2/Notes?fields=Note_Content",
    ],
    [
      "settings without settings scope",
      "ZohoBigin.modules.ALL",
      "GET",
      "/bigin/v2/settings/modules",
    ],
    [
      "users without users scope",
      "ZohoBigin.modules.ALL",
      "GET",
      "/bigin/v2/users?type=CurrentUser",
    ],
    ["org without org scope", "ZohoBigin.modules.ALL", "GET", "/bigin/v2/org"],
    ["COQL without coql scope", "ZohoBigin.modules.ALL", "POST", "/bigin/v2/coql"],
    [
      "search without securesearch",
      "ZohoBigin.modules.ALL",
      "GET",
      "/bigin/v2/Contacts/search?word=ab",
    ],
  ])("%s", async (_name, scope, method, path) => {
    const token = await tokenWith(scope);
    const body =
      method === "POST"
        ? path.endsWith("coql")
          ? { select_query: "select Last_Name from Contacts" }
          : { data: [{ Last_Name: "X" }] }
        : undefined;
    const r = await api(sb.origins.us, token, method, path, body);
    expect(r.status).toBe(401);
    expect(r.json).toEqual(envelope("OAUTH_SCOPE_MISMATCH"));
  });

  it("module-specific scopes are enough for their module", async () => {
    const token = await tokenWith("ZohoBigin.modules.Contacts.READ,ZohoBigin.settings.fields.READ");
    expect(
      (await api(sb.origins.us, token, "GET", "/bigin/v2/Contacts?fields=Last_Name")).status,
    ).toBe(200);
    expect(
      (await api(sb.origins.us, token, "GET", "/bigin/v2/settings/fields?module=Contacts")).status,
    ).toBe(200);
  });

  it("COQL needs the queried module's scope too", async () => {
    const token = await tokenWith("ZohoBigin.coql.READ,ZohoBigin.modules.Accounts.READ");
    const ok = await api(sb.origins.us, token, "POST", "/bigin/v2/coql", {
      select_query: "select Account_Name from Accounts limit 1",
    });
    expect(ok.status).toBe(200);
    const no = await api(sb.origins.us, token, "POST", "/bigin/v2/coql", {
      select_query: "select Last_Name from Contacts limit 1",
    });
    expect(no.json.code).toBe("OAUTH_SCOPE_MISMATCH");
  });
});

describe("URLs and modules", () => {
  it.each([
    "/bigin/v2/",
    "/bigin/v3/Contacts",
    "/bigin/v2/Contacts/123/Notes/456/x",
    "/bigin/v2/settings/nope",
    "/nothing/here",
  ])("unknown path %s → 404 INVALID_URL_PATTERN", async (path) => {
    const r = await api(sb.origins.us, ada.accessToken, "GET", path);
    expect(r.status).toBe(404);
    expect(r.json).toEqual(envelope("INVALID_URL_PATTERN"));
  });

  it.each([
    "/bigin/v2/Deals?fields=Deal_Name",
    "/bigin/v2/contacts?fields=Last_Name",
    "/bigin/v2/Leads/search?word=ab",
  ])("unknown module %s → 400 INVALID_MODULE", async (path) => {
    const r = await api(sb.origins.us, ada.accessToken, "GET", path);
    expect(r.status).toBe(400);
    expect(r.json).toEqual(envelope("INVALID_MODULE"));
  });

  it("settings with an unknown module → INVALID_MODULE; without module → REQUIRED_PARAM_MISSING", async () => {
    expect(
      (await api(sb.origins.us, ada.accessToken, "GET", "/bigin/v2/settings/fields?module=Deals"))
        .json.code,
    ).toBe("INVALID_MODULE");
    const r = await api(sb.origins.us, ada.accessToken, "GET", "/bigin/v2/settings/layouts");
    expect(r.json).toMatchObject({
      code: "REQUIRED_PARAM_MISSING",
      details: { param_name: "module" },
    });
  });

  it("an unsupported method → 400 INVALID_REQUEST_METHOD", async () => {
    const r = await api(sb.origins.us, ada.accessToken, "PATCH", "/bigin/v2/Contacts");
    expect(r.status).toBe(400);
    expect(r.json.code).toBe("INVALID_REQUEST_METHOD");
  });
});

describe("concurrency per org → 429 TOO_MANY_REQUESTS", () => {
  it("rejects calls beyond the limit while others are in flight, and admits them after", async () => {
    await admin(sb.origins.us, "POST", "/reset", { maxConcurrency: 3 });
    const token = (await signIn(sb)).accessToken;
    await admin(sb.origins.us, "POST", "/faults", { match: "GET /bigin/v2/org", latencyMs: 1000 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => api(sb.origins.us, token, "GET", "/bigin/v2/org")),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(results.find((r) => r.status === 429)!.json).toEqual(envelope("TOO_MANY_REQUESTS"));
    // Another org is not affected by this org's load.
    const grace2 = (await signIn(sb, { user: "grace", org: "749001002" })).accessToken;
    const mixed = await Promise.all([
      ...Array.from({ length: 3 }, () => api(sb.origins.us, token, "GET", "/bigin/v2/org")),
      api(sb.origins.us, grace2, "GET", "/bigin/v2/org"),
    ]);
    expect(mixed.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await admin(sb.origins.us, "DELETE", "/faults");
    expect((await api(sb.origins.us, token, "GET", "/bigin/v2/org")).status).toBe(200);
    const stats = (await admin(sb.origins.us, "GET", "/stats")).json;
    expect(stats.errors.TOO_MANY_REQUESTS).toBe(3);
    await admin(sb.origins.us, "POST", "/reset", {});
  });
});
