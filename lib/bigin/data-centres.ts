import type { DataCentre } from "@/lib/types";
import { getEnv, sandboxOrigins, type AppEnv } from "@/lib/env";

/**
 * Zoho's data centres: where a user's accounts (OAuth) server and Bigin API live.
 * https://www.bigin.com/developer/docs/apis/v2/multi-dc.html
 *
 * The OAuth callback's `accounts-server` and the token response's `api_domain` are
 * user-controlled input: they are trusted only when they are on this list (or, in sandbox
 * mode, one of the sandbox's own origins). Anything else fails the sign-in before we send a
 * client secret or a token anywhere.
 */
export type DataCentreInfo = {
  dc: DataCentre;
  label: string;
  accountsServer: string;
  apiDomain: string;
};

export const DATA_CENTRES: readonly DataCentreInfo[] = [
  { dc: "us", label: "United States", accountsServer: "https://accounts.zoho.com", apiDomain: "https://www.zohoapis.com" },
  { dc: "eu", label: "Europe", accountsServer: "https://accounts.zoho.eu", apiDomain: "https://www.zohoapis.eu" },
  { dc: "in", label: "India", accountsServer: "https://accounts.zoho.in", apiDomain: "https://www.zohoapis.in" },
  { dc: "au", label: "Australia", accountsServer: "https://accounts.zoho.com.au", apiDomain: "https://www.zohoapis.com.au" },
  { dc: "jp", label: "Japan", accountsServer: "https://accounts.zoho.jp", apiDomain: "https://www.zohoapis.jp" },
  { dc: "ca", label: "Canada", accountsServer: "https://accounts.zohocloud.ca", apiDomain: "https://www.zohoapis.ca" },
  { dc: "sa", label: "Saudi Arabia", accountsServer: "https://accounts.zoho.sa", apiDomain: "https://www.zohoapis.sa" },
  { dc: "cn", label: "China", accountsServer: "https://accounts.zoho.com.cn", apiDomain: "https://www.zohoapis.com.cn" },
];

/**
 * Zoho Accounts' UK data centre: Bigin does not list it, so it is allowed for sign-in but has
 * no Bigin API domain of its own (its api_domain must still be on the list above).
 */
export const EXTRA_ACCOUNTS_SERVERS: readonly { accountsServer: string; dc: DataCentre }[] = [
  { accountsServer: "https://accounts.zoho.uk", dc: "eu" },
];

/**
 * The origin of an absolute http(s) URL with no credentials, path, query or fragment, or null.
 * `https://accounts.zoho.eu/` → `https://accounts.zoho.eu`; `https://evil.example@accounts.zoho.eu` → null.
 */
export function normaliseOrigin(value: string | null | undefined): string | null {
  if (!value || typeof value !== "string") return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== "/" && url.pathname !== "") return null;
  return url.origin;
}

function sandboxDcByOrigin(env: AppEnv): Map<string, DataCentre> {
  const out = new Map<string, DataCentre>();
  if (!env.sandbox) return out;
  for (const [dc, origin] of sandboxOrigins(env)) out.set(origin, dc as DataCentre);
  return out;
}

/**
 * The data centre of an allowed accounts server, or null when the host is not allowed.
 * Zoho hosts are https only; the sandbox's loopback origins count in sandbox mode only.
 */
export function dcForAccountsServer(value: string | null | undefined, env: AppEnv = getEnv()): DataCentre | null {
  const origin = normaliseOrigin(value);
  if (!origin) return null;
  const zoho = DATA_CENTRES.find((d) => d.accountsServer === origin);
  if (zoho) return zoho.dc;
  const extra = EXTRA_ACCOUNTS_SERVERS.find((d) => d.accountsServer === origin);
  if (extra) return extra.dc;
  return sandboxDcByOrigin(env).get(origin) ?? null;
}

/** The data centre of an allowed Bigin API domain, or null when the host is not allowed. */
export function dcForApiDomain(value: string | null | undefined, env: AppEnv = getEnv()): DataCentre | null {
  const origin = normaliseOrigin(value);
  if (!origin) return null;
  const zoho = DATA_CENTRES.find((d) => d.apiDomain === origin);
  if (zoho) return zoho.dc;
  return sandboxDcByOrigin(env).get(origin) ?? null;
}

export function isAllowedAccountsServer(value: string | null | undefined, env: AppEnv = getEnv()) {
  return dcForAccountsServer(value, env) !== null;
}

export function isAllowedApiDomain(value: string | null | undefined, env: AppEnv = getEnv()) {
  return dcForApiDomain(value, env) !== null;
}

/** Human name of a data centre ("Europe"), for the UI. */
export function dataCentreLabel(dc: DataCentre | string | null | undefined): string | null {
  if (!dc) return null;
  return DATA_CENTRES.find((d) => d.dc === dc)?.label ?? dc;
}
