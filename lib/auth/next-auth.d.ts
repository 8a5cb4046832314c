// Types of what our next-auth JWT and session hold. The JWT lives only in the encrypted,
// httpOnly session cookie; the Session is what the browser may see — never a token.
import type { DataCentre } from "@/lib/types";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** Zoho user id (ZUID). */
    sub?: string;
    access_token?: string;
    refresh_token?: string;
    /** Access-token expiry, epoch seconds. */
    expires_at?: number;
    /** Lifetime in seconds of the current access token (Zoho: 3600). */
    token_lifetime?: number;
    /** Bigin API origin from the token response, e.g. https://www.zohoapis.eu. */
    api_domain?: string;
    /** The user's own accounts server, from the OAuth callback, e.g. https://accounts.zoho.eu. */
    accounts_server?: string;
    /** `location` from the OAuth callback, as Zoho sent it. */
    location?: string;
    dc?: DataCentre;
    org?: { id: string; name: string } | null;
    /** The Bigin user id (appears in Owner fields). */
    bigin_user_id?: string | null;
    /** Set when refreshing failed for good: the user must reconnect Bigin. */
    error?: "RefreshFailed";
  }
}

declare module "next-auth" {
  interface Session {
    user: { name?: string | null; email?: string | null };
    dc: DataCentre | null;
    org: { id: string; name: string } | null;
    error?: "RefreshFailed";
  }
}
