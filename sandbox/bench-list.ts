// `npx tsx sandbox/bench-list.ts [contacts]`: server time of a 200-contact list, read from Server-Timing.
import { startSandbox } from "./server";
import { APP_SCOPES, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, REDIRECT_URI } from "./test-helpers";

async function main() {
  const contacts = Number(process.argv[2] ?? 500);
  const sb = await startSandbox({ ports: { us: 0, eu: 0 }, seed: { contacts } });
  try {
    const form = new URLSearchParams({
      response_type: "code",
      client_id: DEMO_CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: APP_SCOPES,
      user: "60012345678",
      action: "accept",
    });
    const consent = await fetch(`${sb.origins.us}/oauth/v2/auth`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    const code = new URL(consent.headers.get("location")!).searchParams.get("code")!;
    const token = await fetch(`${sb.origins.us}/oauth/v2/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: DEMO_CLIENT_ID,
        client_secret: DEMO_CLIENT_SECRET,
        redirect_uri: REDIRECT_URI,
        code,
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const path =
      "/bigin/v2/Contacts?fields=First_Name,Last_Name,Email,Phone,Mobile,Title,Account_Name,Owner,Modified_Time&per_page=200";
    const run = async (n: number) => {
      const server: number[] = [];
      const client: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        const res = await fetch(`${sb.origins.us}${path}&page=${(i % 2) + 1}`, {
          headers: { authorization: `Zoho-oauthtoken ${token.access_token}` },
        });
        await res.arrayBuffer();
        client.push(performance.now() - started);
        server.push(
          Number(/dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN),
        );
      }
      return { server: server.sort((a, b) => a - b), client: client.sort((a, b) => a - b) };
    };
    await run(20); // warm up (JIT, sorted-view cache)
    const { server, client } = await run(200);
    const q = (xs: number[], p: number) =>
      xs[Math.min(xs.length - 1, Math.floor(xs.length * p))].toFixed(2);
    console.log(`200-contact list (${contacts} contacts in the org), 200 requests:`);
    console.log(
      `  server time  median ${q(server, 0.5)} ms  p90 ${q(server, 0.9)} ms  p99 ${q(server, 0.99)} ms`,
    );
    console.log(`  round trip   median ${q(client, 0.5)} ms  p90 ${q(client, 0.9)} ms`);
  } finally {
    await sb.close();
  }
}

void main();
