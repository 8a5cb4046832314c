// GET/POST /oauth/v2/auth: consent page, validation, accept and deny redirects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "./server";
import {
  APP_SCOPES,
  DEMO_CLIENT_ID,
  REDIRECT_URI,
  authorize,
  exchange,
  startTestSandbox,
  USERS,
} from "./test-helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

const authUrl = (origin: string, params: Record<string, string>) =>
  `${origin}/oauth/v2/auth?${new URLSearchParams({ response_type: "code", client_id: DEMO_CLIENT_ID, redirect_uri: REDIRECT_URI, scope: APP_SCOPES, state: "abc", ...params })}`;

describe("GET /oauth/v2/auth", () => {
  it("renders a consent page with users, an Organization select, Accept and Deny", async () => {
    const res = await fetch(authUrl(sb.origins.us, {}));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(
      /<input type="radio" name="user" value="60012345678"[^>]*> Ada Lovelace — ada@example\.com \(US\)<\/label>/,
    );
    expect(html).toContain("Emil Weber — emil@example.eu (EU)");
    expect(html).toContain("Grace Hopper — grace@example.com (US)");
    expect(html).toMatch(
      /<label for="org">Organization<\/label>\s*<select id="org" name="org"><option value="749001001">Analytical Engines Inc<\/option><\/select>/,
    );
    expect(html).toMatch(/<button[^>]*value="accept">Accept<\/button>/);
    expect(html).toMatch(/<button[^>]*value="deny">Deny<\/button>/);
    expect(html).toContain("ZohoBigin.coql.READ");
    expect(html).toContain("Bigin Dashboard");
    // Grace's radio carries both of her orgs for the org picker.
    expect(html).toContain("Cobol Works LLC");
  });

  it("accepts space-separated scopes", async () => {
    const res = await fetch(
      authUrl(sb.origins.us, { scope: "ZohoBigin.modules.ALL ZohoBigin.settings.ALL" }),
    );
    expect(res.status).toBe(200);
  });

  it.each([
    ["unknown client_id", { client_id: "1000.NOPE" }, "Invalid Client"],
    [
      "unregistered redirect_uri",
      { redirect_uri: "http://localhost:3000/evil" },
      "Invalid Redirect Uri",
    ],
    [
      "redirect_uri with a trailing slash",
      { redirect_uri: REDIRECT_URI + "/" },
      "Invalid Redirect Uri",
    ],
    ["response_type=token", { response_type: "token" }, "Invalid Response Type"],
    ["unknown scope", { scope: "ZohoBigin.modules.ALL,Evil.scope" }, "Invalid OAuth Scope"],
    ["missing scope", { scope: "" }, "Invalid OAuth Scope"],
  ])("rejects %s with an HTML error page and no redirect", async (_name, params, title) => {
    const res = await fetch(authUrl(sb.origins.us, params), { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain(title);
  });
});

describe("POST /oauth/v2/auth (consent decision)", () => {
  it("Accept redirects with state, code, location and the URL-encoded accounts-server", async () => {
    const res = await fetch(`${sb.origins.us}/oauth/v2/auth`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        response_type: "code",
        client_id: DEMO_CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        scope: APP_SCOPES,
        state: "s 1/2",
        user: USERS.ada.zuid,
        action: "accept",
      }),
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location.startsWith(REDIRECT_URI + "?state=s%201%2F2&code=1000.")).toBe(true);
    expect(location).toContain(`&location=us&accounts-server=${encodeURIComponent(sb.origins.us)}`);
    const q = new URL(location).searchParams;
    expect(q.get("code")).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
  });

  it("an EU user gets the EU accounts server even when consenting on the US origin", async () => {
    const q = await authorize(sb.origins.us, { user: "emil" });
    expect(q.get("location")).toBe("eu");
    expect(q.get("accounts-server")).toBe(sb.origins.eu);
    const { json } = await exchange(sb.origins.eu, q.get("code")!);
    expect(json.api_domain).toBe(sb.origins.eu);
  });

  it("Deny redirects with error=access_denied and the state", async () => {
    const q = await authorize(sb.origins.us, { action: "deny", state: "xyz" });
    expect(q.get("error")).toBe("access_denied");
    expect(q.get("state")).toBe("xyz");
    expect(q.get("code")).toBeNull();
  });

  it("binds the chosen org; a user cannot pick an org they are not in", async () => {
    const q = await authorize(sb.origins.us, { user: "grace", org: USERS.grace.org2 });
    const { json } = await exchange(sb.origins.us, q.get("code")!);
    const org = await fetch(`${sb.origins.us}/bigin/v2/org`, {
      headers: { authorization: `Zoho-oauthtoken ${json.access_token}` },
    });
    expect((await org.json()).org[0].company_name).toBe("Cobol Works LLC");

    const res = await fetch(`${sb.origins.us}/oauth/v2/auth`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        response_type: "code",
        client_id: DEMO_CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        scope: APP_SCOPES,
        user: USERS.ada.zuid,
        org: USERS.grace.org2,
        action: "accept",
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });

  it("re-validates the client and redirect URI on the form post", async () => {
    const res = await fetch(`${sb.origins.us}/oauth/v2/auth`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        response_type: "code",
        client_id: DEMO_CLIENT_ID,
        redirect_uri: "https://evil.example/cb",
        scope: APP_SCOPES,
        user: USERS.ada.zuid,
        action: "accept",
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });
});
