/**
 * A tiny browser-like HTTP client for sign-in: a cookie jar and manual redirects, so each hop of
 * the OAuth dance can be checked. Cookies are keyed by host name only, as browsers do (ports do
 * not isolate cookies), which matters because the app and the sandbox share 127.0.0.1.
 */

export type Cookie = { name: string; value: string; path: string; httpOnly: boolean; expires: number | null };

export class CookieJar {
  private cookies = new Map<string, Cookie>();

  store(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const c: Cookie = { name, value, path: "/", httpOnly: false, expires: null };
      for (const a of attrs) {
        const [k, v = ""] = a.split("=");
        const key = k.trim().toLowerCase();
        if (key === "path") c.path = v.trim() || "/";
        else if (key === "httponly") c.httpOnly = true;
        else if (key === "max-age") c.expires = Date.now() / 1000 + Number(v);
        else if (key === "expires" && c.expires === null) c.expires = Date.parse(v) / 1000;
      }
      if (value === "" || (c.expires !== null && c.expires <= Date.now() / 1000)) this.cookies.delete(name);
      else this.cookies.set(name, c);
    }
  }

  header(): string {
    return [...this.cookies.values()].map((c) => `${c.name}=${c.value}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  all(): Cookie[] {
    return [...this.cookies.values()];
  }
}

export type Hop = { url: string; status: number; location: string | null; body: string; headers: Headers };

/** One request, no redirect following; cookies read from and written to the jar. */
export async function request(
  jar: CookieJar,
  url: string,
  init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Hop> {
  const headers: Record<string, string> = { Accept: "text/html,application/json", ...init.headers };
  const cookie = jar.header();
  if (cookie) headers.Cookie = cookie;
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  const res = await fetch(url, {
    method: init.method ?? (body ? "POST" : "GET"),
    headers,
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  });
  jar.store(res.headers.getSetCookie());
  const location = res.headers.get("location");
  return {
    url,
    status: res.status,
    location: location ? new URL(location, url).toString() : null,
    body: await res.text(),
    headers: res.headers,
  };
}

/** Follow redirects (GET) until a non-redirect answer or until `stop(url)` says to hand back. */
export async function follow(jar: CookieJar, first: Hop, stopAt?: (url: string) => boolean, max = 10): Promise<Hop> {
  let hop = first;
  for (let i = 0; i < max && hop.status >= 300 && hop.status < 400 && hop.location; i++) {
    if (stopAt?.(hop.location)) return hop;
    hop = await request(jar, hop.location);
  }
  return hop;
}
