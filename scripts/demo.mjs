// `npm run demo`: the dashboard on the bundled Bigin sandbox, for a person.
// Builds when the build is missing or older than the sources, starts the sandbox and the app,
// prints where to go and whom to sign in as. Ctrl-C stops both.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const host = "127.0.0.1";
const appPort = Number(process.env.PORT ?? 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
const appURL = `http://${host}:${appPort}`;
const sandboxURL = `http://${host}:${sandboxPort}`;
const distDir = process.env.NEXT_DIST_DIR || ".next";

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const buildId = join(distDir, "BUILD_ID");
const sources = Math.max(
  ...["app", "components", "lib", "public"].map(newestMtime),
  ...["package-lock.json", "next.config.js", "proxy.ts", "tailwind.config.ts"]
    .filter(existsSync)
    .map((f) => statSync(f).mtimeMs),
);
if (!existsSync(buildId) || statSync(buildId).mtimeMs < sources) {
  console.log("Building the dashboard (first run or sources changed)…");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const children = [];
function run(name, cmd, args, env) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  // Prefix every line, not every chunk, so interleaved output stays readable.
  createInterface({ input: child.stdout }).on("line", (l) => process.stdout.write(`[${name}] ${l}\n`));
  createInterface({ input: child.stderr }).on("line", (l) => process.stderr.write(`[${name}] ${l}\n`));
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`${name} stopped (exit ${code}); stopping the demo.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

run("sandbox", "npx", ["tsx", "sandbox/cli.ts"], {
  SANDBOX_PORT: String(sandboxPort),
  SANDBOX_REDIRECT_URIS: `${appURL}/api/auth/callback/bigin`,
  SANDBOX_DATA: process.env.SANDBOX_DATA ?? ".sandbox-data.json",
});
run("app", "npx", ["next", "start", "-H", host, "-p", String(appPort)], {
  BIGIN_SANDBOX_URL: sandboxURL,
  NEXTAUTH_URL: appURL,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "demo-secret-change-me-demo-secret-change-me",
});

async function waitFor(url) {
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const [appUp, sandboxUp] = await Promise.all([waitFor(`${appURL}/signin`), waitFor(`${sandboxURL}/__sandbox/users`)]);
if (!appUp || !sandboxUp) {
  console.error("The demo did not come up in 2 minutes.");
  stop(1);
} else {
  const { users } = await (await fetch(`${sandboxURL}/__sandbox/users`)).json();
  console.log(`\n  Bigin Dashboard demo is ready: ${appURL}\n`);
  console.log("  Sign in with Bigin, then pick one of these sandbox users on the consent page:");
  for (const u of users) {
    const orgs = (u.orgs ?? []).map((o) => o.name).join(", ");
    console.log(`    ${u.email.padEnd(22)} ${String(u.dc).toUpperCase()}  ${orgs}`);
  }
  console.log("\n  Data is kept in .sandbox-data.json between runs. Ctrl-C stops everything.\n");
}
