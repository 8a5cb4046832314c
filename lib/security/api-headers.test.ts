import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { API_CSP } from "./csp";

const nextConfig: unknown = createRequire(import.meta.url)("../../next.config.js");

/**
 * proxy.ts does not run for /api/* (issue 9): every API answer's security headers come from
 * next.config.js `headers()` alone. The e2e security spec checks them on real answers; this
 * checks the source, so a config edit that drops one fails here first.
 */
type Rule = { source: string; headers: { key: string; value: string }[] };

async function rules(): Promise<Rule[]> {
  return (await (nextConfig as { headers: () => Promise<Rule[]> }).headers());
}

/** The headers a path gets, as Next applies every matching rule in order (later wins). */
async function headersFor(path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of await rules()) {
    const prefix = r.source.replace(/\/?:path\*$/, "");
    if (path === prefix || path.startsWith(`${prefix}/`) || prefix === "") {
      for (const h of r.headers) out[h.key.toLowerCase()] = h.value;
    }
  }
  return out;
}

describe("API security headers (next.config.js)", () => {
  it.each(["/api/contacts", "/api/contacts/123", "/api/me", "/api/auth/session", "/api/no-such-route"])(
    "%s gets the deny-all CSP and every static security header",
    async (path) => {
      expect(await headersFor(path)).toEqual({
        "content-security-policy": API_CSP,
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        "x-frame-options": "DENY",
        "permissions-policy": expect.stringContaining("camera=()"),
        "cross-origin-opener-policy": "same-origin-allow-popups",
      });
    },
  );

  it("pages get no static CSP (the proxy sets one with a nonce) but the other headers", async () => {
    const h = await headersFor("/contacts");
    expect(h["content-security-policy"]).toBeUndefined();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
  });

  it("does not advertise the framework", () => {
    expect((nextConfig as { poweredByHeader?: boolean }).poweredByHeader).toBe(false);
  });
});
