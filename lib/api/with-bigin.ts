import type { NextRequest } from "next/server";
import type { z } from "zod";
import {
  getConnection, markConnectionFailed, persistConnection, ReconnectRequiredError, refreshConnection,
  type BiginConnection,
} from "@/lib/auth/connection";
import { newTiming, runWithTiming } from "@/lib/bigin/timing";
import { errorJson, errorResponse, isTokenError, reconnectError, validationError } from "./errors";
import { isSameOriginWrite } from "./origin";

/**
 * The one wrapper of every app/api handler except auth (API.md): session and Bigin token
 * (401), same-origin writes (403) with JSON bodies (415), zod-validated params/query/body (400),
 * one refresh-and-retry on INVALID_TOKEN, Bigin errors mapped to statuses, `Server-Timing`
 * (our time vs Bigin's), and a refreshed token persisted into the session cookie.
 */
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type HandlerContext<P, Q, B> = {
  req: NextRequest;
  conn: BiginConnection;
  params: P;
  query: Q;
  body: B;
};

export type WithBiginOptions<PS, QS, BS> = {
  params?: PS;
  query?: QS;
  body?: BS;
  /** A mutation: needs a same-origin Origin (and a JSON body when `body` is given). */
  write?: boolean;
};

type RouteCtx = { params: Promise<Record<string, string | string[] | undefined>> };

const NO_STORE = "private, no-store";

export function withBigin<
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
>(
  handler: (ctx: HandlerContext<Out<PS>, Out<QS>, Out<BS>>) => Promise<Response>,
  opts: WithBiginOptions<PS, QS, BS> = {},
) {
  return async function route(req: NextRequest, ctx?: RouteCtx): Promise<Response> {
    const started = performance.now();
    const timing = newTiming();
    let conn: BiginConnection | null = null;
    let failed = false;
    let res: Response;
    try {
      res = await runWithTiming(timing, async () => {
        if (opts.write) {
          if (!isSameOriginWrite(req)) {
            return errorJson(403, { code: "CROSS_SITE", message: "Changes can only be made from this app's own pages." });
          }
          if (opts.body && !/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
            return errorJson(415, { code: "UNSUPPORTED_MEDIA_TYPE", message: "Send the body as application/json." });
          }
        }

        conn = await getConnection(req);
        if (!conn) return errorJson(401, { code: "UNAUTHENTICATED", message: "Sign in to continue." });

        const input = await parseInput(req, ctx, opts);
        if (input instanceof Response) return input;

        const run = (c: BiginConnection) => handler({ req, conn: c, ...input } as HandlerContext<Out<PS>, Out<QS>, Out<BS>>);
        try {
          return await run(conn);
        } catch (e) {
          if (!isTokenError(e)) throw e;
        }
        // Bigin rejected the token (expired early, revoked, evicted): refresh once, retry once.
        conn = await refreshConnection(conn);
        try {
          return await run(conn);
        } catch (e) {
          if (!isTokenError(e)) throw e;
          await markConnectionFailed(conn).catch(() => {});
          failed = true;
          return reconnectError();
        }
      });
    } catch (e) {
      if (e instanceof ReconnectRequiredError) failed = true;
      res = errorResponse(e);
    }

    const total = performance.now() - started;
    const bigin = timing.biginMs;
    try {
      res.headers.set(
        "Server-Timing",
        `app;desc="app";dur=${Math.max(0, total - bigin).toFixed(1)}, bigin;desc="Bigin";dur=${bigin.toFixed(1)}`,
      );
      if (!res.headers.has("Cache-Control")) res.headers.set("Cache-Control", NO_STORE);
    } catch {
      // Immutable headers: nothing to add.
    }
    if (failed) await persistConnection(req, res, null, { failed: true });
    else if (conn) await persistConnection(req, res, conn);
    return res;
  };
}

async function parseInput(
  req: NextRequest,
  ctx: RouteCtx | undefined,
  opts: WithBiginOptions<Schema | undefined, Schema | undefined, Schema | undefined>,
): Promise<{ params: unknown; query: unknown; body: unknown } | Response> {
  let params: unknown = undefined;
  if (opts.params) {
    const r = opts.params.safeParse((await ctx?.params) ?? {});
    if (!r.success) return validationError(r.error, "params");
    params = r.data;
  }
  let query: unknown = undefined;
  if (opts.query) {
    const raw: Record<string, string> = {};
    for (const [k, v] of req.nextUrl.searchParams) if (!(k in raw)) raw[k] = v;
    const r = opts.query.safeParse(raw);
    if (!r.success) return validationError(r.error, "query");
    query = r.data;
  }
  let body: unknown = undefined;
  if (opts.body) {
    const text = await readBody(req);
    if (text === null) {
      return errorJson(413, { code: "PAYLOAD_TOO_LARGE", message: `The body is too large (at most ${MAX_BODY_BYTES / 1_000_000} MB).` });
    }
    let json: unknown;
    let protoKey = false;
    try {
      // zod's object output drops an own `__proto__` key without a word (it becomes a prototype):
      // refuse it here, for every schema, rather than accept a body minus one of its keys.
      json = JSON.parse(text, (key, value) => {
        if (key === "__proto__") protoKey = true;
        return value;
      });
    } catch {
      return errorJson(400, { code: "VALIDATION", message: "The body must be JSON.", fields: { body: "Expected a JSON object" } });
    }
    if (protoKey) {
      return errorJson(400, { code: "VALIDATION", message: "Some fields need attention: __proto__", fields: { body: "The key __proto__ is not allowed" } });
    }
    const r = opts.body.safeParse(json);
    if (!r.success) return validationError(r.error, "body");
    body = r.data;
  }
  return { params, query, body };
}

/** Far above any real record or note (32,000-character fields), far below what hurts a server. */
export const MAX_BODY_BYTES = 1_000_000;

/** The body as text (UTF-8, BOM dropped, as `req.json()` reads it), or null past MAX_BODY_BYTES, read no further. */
async function readBody(req: NextRequest): Promise<string | null> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** JSON answer with the headers every handler sends. */
export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "Cache-Control": NO_STORE } });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "Cache-Control": NO_STORE } });
}
