import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeTransport } from "./node-transport";

// A real local HTTP server: each path answers one way.
let server: http.Server;
let base = "";
const sockets = new Set<number>();
let lastBody = "";
let lastHeaders: http.IncomingHttpHeaders = {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    sockets.add((req.socket.remotePort ?? 0) as number);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      lastBody = Buffer.concat(chunks).toString("utf8");
      lastHeaders = req.headers;
      const url = new URL(req.url ?? "/", "http://x");
      switch (url.pathname) {
        case "/json":
          res.writeHead(200, { "content-type": "application/json", "retry-after": "7" });
          return res.end(JSON.stringify({ data: [{ id: "1", q: url.search }] }));
        case "/gzip":
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
          return res.end(zlib.gzipSync(JSON.stringify({ data: "ünïcode ✓".repeat(500) })));
        case "/br":
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "br" });
          return res.end(zlib.brotliCompressSync(JSON.stringify({ ok: true })));
        case "/empty":
          res.writeHead(204);
          return res.end();
        case "/redirect":
          res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" });
          return res.end();
        case "/slow-headers":
          setTimeout(() => res.writeHead(200).end("{}"), 2_000).unref();
          return;
        case "/slow-body":
          res.writeHead(200, { "content-type": "application/json" });
          res.write('{"data": [');
          setTimeout(() => res.end("]}"), 2_000).unref();
          return;
        default:
          res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const get = (path: string, signal = new AbortController().signal) =>
  nodeTransport(`${base}${path}`, { method: "GET", headers: { Accept: "application/json" }, signal });

describe("nodeTransport", () => {
  it("answers status, headers and text, with the query kept", async () => {
    const res = await get("/json?fields=Last_Name%2CEmail&page=2");
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get("Retry-After")).toBe("7");
    expect(res.headers.get("x-missing")).toBeNull();
    expect(JSON.parse(await res.text())).toEqual({ data: [{ id: "1", q: "?fields=Last_Name%2CEmail&page=2" }] });
    expect(lastHeaders["accept-encoding"]).toMatch(/gzip/);
  });

  it("reuses the connection between calls (keep-alive)", async () => {
    sockets.clear();
    for (let i = 0; i < 5; i++) await (await get("/json")).text();
    expect(sockets.size).toBe(1);
  });

  it("decodes gzip and brotli answers", async () => {
    expect(JSON.parse(await (await get("/gzip")).text()).data).toBe("ünïcode ✓".repeat(500));
    expect(JSON.parse(await (await get("/br")).text())).toEqual({ ok: true });
  });

  it("sends a body with its length", async () => {
    const body = JSON.stringify({ data: [{ Last_Name: "Lovelace ✓" }] });
    const res = await nodeTransport(`${base}/json`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
      signal: new AbortController().signal,
    });
    expect(res.status).toBe(200);
    expect(lastBody).toBe(body);
    expect(lastHeaders["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("gives 204 with an empty text, and never follows a redirect", async () => {
    const empty = await get("/empty");
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
    const moved = await get("/redirect");
    expect(moved.status).toBe(302);
    expect(moved.ok).toBe(false);
  });

  it("stops waiting when the signal aborts, before the headers and while reading the body", async () => {
    const a = new AbortController();
    setTimeout(() => a.abort(), 100);
    await expect(get("/slow-headers", a.signal)).rejects.toThrow();
    const b = new AbortController();
    const res = await get("/slow-body", b.signal);
    setTimeout(() => b.abort(), 100);
    const t0 = Date.now();
    await expect(res.text()).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(1_500);
  });

  it("rejects when nothing listens, and refuses other protocols", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(nodeTransport(`http://127.0.0.1:${port}/x`, { method: "GET", headers: {}, signal: new AbortController().signal })).rejects.toThrow();
    await expect(nodeTransport("file:///etc/passwd", { method: "GET", headers: {}, signal: new AbortController().signal })).rejects.toThrow(/protocol/);
  });
});
