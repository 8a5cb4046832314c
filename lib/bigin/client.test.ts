import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffMs, biginFetch, configureBiginClient, resetBiginClientConfig, type BiginConn } from "./client";
import type { Transport } from "./node-transport";
import { BiginError } from "./errors";
import { newTiming, runWithTiming } from "./timing";

const conn: BiginConn = { accessToken: "1000.abc.def", apiDomain: "https://www.zohoapis.eu", userKey: "u1", orgId: "1", dc: "eu" };

const jsonRes = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

let fetchMock: ReturnType<typeof vi.fn<Transport>>;
beforeEach(() => {
  fetchMock = vi.fn();
  // The client's transport is injectable; fetch's Response has the shape it reads.
  configureBiginClient({ retryBaseMs: 2, timeoutMs: 1000, transport: fetchMock });
});
afterEach(() => {
  resetBiginClientConfig();
});

describe("biginFetch", () => {
  it("calls the connection's api_domain under /bigin/v2 with the Zoho-oauthtoken header and the query", async () => {
    fetchMock.mockResolvedValueOnce(jsonRes(200, { data: [{ id: "1" }] }));
    const body = await biginFetch(conn, { method: "GET", path: "/Contacts", query: { fields: "Last_Name,Email", page: 2, empty: "" } });
    expect(body).toEqual({ data: [{ id: "1" }] });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe("https://www.zohoapis.eu/bigin/v2/Contacts?fields=Last_Name%2CEmail&page=2");
    expect(init.headers.Authorization).toBe("Zoho-oauthtoken 1000.abc.def");
    expect(init.method).toBe("GET");
  });

  it("answers null for 204 (empty list)", async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    expect(await biginFetch(conn, { method: "GET", path: "/Contacts" })).toBeNull();
  });

  it("turns an HTTP-200 error body into a BiginError with a status derived from the code", async () => {
    fetchMock.mockResolvedValueOnce(jsonRes(200, { code: "INVALID_TOKEN", details: {}, message: "invalid oauth token", status: "error" }));
    const err = await biginFetch(conn, { method: "GET", path: "/Contacts" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BiginError);
    expect(err).toMatchObject({ code: "INVALID_TOKEN", status: 401 });
  });

  it("parses the error envelope of a non-2xx answer", async () => {
    fetchMock.mockResolvedValueOnce(jsonRes(403, { code: "NO_PERMISSION", details: { permissions: ["x"] }, message: "permission denied", status: "error" }));
    const err = await biginFetch(conn, { method: "GET", path: "/Contacts" }).catch((e) => e);
    expect(err).toMatchObject({ status: 403, code: "NO_PERMISSION", details: { permissions: ["x"] } });
  });

  it("inspects per-record write results and names the failing field", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonRes(400, { data: [{ code: "MANDATORY_NOT_FOUND", status: "error", message: "required field not found", details: { api_name: "Last_Name", json_path: "$.data[0].Last_Name" } }] }),
    );
    const err = await biginFetch(conn, { method: "POST", path: "/Contacts", body: { data: [{}] } }).catch((e) => e);
    expect(err).toMatchObject({ code: "MANDATORY_NOT_FOUND", fields: { Last_Name: "This field is required" } });
  });

  it("treats a failed record inside a 2xx write answer as an error", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonRes(202, { data: [{ code: "DUPLICATE_DATA", status: "error", message: "duplicate data", details: { api_name: "Email" } }] }),
    );
    const err = await biginFetch(conn, { method: "PUT", path: "/Contacts/123", body: { data: [{}] } }).catch((e) => e);
    expect(err).toMatchObject({ code: "DUPLICATE_DATA", fields: { Email: expect.any(String) } });
  });

  it("retries an idempotent GET on 5xx: 500 twice then success", async () => {
    fetchMock
      .mockResolvedValueOnce(jsonRes(500, { code: "INTERNAL_ERROR", message: "x", status: "error", details: {} }))
      .mockResolvedValueOnce(jsonRes(503, { code: "INTERNAL_ERROR", message: "x", status: "error", details: {} }))
      .mockResolvedValueOnce(jsonRes(200, { data: [] }));
    expect(await biginFetch(conn, { method: "GET", path: "/Contacts" })).toEqual({ data: [] });
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it("gives up after two retries", async () => {
    fetchMock.mockImplementation(async () => jsonRes(429, { code: "TOO_MANY_REQUESTS", message: "x", status: "error", details: {} }));
    const err = await biginFetch(conn, { method: "GET", path: "/Contacts" }).catch((e) => e);
    expect(err).toMatchObject({ code: "TOO_MANY_REQUESTS", status: 429 });
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it("retries a GET on a network error", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("fetch failed")).mockResolvedValueOnce(jsonRes(200, { data: [] }));
    expect(await biginFetch(conn, { method: "GET", path: "/Contacts" })).toEqual({ data: [] });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it.each(["POST", "PUT", "DELETE"] as const)("never retries a %s", async (method) => {
    fetchMock.mockImplementation(async () => jsonRes(500, { code: "INTERNAL_ERROR", message: "x", status: "error", details: {} }));
    const err = await biginFetch(conn, { method, path: "/Contacts/1", body: method === "DELETE" ? undefined : { data: [{}] } }).catch((e) => e);
    expect(err).toMatchObject({ status: 500 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("does not retry a GET marked non-idempotent, nor a 4xx", async () => {
    fetchMock.mockImplementation(async () => jsonRes(500, {}));
    await biginFetch(conn, { method: "GET", path: "/Contacts", idempotent: false }).catch(() => {});
    expect(fetchMock).toHaveBeenCalledTimes(1);
    fetchMock.mockReset();
    fetchMock.mockImplementation(async () => jsonRes(400, { code: "INVALID_DATA", message: "x", status: "error", details: {} }));
    await biginFetch(conn, { method: "GET", path: "/Contacts" }).catch(() => {});
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("times out a slow answer with TIMEOUT and does not retry it", async () => {
    configureBiginClient({ timeoutMs: 50 });
    fetchMock.mockImplementation(
      (_url: string, init: RequestInit) =>
        new Promise((_, reject) => init.signal!.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))),
    );
    const started = Date.now();
    const err = await biginFetch(conn, { method: "GET", path: "/Contacts" }).catch((e) => e);
    expect(err).toMatchObject({ code: "TIMEOUT", status: 0 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("keeps at most 5 calls in flight per user, and does not hold up other users", async () => {
    let active = 0;
    let peak = 0;
    const peaks: Record<string, number> = {};
    const activeBy: Record<string, number> = {};
    fetchMock.mockImplementation(async (_url: string, init: RequestInit) => {
      const who = (init.headers as Record<string, string>).Authorization;
      activeBy[who] = (activeBy[who] ?? 0) + 1;
      peaks[who] = Math.max(peaks[who] ?? 0, activeBy[who]);
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 15));
      active--;
      activeBy[who]--;
      return jsonRes(200, { data: [] });
    });
    const other = { ...conn, userKey: "u2", accessToken: "1000.other" };
    await Promise.all([
      ...Array.from({ length: 12 }, () => biginFetch(conn, { method: "GET", path: "/Contacts" })),
      ...Array.from({ length: 3 }, () => biginFetch(other, { method: "GET", path: "/Contacts" })),
    ]);
    expect(fetchMock).toHaveBeenCalledTimes(15);
    expect(peaks["Zoho-oauthtoken 1000.abc.def"]).toBe(5);
    expect(peaks["Zoho-oauthtoken 1000.other"]).toBe(3);
    expect(peak).toBe(8);
  });

  it("refuses paths that are not plain API names and ids", async () => {
    for (const path of ["/../oauth", "/Contacts?x=1", "//evil.example/x", "/Contacts/1/../2", "Contacts", "/Contacts/12a"]) {
      await expect(biginFetch(conn, { method: "GET", path })).rejects.toThrow(/unsafe path/);
    }
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("reports non-JSON success as BAD_RESPONSE", async () => {
    fetchMock.mockResolvedValueOnce(new Response("<html>", { status: 200 }));
    await expect(biginFetch(conn, { method: "GET", path: "/Contacts" })).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("measures Bigin's wall-clock time into the active timing context", async () => {
    fetchMock.mockImplementation(async () => {
      await new Promise((r) => setTimeout(r, 30));
      return jsonRes(200, { data: [] });
    });
    const timing = newTiming();
    await runWithTiming(timing, () =>
      Promise.all([biginFetch(conn, { method: "GET", path: "/Contacts" }), biginFetch(conn, { method: "GET", path: "/Accounts" })]),
    );
    expect(timing.calls).toBe(2);
    // Two parallel 30 ms calls: about 30 ms of Bigin time, not 60.
    expect(timing.biginMs).toBeGreaterThanOrEqual(25);
    expect(timing.biginMs).toBeLessThan(55);
  });
});

describe("backoffMs", () => {
  it("grows exponentially with jitter inside [cap/2, cap]", () => {
    for (let i = 0; i < 50; i++) {
      const a = backoffMs(1, 100);
      const b = backoffMs(2, 100);
      expect(a).toBeGreaterThanOrEqual(50);
      expect(a).toBeLessThanOrEqual(100);
      expect(b).toBeGreaterThanOrEqual(100);
      expect(b).toBeLessThanOrEqual(200);
    }
  });
});
