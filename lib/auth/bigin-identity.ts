/**
 * Who the signed-in user is in Bigin, fetched once at sign-in: the Bigin user id (it appears
 * in Owner fields) and the organization the tokens are bound to.
 * https://www.bigin.com/developer/docs/apis/v2/get-users.html · get-org-data.html
 * Failures are tolerated: the dashboard works without them, the header just shows less.
 */
import { isAllowedApiDomain, normaliseOrigin } from "@/lib/bigin/data-centres";
import type { AppEnv } from "@/lib/env";

export type BiginIdentity = { userId: string | null; org: { id: string; name: string } | null };

const TIMEOUT_MS = 5_000;

async function getJson(url: string, accessToken: string, fetchImpl: typeof fetch): Promise<unknown> {
  try {
    const res = await fetchImpl(url, {
      headers: { authorization: `Zoho-oauthtoken ${accessToken}`, accept: "application/json" },
      cache: "no-store",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return null;
    return await res.json();
  } catch {
    return null;
  }
}

const str = (v: unknown) => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null);

export async function fetchBiginIdentity(
  input: { apiDomain: string; accessToken: string },
  deps: { env: AppEnv; fetch?: typeof fetch },
): Promise<BiginIdentity> {
  const origin = normaliseOrigin(input.apiDomain);
  if (!origin || !isAllowedApiDomain(origin, deps.env)) return { userId: null, org: null };
  const f = deps.fetch ?? fetch;
  const [users, org] = await Promise.all([
    getJson(`${origin}/bigin/v2/users?type=CurrentUser`, input.accessToken, f),
    getJson(`${origin}/bigin/v2/org`, input.accessToken, f),
  ]);
  const user = (users as { users?: Record<string, unknown>[] } | null)?.users?.[0];
  // Bigin wraps the org in an array ({"org":[{…}]}, CRM convention); tolerate a bare object.
  const rawOrg = (org as { org?: unknown } | null)?.org;
  const o = (Array.isArray(rawOrg) ? rawOrg[0] : rawOrg) as Record<string, unknown> | undefined;
  const orgId = o ? str(o.id) : null;
  return {
    userId: user ? str(user.id) : null,
    org: orgId ? { id: orgId, name: str(o?.company_name) ?? str(o?.name) ?? str(o?.alias) ?? "Bigin" } : null,
  };
}
