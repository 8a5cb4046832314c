// Zoho Accounts: consent page, token endpoint, revoke and user info (bigin-api.md §2).
import type { ServerResponse } from "node:http";
import { createHmac } from "node:crypto";
import { escapeHtml, formParams, redirect, sendHtml, sendJson, type Req } from "./http";
import {
  allowRefreshMint,
  consentKey,
  findAccess,
  mintAccess,
  mintRefresh,
  revokeRefresh,
} from "./tokens";
import { makeToken } from "./util";
import type { Client, Dc, Person, World } from "./world";

export interface DcContext {
  world: World;
  dc: Dc;
  origin: string;
}

export const CODE_TTL_MS = 120_000;

const SCOPE_PATTERNS = [
  /^ZohoBigin\.[A-Za-z_]+(\.[A-Za-z_]+){0,2}$/i,
  /^ZohoSearch\.securesearch\.(READ|ALL)$/i,
  /^AaaServer\.profile\.(READ|ALL)$/i,
  /^(openid|email|profile)$/i,
];

export function splitScopes(scope: string | null): string[] {
  return (scope ?? "").split(/[\s,]+/).filter(Boolean);
}

function errorPage(res: ServerResponse, title: string, detail: string) {
  sendHtml(
    res,
    400,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} – Bigin sandbox</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">` +
      `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p><p>No redirect was made.</p></body></html>`,
  );
}

/** Checks shared by the consent page and its form post. Renders the error page on failure. */
function checkAuthRequest(
  ctx: DcContext,
  params: URLSearchParams,
  res: ServerResponse,
): { client: Client; redirectUri: string; scopes: string[] } | null {
  const client = ctx.world.clients.get(params.get("client_id") ?? "");
  if (!client) {
    errorPage(res, "Invalid Client", "The client_id is not registered with this accounts server.");
    return null;
  }
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!client.redirect_uris.includes(redirectUri)) {
    errorPage(
      res,
      "Invalid Redirect Uri",
      "The redirect_uri does not exactly match a URI registered for this client.",
    );
    return null;
  }
  if (params.get("response_type") !== "code") {
    errorPage(res, "Invalid Response Type", "Only response_type=code is supported.");
    return null;
  }
  const scopes = splitScopes(params.get("scope"));
  const bad = scopes.find((s) => !SCOPE_PATTERNS.some((re) => re.test(s)));
  if (!scopes.length || bad) {
    errorPage(
      res,
      "Invalid OAuth Scope",
      bad ? `Unknown scope: ${bad}` : "The scope parameter is missing.",
    );
    return null;
  }
  return { client, redirectUri, scopes };
}

function visiblePeople(world: World): Person[] {
  return world.people.filter((p) => world.dcs.includes(p.dc));
}

function orgsOf(world: World, person: Person) {
  return person.orgIds.map((id) => world.orgs.get(id)!).filter(Boolean);
}

/** `GET /oauth/v2/auth`: the consent page with a user choice and an org picker. */
export function handleAuthorizePage(ctx: DcContext, req: Req, res: ServerResponse) {
  const checked = checkAuthRequest(ctx, req.query, res);
  if (!checked) return;
  const { client, scopes } = checked;
  const people = visiblePeople(ctx.world);
  const hidden = [
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "access_type",
    "prompt",
  ]
    .filter((k) => req.query.has(k))
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(req.query.get(k)!)}">`)
    .join("");
  const radios = people
    .map((p, i) => {
      const orgs = orgsOf(ctx.world, p).map((o) => ({ id: o.id, name: o.name }));
      return (
        `<label class="user"><input type="radio" name="user" value="${p.zuid}"${i === 0 ? " checked" : ""} ` +
        `data-orgs="${escapeHtml(JSON.stringify(orgs))}"> ${escapeHtml(`${p.firstName} ${p.lastName}`)} — ${escapeHtml(p.email)} (${p.dc.toUpperCase()})</label>`
      );
    })
    .join("");
  const firstOrgs = people.length ? orgsOf(ctx.world, people[0]) : [];
  const options = firstOrgs
    .map((o) => `<option value="${o.id}">${escapeHtml(o.name)}</option>`)
    .join("");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Authorize ${escapeHtml(client.name)} – Bigin sandbox</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
fieldset{border:1px solid #ccd;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
label.user{display:block;padding:.3rem 0}
select{font-size:1rem;padding:.25rem;margin:.25rem 0 1rem;display:block}
button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem;border-radius:6px;border:1px solid #888;cursor:pointer}
button[value=accept]{background:#0b6bcb;color:#fff;border-color:#0b6bcb}
code{font-size:.85rem}
.badge{display:inline-block;background:#fde68a;border-radius:4px;padding:0 .4rem;font-size:.8rem}
</style></head>
<body><main>
<p><span class="badge">Sandbox</span> Zoho Accounts emulator · data centre ${ctx.dc.toUpperCase()}</p>
<h1>${escapeHtml(client.name)} would like to access your Bigin data</h1>
<h2>Requested permissions</h2>
<ul>${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("")}</ul>
<form method="post" action="/oauth/v2/auth">
${hidden}
<fieldset><legend>Sign in as</legend>${radios}</fieldset>
<label for="org">Organization</label>
<select id="org" name="org">${options}</select>
<button type="submit" name="action" value="accept">Accept</button>
<button type="submit" name="action" value="deny">Deny</button>
</form>
</main>
<script>
(function(){
  var select=document.getElementById("org");
  function fill(radio){
    var orgs=JSON.parse(radio.getAttribute("data-orgs"));
    select.innerHTML="";
    orgs.forEach(function(o){var opt=document.createElement("option");opt.value=o.id;opt.textContent=o.name;select.appendChild(opt);});
  }
  document.querySelectorAll('input[name="user"]').forEach(function(r){r.addEventListener("change",function(){if(r.checked)fill(r);});});
  var checked=document.querySelector('input[name="user"]:checked'); if(checked) fill(checked);
})();
</script>
</body></html>`;
  sendHtml(res, 200, html);
}

function withParams(uri: string, params: [string, string][]): string {
  const qs = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return uri + (uri.includes("?") ? "&" : "?") + qs;
}

/** `POST /oauth/v2/auth`: the consent form's Accept / Deny. */
export function handleAuthorizeDecision(ctx: DcContext, req: Req, res: ServerResponse) {
  const params = formParams(req);
  const checked = checkAuthRequest(ctx, params, res);
  if (!checked) return;
  const state = params.get("state");
  const stateParam: [string, string][] = state !== null ? [["state", state]] : [];
  if (params.get("action") !== "accept") {
    redirect(res, withParams(checked.redirectUri, [["error", "access_denied"], ...stateParam]));
    return;
  }
  const world = ctx.world;
  const person = visiblePeople(world).find((p) => String(p.zuid) === params.get("user"));
  if (!person) return errorPage(res, "Unknown User", "Choose one of the listed users.");
  const orgId = params.get("org") || person.orgIds[0];
  if (!person.orgIds.includes(orgId) || !world.orgs.has(orgId))
    return errorPage(res, "Invalid Organization", "The user is not a member of that organization.");
  const org = world.orgs.get(orgId)!;
  const key = consentKey(person.zuid, checked.client.client_id);
  const offline = params.get("access_type") === "offline";
  const issueRefresh = offline && (!world.consents.has(key) || params.get("prompt") === "consent");
  if (offline) world.consents.add(key);
  const code = makeToken();
  world.codes.set(code, {
    code,
    clientId: checked.client.client_id,
    redirectUri: checked.redirectUri,
    zuid: person.zuid,
    orgId,
    dc: org.dc,
    scopes: checked.scopes,
    issueRefresh,
    expiresAt: Date.now() + CODE_TTL_MS,
  });
  const accountsServer = world.origins[org.dc];
  redirect(
    res,
    withParams(checked.redirectUri, [
      ...stateParam,
      ["code", code],
      ["location", org.dc],
      ["accounts-server", accountsServer],
    ]),
  );
}

function tokenError(
  ctx: DcContext,
  req: Req,
  res: ServerResponse,
  error: string,
  description?: string,
) {
  const stats = ctx.world.stats[ctx.dc];
  stats.errors[error] = (stats.errors[error] ?? 0) + 1;
  // Zoho answers token errors with HTTP 200 and an `error` key (bigin-api.md §2.5).
  sendJson(res, req, 200, description ? { error, error_description: description } : { error });
}

function idToken(ctx: DcContext, client: Client, person: Person | undefined, now: number): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const head = b64({ alg: "HS256", typ: "JWT" });
  const body = b64({
    iss: ctx.origin,
    sub: String(person?.zuid ?? ""),
    aud: client.client_id,
    email: person?.email,
    email_verified: true,
    first_name: person?.firstName,
    last_name: person?.lastName,
    name: person ? `${person.firstName} ${person.lastName}` : undefined,
    iat: Math.floor(now / 1000),
    exp: Math.floor(now / 1000) + 3600,
  });
  const sig = createHmac("sha256", client.client_secret)
    .update(`${head}.${body}`)
    .digest("base64url");
  return `${head}.${body}.${sig}`;
}

/** `POST /oauth/v2/token`: authorization_code and refresh_token grants. */
export function handleToken(ctx: DcContext, req: Req, res: ServerResponse) {
  const world = ctx.world;
  const params = formParams(req);
  const auth = String(req.headers.authorization ?? "");
  if (auth.startsWith("Basic ")) {
    const [id, secret] = Buffer.from(auth.slice(6), "base64").toString("utf8").split(":");
    if (id && !params.has("client_id")) params.set("client_id", decodeURIComponent(id));
    if (secret !== undefined && !params.has("client_secret"))
      params.set("client_secret", decodeURIComponent(secret));
  }
  const grantType = params.get("grant_type");
  if (grantType !== "authorization_code" && grantType !== "refresh_token")
    return tokenError(ctx, req, res, "unsupported_grant_type");
  const client = world.clients.get(params.get("client_id") ?? "");
  if (!client) return tokenError(ctx, req, res, "invalid_client");
  if (params.get("client_secret") !== client.client_secret)
    return tokenError(ctx, req, res, "invalid_client_secret");
  const now = Date.now();
  const ttl = world.settings.accessTokenTtlS;

  if (grantType === "authorization_code") {
    const code = world.codes.get(params.get("code") ?? "");
    if (
      !code ||
      code.expiresAt <= now ||
      code.clientId !== client.client_id ||
      code.dc !== ctx.dc
    ) {
      if (code && code.expiresAt <= now) world.codes.delete(code.code);
      return tokenError(ctx, req, res, "invalid_code");
    }
    if (params.has("redirect_uri") && params.get("redirect_uri") !== code.redirectUri)
      return tokenError(ctx, req, res, "invalid_redirect_uri");
    world.codes.delete(code.code); // single use
    const grant = {
      clientId: client.client_id,
      zuid: code.zuid,
      orgId: code.orgId,
      dc: code.dc,
      scopes: code.scopes,
    };
    const rt = code.issueRefresh ? mintRefresh(world, grant, now) : null;
    const at = mintAccess(world, grant, rt, now);
    world.stats[ctx.dc].grants.authorization_code++;
    world.onChange();
    const body: Record<string, unknown> = { access_token: at.token };
    if (rt) body.refresh_token = rt.token;
    body.scope = code.scopes.join(" ");
    body.api_domain = ctx.origin;
    body.token_type = "Bearer";
    body.expires_in = ttl;
    if (code.scopes.some((s) => /^(openid|email)$/i.test(s))) {
      body.id_token = idToken(
        ctx,
        client,
        world.people.find((p) => p.zuid === code.zuid),
        now,
      );
    }
    return sendJson(res, req, 200, body);
  }

  const rt = world.refreshTokens.get(params.get("refresh_token") ?? "");
  // A revoked, evicted or foreign refresh token is reported as invalid_code (bigin-api.md §2.5).
  if (!rt || rt.clientId !== client.client_id || rt.dc !== ctx.dc)
    return tokenError(ctx, req, res, "invalid_code");
  if (!allowRefreshMint(world, rt, now)) {
    return tokenError(
      ctx,
      req,
      res,
      "access_denied",
      "You have made too many requests continuously. Please try again after some time.",
    );
  }
  const at = mintAccess(world, rt, rt, now);
  world.stats[ctx.dc].grants.refresh_token++;
  world.onChange();
  sendJson(res, req, 200, {
    access_token: at.token,
    scope: rt.scopes.join(" "),
    api_domain: ctx.origin,
    token_type: "Bearer",
    expires_in: ttl,
  });
}

/** `POST /oauth/v2/token/revoke?token=`: revokes a refresh token (and its access tokens) or one access token. */
export function handleRevoke(ctx: DcContext, req: Req, res: ServerResponse) {
  const world = ctx.world;
  const token = formParams(req).get("token") ?? "";
  const rt = world.refreshTokens.get(token);
  const at = world.accessTokens.get(token);
  if (rt && rt.dc === ctx.dc) revokeRefresh(world, rt);
  else if (at && at.dc === ctx.dc) world.accessTokens.delete(token);
  else {
    const stats = world.stats[ctx.dc];
    stats.errors.invalid_token = (stats.errors.invalid_token ?? 0) + 1;
    return sendJson(res, req, 400, { error: "invalid_token" });
  }
  world.stats[ctx.dc].revokes++;
  world.onChange();
  sendJson(res, req, 200, { status: "success" });
}

/** `GET /oauth/user/info` with `Zoho-oauthtoken` or `Bearer`. */
export function handleUserInfo(ctx: DcContext, req: Req, res: ServerResponse) {
  const m = /^(?:Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""));
  const at = m ? findAccess(ctx.world, m[1], Date.now()) : null;
  if (!at || at.dc !== ctx.dc) return sendJson(res, req, 401, { error: "invalid_token" });
  const allowed = [
    "aaaserver.profile.read",
    "aaaserver.profile.all",
    "profile",
    "email",
    "openid",
  ].some((s) => at.scopeSet.has(s));
  if (!allowed) return sendJson(res, req, 401, { error: "invalid_oauthscope" });
  const p = ctx.world.people.find((x) => x.zuid === at.zuid)!;
  sendJson(res, req, 200, {
    ZUID: p.zuid,
    First_Name: p.firstName,
    Last_Name: p.lastName,
    Display_Name: `${p.firstName} ${p.lastName}`,
    Email: p.email,
  });
}
