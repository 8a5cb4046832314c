// Admin API under `/__sandbox/` (DESIGN.md "Sandbox server"): loopback only, for tests and benchmarks.
import type { ServerResponse } from "node:http";
import { parseJson, sendJson, type Req } from "./http";
import { isModuleName } from "./meta";
import type { DcContext } from "./oauth";
import { clampSizes, counts, orgCounts, reseed, resolveLimits } from "./state";
import { revokeRefresh } from "./tokens";
import { emptyStats, type Fault, type Settings } from "./world";

export interface AdminHooks {
  /** Settings the server started with; `reset` applies its body on top of these. */
  baseSettings: Settings;
  afterReset: () => void;
}

const DEFAULT_FAULT_CODES: Record<number, string> = {
  400: "INVALID_DATA",
  401: "INVALID_TOKEN",
  403: "NO_PERMISSION",
  404: "INVALID_URL_PATTERN",
  429: "TOO_MANY_REQUESTS",
};

function body(req: Req): Record<string, unknown> | null {
  if (!req.body.trim()) return {};
  const parsed = parseJson(req.body);
  return parsed.ok &&
    parsed.value &&
    typeof parsed.value === "object" &&
    !Array.isArray(parsed.value)
    ? (parsed.value as Record<string, unknown>)
    : null;
}

export function handleAdmin(ctx: DcContext, req: Req, res: ServerResponse, hooks: AdminHooks) {
  const world = ctx.world;
  const path = req.path.replace(/\/+$/, "");
  const send = (status: number, value: unknown) => sendJson(res, req, status, value);
  const bad = (message: string) => send(400, { error: { code: "INVALID_REQUEST", message } });
  const route = `${req.method} ${path}`;

  if (route === "GET /__sandbox/users") {
    return send(200, {
      users: world.people
        .filter((p) => world.dcs.includes(p.dc))
        .map((p) => ({
          email: p.email,
          name: `${p.firstName} ${p.lastName}`,
          dc: p.dc,
          zuid: p.zuid,
          orgs: p.orgIds
            .filter((id) => world.orgs.has(id))
            .map((id) => ({ id, name: world.orgs.get(id)!.name, dc: world.orgs.get(id)!.dc })),
        })),
    });
  }
  if (route === "GET /__sandbox/clients") {
    return send(200, {
      clients: [...world.clients.values()].map((c) => ({
        client_id: c.client_id,
        client_secret: c.client_secret,
        redirect_uris: c.redirect_uris,
      })),
    });
  }
  if (route === "GET /__sandbox/orgs") {
    return send(200, {
      orgs: [...world.orgs.values()].map((o) => ({
        id: o.id,
        name: o.name,
        dc: o.dc,
        origin: world.origins[o.dc],
        time_zone: o.timeZone,
        users: o.users.map((u) => ({ id: u.id, name: u.full_name, email: u.email, zuid: u.zuid })),
        pipelines: o.layouts.map((l) => ({
          id: l.id,
          name: l.name,
          sub_pipelines: l.subPipelines.map((s) => ({
            name: s.name,
            stages: s.stages.map((x) => x.name),
          })),
        })),
        counts: orgCounts(o),
      })),
    });
  }
  if (route === "POST /__sandbox/reset") {
    const b = body(req);
    if (!b) return bad("body must be a JSON object");
    const base = hooks.baseSettings;
    const ttl = b.accessTokenTtlS;
    const conc = b.maxConcurrency;
    if (ttl !== undefined && !(typeof ttl === "number" && ttl > 0))
      return bad("accessTokenTtlS must be a positive number");
    if (conc !== undefined && !(typeof conc === "number" && Number.isInteger(conc) && conc > 0))
      return bad("maxConcurrency must be a positive integer");
    if (b.limits !== undefined && typeof b.limits !== "boolean")
      return bad("limits must be a boolean");
    if (b.keepTokens !== undefined && typeof b.keepTokens !== "boolean")
      return bad("keepTokens must be a boolean");
    world.settings = {
      accessTokenTtlS: (ttl as number | undefined) ?? base.accessTokenTtlS,
      limits:
        b.limits === undefined
          ? base.limits
            ? { ...base.limits }
            : null
          : resolveLimits(b.limits as boolean),
      maxConcurrency: (conc as number | undefined) ?? base.maxConcurrency,
      seed: clampSizes(b as Record<string, number>, base.seed),
    };
    const started = performance.now();
    reseed(world, { keepTokens: b.keepTokens === true });
    hooks.afterReset();
    const c = counts(world);
    return send(200, {
      ok: true,
      ...world.settings.seed,
      accessTokenTtlS: world.settings.accessTokenTtlS,
      limits: world.settings.limits !== null,
      maxConcurrency: world.settings.maxConcurrency,
      seedMs: Math.round(performance.now() - started),
      orgs: c.orgs,
    });
  }
  if (route === "GET /__sandbox/stats") {
    const s = world.stats[ctx.dc];
    return send(200, {
      dc: ctx.dc,
      grants: s.grants,
      revokes: s.revokes,
      calls: s.calls,
      errors: s.errors,
    });
  }
  if (route === "DELETE /__sandbox/stats") {
    world.stats[ctx.dc] = emptyStats();
    return send(200, { ok: true });
  }
  if (route === "GET /__sandbox/faults")
    return send(200, { dc: ctx.dc, faults: world.faults[ctx.dc] });
  if (route === "POST /__sandbox/faults") {
    const b = body(req);
    if (!b) return bad("body must be a JSON object");
    const { match, status, code, times, latencyMs, message, dc } = b;
    if (typeof match !== "string" || !/^[A-Z]+ \//.test(match))
      return bad('match must look like "GET /bigin/v2/Contacts" (a trailing * matches a prefix)');
    if (
      status !== undefined &&
      !(Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 599)
    )
      return bad("status must be an HTTP status");
    if (times !== undefined && !(Number.isInteger(times) && (times as number) > 0))
      return bad("times must be a positive integer");
    if (
      latencyMs !== undefined &&
      !(typeof latencyMs === "number" && latencyMs >= 0 && latencyMs <= 120_000)
    )
      return bad("latencyMs must be between 0 and 120000");
    if (dc !== undefined && dc !== "all" && dc !== ctx.dc)
      return bad('dc must be "all" or omitted');
    const fault: Fault = {
      match,
      status: status as number | undefined,
      code:
        typeof code === "string"
          ? code
          : status !== undefined
            ? (DEFAULT_FAULT_CODES[status as number] ?? "INTERNAL_ERROR")
            : undefined,
      message: typeof message === "string" ? message : undefined,
      times: times as number | undefined,
      latencyMs: (latencyMs as number | undefined) ?? 0,
    };
    const targets = dc === "all" ? world.dcs : [ctx.dc];
    for (const t of targets) world.faults[t].push({ ...fault });
    return send(200, { ok: true, dcs: targets, faults: world.faults[ctx.dc] });
  }
  if (route === "DELETE /__sandbox/faults") {
    world.faults[ctx.dc] = [];
    if (req.query.get("dc") === "all") for (const dc of world.dcs) world.faults[dc] = [];
    return send(200, { ok: true });
  }
  if (route === "POST /__sandbox/tokens/expire") {
    const now = Date.now();
    let n = 0;
    for (const at of world.accessTokens.values()) {
      at.expiresAt = Math.min(at.expiresAt, now - 1);
      n++;
    }
    world.onChange();
    return send(200, { ok: true, expired: n });
  }
  if (route === "POST /__sandbox/tokens/revoke") {
    const all = [...world.refreshTokens.values()];
    for (const rt of all) revokeRefresh(world, rt);
    world.onChange();
    return send(200, { ok: true, revoked: all.length });
  }
  const rec = /^GET \/__sandbox\/records\/([^/]+)\/(\d+)$/.exec(route);
  if (rec) {
    const [, module, id] = rec;
    if (!isModuleName(module))
      return send(404, { error: { code: "INVALID_MODULE", message: `unknown module ${module}` } });
    const orgId = req.query.get("org");
    const org = orgId
      ? world.orgs.get(orgId)
      : [...world.orgs.values()].find((o) => o.dc === ctx.dc);
    if (!org) return send(404, { error: { code: "NOT_FOUND", message: "unknown org" } });
    const found = org.data[module].byId.get(id);
    if (!found)
      return send(404, {
        error: { code: "NOT_FOUND", message: `no ${module} record ${id} in org ${org.id}` },
      });
    return send(200, found);
  }
  return send(404, { error: { code: "NOT_FOUND", message: `no admin route ${route}` } });
}
