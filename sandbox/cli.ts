// `npm run sandbox`: start the Bigin sandbox from environment variables (see sandbox/README.md).
import { startSandbox, type SandboxOptions } from "./server";
import { ALL_DCS, type Dc } from "./world";

function intEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${name} must be a non-negative integer (got "${raw}")`);
    process.exit(1);
  }
  return n;
}

async function main() {
  const host = process.env.SANDBOX_HOST ?? "127.0.0.1";
  const dcs = (process.env.SANDBOX_DCS ?? "us,eu")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = dcs.filter((d) => !(ALL_DCS as readonly string[]).includes(d));
  if (unknown.length) {
    console.error(
      `SANDBOX_DCS: unknown data centre(s) ${unknown.join(", ")}; use ${ALL_DCS.join(", ")}`,
    );
    process.exit(1);
  }
  const opts: SandboxOptions = {
    host,
    basePort: intEnv("SANDBOX_PORT") ?? 4010,
    dcs: dcs as Dc[],
    accessTokenTtlS: intEnv("SANDBOX_ACCESS_TOKEN_TTL_S"),
    limits: process.env.SANDBOX_LIMITS === "off" ? false : true,
    maxConcurrency: intEnv("SANDBOX_MAX_CONCURRENCY"),
    dataFile: process.env.SANDBOX_DATA || undefined,
    redirectUris: (process.env.SANDBOX_REDIRECT_URIS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    seed: {
      contacts: intEnv("SANDBOX_CONTACTS"),
      companies: intEnv("SANDBOX_COMPANIES"),
      deals: intEnv("SANDBOX_DEALS"),
      notes: intEnv("SANDBOX_NOTES"),
    },
    log: process.env.SANDBOX_LOG === "1",
  };
  let sandbox;
  try {
    sandbox = await startSandbox(opts);
  } catch (e) {
    console.error(`Bigin sandbox failed to start: ${(e as Error).message}`);
    process.exit(1);
  }
  for (const [dc, origin] of Object.entries(sandbox.origins))
    console.log(`Bigin sandbox ${dc.padEnd(3)} ${origin}`);
  console.log("Sign in as:");
  for (const p of sandbox.world.people.filter((x) => sandbox.world.dcs.includes(x.dc))) {
    const orgs = p.orgIds
      .map((id) => sandbox.world.orgs.get(id)?.name)
      .filter(Boolean)
      .join(", ");
    console.log(
      `  ${p.email.padEnd(20)} ${p.firstName} ${p.lastName} (${p.dc.toUpperCase()}) – ${orgs}`,
    );
  }
  if (opts.dataFile) console.log(`Data persisted in ${opts.dataFile}`);
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: stopping Bigin sandbox`);
    await sandbox.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

void main();
