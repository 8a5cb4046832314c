import { BiginError, fieldsOf } from "./errors";
import { acquire } from "./semaphore";
import { startBiginCall } from "./timing";
import { nodeTransport, type Transport, type TransportResponse } from "./node-transport";

/**
 * The one transport to Bigin. Only this file knows the user's `api_domain`, the
 * `Zoho-oauthtoken` header, timeouts, retries, 204-as-empty and HTTP-200 error bodies.
 * Reference: /work/shared/bigin-api.md §4 (https://www.bigin.com/developer/docs/apis/v2/status-codes.html).
 */

/** What the client needs of a connection (lib/auth/connection's BiginConnection satisfies it). */
export type BiginConn = {
  accessToken: string;
  apiDomain: string;
  userKey: string;
  orgId: string | null;
  dc: string;
};

export type Query = Record<string, string | number | boolean | undefined | null>;

export type BiginRequest = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** A fixed template built by a verb (e.g. `/Contacts/${id}` with a validated id); never user input. */
  path: string;
  query?: Query;
  body?: unknown;
  /** Retry on 5xx/429/network. Only honoured for GET: writes are never retried. Default true for GET. */
  idempotent?: boolean;
};

export type ClientConfig = {
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  maxInFlightPerUser: number;
  /**
   * How a request reaches Bigin: Node's http/https with keep-alive (node-transport.ts). Tests
   * pass a fetch mock (`fetch`'s Response has the shape the client reads) or a recording wrapper.
   */
  transport: Transport;
};

const DEFAULTS: ClientConfig = { timeoutMs: 10_000, maxRetries: 2, retryBaseMs: 250, maxInFlightPerUser: 5, transport: nodeTransport };
const g = globalThis as typeof globalThis & { __biginClientConfig?: ClientConfig };
const config: ClientConfig = (g.__biginClientConfig ??= { ...DEFAULTS });

/** Tune the transport (tests shorten the timeout and backoff). Returns the previous values. */
export function configureBiginClient(next: Partial<ClientConfig>): ClientConfig {
  const prev = { ...config };
  Object.assign(config, next);
  return prev;
}

export function resetBiginClientConfig() {
  Object.assign(config, DEFAULTS);
}

// A path we build: slash-separated API names and digit ids. Rejects `..`, `?`, `#`, `//`, hosts.
const SAFE_PATH = /^(\/[A-Za-z][A-Za-z0-9_]*|\/[0-9]{1,19})+$/;

function buildUrl(conn: BiginConn, path: string, query?: Query): string {
  if (!SAFE_PATH.test(path)) throw new Error(`biginFetch: refusing unsafe path ${JSON.stringify(path)}`);
  let origin: string;
  try {
    const u = new URL(conn.apiDomain);
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error("bad protocol");
    origin = u.origin;
  } catch {
    throw new Error("biginFetch: the connection's api_domain is not a URL");
  }
  const url = new URL(`${origin}/bigin/v2${path}`);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, String(v));
  }
  return url.toString();
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Exponential backoff with full jitter: attempt 1 → [0.5, 1)×base, attempt 2 → [0.5, 1)×2×base… */
export function backoffMs(attempt: number, base = config.retryBaseMs): number {
  const cap = base * 2 ** (attempt - 1);
  return Math.round(cap / 2 + Math.random() * (cap / 2));
}

function retryAfterOf(res: TransportResponse): number | null {
  const v = res.headers.get("retry-after");
  if (!v) return null;
  const n = Number(v);
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Turn an error envelope `{code,details,message,status}` (any HTTP status) into a BiginError. */
function envelopeError(httpStatus: number, body: Record<string, unknown>, retryAfter: number | null) {
  const code = typeof body.code === "string" ? body.code : `HTTP_${httpStatus}`;
  const message = typeof body.message === "string" ? body.message : `Bigin answered ${httpStatus}`;
  const details = asRecord(body.details);
  return new BiginError({
    status: httpStatus === 200 ? statusForCode(code) : httpStatus,
    code,
    message,
    details,
    fields: fieldsOf(code, message, details),
    retryAfter,
  });
}

// An HTTP-200 error body carries no useful status: derive one from the code.
function statusForCode(code: string): number {
  switch (code) {
    case "INVALID_TOKEN":
    case "AUTHENTICATION_FAILURE":
    case "OAUTH_SCOPE_MISMATCH":
      return 401;
    case "NO_PERMISSION":
      return 403;
    case "INVALID_URL_PATTERN":
      return 404;
    case "TOO_MANY_REQUESTS":
      return 429;
    case "INTERNAL_ERROR":
      return 500;
    default:
      return 400;
  }
}

/**
 * Per-record results of writes (`{data:[{code,status,message,details}]}`): the first failed
 * entry becomes the error. A whole-batch failure comes with HTTP 400 and the same array.
 */
function recordError(httpStatus: number, body: Record<string, unknown>): BiginError | null {
  if (!Array.isArray(body.data)) return null;
  for (const item of body.data) {
    const r = asRecord(item);
    if (r.status === "error" && typeof r.code === "string") {
      const message = typeof r.message === "string" ? r.message : r.code;
      const details = asRecord(r.details);
      return new BiginError({
        status: httpStatus >= 400 ? httpStatus : statusForCode(r.code),
        code: r.code,
        message,
        details,
        fields: fieldsOf(r.code, message, details),
      });
    }
  }
  return null;
}

async function attempt<T>(conn: BiginConn, req: BiginRequest, url: string): Promise<T | null> {
  const release = await acquire(conn.userKey, config.maxInFlightPerUser);
  const done = startBiginCall();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  try {
    let res: TransportResponse;
    try {
      res = await config.transport(url, {
        method: req.method,
        headers: {
          Authorization: `Zoho-oauthtoken ${conn.accessToken}`,
          Accept: "application/json",
          ...(req.body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
        signal: controller.signal,
      });
    } catch (e) {
      if (controller.signal.aborted) {
        throw new BiginError({ status: 0, code: "TIMEOUT", message: `Bigin did not answer within ${config.timeoutMs / 1000} s` });
      }
      throw new BiginError({ status: 0, code: "NETWORK_ERROR", message: `Can't reach Bigin: ${(e as Error).message}` });
    }
    // Documented empty answers: 204 (nothing to return) and 304 (not modified).
    if (res.status === 204 || res.status === 304) return null;
    let text: string;
    try {
      text = await res.text();
    } catch {
      if (controller.signal.aborted) {
        throw new BiginError({ status: 0, code: "TIMEOUT", message: `Bigin did not answer within ${config.timeoutMs / 1000} s` });
      }
      throw new BiginError({ status: 0, code: "NETWORK_ERROR", message: "Bigin closed the connection" });
    }
    let body: unknown = null;
    if (text.trim()) {
      try {
        body = JSON.parse(text);
      } catch {
        if (!res.ok) throw new BiginError({ status: res.status, code: `HTTP_${res.status}`, message: `Bigin answered ${res.status}`, retryAfter: retryAfterOf(res) });
        throw new BiginError({ status: 502, code: "BAD_RESPONSE", message: "Bigin sent an answer that is not JSON" });
      }
    }
    const obj = asRecord(body);
    if (!res.ok) {
      throw recordError(res.status, obj) ?? envelopeError(res.status, obj, retryAfterOf(res));
    }
    // Zoho sometimes answers errors with HTTP 200 and an error envelope.
    if (obj.status === "error" && typeof obj.code === "string") throw envelopeError(200, obj, null);
    if (req.method !== "GET") {
      const err = recordError(res.status, obj);
      if (err) throw err;
    }
    return (body ?? null) as T | null;
  } finally {
    clearTimeout(timer);
    done();
    release();
  }
}

/**
 * Call Bigin. Returns the parsed JSON, or null for an empty answer (204). Throws BiginError.
 * GETs retry (at most maxRetries times, backoff with jitter) on 5xx, 429 and network errors;
 * a timeout is not retried (the user has already waited the whole timeout); writes never retry.
 */
export async function biginFetch<T = unknown>(conn: BiginConn, req: BiginRequest): Promise<T | null> {
  const url = buildUrl(conn, req.path, req.query);
  const retryable = req.method === "GET" && req.idempotent !== false;
  for (let n = 0; ; n++) {
    try {
      return await attempt<T>(conn, req, url);
    } catch (e) {
      if (!(e instanceof BiginError) || !retryable || !e.isTransient || n >= config.maxRetries) throw e;
      const wait = e.retryAfter != null ? Math.min(e.retryAfter * 1000, 4 * config.retryBaseMs) : 0;
      await sleep(Math.max(wait, backoffMs(n + 1)));
    }
  }
}
