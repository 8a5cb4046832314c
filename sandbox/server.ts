// Entry point for programs and tests: one node:http server per data centre, sharing one World.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin";
import { handleBigin } from "./api";
import { isLoopback, readBody, sendJson, sendText, type Req } from "./http";
import {
  handleAuthorizeDecision,
  handleAuthorizePage,
  handleRevoke,
  handleToken,
  handleUserInfo,
  type DcContext,
} from "./oauth";
import { clampSizes, createWorld, loadWorld, resolveLimits, saveWorld } from "./state";
import {
  ALL_DCS,
  DEFAULT_SEED,
  type Dc,
  type SeedSizes,
  type Settings,
  type TokenLimits,
  type World,
} from "./world";

export type { Dc } from "./world";

export interface SandboxOptions {
  host?: string;
  ports?: Partial<Record<Dc, number>>;
  /** Port of the first DC; the others follow in ALL_DCS order (default 4010). */
  basePort?: number;
  dcs?: Dc[];
  accessTokenTtlS?: number;
  /** `false` disables Zoho's token limits; an object overrides single limits. */
  limits?: boolean | Partial<TokenLimits>;
  maxConcurrency?: number;
  dataFile?: string;
  redirectUris?: string[];
  seed?: SeedSizes;
  /** Log each request to stdout. */
  log?: boolean;
}

export interface Sandbox {
  origins: Record<Dc, string>;
  world: World;
  close(): Promise<void>;
}

function assertLoopbackHost(host: string) {
  if (!(host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`The Bigin sandbox only listens on loopback; refusing host ${host}`);
  }
}

async function applyFaults(world: World, dc: Dc, key: string) {
  const list = world.faults[dc];
  if (!list?.length) return null;
  let failure: { status: number; code: string; message?: string } | null = null;
  for (const f of [...list]) {
    const hit = f.match.endsWith("*") ? key.startsWith(f.match.slice(0, -1)) : key === f.match;
    if (!hit) continue;
    if (f.times !== undefined && --f.times <= 0) list.splice(list.indexOf(f), 1);
    if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (f.status !== undefined && !failure)
      failure = { status: f.status, code: f.code ?? "INTERNAL_ERROR", message: f.message };
  }
  return failure;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? "127.0.0.1";
  assertLoopbackHost(host);
  const dcs = (opts.dcs ?? ["us", "eu"]).filter(
    (d, i, a) => ALL_DCS.includes(d) && a.indexOf(d) === i,
  );
  if (!dcs.length) throw new Error("At least one data centre is needed");
  const baseSettings: Settings = {
    accessTokenTtlS: opts.accessTokenTtlS ?? 3600,
    limits: resolveLimits(opts.limits),
    maxConcurrency: opts.maxConcurrency ?? 10,
    seed: clampSizes(opts.seed, DEFAULT_SEED),
  };
  const world = createWorld(
    dcs,
    { ...baseSettings, limits: baseSettings.limits && { ...baseSettings.limits } },
    opts.redirectUris ?? [],
  );

  // Persistence: load once, then save shortly after each change (and on close).
  let saveTimer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (opts.dataFile) saveWorld(world, opts.dataFile);
  };
  if (opts.dataFile) {
    loadWorld(world, opts.dataFile);
    world.onChange = () => {
      if (!saveTimer) saveTimer = setTimeout(flush, 250);
    };
  }
  const hooks = { baseSettings, afterReset: () => world.onChange() };

  const servers: Server[] = [];
  const origins = {} as Record<Dc, string>;
  const base = opts.basePort ?? 4010;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  for (const [index, dc] of ALL_DCS.filter((d) => dcs.includes(d)).entries()) {
    const ctx: DcContext = { world, dc, origin: "" };
    const server = createServer((raw, res) => {
      void dispatch(ctx, raw, res, hooks, opts.log ?? false);
    });
    server.keepAliveTimeout = 5000;
    const port = opts.ports?.[dc] ?? base + index;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    const actual = (server.address() as AddressInfo).port;
    ctx.origin = `http://${urlHost}:${actual}`;
    origins[dc] = ctx.origin;
    world.origins[dc] = ctx.origin;
    servers.push(server);
  }

  return {
    origins,
    world,
    async close() {
      if (opts.dataFile && saveTimer) flush();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}

async function dispatch(
  ctx: DcContext,
  raw: IncomingMessage,
  res: ServerResponse,
  hooks: Parameters<typeof handleAdmin>[3],
  log: boolean,
) {
  const started = process.hrtime.bigint();
  const url = new URL(raw.url ?? "/", "http://sandbox.invalid");
  const req: Req = {
    raw,
    method: (raw.method ?? "GET").toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: raw.headers,
    started,
    body: "",
  };
  if (log)
    res.on("finish", () => console.log(`[${ctx.dc}] ${req.method} ${req.path} ${res.statusCode}`));
  try {
    if (req.method !== "GET" && req.method !== "HEAD") req.body = await readBody(raw);
    const p = req.path;
    if (p.startsWith("/__sandbox/")) {
      if (!isLoopback(raw.socket.remoteAddress))
        return sendJson(res, req, 403, {
          error: { code: "FORBIDDEN", message: "admin API is loopback-only" },
        });
      return handleAdmin(ctx, req, res, hooks);
    }
    if (p.startsWith("/oauth/")) {
      const failure = await applyFaults(ctx.world, ctx.dc, `${req.method} ${p}`);
      if (failure) {
        const stats = ctx.world.stats[ctx.dc];
        stats.errors[failure.code] = (stats.errors[failure.code] ?? 0) + 1;
        // Server errors come back as plain text; anything else as Zoho's `{"error": …}` body.
        if (failure.status >= 500)
          return sendText(res, failure.status, failure.message ?? "Internal Server Error");
        return sendJson(res, req, failure.status, { error: failure.code });
      }
      if (p === "/oauth/v2/auth" && req.method === "GET") return handleAuthorizePage(ctx, req, res);
      if (p === "/oauth/v2/auth" && req.method === "POST")
        return handleAuthorizeDecision(ctx, req, res);
      if (p === "/oauth/v2/token" && req.method === "POST") return handleToken(ctx, req, res);
      if (p === "/oauth/v2/token/revoke" && req.method === "POST")
        return handleRevoke(ctx, req, res);
      if (p === "/oauth/user/info" && req.method === "GET") return handleUserInfo(ctx, req, res);
      return sendJson(res, req, 404, {
        error: "invalid_request",
        error_description: `no such accounts endpoint: ${req.method} ${p}`,
      });
    }
    if (p.startsWith("/bigin/"))
      return await handleBigin(ctx, req, res, (key) => applyFaults(ctx.world, ctx.dc, key));
    if (p === "/" && req.method === "GET") {
      return sendJson(res, req, 200, {
        name: "Bigin sandbox",
        dc: ctx.dc,
        accounts_server: ctx.origin,
        api_domain: ctx.origin,
        authorize: `${ctx.origin}/oauth/v2/auth`,
        admin: `${ctx.origin}/__sandbox/users`,
      });
    }
    sendJson(res, req, 404, {
      code: "INVALID_URL_PATTERN",
      details: {},
      message: "Please check if the URL trying to access is a correct one",
      status: "error",
    });
  } catch (e) {
    console.error("[sandbox] request failed", e);
    if (!res.headersSent)
      sendJson(res, req, 500, {
        code: "INTERNAL_ERROR",
        details: {},
        message: "Internal Server Error",
        status: "error",
      });
    else res.end();
  }
}
