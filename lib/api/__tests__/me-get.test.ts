import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encodeSessionToken, sessionCookieName } from "@/lib/auth/session-cookie";
import { body, ctx, request, setup, SMALL, state, stats, teardown } from "./harness";

vi.mock("@/lib/auth/connection", async (orig) => ({ ...(await orig<object>()), ...(await import("./harness")).connectionMock }));

const { GET } = await import("@/app/api/me/route");

beforeAll(() => setup(SMALL));
afterAll(teardown);

describe("GET /api/me", () => {
  it("describes the signed-in user from the session, without calling Bigin", async () => {
    const token = await encodeSessionToken({ name: "Ada Lovelace", email: "ada@example.com", org: { id: state.conn!.orgId!, name: "Acme" }, dc: "us" });
    const before = Object.values((await stats()).calls).reduce((a, b) => a + b, 0);
    const res = await GET(request("/api/me", { headers: { cookie: `${sessionCookieName()}=${token}` } }), ctx());
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
      dc: "us",
      org: { id: state.conn!.orgId, name: "Acme" },
      sandbox: true,
    });
    expect(JSON.stringify(await GET(request("/api/me", { headers: { cookie: `${sessionCookieName()}=${token}` } }), ctx()).then(body))).not.toContain(state.conn!.accessToken);
    expect(Object.values((await stats()).calls).reduce((a, b) => a + b, 0)).toBe(before);
  });

  it("answers 401 when signed out", async () => {
    state.signedIn = false;
    expect((await GET(request("/api/me"), ctx())).status).toBe(401);
    state.signedIn = true;
  });
});
