// The Bigin v2 REST API (`/bigin/v2/...`): routing, auth, scopes, concurrency gate, handlers.
import type { ServerResponse } from "node:http";
import {
  ApiError,
  invalidMethod,
  invalidModule,
  invalidParam,
  invalidUrl,
  recordError,
  requiredParam,
  type RecordResult,
} from "./errors";
import { parseJson, sendEmpty, sendJson, type Req } from "./http";
import { FIELD_MAPS, MODULES, MODULE_NAMES, isModuleName, type ModuleName } from "./meta";
import type { DcContext } from "./oauth";
import {
  emailPredicate,
  parseCoql,
  parseCriteria,
  phonePredicate,
  runCoql,
  wordPredicate,
} from "./query";
import {
  deleteRecord,
  insertRecord,
  isWellFormedId,
  project,
  sortedRows,
  updateRecord,
  type SortBy,
  type WriteContext,
} from "./records";
import { fieldMeta, layoutMeta, moduleMeta, orgMeta, userMeta } from "./settings";
import { findAccess } from "./tokens";
import { formatDateTime, toComparableTime } from "./util";
import type { AccessToken, Org, Rec } from "./world";

const NON_MODULE = new Set(["coql", "settings", "users", "org"]);
const MAX_PAGE_RECORDS = 2000;
const PAGE_TOKEN_TTL_MS = 24 * 3600_000;

/** `GET /bigin/v2/Contacts/123/Notes` → `GET /bigin/v2/Contacts/{id}/Notes` (stats and fault keys). */
export function pathTemplate(path: string): string {
  return path
    .split("/")
    .map((seg) => (/^\d+$/.test(seg) ? "{id}" : seg))
    .join("/");
}

type Op = "read" | "create" | "update" | "delete";

function hasModuleScope(at: AccessToken, module: ModuleName, op: Op): boolean {
  const s = at.scopeSet;
  const m = module.toLowerCase();
  const write = op === "create" || op === "update";
  if (s.has("zohobigin.modules.all")) return true;
  if (s.has(`zohobigin.modules.${m}.all`) || s.has(`zohobigin.modules.${m}.${op}`)) return true;
  if (write && s.has(`zohobigin.modules.${m}.write`)) return true;
  return false;
}

function hasAny(at: AccessToken, scopes: string[]) {
  return scopes.some((s) => at.scopeSet.has(s.toLowerCase()));
}

const scopeMismatch = () =>
  new ApiError(401, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL");

function requireModule(at: AccessToken, module: ModuleName, op: Op) {
  if (!hasModuleScope(at, module, op)) throw scopeMismatch();
}

interface Call {
  ctx: DcContext;
  req: Req;
  res: ServerResponse;
  at: AccessToken;
  org: Org;
  segs: string[];
}

// ---------------------------------------------------------------- entry point

/** Handle one `/bigin/...` request. Counts stats; faults are applied after auth. */
export async function handleBigin(
  ctx: DcContext,
  req: Req,
  res: ServerResponse,
  applyFaults: (key: string) => Promise<{ status: number; code: string; message?: string } | null>,
) {
  const template = pathTemplate(req.path);
  const key = `${req.method} ${template}`;
  const stats = ctx.world.stats[ctx.dc];
  stats.calls[key] = (stats.calls[key] ?? 0) + 1;
  const fail = (err: ApiError) => {
    stats.errors[err.code] = (stats.errors[err.code] ?? 0) + 1;
    sendJson(res, req, err.status, err.toJSON());
  };
  const segs = req.path
    .split("/")
    .slice(3)
    .filter((s, i, a) => s !== "" || i < a.length - 1);
  if (
    !req.path.startsWith("/bigin/v2/") ||
    segs.length === 0 ||
    segs.length > 3 ||
    segs.includes("")
  )
    return fail(invalidUrl());

  // Authentication: `Zoho-oauthtoken` header (bigin-api.md §4.1).
  const auth = req.headers.authorization;
  const m = typeof auth === "string" ? /^Zoho-oauthtoken\s+(\S+)\s*$/.exec(auth) : null;
  if (!m) return fail(new ApiError(401, "AUTHENTICATION_FAILURE", "Authentication failed"));
  const at = findAccess(ctx.world, m[1], Date.now());
  // A token minted by another DC is unknown here, exactly like Zoho's separate DCs.
  if (!at || at.dc !== ctx.dc)
    return fail(new ApiError(401, "INVALID_TOKEN", "invalid oauth token"));
  const org = ctx.world.orgs.get(at.orgId);
  if (!org) return fail(new ApiError(401, "INVALID_TOKEN", "invalid oauth token"));
  if (!NON_MODULE.has(segs[0]) && !isModuleName(segs[0])) return fail(invalidModule(segs[0]));

  // Concurrency gate per org (bigin-api.md §4.4).
  const inflight = ctx.world.inflight.get(org.id) ?? 0;
  if (inflight >= ctx.world.settings.maxConcurrency) {
    return fail(
      new ApiError(429, "TOO_MANY_REQUESTS", "too many requests, exceeded the concurrency limit", {
        concurrency_limit: ctx.world.settings.maxConcurrency,
      }),
    );
  }
  ctx.world.inflight.set(org.id, inflight + 1);
  try {
    const fault = await applyFaults(key);
    if (fault)
      return fail(
        new ApiError(
          fault.status,
          fault.code,
          fault.message ?? fault.code.toLowerCase().replace(/_/g, " "),
        ),
      );
    route({ ctx, req, res, at, org, segs });
  } catch (e) {
    if (e instanceof ApiError) return fail(e);
    console.error("[sandbox] internal error", e);
    return fail(new ApiError(500, "INTERNAL_ERROR", "Internal Server Error"));
  } finally {
    ctx.world.inflight.set(org.id, (ctx.world.inflight.get(org.id) ?? 1) - 1);
  }
}

function route(c: Call) {
  const { segs, req } = c;
  const method = req.method;
  const [a, b, d] = segs;
  const only = (...methods: string[]) => {
    if (!methods.includes(method)) throw invalidMethod();
  };
  if (a === "coql") {
    if (segs.length !== 1) throw invalidUrl();
    only("POST");
    return coql(c);
  }
  if (a === "settings") {
    if (b === "modules" && segs.length <= 3) return (only("GET"), settingsModules(c, d));
    if (b === "fields" && segs.length <= 3) return (only("GET"), settingsFields(c));
    if (b === "layouts" && segs.length <= 3) return (only("GET"), settingsLayouts(c, d));
    throw invalidUrl();
  }
  if (a === "users") {
    if (segs.length > 2) throw invalidUrl();
    only("GET");
    return users(c, b);
  }
  if (a === "org") {
    if (segs.length !== 1) throw invalidUrl();
    only("GET");
    if (!hasAny(c.at, ["ZohoBigin.org.READ", "ZohoBigin.org.ALL"])) throw scopeMismatch();
    return sendJson(c.res, req, 200, { org: [orgMeta(c.org)] });
  }
  const mod = a as ModuleName;
  if (segs.length === 1) {
    if (method === "GET") return listRecords(c, mod);
    if (method === "POST") return writeRecords(c, mod, "insert");
    if (method === "PUT") return writeRecords(c, mod, "update");
    if (method === "DELETE") return deleteRecords(c, mod, null);
    throw invalidMethod();
  }
  if (segs.length === 2 && b === "search") return (only("GET"), search(c, mod));
  if (segs.length === 2 && b === "upsert") return (only("POST"), writeRecords(c, mod, "upsert"));
  if (!/^\d+$/.test(b)) throw invalidUrl();
  if (segs.length === 2) {
    if (method === "GET") return getRecord(c, mod, b);
    if (method === "PUT") return writeRecords(c, mod, "update", b);
    if (method === "DELETE") return deleteRecords(c, mod, b);
    throw invalidMethod();
  }
  return related(c, mod, b, d);
}

// ---------------------------------------------------------------- list, get, paging

interface ListOptions {
  rows: Rec[];
  fields: string[] | null;
  module: ModuleName;
  sortBy: string;
  sortOrder: string;
  tokenScope?: string;
  allowToken?: boolean;
  cap?: number;
}

function parseFields(c: Call, required: boolean): string[] | null {
  const raw = c.req.query.get("fields");
  if (raw === null || raw.trim() === "") {
    if (required) throw requiredParam("fields");
    return null;
  }
  const fields = [
    ...new Set(
      raw
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
  if (fields.length > 50)
    throw new ApiError(400, "LIMIT_EXCEEDED", "a maximum of 50 fields can be requested", {
      param_name: "fields",
      limit: 50,
    });
  return fields;
}

function intParam(c: Call, name: string, def: number, min: number, max: number): number {
  const raw = c.req.query.get(name);
  if (raw === null || raw === "") return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw invalidParam(name, `${name} must be an integer ≥ ${min}`);
  if (n > max) throw invalidParam(name, `${name} must not exceed ${max}`, { maximum_value: max });
  return n;
}

function parseSort(c: Call): { sortBy: SortBy; sortOrder: "asc" | "desc" } {
  const sortBy = c.req.query.get("sort_by") ?? "id";
  if (sortBy !== "id" && sortBy !== "Created_Time" && sortBy !== "Modified_Time") {
    throw invalidParam("sort_by", "sort_by must be one of id, Created_Time, Modified_Time", {
      supported_values: ["id", "Created_Time", "Modified_Time"],
    });
  }
  const sortOrder = c.req.query.get("sort_order") ?? "desc";
  if (sortOrder !== "asc" && sortOrder !== "desc")
    throw invalidParam("sort_order", "sort_order must be asc or desc");
  return { sortBy, sortOrder };
}

interface PageToken {
  o: number; // offset of the page this token fetches
  n: number; // per_page
  k: string; // scope: org + module + sort + filters
  x: number; // expiry
}

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t)).toString("base64url");
}

function decodeToken(raw: string, scope: string): PageToken {
  let t: PageToken;
  try {
    t = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as PageToken;
  } catch {
    throw invalidParam("page_token", "the given page_token is invalid");
  }
  if (!t || typeof t.o !== "number" || typeof t.n !== "number" || t.k !== scope)
    throw invalidParam("page_token", "the given page_token is invalid");
  if (t.x < Date.now()) throw invalidParam("page_token", "the given page_token has expired");
  return t;
}

/** Paginate and send a list response (bigin-api.md §5.1), 204 when empty. */
function sendPage(c: Call, o: ListOptions) {
  const q = c.req.query;
  const scope = `${c.org.id}|${o.tokenScope ?? ""}`;
  let perPage: number;
  let offset: number;
  const rawToken = q.get("page_token");
  if (rawToken && o.allowToken !== false) {
    const t = decodeToken(rawToken, scope);
    perPage = t.n;
    offset = t.o;
  } else {
    const page = intParam(c, "page", 1, 1, Number.MAX_SAFE_INTEGER);
    perPage = intParam(c, "per_page", 200, 1, 200);
    offset = (page - 1) * perPage;
    // Discrete pages reach only the first 2,000 records; beyond, use page_token (CRM v3+ rule).
    if (page * perPage > MAX_PAGE_RECORDS && (o.allowToken !== false || o.cap)) {
      throw new ApiError(
        400,
        "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
        "you can only get the first 2000 records using page and per_page; use page_token for more",
        {
          limit: MAX_PAGE_RECORDS,
        },
      );
    }
  }
  const total = o.cap ? Math.min(o.rows.length, o.cap) : o.rows.length;
  const slice = o.rows.slice(offset, Math.min(offset + perPage, total));
  if (!slice.length) return sendEmpty(c.res, c.req, 204);
  const more = offset + perPage < total;
  const expiry = Date.now() + PAGE_TOKEN_TTL_MS;
  const tokenable = o.allowToken !== false;
  const data = slice.map((r) => project(r, o.fields, o.module));
  // Deals related to a contact carry the contact's role on the deal (bigin-api.md §5.9).
  if (o.module === "Pipelines" && c.segs[0] === "Contacts" && c.segs.length === 3)
    for (const d of data) d.Contact_Role = null;
  sendJson(c.res, c.req, 200, {
    data,
    info: {
      per_page: perPage,
      count: slice.length,
      page: Math.floor(offset / perPage) + 1,
      more_records: more,
      sort_by: o.sortBy,
      sort_order: o.sortOrder,
      next_page_token:
        more && tokenable
          ? encodeToken({ o: offset + perPage, n: perPage, k: scope, x: expiry })
          : null,
      previous_page_token:
        offset > 0 && tokenable
          ? encodeToken({ o: Math.max(0, offset - perPage), n: perPage, k: scope, x: expiry })
          : null,
      page_token_expiry: more && tokenable ? formatDateTime(expiry, c.org.offsetMin) : null,
    },
  });
}

function ifModifiedSince(c: Call, rows: Rec[]): Rec[] {
  const raw = c.req.headers["if-modified-since"];
  if (typeof raw !== "string") return rows;
  const since = toComparableTime(raw) ?? Date.parse(raw);
  if (Number.isNaN(since)) return rows;
  return rows.filter((r) => Date.parse(r.Modified_Time as string) > since);
}

function listRecords(c: Call, module: ModuleName) {
  requireModule(c.at, module, "read");
  const fields = parseFields(c, true);
  const { sortBy, sortOrder } = parseSort(c);
  let rows = sortedRows(c.org.data[module], sortBy, sortOrder);
  let filterKey = "";
  const pipelineId = c.req.query.get("pipeline_id");
  if (module === "Pipelines" && pipelineId) {
    if (!c.org.layouts.some((l) => l.id === pipelineId))
      throw invalidParam("pipeline_id", "the given pipeline_id is invalid");
    rows = rows.filter((r) => (r.Pipeline as { id: string }).id === pipelineId);
    filterKey = pipelineId;
  }
  const ids = c.req.query.get("ids");
  if (ids) {
    const wanted = ids.split(",").map((s) => s.trim());
    if (wanted.length > 100)
      throw new ApiError(400, "LIMIT_EXCEEDED", "a maximum of 100 ids is allowed", {
        param_name: "ids",
        limit: 100,
      });
    const set = new Set(wanted);
    rows = rows.filter((r) => set.has(r.id));
    filterKey += `|${ids}`;
  }
  if (c.req.headers["if-modified-since"]) {
    const filtered = ifModifiedSince(c, rows);
    if (filtered.length === 0 && rows.length > 0) return sendEmpty(c.res, c.req, 304);
    rows = filtered;
  }
  sendPage(c, {
    rows,
    fields,
    module,
    sortBy,
    sortOrder,
    tokenScope: `${module}|${sortBy}|${sortOrder}|${filterKey}`,
  });
}

function getRecord(c: Call, module: ModuleName, id: string) {
  requireModule(c.at, module, "read");
  if (module === "Notes" && !hasNotesScope(c.at, "read")) throw scopeMismatch();
  const fields = parseFields(c, false);
  if (!isWellFormedId(id))
    throw new ApiError(400, "INVALID_DATA", "the id given seems to be invalid", { id });
  const rec = c.org.data[module].byId.get(id);
  if (!rec) return sendEmpty(c.res, c.req, 204);
  sendJson(c.res, c.req, 200, { data: [project(rec, fields, module)] });
}

// ---------------------------------------------------------------- writes

function hasNotesScope(at: AccessToken, op: Op): boolean {
  if (op === "read")
    return hasAny(at, [
      "ZohoBigin.modules.ALL",
      "ZohoBigin.modules.notes.ALL",
      "ZohoBigin.modules.notes.READ",
    ]);
  const extra =
    op === "delete"
      ? ["ZohoBigin.modules.notes.DELETE"]
      : ["ZohoBigin.modules.notes.WRITE", `ZohoBigin.modules.notes.${op.toUpperCase()}`];
  return hasAny(at, ["ZohoBigin.modules.ALL", "ZohoBigin.modules.notes.ALL", ...extra]);
}

function readData(c: Call): unknown[] {
  const parsed = parseJson(c.req.body);
  const data =
    parsed.ok && parsed.value && typeof parsed.value === "object"
      ? (parsed.value as { data?: unknown }).data
      : undefined;
  if (!Array.isArray(data) || data.length === 0) {
    throw new ApiError(
      400,
      "INVALID_DATA",
      "the body must be a JSON object with a non-empty data array",
      { api_name: "data", expected_data_type: "jsonarray" },
    );
  }
  if (data.length > 100)
    throw new ApiError(400, "LIMIT_EXCEEDED", "a maximum of 100 records can be sent in one call", {
      limit: 100,
    });
  return data;
}

function writeContext(c: Call): WriteContext {
  const user = c.org.users.find((u) => u.zuid === String(c.at.zuid)) ?? c.org.users[0];
  return { org: c.org, user, now: Date.now() };
}

function sendResults(c: Call, results: RecordResult[], okStatus: number) {
  if (results.some((r) => r.status === "success")) c.ctx.world.onChange();
  const status = results.some((r) => r.status === "success") ? okStatus : 400;
  sendJson(c.res, c.req, status, { data: results });
}

function writeRecords(
  c: Call,
  module: ModuleName,
  kind: "insert" | "update" | "upsert",
  pathId?: string,
) {
  const op: Op = kind === "insert" ? "create" : kind === "update" ? "update" : "create";
  requireModule(c.at, module, op);
  if (kind === "upsert") requireModule(c.at, module, "update");
  if (module === "Notes" && !hasNotesScope(c.at, op)) throw scopeMismatch();
  const data = readData(c);
  const wc = writeContext(c);
  const results: RecordResult[] = [];
  if (kind === "insert") {
    data.forEach((input, i) => results.push(insertRecord(wc, module, input, i)));
    return sendResults(c, results, 201);
  }
  if (kind === "update") {
    if (pathId && !isWellFormedId(pathId))
      throw new ApiError(400, "INVALID_DATA", "the id given seems to be invalid", { id: pathId });
    data.forEach((input, i) => {
      const id =
        pathId ?? (input && typeof input === "object" ? (input as { id?: unknown }).id : undefined);
      results.push(updateRecord(wc, module, id, input, i));
    });
    return sendResults(c, results, 200);
  }
  // Upsert: match on duplicate_check_fields (default: the module's unique fields), case-insensitively.
  const body = parseJson(c.req.body);
  const requested = body.ok
    ? (body.value as { duplicate_check_fields?: unknown }).duplicate_check_fields
    : undefined;
  let checkFields = MODULES[module].uniqueFields;
  if (requested !== undefined) {
    if (
      !Array.isArray(requested) ||
      requested.some((f) => typeof f !== "string" || !FIELD_MAPS[module].has(f))
    ) {
      throw new ApiError(400, "INVALID_DATA", "invalid duplicate_check_fields", {
        api_name: "duplicate_check_fields",
      });
    }
    checkFields = requested as string[];
  }
  data.forEach((input, i) => {
    const rec = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
    let match: Rec | undefined;
    let matchedField: string | null = null;
    for (const f of checkFields) {
      const v = rec[f];
      if (typeof v !== "string" || !v) continue;
      const needle = v.toLowerCase();
      match = c.org.data[module].list.find(
        (r) => typeof r[f] === "string" && (r[f] as string).toLowerCase() === needle,
      );
      if (match) {
        matchedField = f;
        break;
      }
    }
    const result = match
      ? updateRecord(wc, module, match.id, input, i)
      : insertRecord(wc, module, input, i);
    if (result.status === "success") {
      result.action = match ? "update" : "insert";
      result.duplicate_field = matchedField;
    }
    results.push(result);
  });
  sendResults(c, results, 200);
}

function deleteRecords(c: Call, module: ModuleName, pathId: string | null) {
  requireModule(c.at, module, "delete");
  if (module === "Notes" && !hasNotesScope(c.at, "delete")) throw scopeMismatch();
  let ids: string[];
  if (pathId) ids = [pathId];
  else {
    const raw = c.req.query.get("ids");
    if (!raw) throw requiredParam("ids");
    ids = raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length > 100)
      throw new ApiError(
        400,
        "LIMIT_EXCEEDED",
        "a maximum of 100 record ids can be deleted in one call",
        { param_name: "ids", limit: 100 },
      );
  }
  const results = ids.map((id) => deleteRecord(c.org, module, id));
  sendResults(c, results, 200);
}

// ---------------------------------------------------------------- related lists

function related(c: Call, module: ModuleName, id: string, list: string) {
  const parent = c.org.data[module].byId.get(id);
  if (list === "Notes") {
    if (!MODULES[module].noteParent)
      throw invalidParam("related_list", "the related list name given seems to be invalid");
    if (c.req.method === "POST") {
      requireModule(c.at, module, "read");
      if (!hasNotesScope(c.at, "create")) throw scopeMismatch();
      if (!parent)
        throw new ApiError(400, "INVALID_DATA", "the id given seems to be invalid", { id });
      const data = readData(c);
      const wc = { ...writeContext(c), noteParent: { module, id } };
      return sendResults(
        c,
        data.map((input, i) => insertRecord(wc, "Notes", input, i)),
        201,
      );
    }
    if (c.req.method !== "GET") throw invalidMethod();
    requireModule(c.at, module, "read");
    if (!hasNotesScope(c.at, "read")) throw scopeMismatch();
    if (!parent)
      throw new ApiError(400, "INVALID_DATA", "the id given seems to be invalid", { id });
    const { sortBy, sortOrder } = parseSort(c);
    const rows = sortedRows(c.org.data.Notes, sortBy, sortOrder).filter(
      (n) => (n.Parent_Id as { id: string }).id === id,
    );
    return sendPage(c, {
      rows,
      fields: parseFields(c, false),
      module: "Notes",
      sortBy,
      sortOrder,
      tokenScope: `rel|${id}|Notes|${sortBy}|${sortOrder}`,
    });
  }
  const targets: Record<string, { target: ModuleName; field: string }> = {
    "Contacts/Pipelines": { target: "Pipelines", field: "Contact_Name" },
    "Accounts/Pipelines": { target: "Pipelines", field: "Account_Name" },
    "Accounts/Contacts": { target: "Contacts", field: "Account_Name" },
  };
  const rel = targets[`${module}/${list}`];
  if (!rel)
    throw invalidParam("related_list", "the related list name given seems to be invalid", {
      related_list: list,
    });
  if (c.req.method !== "GET") throw invalidMethod();
  requireModule(c.at, module, "read");
  requireModule(c.at, rel.target, "read");
  if (!parent) throw new ApiError(400, "INVALID_DATA", "the id given seems to be invalid", { id });
  const { sortBy, sortOrder } = parseSort(c);
  let rows = sortedRows(c.org.data[rel.target], sortBy, sortOrder).filter(
    (r) => (r[rel.field] as { id: string } | null)?.id === id,
  );
  const pipelineId = c.req.query.get("pipeline_id");
  if (rel.target === "Pipelines" && pipelineId) {
    if (!c.org.layouts.some((l) => l.id === pipelineId))
      throw invalidParam("pipeline_id", "the given pipeline_id is invalid");
    rows = rows.filter((r) => (r.Pipeline as { id: string }).id === pipelineId);
  }
  const fields = parseFields(c, false);
  sendPage(c, {
    rows,
    fields,
    module: rel.target,
    sortBy,
    sortOrder,
    tokenScope: `rel|${id}|${list}|${pipelineId}|${sortBy}|${sortOrder}`,
  });
}

// ---------------------------------------------------------------- search, COQL

function search(c: Call, module: ModuleName) {
  requireModule(c.at, module, "read");
  if (module === "Notes" && !hasNotesScope(c.at, "read")) throw scopeMismatch();
  if (!hasAny(c.at, ["ZohoSearch.securesearch.READ", "ZohoSearch.securesearch.ALL"]))
    throw scopeMismatch();
  const q = c.req.query;
  let pred: (r: Rec) => boolean;
  const criteria = q.get("criteria");
  if (criteria) pred = parseCriteria(module, criteria);
  else if (q.get("email")) pred = emailPredicate(module, q.get("email")!);
  else if (q.get("phone")) pred = phonePredicate(module, q.get("phone")!);
  else if (q.get("word")) {
    const word = q.get("word")!.trim();
    if (word.length < 2) throw invalidParam("word", "word must have at least 2 characters");
    pred = wordPredicate(module, word);
  } else throw requiredParam("criteria");
  const { sortBy, sortOrder } = parseSort(c);
  const rows: Rec[] = [];
  // Search returns at most 2,000 matches (bigin-api.md §5.7).
  for (const r of sortedRows(c.org.data[module], sortBy, sortOrder)) {
    if (pred(r)) rows.push(r);
    if (rows.length === MAX_PAGE_RECORDS) break;
  }
  sendPage(c, {
    rows,
    fields: parseFields(c, false),
    module,
    sortBy,
    sortOrder,
    allowToken: false,
    cap: MAX_PAGE_RECORDS,
  });
}

function coql(c: Call) {
  if (!hasAny(c.at, ["ZohoBigin.coql.READ", "ZohoBigin.coql.ALL"])) throw scopeMismatch();
  const parsed = parseJson(c.req.body);
  const query = parsed.ok ? (parsed.value as { select_query?: unknown })?.select_query : undefined;
  if (typeof query !== "string" || !query.trim()) throw requiredParam("select_query");
  const q = parseCoql(c.org, query);
  requireModule(c.at, q.module, "read");
  if (q.module === "Notes" && !hasNotesScope(c.at, "read")) throw scopeMismatch();
  const { rows, more } = runCoql(c.org, q);
  if (!rows.length) return sendEmpty(c.res, c.req, 204);
  sendJson(c.res, c.req, 200, { data: rows, info: { count: rows.length, more_records: more } });
}

// ---------------------------------------------------------------- metadata

function requireSettings(c: Call, part: string) {
  const ok = hasAny(c.at, [
    "ZohoBigin.settings.ALL",
    "ZohoBigin.settings.READ",
    `ZohoBigin.settings.${part}.READ`,
    `ZohoBigin.settings.${part}.ALL`,
  ]);
  if (!ok) throw scopeMismatch();
}

function moduleParam(c: Call): ModuleName {
  const m = c.req.query.get("module");
  if (!m) throw requiredParam("module");
  if (!isModuleName(m)) throw invalidModule(m);
  return m;
}

function settingsModules(c: Call, name?: string) {
  requireSettings(c, "modules");
  if (name !== undefined) {
    if (!isModuleName(name)) throw invalidModule(name);
    return sendJson(c.res, c.req, 200, { modules: [moduleMeta(c.org, name)] });
  }
  sendJson(c.res, c.req, 200, { modules: MODULE_NAMES.map((m) => moduleMeta(c.org, m)) });
}

function settingsFields(c: Call) {
  requireSettings(c, "fields");
  const m = moduleParam(c);
  sendJson(c.res, c.req, 200, { fields: fieldMeta(c.org, m) });
}

function settingsLayouts(c: Call, id?: string) {
  requireSettings(c, "layouts");
  const m = moduleParam(c);
  let layouts = layoutMeta(c.org, m);
  if (id !== undefined) {
    layouts = layouts.filter((l) => l.id === id);
    if (!layouts.length)
      throw new ApiError(400, "INVALID_DATA", "the id given seems to be invalid", { id });
  }
  sendJson(c.res, c.req, 200, { layouts });
}

const USER_TYPES = new Set([
  "AllUsers",
  "ActiveUsers",
  "DeactiveUsers",
  "ConfirmedUsers",
  "NotConfirmedUsers",
  "DeletedUsers",
  "ActiveConfirmedUsers",
  "AdminUsers",
  "ActiveConfirmedAdmins",
  "CurrentUser",
]);

function users(c: Call, id?: string) {
  if (!hasAny(c.at, ["ZohoBigin.users.READ", "ZohoBigin.users.ALL"])) throw scopeMismatch();
  const me = c.org.users.find((u) => u.zuid === String(c.at.zuid));
  if (id !== undefined) {
    const u = c.org.users.find((x) => x.id === id);
    if (!u) throw new ApiError(400, "INVALID_DATA", "the id given seems to be invalid", { id });
    return sendJson(c.res, c.req, 200, { users: [userMeta(u)] });
  }
  const type = c.req.query.get("type") ?? "AllUsers";
  if (!USER_TYPES.has(type))
    throw invalidParam("type", "invalid user type", { supported_values: [...USER_TYPES] });
  let list = c.org.users;
  if (type === "CurrentUser") list = me ? [me] : [];
  else if (type === "AdminUsers" || type === "ActiveConfirmedAdmins")
    list = list.filter((u) => u.profile.name === "Administrator");
  else if (type === "DeactiveUsers" || type === "NotConfirmedUsers" || type === "DeletedUsers")
    list = [];
  const page = intParam(c, "page", 1, 1, 10_000);
  const perPage = intParam(c, "per_page", 200, 1, 200);
  const slice = list.slice((page - 1) * perPage, page * perPage);
  if (!slice.length) return sendEmpty(c.res, c.req, 204);
  sendJson(c.res, c.req, 200, {
    users: slice.map(userMeta),
    info: {
      per_page: perPage,
      count: slice.length,
      page,
      more_records: page * perPage < list.length,
    },
  });
}

export { recordError };
