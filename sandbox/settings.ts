// Metadata responses: settings/modules, settings/fields, settings/layouts, users, org (bigin-api.md §6.1, §9).
import { MODULES, MODULE_NAMES, type FieldDef, type ModuleName } from "./meta";
import { moduleId } from "./records";
import { makeId } from "./util";
import type { BiginUser, LayoutRuntime, Org } from "./world";

const JSON_TYPE: Record<string, string> = {
  currency: "double",
  double: "double",
  integer: "integer",
  boolean: "boolean",
  lookup: "jsonobject",
  ownerlookup: "jsonobject",
  userlookup: "jsonobject",
  tags: "jsonarray",
  bigint: "string",
};

const DATA_TYPE: Record<string, string> = { tags: "text", module: "text" };

export function moduleMeta(org: Org, m: ModuleName) {
  const def = MODULES[m];
  const sys = m !== "Notes";
  return {
    id: moduleId(org, m),
    api_name: def.api_name,
    module_name: def.module_name,
    singular_label: def.singular_label,
    plural_label: def.plural_label,
    api_supported: true,
    creatable: true,
    editable: true,
    deletable: true,
    viewable: true,
    visible: sys,
    generated_type: "default",
    sequence_number: MODULE_NAMES.indexOf(m) + 1,
  };
}

function stagePicklist(l: LayoutRuntime) {
  const seen = new Map<string, Record<string, unknown>>();
  for (const sp of l.subPipelines)
    for (const s of sp.stages)
      if (!seen.has(s.name))
        seen.set(s.name, {
          id: s.id,
          display_value: s.name,
          actual_value: s.name,
          sequence_number: seen.size + 1,
          probability: s.probability,
          forecast_type: s.forecast_type,
        });
  return [...seen.values()];
}

function subPipelinePicklist(l: LayoutRuntime) {
  return l.subPipelines.map((sp, i) => ({
    id: sp.id,
    display_value: sp.name,
    actual_value: sp.name,
    sequence_number: i + 1,
    maps: [
      {
        api_name: "Stage",
        pick_list_values: sp.stages.map((s) => ({
          id: s.id,
          display_value: s.name,
          actual_value: s.name,
          sequence_number: s.sequence_number,
          probability: s.probability,
          forecast_type: s.forecast_type,
        })),
      },
    ],
  }));
}

/** Field metadata; for Pipelines, picklists come from one layout or the union of all. */
export function fieldMeta(org: Org, m: ModuleName, layouts: LayoutRuntime[] = org.layouts) {
  const mi = MODULE_NAMES.indexOf(m);
  return MODULES[m].fields.map((f: FieldDef, fi) => {
    const out: Record<string, unknown> = {
      id: makeId(org.prefix, 100_000 + mi * 1000 + fi),
      api_name: f.api_name,
      field_label: f.label,
      display_label: f.label,
      data_type: DATA_TYPE[f.type] ?? f.type,
      json_type: JSON_TYPE[f.type] ?? "string",
      length:
        f.length ??
        (f.type === "boolean" ? 5 : f.type === "date" ? 20 : f.type === "datetime" ? 120 : 0),
      read_only: Boolean(f.readOnly),
      system_mandatory: Boolean(f.mandatory),
      custom_field: false,
      visible: true,
      unique: f.unique ? { casesensitive: false } : null,
    };
    if (m === "Pipelines" && f.api_name === "Stage") {
      const seen = new Set<string>();
      out.pick_list_values = layouts
        .flatMap(stagePicklist)
        .filter((v) => !seen.has(v.actual_value as string) && seen.add(v.actual_value as string));
    } else if (m === "Pipelines" && f.api_name === "Sub_Pipeline") {
      out.pick_list_values = layouts.flatMap(subPipelinePicklist);
    } else if (f.picklist) {
      out.pick_list_values = f.picklist.map((v, i) => ({
        id: makeId(org.prefix, 130_000 + mi * 1000 + fi * 20 + i),
        display_value: v,
        actual_value: v,
        sequence_number: i + 1,
      }));
    }
    if (f.type === "lookup" && f.lookup)
      out.lookup = {
        module: { api_name: f.lookup, id: moduleId(org, f.lookup) },
        display_label: f.label,
      };
    if (m === "Notes" && f.api_name === "Parent_Id")
      out.lookup = { module: null, display_label: f.label };
    return out;
  });
}

const ADMIN_PROFILE = (org: Org) => ({ id: makeId(org.prefix, 15_972), name: "Administrator" });

export function layoutMeta(org: Org, m: ModuleName) {
  if (m !== "Pipelines") {
    return [
      {
        id: makeId(org.prefix, 90_000 + MODULE_NAMES.indexOf(m)),
        name: "Standard",
        display_label: "Standard",
        status: "active",
        visible: true,
        profiles: [ADMIN_PROFILE(org)],
        sections: [
          {
            api_name: `${MODULES[m].singular_label} Information`,
            display_label: `${MODULES[m].singular_label} Information`,
            sequence_number: 1,
            fields: fieldMeta(org, m),
          },
        ],
      },
    ];
  }
  return org.layouts.map((l) => ({
    id: l.id,
    name: l.name,
    display_label: l.name,
    status: "active",
    visible: true,
    profiles: [ADMIN_PROFILE(org)],
    sections: [
      {
        api_name: "Deal Information",
        display_label: "Pipeline Information",
        sequence_number: 1,
        fields: fieldMeta(org, m, [l]),
      },
    ],
  }));
}

export function userMeta(u: BiginUser) {
  return {
    id: u.id,
    zuid: u.zuid,
    first_name: u.first_name,
    last_name: u.last_name,
    full_name: u.full_name,
    email: u.email,
    status: u.status,
    confirm: u.confirm,
    role: u.role,
    profile: u.profile,
    time_zone: u.time_zone,
    locale: u.locale,
  };
}

export function orgMeta(org: Org) {
  const admin = org.users.find((u) => u.profile.name === "Administrator") ?? org.users[0];
  return {
    id: org.id,
    company_name: org.name,
    alias: null,
    primary_email: admin.email,
    primary_zuid: admin.zuid,
    zgid: org.id,
    domain_name: org.domain.split(".")[0],
    time_zone: org.timeZone,
    iso_code: org.currency,
    currency_symbol: org.currencySymbol,
    currency_locale: org.dc === "eu" ? "de_DE" : "en_US",
    country: org.country,
    country_code: org.dc === "eu" ? "DE" : "US",
    city: org.city,
    street: null,
    state: null,
    zip: null,
    phone: null,
    mobile: null,
    fax: null,
    website: `https://www.${org.domain}`,
    employee_count: String(org.users.length * 10),
    description: null,
    mc_status: false,
    hierarchy_preferences: null,
    photo_id: null,
    type: "production",
    paid: true,
    paid_type: "premier",
    paid_expiry: null,
    trial_type: null,
    trial_expiry: null,
  };
}
