// `npm run sandbox` (sandbox/cli.ts): env parsing, the printed origins, loopback refusal, clean shutdown.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");
const CLI = join(process.cwd(), "sandbox", "cli.ts");

function runCli(env: Record<string, string>) {
  const child = spawn(TSX, [CLI], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 20_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  };
  return { child, exited, waitFor, output: () => out };
}

describe("sandbox CLI", () => {
  it("serves each DC on consecutive ports, lists users, and stops on SIGTERM", async () => {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const cli = runCli({
      SANDBOX_PORT: String(base),
      SANDBOX_DCS: "us,eu",
      SANDBOX_CONTACTS: "10",
      SANDBOX_REDIRECT_URIS: "http://127.0.0.1:3999/cb",
    });
    try {
      const out = await cli.waitFor(/grace@example\.com/);
      expect(out).toContain(`Bigin sandbox us  http://127.0.0.1:${base}`);
      expect(out).toContain(`Bigin sandbox eu  http://127.0.0.1:${base + 1}`);
      expect(out).toMatch(/ada@example\.com\s+Ada Lovelace \(US\)/);
      const clients = await (await fetch(`http://127.0.0.1:${base + 1}/__sandbox/clients`)).json();
      expect(clients.clients[0].redirect_uris).toContain("http://127.0.0.1:3999/cb");
      const orgs = await (await fetch(`http://127.0.0.1:${base}/__sandbox/orgs`)).json();
      expect(orgs.orgs[0].counts.contacts).toBe(10);
    } finally {
      cli.child.kill("SIGTERM");
    }
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain("SIGTERM: stopping Bigin sandbox");
  });

  it("refuses a non-loopback host", async () => {
    const cli = runCli({ SANDBOX_HOST: "0.0.0.0", SANDBOX_PORT: "0" });
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/only listens on loopback/);
  });
});
