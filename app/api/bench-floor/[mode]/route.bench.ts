import http from "node:http";

/**
 * BENCH BUILDS ONLY. `next build` compiles this file only when BENCH_FLOOR=1 adds `bench.ts`
 * to `pageExtensions` (next.config.js), which `npm run bench` does for its own build folder;
 * a normal build has no such route (e2e/security.spec.ts checks the 404).
 *
 * The framework's floor for bench/proxy.ts: the thinnest route handler Next can serve that
 * makes the same Bigin list call as `GET /api/contacts` — no session, no validation, no
 * timeout, no retries — so the bench can tell what Next itself adds from what our code adds.
 *   /api/bench-floor/pass   the sandbox's answer, passed through as text
 *   /api/bench-floor/parse  parsed and serialised again (`{ items, info }`), as any JSON API must
 * The upstream is fixed: the sandbox's `/bigin/v2/Contacts` (BIGIN_SANDBOX_URL) with this
 * request's query string and Authorization header (the bench sends a sandbox token).
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let origin: URL | null = null;

function upstream(search: string, authorization: string): Promise<string> {
  origin ??= new URL(process.env.BIGIN_SANDBOX_URL!);
  const { hostname, port } = origin;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        path: `/bigin/v2/Contacts${search}`,
        agent,
        headers: { Authorization: authorization, Accept: "application/json" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

export async function GET(req: Request, ctx: { params: Promise<{ mode: string }> }) {
  const { mode } = await ctx.params;
  if (process.env.BENCH_FLOOR !== "1" || !process.env.BIGIN_SANDBOX_URL || (mode !== "pass" && mode !== "parse")) {
    return new Response(null, { status: 404 });
  }
  const text = await upstream(new URL(req.url).search, req.headers.get("authorization") ?? "");
  if (mode === "pass") return new Response(text, { headers: { "Content-Type": "application/json" } });
  const body = JSON.parse(text) as { data?: unknown[]; info?: unknown };
  return Response.json({ items: body.data ?? [], info: body.info ?? null });
}
