import { ZodError } from "zod";
import { BiginError, ConflictError } from "@/lib/bigin/errors";
import { ReconnectRequiredError, RefreshUnavailableError } from "@/lib/auth/connection";
import type { ApiErrorBody } from "@/lib/types";

/**
 * The one error shape of every route handler (`ApiErrorBody` in lib/types.ts) and the mapping
 * from Bigin's errors to our statuses (API.md). Nothing raw from Bigin leaks except its
 * field-level messages, which name our own fields.
 */
export function errorJson(
  status: number,
  error: ApiErrorBody["error"],
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error } satisfies ApiErrorBody, {
    status,
    headers: { "Cache-Control": "private, no-store", ...headers },
  });
}

/** `{ "fields.Last_Name": … }` → `{ Last_Name: … }`: record bodies are keyed by API name. */
export function zodFields(error: ZodError, prefix?: string): Record<string, string> {
  // A Map, then own properties: keys like `__proto__` or `constructor` are plain keys here.
  const out = new Map<string, string>();
  for (const issue of error.issues) {
    let path = issue.path.map(String);
    if (path[0] === "fields" && path.length > 1) path = path.slice(1);
    // Keys may be the request's own (unknown custom fields): API names are ≤100 characters, and
    // no form has 50 fields, so a hostile body gets a bounded answer.
    const key = (path.join(".") || prefix || "body").slice(0, 120);
    if (out.has(key)) continue;
    if (out.size >= MAX_FIELD_ERRORS) break;
    out.set(key, issue.message);
  }
  return Object.fromEntries(out);
}

const MAX_FIELD_ERRORS = 50;

export function validationError(error: ZodError, where: "params" | "query" | "body"): Response {
  const fields = zodFields(error, where);
  const what = where === "body" ? "Some fields need attention" : where === "query" ? "Invalid query parameters" : "Invalid address";
  return errorJson(400, { code: "VALIDATION", message: `${what}: ${nameList(Object.keys(fields))}`, fields });
}

/**
 * The failing keys for a message a person reads. Keys can come from the request (unknown custom
 * fields), so a hostile body must not turn the message into a copy of itself: at most five
 * names of at most 40 characters, then a count.
 */
function nameList(keys: string[]): string {
  const shown = keys.slice(0, 5).map((k) => (k.length > 40 ? `${k.slice(0, 39)}…` : k));
  const more = keys.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

const RECONNECT_MESSAGE = "Your Bigin connection has ended. Reconnect Bigin to continue.";
const DOWN_MESSAGE = "Bigin is not answering right now. Try again in a moment.";
const REFRESH_DOWN_MESSAGE = "We couldn't renew your Bigin connection just now. Reconnect Bigin, or try again in a moment.";

export function reconnectError(): Response {
  return errorJson(401, { code: "RECONNECT", message: RECONNECT_MESSAGE, reconnect: true });
}

/** Map anything a handler threw to a Response. */
export function errorResponse(e: unknown): Response {
  if (e instanceof ConflictError) {
    return errorJson(409, { code: "CONFLICT", message: e.message, current: e.current });
  }
  if (e instanceof ReconnectRequiredError) return reconnectError();
  if (e instanceof RefreshUnavailableError) {
    // The access token is dead and can't be renewed now (Zoho's token endpoint down, or its
    // refresh limit reached): the session is kept (it may work again), but the user is offered
    // Reconnect Bigin, which gets a new grant, rather than a dead end.
    return errorJson(
      503,
      { code: "BIGIN_UNAVAILABLE", message: REFRESH_DOWN_MESSAGE, reconnect: true },
      { "Retry-After": String(e.retryAfter) },
    );
  }
  if (e instanceof ZodError) {
    // A Bigin answer that did not match what we expect: Bigin misbehaved, not the user.
    console.error("Unexpected Bigin answer", e.issues.slice(0, 3));
    return errorJson(502, { code: "BIGIN_BAD_RESPONSE", message: "Bigin sent an answer we could not read. Try again in a moment." });
  }
  if (!(e instanceof BiginError)) {
    console.error(e);
    return errorJson(500, { code: "INTERNAL", message: "Something went wrong on our side. Try again." });
  }
  switch (e.code) {
    case "MANDATORY_NOT_FOUND":
    case "INVALID_DATA":
    case "DUPLICATE_DATA": {
      const fields = e.fields ?? {};
      const names = Object.keys(fields);
      const message =
        e.code === "DUPLICATE_DATA"
          ? `Another record already has this ${names[0] ?? "value"}`
          : names.length
            ? `Check ${names.join(", ")}: ${Object.values(fields)[0]}`
            : `Bigin rejected the data: ${e.message}`;
      return errorJson(422, { code: e.code, message, fields });
    }
    case "NOT_FOUND":
      return errorJson(404, { code: "NOT_FOUND", message: "This record no longer exists, or you can't see it." });
    case "INVALID_ID":
      return errorJson(400, { code: "VALIDATION", message: e.message, fields: { id: "Expected a record id (1–19 digits)" } });
    case "INVALID_TOKEN":
    case "AUTHENTICATION_FAILURE":
      return reconnectError();
    case "OAUTH_SCOPE_MISMATCH":
      return errorJson(401, {
        code: "RECONNECT",
        message: "Bigin did not grant a permission this needs. Reconnect Bigin and accept every permission.",
        reconnect: true,
      });
    case "NO_PERMISSION":
      return errorJson(403, { code: "NO_PERMISSION", message: "Your Bigin profile doesn't allow this." });
    case "LIMIT_EXCEEDED":
      return errorJson(
        503,
        { code: "BIGIN_LIMIT", message: "Your organization has used its Bigin API allowance for now. Try again later." },
        { "Retry-After": "600" },
      );
    case "INVALID_QUERY":
    case "SYNTAX_ERROR":
      return errorJson(400, { code: "VALIDATION", message: "Bigin could not run this search. Try other words.", fields: { q: e.message } });
    case "TIMEOUT":
      return errorJson(504, { code: "BIGIN_TIMEOUT", message: "Bigin took too long to answer. Try again in a moment." });
  }
  if (e.status === 429 || e.code === "TOO_MANY_REQUESTS") {
    return errorJson(
      503,
      { code: "BIGIN_BUSY", message: "Bigin is busy right now. Try again in a few seconds." },
      { "Retry-After": String(Math.max(1, Math.min(e.retryAfter ?? 5, 120))) },
    );
  }
  if (e.status >= 500 || e.status === 0 || e.code === "BAD_RESPONSE") {
    return errorJson(502, { code: "BIGIN_UNAVAILABLE", message: DOWN_MESSAGE });
  }
  // Any other 4xx means we asked Bigin something it refused: our problem, shown plainly.
  console.error("Bigin refused a request", e.status, e.code, e.message);
  return errorJson(502, { code: "BIGIN_ERROR", message: `Bigin refused the request (${e.code}).` });
}

/** Is this the error that a token refresh can fix? */
export function isTokenError(e: unknown): boolean {
  return e instanceof BiginError && (e.code === "INVALID_TOKEN" || e.code === "AUTHENTICATION_FAILURE");
}
