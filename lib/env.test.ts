import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, SANDBOX_DEMO_CLIENT, sandboxOrigins } from "./env";

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  return [];
}

describe("parseEnv", () => {
  it("uses the sandbox and its demo client in development when no client is configured", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.sandbox).toBe(true);
    expect(env.sandboxUrl).toBe("http://127.0.0.1:4010");
    expect(env.clientId).toBe(SANDBOX_DEMO_CLIENT.id);
    expect(env.accountsUrl).toBe("http://127.0.0.1:4010");
  });

  it("uses a real client and Zoho's US accounts server by default when one is configured", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      BIGIN_CLIENT_ID: "1000.ABCDEF1234567890",
      BIGIN_CLIENT_SECRET: "abc123",
      NEXTAUTH_SECRET: "a-long-enough-secret-value",
    });
    expect(env.sandbox).toBe(false);
    expect(env.accountsUrl).toBe("https://accounts.zoho.com");
    expect(env.clientId).toBe("1000.ABCDEF1234567890");
  });

  it("refuses production with neither a client nor a sandbox, naming each variable", () => {
    const p = problems({ NODE_ENV: "production" });
    expect(p.some((m) => m.includes("BIGIN_CLIENT_ID") && m.includes("BIGIN_SANDBOX_URL"))).toBe(true);
    expect(p.some((m) => m.startsWith("NEXTAUTH_SECRET"))).toBe(true);
  });

  it("allows production on the sandbox when BIGIN_SANDBOX_URL is set", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      BIGIN_SANDBOX_URL: "http://127.0.0.1:5010/",
      NEXTAUTH_SECRET: "a-long-enough-secret-value",
    });
    expect(env.sandbox).toBe(true);
    expect(env.sandboxUrl).toBe("http://127.0.0.1:5010");
  });

  it("names the missing half of a client", () => {
    expect(problems({ BIGIN_CLIENT_ID: "1000.ABCDEF1234567890" })[0]).toMatch(/^BIGIN_CLIENT_SECRET is missing/);
  });

  it("rejects malformed values with what is expected", () => {
    expect(problems({ BIGIN_SANDBOX_URL: "not a url" })[0]).toMatch(/BIGIN_SANDBOX_URL must be/);
    expect(
      problems({ BIGIN_CLIENT_ID: "abc", BIGIN_CLIENT_SECRET: "x" }).some((m) =>
        m.includes("BIGIN_CLIENT_ID must look like"),
      ),
    ).toBe(true);
  });

  it("lists the sandbox data-centre origins on consecutive ports", () => {
    const env = parseEnv({ BIGIN_SANDBOX_URL: "http://127.0.0.1:4010" });
    const origins = sandboxOrigins(env);
    expect(origins.get("us")).toBe("http://127.0.0.1:4010");
    expect(origins.get("eu")).toBe("http://127.0.0.1:4011");
    expect(sandboxOrigins(parseEnv({ BIGIN_CLIENT_ID: "1000.ABCDEF1234567890", BIGIN_CLIENT_SECRET: "s" })).size).toBe(0);
  });
});
