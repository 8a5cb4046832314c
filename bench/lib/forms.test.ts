import { describe, expect, it } from "vitest";
import { CookieJar } from "./http";
import { parseForms, submission } from "./forms";

const consent = `
<html><body><h1>Bigin Sandbox wants to access your account</h1>
<form method="post" action="/oauth/v2/auth/consent">
  <input type="hidden" name="request" value="abc&amp;def">
  <fieldset><legend>Sign in as</legend>
    <label><input type="radio" name="zuid" value="101" checked> Ada Lovelace (ada@example.com) — US</label>
    <label><input type="radio" name="zuid" value="202"> Emil (emil@example.eu) — EU</label>
  </fieldset>
  <label for="org">Organization</label>
  <select id="org" name="org"><option value="9001">Analytical Engines</option><option value="9002" selected>Other</option></select>
  <button type="submit" name="decision" value="accept">Accept</button>
  <button type="submit" name="decision" value="deny">Deny</button>
</form></body></html>`;

describe("consent form submission", () => {
  it("picks the user's radio by email, keeps hidden fields and the selected org, presses Accept", () => {
    const [form] = parseForms(consent);
    expect(form.method).toBe("post");
    expect(form.action).toBe("/oauth/v2/auth/consent");
    expect(submission(form, "emil@example.eu", "Accept")).toEqual({ request: "abc&def", zuid: "202", org: "9002", decision: "accept" });
  });

  it("says which users exist when the wanted one is not offered", () => {
    const [form] = parseForms(consent);
    expect(() => submission(form, "nobody@example.com", "Accept")).toThrow(/ada@example.com/);
  });
});

describe("cookie jar", () => {
  it("keeps, replaces and deletes cookies like a browser", () => {
    const jar = new CookieJar();
    jar.store(["a=1; Path=/; HttpOnly", "b=2"]);
    jar.store(["a=3; Path=/", "b=; Max-Age=0"]);
    expect(jar.header()).toBe("a=3");
  });
});
