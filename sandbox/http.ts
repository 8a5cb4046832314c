// Minimal HTTP plumbing on node:http: body parsing and response helpers.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface Req {
  raw: IncomingMessage;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  started: bigint;
  body: string;
}

const MAX_BODY = 16 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Form-encoded or JSON body as URLSearchParams-like record (for the OAuth endpoints). */
export function formParams(req: Req): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const type = String(req.headers["content-type"] ?? "");
  if (!req.body) return params;
  if (type.includes("application/json")) {
    try {
      const obj = JSON.parse(req.body) as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj))
        if (v !== undefined && v !== null) params.set(k, String(v));
    } catch {
      // Ignore unparsable bodies; the endpoint then reports the missing parameter.
    }
  } else {
    for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
  }
  return params;
}

export function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  if (!body.trim()) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

function timing(req: Req): string {
  const ms = Number(process.hrtime.bigint() - req.started) / 1e6;
  return `app;dur=${ms.toFixed(2)}`;
}

export function sendJson(res: ServerResponse, req: Req, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json;charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    "server-timing": timing(req),
    "cache-control": "no-store",
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, req: Req, status = 204) {
  res.writeHead(status, { "server-timing": timing(req) });
  res.end();
}

export function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    "content-type": "text/html;charset=UTF-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    "x-frame-options": "DENY",
  });
  res.end(html);
}

export function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    "content-type": "text/plain;charset=UTF-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { location, "cache-control": "no-store" });
  res.end();
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
