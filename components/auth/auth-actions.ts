/**
 * Sign in and out without next-auth/react: the two POSTs it would make, minus its ~16 kB (gzip)
 * of client code on every page. Same endpoints and CSRF double-submit as next-auth v4's
 * `signIn("bigin")` / `signOut()` (https://next-auth.js.org/getting-started/rest-api).
 */

async function csrfToken(): Promise<string> {
  const res = await fetch("/api/auth/csrf", { credentials: "same-origin" });
  if (!res.ok) throw new Error(`Could not start (${res.status})`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return csrfToken;
}

async function postForm(path: string, callbackUrl: string): Promise<string> {
  const body = new URLSearchParams({ csrfToken: await csrfToken(), callbackUrl, json: "true" });
  const res = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  if (!res.ok) throw new Error(`Could not continue (${res.status})`);
  const { url } = (await res.json()) as { url?: string };
  return url ?? callbackUrl;
}

/** Starts Bigin's consent flow; the browser leaves the page. */
export async function signInWithBigin(callbackUrl: string = window.location.href): Promise<void> {
  window.location.href = await postForm("/api/auth/signin/bigin", callbackUrl);
}

/** Signs out (the server revokes the refresh token at the user's data centre), then leaves. */
export async function signOutOfBigin(callbackUrl = "/signin"): Promise<void> {
  const url = await postForm("/api/auth/signout", callbackUrl);
  window.location.href = url;
  // A same-URL navigation only changes the hash; make sure the page really reloads.
  if (url.includes("#")) window.location.reload();
}
