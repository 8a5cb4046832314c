import { describe, expect, it } from "vitest";
import { callbackProblem, callbackProblemResponse } from "./callback-guard";

const q = (s: string) => new URLSearchParams(s);

describe("OAuth callback guard", () => {
  it("turns Deny into AccessDenied and other errors into OAuthCallback", () => {
    expect(callbackProblem(q("error=access_denied&state=x"))).toBe("AccessDenied");
    expect(callbackProblem(q("error=server_error"))).toBe("OAuthCallback");
  });

  it("stops a forged accounts-server, lets known ones and a missing one through", () => {
    expect(callbackProblem(q("code=c&accounts-server=https%3A%2F%2Fevil.example"))).toBe("UnknownDataCentre");
    expect(callbackProblem(q("code=c&location=eu&accounts-server=https%3A%2F%2Faccounts.zoho.eu"))).toBeNull();
    expect(callbackProblem(q("code=c&accounts-server=http%3A%2F%2F127.0.0.1%3A4011&"))).toBeNull();
    expect(callbackProblem(q("code=c"))).toBeNull();
  });

  it("redirects to the sign-in page and clears the attempt's cookies", () => {
    const res = callbackProblemResponse("AccessDenied", "http://127.0.0.1:3000");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://127.0.0.1:3000/signin?error=AccessDenied");
    expect(res.headers.getSetCookie().join("\n")).toMatch(/next-auth\.state=; Path=\/; Max-Age=0/);
  });
});
