import { APP_URL, BENCH_USER, CALLBACK_URL, DEMO_CLIENT, SANDBOX_URL } from "./config";
import { parseForms, submission } from "./forms";
import { CookieJar, follow, request, type Hop } from "./http";
import { BIGIN_SCOPES } from "../../lib/bigin/scopes";

/**
 * Sign-in over plain HTTP through the real OAuth code flow, as a browser would do it:
 * next-auth's CSRF token → POST /api/auth/signin/bigin → the sandbox's consent page → Accept as
 * the user → /api/auth/callback/bigin → session cookie.
 */

async function consent(jar: CookieJar, authHop: Hop, email: string): Promise<Hop> {
  const page = await follow(jar, authHop, (u) => u.startsWith(CALLBACK_URL));
  if (page.location?.startsWith(CALLBACK_URL)) return page; // consent remembered: straight back
  if (page.status !== 200) throw new Error(`the consent page answered ${page.status} at ${page.url}`);
  const form = parseForms(page.body).find((f) => /accept/i.test(f.html));
  if (!form) throw new Error(`no consent form at ${page.url}`);
  const action = new URL(form.action || page.url, page.url).toString();
  const values = submission(form, email, "Accept");
  const sent =
    form.method === "post"
      ? await request(jar, action, { form: values })
      : await request(jar, `${action}${action.includes("?") ? "&" : "?"}${new URLSearchParams(values)}`);
  const back = await follow(jar, sent, (u) => u.startsWith(CALLBACK_URL));
  if (!back.location?.startsWith(CALLBACK_URL)) {
    throw new Error(`consent did not redirect to the app's callback (got ${back.status} ${back.location ?? back.body.slice(0, 200)})`);
  }
  return back;
}

export type Session = { jar: CookieJar; cookie: string; user: string };

/** Signs in to the app as `email`; returns the cookie header of the signed-in browser. */
export async function signIn(email = BENCH_USER, callbackPath = "/api/auth/session"): Promise<Session> {
  const jar = new CookieJar();
  const csrf = await request(jar, `${APP_URL}/api/auth/csrf`);
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken?: string };
  if (!csrfToken) throw new Error("no csrfToken from /api/auth/csrf");
  let start = await request(jar, `${APP_URL}/api/auth/signin/bigin`, {
    form: { csrfToken, callbackUrl: `${APP_URL}${callbackPath}` },
  });
  if (start.status === 200 && start.body.trim().startsWith("{")) {
    const { url } = JSON.parse(start.body) as { url?: string };
    if (url) start = { ...start, status: 302, location: new URL(url, APP_URL).toString() };
  }
  if (!start.location || start.location.startsWith(APP_URL)) {
    throw new Error(`sign-in did not go to the sandbox (got ${start.status} ${start.location ?? ""})`);
  }
  const back = await consent(jar, start, email);
  const done = await request(jar, back.location!);
  if (done.location && /[?&]error=/.test(done.location)) throw new Error(`the app refused the sign-in: ${done.location}`);
  const check = await request(jar, `${APP_URL}/api/auth/session`, { headers: { Accept: "application/json" } });
  const session = JSON.parse(check.body || "{}") as { user?: { email?: string } };
  if (!session.user) throw new Error(`signed in, but /api/auth/session has no user (${check.status} ${check.body.slice(0, 200)})`);
  return { jar, cookie: jar.header(), user: session.user.email ?? email };
}

export type DirectToken = { accessToken: string; apiDomain: string };

/**
 * A sandbox access token for calling Bigin straight, without the app: the same code flow with
 * the demo client, stopping at the redirect to read the code, then the token endpoint.
 */
export async function directToken(email = BENCH_USER, scopes: readonly string[] = DEFAULT_SCOPES): Promise<DirectToken> {
  const jar = new CookieJar();
  const auth = new URL(`${SANDBOX_URL}/oauth/v2/auth`);
  auth.search = new URLSearchParams({
    response_type: "code",
    client_id: DEMO_CLIENT.id,
    scope: scopes.join(","),
    redirect_uri: CALLBACK_URL,
    access_type: "offline",
    prompt: "consent",
    state: "bench",
  }).toString();
  const back = await consent(jar, await request(jar, auth.toString()), email);
  const cb = new URL(back.location!);
  const code = cb.searchParams.get("code");
  if (!code) throw new Error(`no code in the callback redirect (${back.location})`);
  const accounts = cb.searchParams.get("accounts-server") || SANDBOX_URL;
  const tok = await request(jar, `${accounts}/oauth/v2/token`, {
    form: {
      grant_type: "authorization_code",
      code,
      client_id: DEMO_CLIENT.id,
      client_secret: DEMO_CLIENT.secret,
      redirect_uri: CALLBACK_URL,
    },
  });
  const body = JSON.parse(tok.body || "{}") as { access_token?: string; api_domain?: string; error?: string };
  if (!body.access_token) throw new Error(`token endpoint: ${body.error ?? tok.status}`);
  return { accessToken: body.access_token, apiDomain: body.api_domain ?? SANDBOX_URL };
}

/** The scopes the dashboard asks for, so the direct baseline holds the same grant. */
export const DEFAULT_SCOPES = BIGIN_SCOPES;
