// Record storage operations for one org: sorted views, projection, validation and writes.
// Validation follows the CRM-style rules in bigin-api.md §10 (first failing check wins per record).
import {
  FIELD_MAPS,
  MODULES,
  MODULE_NAMES,
  isModuleName,
  type FieldDef,
  type ModuleName,
} from "./meta";
import { SERIAL_BASE, blankRecord, userRef } from "./seed";
import { recordError, type RecordResult } from "./errors";
import { ID_PATTERN, formatDateTime, isValidDate, makeId, parseDateTime } from "./util";
import type { BiginUser, LayoutRuntime, ModuleStore, Org, Rec } from "./world";

export type SortBy = "id" | "Created_Time" | "Modified_Time";

/** Rows of a module in the requested order; cached until the next write to that module. */
export function sortedRows(store: ModuleStore, sortBy: SortBy, order: "asc" | "desc"): Rec[] {
  if (sortBy === "id" && order === "asc") return store.list;
  const key = `${sortBy}:${order}`;
  const hit = store.sorted.get(key);
  if (hit && hit.version === store.version) return hit.rows;
  let rows: Rec[];
  if (sortBy === "id") rows = store.list.slice().reverse();
  else {
    // Same org → same offset, so the formatted timestamps sort chronologically as strings.
    rows = store.list.slice().sort((a, b) => {
      const x = a[sortBy] as string;
      const y = b[sortBy] as string;
      return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
    });
    if (order === "desc") rows.reverse();
  }
  store.sorted.set(key, { version: store.version, rows });
  return rows;
}

/** Copy a stored record, keeping only `fields` (plus `id`) when given. */
export function project(
  rec: Rec,
  fields: string[] | null,
  module: ModuleName,
): Record<string, unknown> {
  if (!fields) return { ...rec };
  const out: Record<string, unknown> = { id: rec.id };
  for (const f of fields) if (f in rec) out[f] = rec[f];
  // Notes always say which module their parent lives in.
  if (module === "Notes" && "Parent_Id" in out) out.$se_module = rec.$se_module;
  return out;
}

export interface WriteContext {
  org: Org;
  user: BiginUser;
  now: number;
  /** For `POST /{module}/{id}/Notes`: the parent given by the path. */
  noteParent?: { module: ModuleName; id: string };
}

interface FieldError {
  error: RecordResult;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invalid(
  f: string,
  path: string,
  extra: Record<string, unknown> = {},
  message = "invalid data",
): FieldError {
  return {
    error: recordError("INVALID_DATA", message, {
      api_name: f,
      json_path: `${path}.${f}`,
      ...extra,
    }),
  };
}
function mandatory(f: string, path: string): FieldError {
  return {
    error: recordError("MANDATORY_NOT_FOUND", "required field not found", {
      api_name: f,
      json_path: `${path}.${f}`,
    }),
  };
}

const refId = (value: unknown): string | null => {
  if (typeof value === "string") return value;
  if (typeof value === "number") return null; // ids beyond 2^53 cannot be numbers; refuse them
  if (value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string")
    return (value as { id: string }).id;
  return null;
};

export function recordName(module: ModuleName, rec: Rec): string {
  return String(rec[MODULES[module].nameField] ?? "");
}

/** Coerce and check one field value. Returns the stored value or an error. */
function checkValue(
  org: Org,
  f: FieldDef,
  value: unknown,
  path: string,
): { value: unknown } | FieldError {
  const name = f.api_name;
  if (value === null || value === "") return { value: f.type === "boolean" ? false : null };
  switch (f.type) {
    case "text":
    case "textarea":
    case "phone":
    case "website":
    case "email": {
      if (typeof value !== "string" && typeof value !== "number")
        return invalid(name, path, { expected_data_type: f.type });
      const s = String(value);
      if (f.length && s.length > f.length) return invalid(name, path, { maximum_length: f.length });
      if (f.type === "email" && !EMAIL_RE.test(s))
        return invalid(name, path, { expected_data_type: "email" });
      return { value: s };
    }
    case "date":
      return isValidDate(value) ? { value } : invalid(name, path, { expected_data_type: "date" });
    case "datetime": {
      const ms = parseDateTime(value);
      return ms === null
        ? invalid(name, path, { expected_data_type: "datetime" })
        : { value: formatDateTime(ms, org.offsetMin) };
    }
    case "currency":
    case "double": {
      if (typeof value !== "number" || !Number.isFinite(value))
        return invalid(name, path, { expected_data_type: "double" });
      if (f.length && Math.trunc(Math.abs(value)).toString().length > f.length)
        return invalid(name, path, { maximum_length: f.length });
      return { value: Math.round(value * 100) / 100 };
    }
    case "integer":
      return Number.isInteger(value)
        ? { value }
        : invalid(name, path, { expected_data_type: "integer" });
    case "boolean":
      return typeof value === "boolean"
        ? { value }
        : invalid(name, path, { expected_data_type: "boolean" });
    case "picklist":
      if (typeof value !== "string") return invalid(name, path, { expected_data_type: "picklist" });
      if (f.picklist && !f.picklist.includes(value))
        return invalid(name, path, { expected_data_type: "picklist" }, "invalid data");
      return { value };
    case "lookup": {
      const id = refId(value);
      const target = f.lookup ? org.data[f.lookup].byId.get(id ?? "") : undefined;
      if (!id || !target || !f.lookup)
        return invalid(
          name,
          path,
          { expected_data_type: "lookup", id: id ?? undefined },
          "the id given seems to be invalid",
        );
      return { value: { name: recordName(f.lookup, target), id } };
    }
    case "ownerlookup": {
      const id = refId(value);
      const user = org.users.find((u) => u.id === id);
      if (!user)
        return invalid(
          name,
          path,
          { expected_data_type: "ownerlookup", id: id ?? undefined },
          "the id given seems to be invalid",
        );
      return { value: userRef(user) };
    }
    default:
      return { value };
  }
}

function findLayout(org: Org, value: unknown): LayoutRuntime | null | undefined {
  if (value === undefined || value === null) return undefined;
  const id = refId(value);
  return org.layouts.find((l) => l.id === id) ?? null;
}

/** Validate Pipeline / Sub_Pipeline / Stage as a set (stages belong to a sub-pipeline). */
function checkPipeline(
  org: Org,
  input: Record<string, unknown>,
  current: Rec | null,
  next: Rec,
  path: string,
): FieldError | null {
  let layout: LayoutRuntime | undefined;
  const given =
    input.Pipeline !== undefined ? findLayout(org, input.Pipeline) : findLayout(org, input.Layout);
  if (given === null)
    return invalid(
      input.Pipeline !== undefined ? "Pipeline" : "Layout",
      path,
      { expected_data_type: "bigint" },
      "the id given seems to be invalid",
    );
  if (given) layout = given;
  else if (current)
    layout = org.layouts.find((l) => l.id === (current.Pipeline as { id: string } | null)?.id);
  layout ??= org.layouts[0];
  next.Pipeline = { name: layout.name, id: layout.id };

  const subName = input.Sub_Pipeline !== undefined ? input.Sub_Pipeline : current?.Sub_Pipeline;
  if (subName === undefined || subName === null || subName === "")
    return mandatory("Sub_Pipeline", path);
  const sub = layout.subPipelines.find((s) => s.name === subName);
  if (!sub) return invalid("Sub_Pipeline", path, { expected_data_type: "picklist" });
  next.Sub_Pipeline = sub.name;

  const stageName = input.Stage !== undefined ? input.Stage : current?.Stage;
  if (stageName === undefined || stageName === null || stageName === "")
    return mandatory("Stage", path);
  if (!sub.stages.some((s) => s.name === stageName))
    return invalid("Stage", path, { expected_data_type: "picklist" });
  next.Stage = stageName;
  return null;
}

/** Resolve a note's parent from the body (`Parent_Id` string + `$se_module`, or `{module:{api_name}, id}`). */
function checkNoteParent(
  ctx: WriteContext,
  input: Record<string, unknown>,
  next: Rec,
  path: string,
): FieldError | null {
  let parentModule: string | undefined;
  let id: string | null = null;
  if (ctx.noteParent) ({ module: parentModule, id } = ctx.noteParent);
  else {
    const p = input.Parent_Id;
    if (p === undefined || p === null || p === "") return mandatory("Parent_Id", path);
    id = refId(p);
    const nested =
      p && typeof p === "object"
        ? (p as { module?: { api_name?: unknown } }).module?.api_name
        : undefined;
    parentModule =
      typeof nested === "string"
        ? nested
        : typeof input.$se_module === "string"
          ? input.$se_module
          : undefined;
    if (!parentModule && id)
      parentModule = MODULE_NAMES.find(
        (m) => MODULES[m].noteParent && ctx.org.data[m].byId.has(id!),
      );
    if (!parentModule) return mandatory("$se_module", path);
  }
  if (!isModuleName(parentModule!) || !MODULES[parentModule].noteParent)
    return invalid("$se_module", path, { expected_data_type: "module" });
  const parent = id ? ctx.org.data[parentModule].byId.get(id) : undefined;
  if (!parent)
    return invalid(
      "Parent_Id",
      path,
      { expected_data_type: "lookup", id: id ?? undefined },
      "the id given seems to be invalid",
    );
  next.Parent_Id = { name: recordName(parentModule, parent), id: parent.id };
  next.$se_module = parentModule;
  return null;
}

function findDuplicate(
  org: Org,
  module: ModuleName,
  field: string,
  value: unknown,
  selfId: string | null,
): Rec | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const needle = value.toLowerCase();
  for (const rec of org.data[module].list) {
    const v = rec[field];
    if (typeof v === "string" && v.toLowerCase() === needle && rec.id !== selfId) return rec;
  }
  return undefined;
}

function duplicateError(
  org: Org,
  module: ModuleName,
  field: string,
  dup: Rec,
  path: string,
): RecordResult {
  const owner = org.users.find((u) => u.id === (dup.Owner as { id?: string } | null)?.id);
  return recordError("DUPLICATE_DATA", "duplicate data", {
    api_name: field,
    json_path: `${path}.${field}`,
    duplicate_record: {
      id: dup.id,
      module: { api_name: module, id: moduleId(org, module) },
      Owner: owner ? { name: owner.full_name, id: owner.id, zuid: owner.zuid } : null,
    },
    more_records: false,
  });
}

export function moduleId(org: Org, module: ModuleName): string {
  return makeId(org.prefix, 200 + MODULE_NAMES.indexOf(module));
}

/**
 * Build the next version of a record from input (insert when `current` is null).
 * Returns the new record (not yet stored) or a per-record error.
 */
export function buildRecord(
  ctx: WriteContext,
  module: ModuleName,
  input: unknown,
  current: Rec | null,
  index: number,
): { rec: Rec } | { error: RecordResult } {
  const path = `$.data[${index}]`;
  if (!input || typeof input !== "object" || Array.isArray(input))
    return {
      error: recordError("INVALID_DATA", "invalid data", {
        expected_data_type: "jsonobject",
        json_path: path,
      }),
    };
  const body = input as Record<string, unknown>;
  const fields = FIELD_MAPS[module];
  const next: Rec = current ? { ...current } : blankRecord(module, "");

  // Mandatory fields: present on insert; never cleared on update.
  for (const f of MODULES[module].fields) {
    if (!f.mandatory || f.api_name === "Sub_Pipeline" || f.api_name === "Stage") continue;
    const v = body[f.api_name];
    const missing =
      v === undefined ? !current : v === null || (typeof v === "string" && v.trim() === "");
    if (missing) return mandatory(f.api_name, path);
  }
  // Types, lengths, picklists, lookups. Unknown and read-only fields are ignored.
  for (const key of Object.keys(body)) {
    const f = fields.get(key);
    if (!f || f.readOnly || f.type === "bigint" || (module === "Notes" && key === "Parent_Id"))
      continue;
    if (module === "Pipelines" && (key === "Sub_Pipeline" || key === "Stage")) continue;
    const checked = checkValue(ctx.org, f, body[key], path);
    if ("error" in checked) return checked;
    next[key] = checked.value;
  }
  if (module === "Pipelines") {
    const err = checkPipeline(ctx.org, body, current, next, path);
    if (err) return err;
  }
  if (module === "Notes" && !current) {
    const err = checkNoteParent(ctx, body, next, path);
    if (err) return err;
  }
  if (module === "Contacts") {
    next.Full_Name = [next.First_Name, next.Last_Name].filter((x) => x).join(" ");
  }
  for (const f of MODULES[module].fields) {
    if (!f.unique) continue;
    const dup = findDuplicate(ctx.org, module, f.api_name, next[f.api_name], current?.id ?? null);
    if (dup) return { error: duplicateError(ctx.org, module, f.api_name, dup, path) };
  }
  const stamp = formatDateTime(ctx.now, ctx.org.offsetMin);
  if (!current) {
    if (body.Owner === undefined || body.Owner === null) next.Owner = userRef(ctx.user);
    next.Created_By = userRef(ctx.user);
    next.Created_Time = stamp;
  }
  next.Modified_By = userRef(ctx.user);
  next.Modified_Time = stamp;
  return { rec: next };
}

function successDetails(rec: Rec) {
  const by = (v: unknown) => {
    const u = v as { name: string; id: string };
    return { name: u.name, id: u.id };
  };
  return {
    id: rec.id,
    Created_Time: rec.Created_Time,
    Modified_Time: rec.Modified_Time,
    Created_By: by(rec.Created_By),
    Modified_By: by(rec.Modified_By),
  };
}

export function insertRecord(
  ctx: WriteContext,
  module: ModuleName,
  input: unknown,
  index: number,
): RecordResult {
  const built = buildRecord(ctx, module, input, null, index);
  if ("error" in built) return built.error;
  const store = ctx.org.data[module];
  const rec = built.rec;
  rec.id = makeId(ctx.org.prefix, SERIAL_BASE[module] + ++ctx.org.serials[module]);
  store.list.push(rec);
  store.byId.set(rec.id, rec);
  store.version++;
  return {
    code: "SUCCESS",
    details: successDetails(rec),
    message: "record added",
    status: "success",
  };
}

export function updateRecord(
  ctx: WriteContext,
  module: ModuleName,
  id: unknown,
  input: unknown,
  index: number,
): RecordResult {
  const path = `$.data[${index}]`;
  if (id === undefined || id === null || id === "") return mandatory("id", path).error;
  const store = ctx.org.data[module];
  const current = typeof id === "string" ? store.byId.get(id) : undefined;
  if (!current)
    return recordError("INVALID_DATA", "the id given seems to be invalid", {
      api_name: "id",
      json_path: `${path}.id`,
      id,
    });
  const built = buildRecord(ctx, module, input, current, index);
  if ("error" in built) return built.error;
  const rec = built.rec;
  const oldName = recordName(module, current);
  Object.assign(current, rec); // keep object identity so arrays and maps stay valid
  store.version++;
  const newName = recordName(module, current);
  if (newName !== oldName) propagateName(ctx.org, module, current.id, newName);
  return {
    code: "SUCCESS",
    details: successDetails(current),
    message: "record updated",
    status: "success",
  };
}

/** Keep `{name,id}` lookups pointing at a renamed record in sync. */
function propagateName(org: Org, module: ModuleName, id: string, name: string) {
  for (const m of MODULE_NAMES) {
    const lookups = MODULES[m].fields.filter(
      (f) =>
        (f.type === "lookup" && f.lookup === module) ||
        (m === "Notes" && f.api_name === "Parent_Id"),
    );
    if (!lookups.length) continue;
    for (const rec of org.data[m].list) {
      for (const f of lookups) {
        const ref = rec[f.api_name] as { id: string; name: string } | null;
        if (ref && ref.id === id) rec[f.api_name] = { name, id };
      }
    }
  }
}

export function deleteRecord(org: Org, module: ModuleName, id: string): RecordResult {
  const store = org.data[module];
  const rec = store.byId.get(id);
  if (!rec) return recordError("INVALID_DATA", "the id given seems to be invalid", { id });
  removeFrom(store, [id]);
  // Cascade like Bigin: the record's notes go, lookups pointing at it are cleared.
  if (module !== "Notes") {
    const notes = org.data.Notes;
    const orphanIds = notes.list
      .filter((n) => (n.Parent_Id as { id: string } | null)?.id === id)
      .map((n) => n.id);
    if (orphanIds.length) removeFrom(notes, orphanIds);
    for (const m of MODULE_NAMES) {
      const lookups = MODULES[m].fields.filter((f) => f.type === "lookup" && f.lookup === module);
      if (!lookups.length) continue;
      let touched = false;
      for (const r of org.data[m].list)
        for (const f of lookups)
          if ((r[f.api_name] as { id: string } | null)?.id === id) {
            r[f.api_name] = null;
            touched = true;
          }
      if (touched) org.data[m].version++;
    }
  }
  return { code: "SUCCESS", details: { id }, message: "record deleted", status: "success" };
}

function removeFrom(store: ModuleStore, ids: string[]) {
  const gone = new Set(ids);
  for (const id of ids) store.byId.delete(id);
  store.list = store.list.filter((r) => !gone.has(r.id));
  store.version++;
}

export function isWellFormedId(id: string): boolean {
  return ID_PATTERN.test(id);
}
