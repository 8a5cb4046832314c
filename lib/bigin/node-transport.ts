import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import type { Readable } from "node:stream";

/**
 * The Bigin client's HTTP transport: Node's http/https with keep-alive agents.
 *
 * Why not `fetch`: every Bigin call is a plain request/response with a small JSON body, and
 * undici's fetch (WHATWG streams, Headers, Request/Response objects) costs about 0.4 ms of CPU
 * per call more than a keep-alive `http.request` on this project's benchmark machine — a
 * quarter of everything the app adds to a list request (bench/README.md, proxy). What the
 * client relies on is kept: keep-alive, gzip/deflate/br answers decoded (real Zoho compresses
 * over the internet), AbortSignal for the timeout (also while the body is read), redirects
 * not followed (a 3xx is an answer like any other, never a hop to another host).
 */

/** What lib/bigin/client.ts reads of an answer; `fetch`'s Response has the same shape (tests inject fetch). */
export type TransportResponse = {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
};

export type TransportInit = {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
};

export type Transport = (url: string, init: TransportInit) => Promise<TransportResponse>;

const agentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 64, maxFreeSockets: 16, scheduling: "lifo" as const };
// One pair per server process (globalThis survives Next's module duplication between route bundles).
const g = globalThis as typeof globalThis & { __biginAgents?: { http: http.Agent; https: https.Agent } };
const agents = (g.__biginAgents ??= { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) });

function decoded(res: http.IncomingMessage): Readable {
  switch (String(res.headers["content-encoding"] ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return res.pipe(zlib.createGunzip());
    case "deflate":
      return res.pipe(zlib.createInflate());
    case "br":
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

function readAll(res: http.IncomingMessage, signal: AbortSignal): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const stream = decoded(res);
    const chunks: Buffer[] = [];
    const fail = (err: Error) => {
      signal.removeEventListener("abort", onAbort);
      reject(err);
    };
    const onAbort = () => {
      res.destroy();
      fail(new Error("aborted while reading the answer"));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("error", fail);
    res.on("aborted", () => fail(new Error("the connection closed before the answer ended")));
    stream.on("end", () => {
      signal.removeEventListener("abort", onAbort);
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
  });
}

export const nodeTransport: Transport = (url, init) => {
  const u = new URL(url);
  const secure = u.protocol === "https:";
  if (!secure && u.protocol !== "http:") return Promise.reject(new Error(`unsupported protocol ${u.protocol}`));
  const headers: Record<string, string> = { "Accept-Encoding": "gzip, deflate, br", ...init.headers };
  if (init.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(init.body));
  return new Promise<TransportResponse>((resolve, reject) => {
    const req = (secure ? https : http).request(
      {
        protocol: u.protocol,
        hostname: u.hostname.replace(/^\[|\]$/g, ""),
        port: u.port || undefined,
        path: `${u.pathname}${u.search}`,
        method: init.method,
        headers,
        agent: secure ? agents.https : agents.http,
        signal: init.signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const body = readAll(res, init.signal);
        // Read or not (a 204 is never read), a failed body must not become an unhandled rejection.
        body.catch(() => {});
        resolve({
          status,
          ok: status >= 200 && status < 300,
          headers: {
            get(name) {
              const v = res.headers[name.toLowerCase()];
              return v === undefined ? null : Array.isArray(v) ? v.join(", ") : String(v);
            },
          },
          text: () => body,
        });
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
};
