/**
 * What the sign-in page says for each `?error=` value (ours from lib/auth/callback-guard.ts,
 * and next-auth's: https://next-auth.js.org/configuration/pages#error-codes).
 */
export type SignInMessage = { title: string; body: string; tone: "info" | "error" };

export function signInMessage(error: string | null | undefined): SignInMessage | null {
  if (!error) return null;
  switch (error) {
    case "AccessDenied":
    case "access_denied":
      return {
        tone: "info",
        title: "You chose not to connect Bigin",
        body: "Nothing was shared with this dashboard. Whenever you're ready, sign in again and choose Accept.",
      };
    case "UnknownDataCentre":
      return {
        tone: "error",
        title: "Sign-in stopped for your safety",
        body: "Zoho sent you back from a data centre we don't recognise, so we didn't continue and nothing was sent to it. Please sign in again; if this keeps happening, tell your administrator.",
      };
    case "RefreshFailed":
      return {
        tone: "info",
        title: "Reconnect Bigin",
        body: "Your Bigin connection has ended (it may have been revoked). Sign in again to reconnect.",
      };
    case "OAuthSignin":
      return {
        tone: "error",
        title: "Couldn't start signing in",
        body: "We couldn't reach Zoho to start signing in. Check your connection and try again.",
      };
    case "SessionRequired":
      return { tone: "info", title: "Please sign in", body: "Sign in with your Bigin account to continue." };
    default:
      return {
        tone: "error",
        title: "Signing in didn't complete",
        body: "Zoho didn't finish signing you in (the link may have expired or been used already). Please try again.",
      };
  }
}

/**
 * A same-site path to return to after sign-in, or "/". Absolute URLs keep only their path,
 * so a crafted callbackUrl can never leave the app.
 */
export function safeCallbackPath(value: string | string[] | null | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || v.startsWith("//")) return "/";
  try {
    const u = new URL(v, "http://app.invalid");
    const path = `${u.pathname}${u.search}${u.hash}`;
    if (path.startsWith("//") || path.startsWith("/signin") || path.startsWith("/api/")) return "/";
    return path;
  } catch {
    return "/";
  }
}
