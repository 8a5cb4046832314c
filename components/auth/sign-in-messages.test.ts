import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInMessage } from "./sign-in-messages";

describe("sign-in messages", () => {
  it("says plainly that the user chose not to connect, and explains a forged data centre", () => {
    expect(signInMessage("AccessDenied")?.title).toBe("You chose not to connect Bigin");
    expect(signInMessage("UnknownDataCentre")?.body).toMatch(/data centre we don't recognise/);
    expect(signInMessage("OAuthCallback")?.tone).toBe("error");
    expect(signInMessage(null)).toBeNull();
  });

  it("keeps callbackUrl inside the app", () => {
    expect(safeCallbackPath("/contacts?q=ada")).toBe("/contacts?q=ada");
    expect(safeCallbackPath("http://127.0.0.1:3000/pipelines")).toBe("/pipelines");
    expect(safeCallbackPath("https://evil.example/phish")).toBe("/phish");
    expect(safeCallbackPath("//evil.example")).toBe("/");
    expect(safeCallbackPath("/signin?error=x")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});
