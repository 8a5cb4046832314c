/**
 * The raw query of the OAuth callback request, for the provider's token request.
 *
 * Why: next-auth v4 builds the token request's `params` with openid-client's
 * `callbackParams()`, which keeps only standard OAuth keys (code, state, error…) and drops
 * Zoho's `location` and `accounts-server`. The route handler (app/api/auth/[...nextauth])
 * runs next-auth inside `withCallbackParams()` so the provider can read them here.
 * The store is on globalThis so every bundle that imports this module shares it.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const KEY = Symbol.for("bigin-dashboard.auth.callback-params");
const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<URLSearchParams> | undefined>;
const storage = (g[KEY] ??= new AsyncLocalStorage<URLSearchParams>());

export function withCallbackParams<T>(params: URLSearchParams, fn: () => T): T {
  return storage.run(params, fn);
}

/** The current callback request's query, or null outside `withCallbackParams`. */
export function currentCallbackParams(): URLSearchParams | null {
  return storage.getStore() ?? null;
}
