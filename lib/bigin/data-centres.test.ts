import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { dcForAccountsServer, dcForApiDomain, normaliseOrigin } from "./data-centres";

const zohoEnv = parseEnv({ NODE_ENV: "production", BIGIN_CLIENT_ID: "1000.ABCDEFGHIJKLMN", BIGIN_CLIENT_SECRET: "x", NEXTAUTH_SECRET: "0123456789abcdef0123" });
const sandboxEnv = parseEnv({ NODE_ENV: "test", BIGIN_SANDBOX_URL: "http://127.0.0.1:4010" });

describe("data-centre allow-list", () => {
  it("knows every Zoho accounts server and API domain of bigin-api.md §1", () => {
    expect(dcForAccountsServer("https://accounts.zoho.com", zohoEnv)).toBe("us");
    expect(dcForAccountsServer("https://accounts.zoho.eu/", zohoEnv)).toBe("eu");
    expect(dcForAccountsServer("https://accounts.zohocloud.ca", zohoEnv)).toBe("ca");
    expect(dcForAccountsServer("https://accounts.zoho.com.cn", zohoEnv)).toBe("cn");
    expect(dcForApiDomain("https://www.zohoapis.com.au", zohoEnv)).toBe("au");
    expect(dcForApiDomain("https://www.zohoapis.sa", zohoEnv)).toBe("sa");
  });

  it("rejects look-alikes, other schemes, credentials and paths", () => {
    for (const bad of [
      "https://accounts.zoho.com.evil.example",
      "https://evil.example",
      "http://accounts.zoho.com",
      "https://accounts.zoho.com@evil.example",
      "https://evil.example@accounts.zoho.com",
      "https://accounts.zoho.com/oauth/v2/token",
      "https://accounts.zoho.com?x=1",
      "javascript:alert(1)",
      "",
      null,
    ]) {
      expect(dcForAccountsServer(bad, zohoEnv), String(bad)).toBeNull();
    }
    expect(dcForApiDomain("https://accounts.zoho.com", zohoEnv)).toBeNull();
  });

  it("accepts the sandbox's own origins only in sandbox mode", () => {
    expect(dcForAccountsServer("http://127.0.0.1:4010", sandboxEnv)).toBe("us");
    expect(dcForAccountsServer("http://127.0.0.1:4011", sandboxEnv)).toBe("eu");
    expect(dcForApiDomain("http://127.0.0.1:4011", sandboxEnv)).toBe("eu");
    expect(dcForAccountsServer("http://127.0.0.1:4099", sandboxEnv)).toBeNull();
    expect(dcForAccountsServer("http://localhost:4010", sandboxEnv)).toBeNull();
    expect(dcForAccountsServer("http://127.0.0.1:4010", zohoEnv)).toBeNull();
  });

  it("normalises an origin or refuses", () => {
    expect(normaliseOrigin(" https://accounts.zoho.eu/ ")).toBe("https://accounts.zoho.eu");
    expect(normaliseOrigin("https://accounts.zoho.eu#x")).toBeNull();
  });
});
