/**
 * Shared Playwright fixtures for every e2e suite. Import `test` and `expect` from here:
 *
 * ```ts
 * import { test, expect } from "./fixtures";
 *
 * test("Ada sees her pipelines", async ({ page, signIn, sandbox }) => {
 *   await signIn(page, "ada@example.com");               // real OAuth through the sandbox
 *   await expect(page.getByRole("link", { name: "Pipelines" })).toBeVisible();
 *   expect((await sandbox.stats("us")).calls["GET /bigin/v2/users"]).toBeGreaterThan(0);
 * });
 * ```
 *
 * - The sandbox is reset (`POST /__sandbox/reset`) before every test, automatically.
 *   To reset with other sizes or settings, call `sandbox.reset({...})` at the start of a test.
 * - `signIn(page, email, { org?, callbackUrl? })` signs in through the real consent page.
 * - `sandbox` is the admin API (see `SandboxAdmin`), one origin per data centre.
 *
 * Signed in without signing in per test — `test.use({ user: "ada@example.com" })` (or `EU_USER`,
 * `emil@example.eu`) in a file or describe: `page` is then signed in as that user from a stored
 * session (`e2e/.auth/sandbox-<port>/<email>.json`, written by the `setup` project,
 * `e2e/auth.setup.ts`). The automatic reset then keeps the sandbox's tokens (`{"keepTokens": true}`) so the stored session
 * stays valid; a stored session that stopped working (tokens revoked, another sandbox, another
 * NEXTAUTH_SECRET) is replaced by a real sign-in, once. See README "Driving the app from Playwright".
 *
 * Where things run: the app at `baseURL` (playwright.config.ts, http://127.0.0.1:3000); the
 * sandbox at E2E_SANDBOX_URL or http://127.0.0.1:${E2E_SANDBOX_PORT ?? 4010} (US), EU on the next
 * port. Keep this API stable: other suites depend on it; extend it, don't change it.
 */
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export { expect };
export type { Page };

/** Data centres in the sandbox's port order (lib/env.ts SANDBOX_DC_ORDER). */
export const DC_ORDER = ["us", "eu", "in", "au", "jp", "ca", "sa", "cn"] as const;
export type Dc = (typeof DC_ORDER)[number];

export type SandboxUser = {
  email: string;
  name: string;
  dc: Dc;
  zuid: string | number;
  orgs: { id: string; name: string; dc: Dc }[];
};

export type SandboxStats = {
  dc: Dc;
  /** Token grants by grant_type: `authorization_code`, `refresh_token`. */
  grants: Record<string, number>;
  revokes: number;
  /** API calls by `METHOD path-template`, e.g. `GET /bigin/v2/Contacts`. */
  calls: Record<string, number>;
  /** Errors returned, by code (`INVALID_TOKEN`, `invalid_code`…). */
  errors: Record<string, number>;
};

export type FaultSpec = {
  /** `METHOD /path`, a trailing `*` matches a prefix: "GET /bigin/v2/Contacts*". */
  match: string;
  status?: number;
  code?: string;
  message?: string;
  times?: number;
  latencyMs?: number;
};

export type ResetOptions = {
  contacts?: number;
  companies?: number;
  deals?: number;
  notes?: number;
  accessTokenTtlS?: number;
  limits?: boolean;
  maxConcurrency?: number;
  /** Keep issued tokens (signed-in sessions, stored sessions) across the reset. */
  keepTokens?: boolean;
};

export type SandboxAdmin = {
  /** Origin of each data centre, e.g. `{ us: "http://127.0.0.1:4010", eu: "http://127.0.0.1:4011", … }`. */
  origins: Record<Dc, string>;
  /** Reseeds every DC; clears stats, faults and tokens (signed-in sessions stop working). */
  reset(options?: ResetOptions): Promise<Record<string, unknown>>;
  /** Counters of one DC's origin since the last reset. */
  stats(dc?: Dc): Promise<SandboxStats>;
  /** Injects a fault on one DC, or on every DC with `"all"`. */
  fault(dc: Dc | "all", spec: FaultSpec): Promise<void>;
  clearFaults(dc?: Dc | "all"): Promise<void>;
  /** Every access token expires now (the app's JWT still thinks they are valid). Returns how many. */
  expireTokens(): Promise<number>;
  /** Every refresh token (and its access tokens) is revoked. Returns how many. */
  revokeTokens(): Promise<number>;
  /** The seeded users who can sign in. */
  users(): Promise<SandboxUser[]>;
  /** A record as the sandbox stores it (raw Bigin JSON), or null when it does not exist. */
  record(module: string, id: string, dc?: Dc): Promise<Record<string, unknown> | null>;
};

function sandboxBaseUrl(): string {
  if (process.env.E2E_SANDBOX_URL) return process.env.E2E_SANDBOX_URL.replace(/\/+$/, "");
  return `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? 4010}`;
}

/** Origins of every sandbox DC: consecutive ports after the US origin. */
export function sandboxOrigins(base = sandboxBaseUrl()): Record<Dc, string> {
  const u = new URL(base);
  const port = Number(u.port || 80);
  return Object.fromEntries(
    DC_ORDER.map((dc, i) => {
      const o = new URL(u.origin);
      o.port = String(port + i);
      return [dc, o.origin];
    }),
  ) as Record<Dc, string>;
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → HTTP ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

export function createSandboxAdmin(base = sandboxBaseUrl()): SandboxAdmin {
  const origins = sandboxOrigins(base);
  return {
    origins,
    reset: (options = {}) => call("POST", `${origins.us}/__sandbox/reset`, options),
    stats: (dc = "us") => call("GET", `${origins[dc]}/__sandbox/stats`),
    async fault(dc, spec) {
      if (dc === "all") await call("POST", `${origins.us}/__sandbox/faults`, { ...spec, dc: "all" });
      else await call("POST", `${origins[dc]}/__sandbox/faults`, spec);
    },
    async clearFaults(dc = "all") {
      if (dc === "all") await call("DELETE", `${origins.us}/__sandbox/faults?dc=all`);
      else await call("DELETE", `${origins[dc]}/__sandbox/faults`);
    },
    expireTokens: async () => (await call<{ expired: number }>("POST", `${origins.us}/__sandbox/tokens/expire`)).expired,
    revokeTokens: async () => (await call<{ revoked: number }>("POST", `${origins.us}/__sandbox/tokens/revoke`)).revoked,
    users: async () => (await call<{ users: SandboxUser[] }>("GET", `${origins.us}/__sandbox/users`)).users,
    async record(module, id, dc = "us") {
      const res = await fetch(`${origins[dc]}/__sandbox/records/${encodeURIComponent(module)}/${encodeURIComponent(id)}`);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`sandbox record ${module}/${id} → HTTP ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    },
  };
}

export type SignInOptions = {
  /** Organization name to pick on the consent page (users in several orgs). */
  org?: string;
  /** Where to start (a protected page sends you through /signin and back). Default /signin. */
  startAt?: string;
  /** Wait for the signed-in app after Accept (default true). */
  waitForApp?: boolean;
};

export type SignIn = (page: Page, email: string, options?: SignInOptions) => Promise<void>;

/** The consent page: check the user whose accessible name contains `email`, pick the org, Accept. */
export async function acceptConsent(page: Page, email: string, org?: string) {
  await page.getByRole("radio", { name: email }).check();
  if (org) await page.getByLabel("Organization").selectOption({ label: org });
  await page.getByRole("button", { name: "Accept" }).click();
}

/** Waits until the browser is back in the app, past the OAuth callback and the sign-in page. */
export async function waitForApp(page: Page) {
  await page.waitForURL((url) => !url.pathname.startsWith("/api/auth") && !url.pathname.startsWith("/signin") && !url.pathname.startsWith("/oauth"), {
    timeout: 30_000,
  });
  await page.waitForLoadState("domcontentloaded");
}

export async function signIn(page: Page, email: string, options: SignInOptions = {}) {
  await page.goto(options.startAt ?? "/signin");
  await page.getByRole("button", { name: "Sign in with Bigin" }).click();
  await page.waitForURL((url) => url.pathname === "/oauth/v2/auth");
  await acceptConsent(page, email, options.org);
  if (options.waitForApp !== false) await waitForApp(page);
}

/** The seeded US-data-centre user and the EU one (sandbox/README.md). */
export const US_USER = "ada@example.com";
export const EU_USER = "emil@example.eu";

/**
 * Where the stored session (Playwright storageState) of `email` lives:
 * e2e/.auth/sandbox-<port>/<email>.json (gitignored). One folder per sandbox, so runs on other
 * ports (another checkout, a colleague's run in the same tree) never overwrite each other's.
 */
export function storageStatePath(email: string): string {
  const dir = process.env.E2E_AUTH_DIR ?? join(__dirname, ".auth");
  const port = new URL(sandboxBaseUrl()).port || "80";
  return join(dir, `sandbox-${port}`, `${email.replace(/[^\w@.+-]/g, "_")}.json`);
}

type Cookies = Parameters<BrowserContext["addCookies"]>[0];

/** Signs `email` in on `page` and stores the session in storageStatePath(email); returns its cookies. */
export async function storeSession(page: Page, email: string, options: SignInOptions = {}): Promise<Cookies> {
  await signIn(page, email, options);
  const file = storageStatePath(email);
  mkdirSync(dirname(file), { recursive: true });
  return (await page.context().storageState({ path: file })).cookies;
}

/** Stored sessions known to work against the sandbox's current tokens, in this worker: their cookies. */
type SessionBook = { valid: Map<string, Cookies> };

type Fixtures = {
  sandbox: SandboxAdmin;
  signIn: SignIn;
  resetSandbox: void;
  /** Sign `page` in as this seeded user (from a stored session when one works). Default: nobody. */
  user: string | undefined;
  /** Whether `user`'s stored session works (checked at most once per worker while tokens are untouched). */
  storedSessionWorks: boolean;
};

export const test = base.extend<Fixtures, { sessionBook: SessionBook }>({
  user: [undefined, { option: true }],
  sessionBook: [async ({}, provide) => provide({ valid: new Map() }), { scope: "worker" }],

  sandbox: async ({ user, sessionBook }, provide) => {
    const admin = createSandboxAdmin();
    // Anything that ends or ages tokens makes every stored session suspect: check it again next time.
    await provide({
      ...admin,
      reset: (options = {}) => {
        const keepTokens = options.keepTokens ?? user !== undefined; // a signed-in test stays signed in
        if (!keepTokens) sessionBook.valid.clear();
        return admin.reset({ ...options, keepTokens });
      },
      expireTokens: () => {
        sessionBook.valid.clear();
        return admin.expireTokens();
      },
      revokeTokens: () => {
        sessionBook.valid.clear();
        return admin.revokeTokens();
      },
    });
  },
  signIn: async ({}, provide) => {
    await provide(signIn);
  },

  storedSessionWorks: async ({ user, sessionBook, playwright, baseURL }, provide) => {
    if (!user) return provide(false);
    const file = storageStatePath(user);
    if (!sessionBook.valid.has(user) && existsSync(file)) {
      // One call that reaches Bigin with the stored session; before the reset, so stats stay clean.
      const request = await playwright.request.newContext({ baseURL, storageState: file });
      try {
        const res = await request.get("/api/contacts?perPage=1");
        // Keeps a cookie the app refreshed meanwhile.
        if (res.ok()) sessionBook.valid.set(user, (await request.storageState({ path: file })).cookies);
      } finally {
        await request.dispose();
      }
    }
    await provide(sessionBook.valid.has(user));
  },

  // Every test starts from the same seeded sandbox with no stats or faults, and no tokens unless a
  // stored session is in use (then its tokens are kept).
  resetSandbox: [
    async ({ sandbox, storedSessionWorks, storageState }, provide) => {
      await sandbox.reset({ keepTokens: storedSessionWorks || storageState !== undefined });
      await provide();
    },
    { auto: true },
  ],

  page: async ({ page, user, storedSessionWorks, sessionBook, resetSandbox }, provide) => {
    void resetSandbox; // signs in after the reset, never before
    if (user && storedSessionWorks) await page.context().addCookies(sessionBook.valid.get(user)!);
    else if (user) sessionBook.valid.set(user, await storeSession(page, user));
    await provide(page);
  },
});
