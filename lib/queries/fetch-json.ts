import type { ApiErrorBody } from "@/lib/types";

/** The browser's one way to call our route handlers. Non-2xx answers throw ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
    readonly retryAfter: number | null = null,
  ) {
    super(body?.error.message ?? `Request failed (${status})`);
    this.name = "ApiError";
  }
  get code() {
    return this.body?.error.code ?? `HTTP_${this.status}`;
  }
  get fields() {
    return this.body?.error.fields ?? {};
  }
  get reconnect() {
    return this.body?.error.reconnect === true;
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  const headers = new Headers(rest.headers);
  headers.set("accept", "application/json");
  if (json !== undefined) headers.set("content-type", "application/json");
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, {
      error: { code: "NETWORK", message: "Can't reach the server. Check your connection and try again." },
    });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const body =
      data && typeof data === "object" && "error" in data
        ? (data as ApiErrorBody)
        : { error: { code: `HTTP_${res.status}`, message: `Request failed (${res.status})` } };
    const ra = Number(res.headers.get("retry-after"));
    if (body.error.reconnect && typeof window !== "undefined") {
      window.dispatchEvent(new CustomEvent("bigin:reconnect"));
    }
    throw new ApiError(res.status, body, Number.isFinite(ra) && ra > 0 ? ra : null);
  }
  return data as T;
}
