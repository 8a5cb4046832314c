// Search `criteria` (bigin-api.md §5.7) and the COQL subset (§5.8): parse, then filter records.
import { ApiError } from "./errors";
import { FIELD_MAPS, MODULES, isModuleName, type FieldDef, type ModuleName } from "./meta";
import { toComparableTime } from "./util";
import type { Org, Rec } from "./world";

type Pred = (rec: Rec) => boolean;

const queryError = (message: string, details: Record<string, unknown> = {}) =>
  new ApiError(400, "INVALID_QUERY", message, details);
const syntaxError = (message: string, details: Record<string, unknown> = {}) =>
  new ApiError(400, "SYNTAX_ERROR", message, details);

const TEXT_TYPES = new Set(["text", "textarea", "email", "phone", "website", "picklist", "module"]);
const NUM_TYPES = new Set(["currency", "double", "integer"]);
const TIME_TYPES = new Set(["date", "datetime"]);
const REF_TYPES = new Set(["lookup", "ownerlookup", "userlookup", "bigint"]);

const ID_FIELD: FieldDef = { api_name: "id", label: "Record Id", type: "bigint" };

function fieldDef(module: ModuleName, name: string): FieldDef | undefined {
  return name === "id" ? ID_FIELD : FIELD_MAPS[module].get(name);
}

/** The comparable scalar of a stored value: refs compare by id (and name), others as stored. */
type Scalar = string | number | boolean | null;

function compareOp(
  op: string,
  type: string,
  actual: unknown,
  values: string[],
  field: string,
): boolean {
  if (actual === null || actual === undefined || actual === "") {
    if (op === "not_equal" || op === "not_in") return true;
    return false;
  }
  const lower = (s: unknown) => String(s).toLowerCase();
  if (REF_TYPES.has(type) || field === "id") {
    const ref =
      typeof actual === "object"
        ? (actual as { id: string; name?: string; email?: string })
        : { id: String(actual) };
    const hit = values.some(
      (v) =>
        v === ref.id ||
        (ref.name !== undefined && lower(ref.name) === lower(v)) ||
        (ref.email !== undefined && lower(ref.email) === lower(v)),
    );
    if (op === "equals" || op === "in") return hit;
    if (op === "not_equal" || op === "not_in") return !hit;
    if (op === "starts_with")
      return values.some((v) => lower(ref.name ?? ref.id).startsWith(lower(v)));
    return false;
  }
  if (type === "boolean") {
    const hit = values.some((v) => lower(v) === String(actual));
    return op === "not_equal" ? !hit : hit;
  }
  if (NUM_TYPES.has(type) || TIME_TYPES.has(type)) {
    const conv = (v: unknown) =>
      NUM_TYPES.has(type) ? Number(v) : (toComparableTime(String(v)) ?? NaN);
    const a = conv(actual);
    const nums = values.map(conv);
    switch (op) {
      case "equals":
      case "in":
        return nums.some((n) => n === a);
      case "not_equal":
      case "not_in":
        return nums.every((n) => n !== a);
      case "greater_than":
        return a > nums[0];
      case "greater_equal":
        return a >= nums[0];
      case "less_than":
        return a < nums[0];
      case "less_equal":
        return a <= nums[0];
      case "between":
        return a >= nums[0] && a <= nums[1];
    }
    return false;
  }
  const s = lower(actual);
  const vs = values.map(lower);
  switch (op) {
    case "equals":
    case "in":
      return vs.includes(s);
    case "not_equal":
    case "not_in":
      return !vs.includes(s);
    case "starts_with":
      return vs.some((v) => s.startsWith(v));
    case "ends_with":
      return vs.some((v) => s.endsWith(v));
    case "contains":
      return vs.some((v) => s.includes(v));
  }
  return false;
}

const OPS_BY_KIND: Record<string, string[]> = {
  text: ["equals", "not_equal", "starts_with", "ends_with", "contains", "in", "not_in"],
  num: [
    "equals",
    "not_equal",
    "greater_than",
    "greater_equal",
    "less_than",
    "less_equal",
    "between",
    "in",
    "not_in",
  ],
  ref: ["equals", "not_equal", "in", "not_in", "starts_with"],
  bool: ["equals", "not_equal"],
};

function kindOf(type: string): keyof typeof OPS_BY_KIND {
  if (NUM_TYPES.has(type) || TIME_TYPES.has(type)) return "num";
  if (REF_TYPES.has(type)) return "ref";
  if (type === "boolean") return "bool";
  return "text";
}

/**
 * Parse `criteria` like `((Last_Name:equals:Lovelace)and(Email:starts_with:ada))`.
 * Values escape `(`, `)` and `,` with a backslash; `,` separates values for in/between.
 */
export function parseCriteria(module: ModuleName, criteria: string): Pred {
  let i = 0;
  let count = 0;
  const s = criteria.trim();
  const fail = (why: string): never => {
    throw queryError(why, { criteria });
  };
  const expr = (): Pred => {
    const terms: Pred[][] = [[term()]];
    for (;;) {
      const rest = s.slice(i).toLowerCase();
      if (rest.startsWith("and")) {
        i += 3;
        terms[terms.length - 1].push(term());
      } else if (rest.startsWith("or")) {
        i += 2;
        terms.push([term()]);
      } else break;
    }
    return (rec) => terms.some((group) => group.every((p) => p(rec)));
  };
  const term = (): Pred => {
    while (s[i] === " ") i++;
    if (s[i] !== "(") fail("invalid criteria: expected (");
    i++;
    while (s[i] === " ") i++;
    let p: Pred;
    if (s[i] === "(") p = expr();
    else p = cond();
    while (s[i] === " ") i++;
    if (s[i] !== ")") fail("invalid criteria: expected )");
    i++;
    while (s[i] === " ") i++;
    return p;
  };
  const cond = (): Pred => {
    if (++count > 10) throw queryError("more than 10 criteria are not allowed", { criteria });
    const c1 = s.indexOf(":", i);
    if (c1 < 0) fail("invalid criteria: expected field:operator:value");
    const field = s.slice(i, c1).trim();
    const c2 = s.indexOf(":", c1 + 1);
    if (c2 < 0) fail("invalid criteria: expected field:operator:value");
    const op = s
      .slice(c1 + 1, c2)
      .trim()
      .toLowerCase();
    i = c2 + 1;
    const values: string[] = [];
    let cur = "";
    for (;;) {
      if (i >= s.length) fail("invalid criteria: unbalanced parentheses");
      const ch = s[i];
      if (ch === "\\" && i + 1 < s.length) {
        cur += s[i + 1];
        i += 2;
        continue;
      }
      if (ch === ")") break;
      if (ch === "(") fail("invalid criteria: unescaped ( in value");
      if (ch === ",") {
        values.push(cur);
        cur = "";
      } else cur += ch;
      i++;
    }
    values.push(cur);
    const def = fieldDef(module, field);
    if (!def) throw queryError("invalid field in criteria", { api_name: field });
    if (!OPS_BY_KIND[kindOf(def.type)].includes(op))
      throw queryError("invalid operator for the field", { api_name: field, operator: op });
    if (op === "between" && values.length !== 2)
      throw queryError("between needs two values", { api_name: field });
    const type = def.type;
    return (rec) => compareOp(op, type, rec[field], values, field);
  };
  if (!s) fail("invalid criteria");
  const pred = expr();
  if (i !== s.length) fail("invalid criteria: unexpected text");
  return pred;
}

const TEXTISH = (f: FieldDef) =>
  TEXT_TYPES.has(f.type) && f.type !== "picklist" && f.type !== "module";

/** `word`: case-insensitive substring over the module's text fields and lookup names. */
export function wordPredicate(module: ModuleName, word: string): Pred {
  const needle = word.toLowerCase();
  const text = MODULES[module].fields.filter((f) => TEXTISH(f)).map((f) => f.api_name);
  const refs = MODULES[module].fields.filter((f) => f.type === "lookup").map((f) => f.api_name);
  return (rec) =>
    text.some(
      (k) => typeof rec[k] === "string" && (rec[k] as string).toLowerCase().includes(needle),
    ) ||
    refs.some(
      (k) => (rec[k] as { name?: string } | null)?.name?.toLowerCase().includes(needle) ?? false,
    );
}

export function emailPredicate(module: ModuleName, email: string): Pred {
  const needle = email.toLowerCase();
  const keys = MODULES[module].fields.filter((f) => f.type === "email").map((f) => f.api_name);
  return (rec) =>
    keys.some((k) => typeof rec[k] === "string" && (rec[k] as string).toLowerCase() === needle);
}

const digits = (s: string) => s.replace(/\D/g, "");

/** `phone`: digits-only comparison; a query matches a stored number it equals or ends. */
export function phonePredicate(module: ModuleName, phone: string): Pred {
  const needle = digits(phone);
  const keys = MODULES[module].fields.filter((f) => f.type === "phone").map((f) => f.api_name);
  return (rec) =>
    needle.length > 0 &&
    keys.some((k) => {
      const v = rec[k];
      if (typeof v !== "string") return false;
      const d = digits(v);
      return d === needle || d.endsWith(needle);
    });
}

// ---------------------------------------------------------------- COQL

type Tok = { t: "id" | "str" | "num" | "op" | "punct"; v: string };

function tokenize(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let v = "";
      i++;
      for (;;) {
        if (i >= q.length) throw syntaxError("unterminated string literal");
        if (q[i] === "\\" && i + 1 < q.length) {
          v += q[i + 1];
          i += 2;
        } else if (q[i] === "'" && q[i + 1] === "'") {
          v += "'";
          i += 2;
        } else if (q[i] === "'") {
          i++;
          break;
        } else v += q[i++];
      }
      out.push({ t: "str", v });
    } else if ((/[0-9-]/.test(ch) && /[0-9.]/.test(q[i + 1] ?? "")) || /[0-9]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?/.exec(q.slice(i))!;
      out.push({ t: "num", v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(ch)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$.]*/.exec(q.slice(i))!;
      out.push({ t: "id", v: m[0] });
      i += m[0].length;
    } else if (/[<>=!]/.test(ch)) {
      const m = /^(>=|<=|!=|<>|=|<|>)/.exec(q.slice(i));
      if (!m) throw syntaxError(`unexpected character ${ch}`);
      out.push({ t: "op", v: m[0] === "<>" ? "!=" : m[0] });
      i += m[0].length;
    } else if ("(),*".includes(ch)) {
      out.push({ t: "punct", v: ch });
      i++;
    } else throw syntaxError(`unexpected character ${ch}`);
  }
  return out;
}

export interface CoqlQuery {
  module: ModuleName;
  columns: string[];
  where: Pred | null;
  order: { field: string; desc: boolean }[];
  limit: number;
  offset: number;
}

/** Resolve `Field` or `Lookup.Field` on a record. */
export function coqlValue(org: Org, module: ModuleName, rec: Rec, path: string): unknown {
  const dot = path.indexOf(".");
  if (dot < 0) return rec[path];
  const head = path.slice(0, dot);
  const tail = path.slice(dot + 1);
  const def = fieldDef(module, head);
  const ref = rec[head] as { id: string; name?: string; email?: string } | null;
  if (!ref || !def) return null;
  if (tail === "id") return ref.id;
  if (def.type === "lookup" && def.lookup) {
    const target = org.data[def.lookup].byId.get(ref.id);
    return target ? (target[tail] ?? null) : null;
  }
  if (def.type === "ownerlookup" || def.type === "userlookup") {
    const user = org.users.find((u) => u.id === ref.id) as unknown as
      Record<string, unknown> | undefined;
    return user ? (user[tail] ?? (tail === "name" ? ref.name : null)) : null;
  }
  return null;
}

function checkColumn(module: ModuleName, path: string): FieldDef {
  const [head, tail] = path.split(".", 2);
  const def = fieldDef(module, head);
  if (!def) throw queryError("invalid column given", { column_name: path });
  if (tail !== undefined) {
    if (def.type === "lookup" && def.lookup) {
      if (tail !== "id" && !fieldDef(def.lookup, tail))
        throw queryError("invalid column given", { column_name: path });
      return tail === "id" ? ID_FIELD : fieldDef(def.lookup, tail)!;
    }
    if (def.type === "ownerlookup" || def.type === "userlookup")
      return { api_name: tail, label: tail, type: tail === "id" ? "bigint" : "text" };
    throw queryError("invalid column given", { column_name: path });
  }
  return def;
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/%/g, ".*")
    .replace(/_/g, ".");
  return new RegExp(`^${body}$`, "i");
}

function scalar(v: unknown): Scalar {
  if (v && typeof v === "object") return (v as { id: string }).id;
  return v as Scalar;
}

function cmp(a: unknown, b: unknown, type: string): number {
  const x = scalar(a);
  const y = scalar(b);
  if (x === null || x === undefined) return y === null || y === undefined ? 0 : -1;
  if (y === null || y === undefined) return 1;
  if (TIME_TYPES.has(type))
    return (toComparableTime(String(x)) ?? 0) - (toComparableTime(String(y)) ?? 0);
  if (typeof x === "number" && typeof y === "number") return x - y;
  if (typeof x === "boolean" || typeof y === "boolean")
    return String(x) === String(y) ? 0 : String(x) < String(y) ? -1 : 1;
  const sx = String(x).toLowerCase();
  const sy = String(y).toLowerCase();
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/** Parse the supported COQL subset. Throws SYNTAX_ERROR / INVALID_QUERY / LIMIT_EXCEEDED. */
export function parseCoql(org: Org, query: string): CoqlQuery {
  const toks = tokenize(query);
  let p = 0;
  const peek = () => toks[p];
  const kw = (word: string) => peek()?.t === "id" && peek().v.toLowerCase() === word;
  const expectKw = (word: string) => {
    if (!kw(word))
      throw syntaxError(`expected ${word.toUpperCase()}`, { near: peek()?.v ?? "end of query" });
    p++;
  };
  const punct = (c: string) => peek()?.t === "punct" && peek().v === c;

  expectKw("select");
  const columns: string[] = [];
  do {
    const tok = toks[p++];
    if (!tok || tok.t !== "id")
      throw syntaxError("expected a column name", { near: tok?.v ?? "end of query" });
    columns.push(tok.v);
  } while (punct(",") && ++p);
  expectKw("from");
  const modTok = toks[p++];
  if (!modTok || modTok.t !== "id") throw syntaxError("expected a module name");
  if (!isModuleName(modTok.v)) throw queryError("invalid module given", { module: modTok.v });
  const mod = modTok.v;
  if (columns.length > 50)
    throw new ApiError(400, "LIMIT_EXCEEDED", "a maximum of 50 columns is allowed", { limit: 50 });
  const types = new Map(columns.map((c) => [c, checkColumn(mod, c).type]));

  let conditions = 0;
  const value = (): unknown => {
    const tok = toks[p++];
    if (!tok) throw syntaxError("expected a value");
    if (tok.t === "str") return tok.v;
    if (tok.t === "num") return Number(tok.v);
    if (tok.t === "id" && (tok.v.toLowerCase() === "true" || tok.v.toLowerCase() === "false"))
      return tok.v.toLowerCase() === "true";
    if (tok.t === "id" && tok.v.toLowerCase() === "null") return null;
    throw syntaxError("expected a value", { near: tok.v });
  };
  const primary = (): Pred => {
    if (punct("(")) {
      p++;
      const inner = orExpr();
      if (!punct(")")) throw syntaxError("expected )");
      p++;
      return inner;
    }
    const colTok = toks[p++];
    if (!colTok || colTok.t !== "id")
      throw syntaxError("expected a column in WHERE", { near: colTok?.v ?? "end of query" });
    if (++conditions > 25)
      throw new ApiError(400, "LIMIT_EXCEEDED", "a maximum of 25 conditions is allowed", {
        limit: 25,
      });
    const col = colTok.v;
    const def = checkColumn(mod, col);
    const get = (rec: Rec) => coqlValue(org, mod, rec, col);
    const refish = REF_TYPES.has(def.type);
    const eq = (a: unknown, v: unknown) => {
      if (refish && a && typeof a === "object")
        return compareOp("equals", def.type, a, [String(v)], col);
      return cmp(a, v, def.type) === 0 && a !== null && a !== undefined;
    };
    let negate = false;
    if (kw("is")) {
      p++;
      if (kw("not")) {
        p++;
        negate = true;
      }
      expectKw("null");
      return (rec) => {
        const v = get(rec);
        const isNull = v === null || v === undefined || v === "";
        return negate ? !isNull : isNull;
      };
    }
    if (kw("not")) {
      p++;
      negate = true;
    }
    if (kw("in")) {
      p++;
      if (!punct("(")) throw syntaxError("expected ( after IN");
      p++;
      const vals: unknown[] = [];
      do vals.push(value());
      while (punct(",") && ++p);
      if (!punct(")")) throw syntaxError("expected ) after IN values");
      p++;
      if (vals.length > 50)
        throw new ApiError(400, "LIMIT_EXCEEDED", "a maximum of 50 values is allowed in IN", {
          limit: 50,
        });
      return (rec) => {
        const v = get(rec);
        const hit = vals.some((x) => eq(v, x));
        return negate ? !hit && v !== null && v !== undefined : hit;
      };
    }
    if (kw("like")) {
      p++;
      const pat = value();
      if (typeof pat !== "string") throw syntaxError("LIKE needs a string");
      const re = likeToRegExp(pat);
      return (rec) => {
        const v = get(rec);
        const name = v && typeof v === "object" ? (v as { name?: string }).name : v;
        if (name === null || name === undefined) return false;
        return negate ? !re.test(String(name)) : re.test(String(name));
      };
    }
    if (kw("between")) {
      p++;
      const lo = value();
      expectKw("and");
      const hi = value();
      return (rec) => {
        const v = get(rec);
        if (v === null || v === undefined) return false;
        const inside = cmp(v, lo, def.type) >= 0 && cmp(v, hi, def.type) <= 0;
        return negate ? !inside : inside;
      };
    }
    if (negate) throw syntaxError("expected IN, LIKE or BETWEEN after NOT");
    const opTok = toks[p++];
    if (!opTok || opTok.t !== "op")
      throw syntaxError("expected a comparison operator", { near: opTok?.v ?? "end of query" });
    const v = value();
    const op = opTok.v;
    return (rec) => {
      const a = get(rec);
      if (op === "=") return eq(a, v);
      if (op === "!=") return a !== null && a !== undefined && !eq(a, v);
      if (a === null || a === undefined) return false;
      const c = cmp(a, v, def.type);
      return op === ">" ? c > 0 : op === "<" ? c < 0 : op === ">=" ? c >= 0 : c <= 0;
    };
  };
  const andExpr = (): Pred => {
    const parts = [primary()];
    while (kw("and")) {
      p++;
      parts.push(primary());
    }
    return parts.length === 1 ? parts[0] : (rec) => parts.every((x) => x(rec));
  };
  const orExpr = (): Pred => {
    const parts = [andExpr()];
    while (kw("or")) {
      p++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? parts[0] : (rec) => parts.some((x) => x(rec));
  };

  let where: Pred | null = null;
  if (kw("where")) {
    p++;
    where = orExpr();
  }
  const order: { field: string; desc: boolean }[] = [];
  if (kw("order")) {
    p++;
    expectKw("by");
    do {
      const f = toks[p++];
      if (!f || f.t !== "id") throw syntaxError("expected a column after ORDER BY");
      checkColumn(mod, f.v);
      let desc = false;
      if (kw("asc")) p++;
      else if (kw("desc")) {
        p++;
        desc = true;
      }
      order.push({ field: f.v, desc });
    } while (punct(",") && ++p);
  }
  let limit = 200;
  let offset = 0;
  const int = () => {
    const tok = toks[p++];
    if (!tok || tok.t !== "num" || !/^\d+$/.test(tok.v)) throw syntaxError("expected a number");
    return Number(tok.v);
  };
  if (kw("limit")) {
    p++;
    const a = int();
    if (punct(",")) {
      p++;
      offset = a;
      limit = int();
    } else limit = a;
  }
  if (kw("offset")) {
    p++;
    offset = int();
  }
  if (p < toks.length) throw syntaxError("unexpected token", { near: toks[p].v });
  if (limit > 200 || limit < 1)
    throw new ApiError(400, "LIMIT_EXCEEDED", "limit must be between 1 and 200", { limit: 200 });
  if (offset + limit > 10_000)
    throw new ApiError(400, "LIMIT_EXCEEDED", "offset + limit must not exceed 10000", {
      limit: 10_000,
    });
  void types;
  return { module: mod, columns, where, order, limit, offset };
}

/** Run a parsed COQL query over an org's records. */
export function runCoql(
  org: Org,
  q: CoqlQuery,
): { rows: Record<string, unknown>[]; more: boolean } {
  let rows = org.data[q.module].list;
  if (q.where) rows = rows.filter(q.where);
  if (q.order.length) {
    const defs = q.order.map((o) => checkColumn(q.module, o.field));
    rows = rows.slice().sort((a, b) => {
      for (let k = 0; k < q.order.length; k++) {
        const o = q.order[k];
        const c = cmp(
          coqlValue(org, q.module, a, o.field),
          coqlValue(org, q.module, b, o.field),
          defs[k].type,
        );
        if (c) return o.desc ? -c : c;
      }
      return a.id < b.id ? -1 : 1;
    });
  }
  const page = rows.slice(q.offset, q.offset + q.limit);
  return {
    rows: page.map((rec) => {
      const out: Record<string, unknown> = {};
      for (const c of q.columns) out[c] = coqlValue(org, q.module, rec, c) ?? null;
      out.id = rec.id;
      return out;
    }),
    more: rows.length > q.offset + q.limit,
  };
}
