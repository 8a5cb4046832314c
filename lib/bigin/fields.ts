import { z } from "zod";
import type { FieldMeta, FieldType } from "@/lib/types";
import { biginFetch, type BiginConn } from "./client";
import { cached, METADATA_TTL_MS, orgKey, peek } from "./cache";

/**
 * Field metadata per module (bigin-api.md §9.2,
 * https://www.bigin.com/developer/docs/apis/v2/field-meta.html). Cached per org for 5 minutes.
 */

/** The modules whose metadata the app reads. Nothing else reaches `settings/fields`. */
export const META_MODULES = ["Contacts", "Accounts", "Pipelines"] as const;
export type MetaModule = (typeof META_MODULES)[number];

const TYPES: ReadonlySet<string> = new Set<FieldType>([
  "text", "textarea", "email", "phone", "website", "integer", "double", "currency", "percent",
  "boolean", "date", "datetime", "picklist", "multiselectpicklist", "lookup", "ownerlookup",
]);

const zField = z.looseObject({
  api_name: z.string(),
  field_label: z.string().nullable().optional(),
  display_label: z.string().nullable().optional(),
  data_type: z.string().nullable().optional(),
  system_mandatory: z.boolean().nullable().optional(),
  required: z.boolean().nullable().optional(),
  read_only: z.boolean().nullable().optional(),
  field_read_only: z.boolean().nullable().optional(),
  length: z.union([z.number(), z.string()]).nullable().optional(),
  custom_field: z.boolean().nullable().optional(),
  visible: z.boolean().nullable().optional(),
  pick_list_values: z
    .array(z.looseObject({ actual_value: z.string().nullable().optional(), display_value: z.string().nullable().optional() }))
    .nullable()
    .optional(),
  lookup: z.looseObject({ module: z.union([z.looseObject({ api_name: z.string().optional() }), z.string()]).nullable().optional() }).nullable().optional(),
});

const zFields = z.looseObject({ fields: z.array(zField).default([]) }).nullable();

export function reshapeField(f: z.infer<typeof zField>): FieldMeta {
  const t = (f.data_type ?? "").toLowerCase();
  const type: FieldType = TYPES.has(t) ? (t as FieldType) : t === "userlookup" ? "ownerlookup" : "other";
  const len = f.length === null || f.length === undefined ? null : Number(f.length);
  const mod = f.lookup?.module;
  return {
    apiName: f.api_name,
    label: f.field_label ?? f.display_label ?? f.api_name.replace(/_/g, " "),
    type,
    required: !!(f.system_mandatory || f.required),
    readOnly: !!(f.read_only || f.field_read_only),
    maxLength: len !== null && Number.isFinite(len) && len > 0 ? len : null,
    options: (f.pick_list_values ?? [])
      .map((p) => p.actual_value ?? p.display_value ?? "")
      .filter((v) => v && v !== "-None-"),
    lookupModule: typeof mod === "string" ? mod : (mod?.api_name ?? null),
    custom: !!f.custom_field,
  };
}

export function reshapeFields(body: unknown): FieldMeta[] {
  const parsed = zFields.parse(body ?? null);
  return (parsed?.fields ?? []).filter((f) => f.visible !== false && !f.api_name.startsWith("$")).map(reshapeField);
}

const fieldsKey = (conn: BiginConn, module: MetaModule) => `${orgKey(conn)}|fields|${module}`;

export function getFields(conn: BiginConn, module: MetaModule): Promise<FieldMeta[]> {
  if (!META_MODULES.includes(module)) throw new Error(`getFields: unsupported module ${module}`);
  return cached(fieldsKey(conn, module), METADATA_TTL_MS, async () =>
    reshapeFields(await biginFetch(conn, { method: "GET", path: "/settings/fields", query: { module } })),
  );
}

/**
 * The module's field metadata only if it is already in this server's per-org cache, else
 * undefined: never calls Bigin. Pages use it to send labels along when they cost nothing.
 */
export async function peekFields(conn: BiginConn, module: MetaModule): Promise<FieldMeta[] | undefined> {
  return peek<FieldMeta[]>(fieldsKey(conn, module))?.catch(() => undefined);
}
