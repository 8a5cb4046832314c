/**
 * App types: what components and the browser see. Bigin's raw JSON (Deal_Name, Closing_Date…)
 * is reshaped into these at the boundary in lib/bigin/ and never reaches components.
 * Ids are always strings (Bigin ids are 19 digits, beyond JS safe integers).
 */

export type DataCentre = "us" | "eu" | "in" | "au" | "jp" | "ca" | "sa" | "cn";

export type Ref = { id: string; name: string };
export type UserRef = { id: string; name: string; email?: string | null };

/** A value of one Bigin field, normalised: lookups become Ref, everything else stays JSON. */
export type FieldValue = string | number | boolean | null | Ref | UserRef | string[] | Ref[];

export type Stage = {
  name: string;
  /** 0-based position within its sub-pipeline. */
  order: number;
  probability: number | null;
  /** From forecast_type when Bigin sends it, else from the stage name. */
  kind: "open" | "won" | "lost";
};

export type SubPipeline = { name: string; stages: Stage[] };

export type TeamPipeline = {
  id: string;
  name: string;
  subPipelines: SubPipeline[];
};

export type Deal = {
  id: string;
  name: string;
  pipeline: Ref | null;
  subPipeline: string | null;
  stage: string | null;
  amount: number | null;
  closingDate: string | null; // YYYY-MM-DD
  company: Ref | null;
  contact: Ref | null;
  owner: UserRef | null;
  description: string | null;
  createdTime: string | null;
  modifiedTime: string | null;
  /** Every field by Bigin API name, normalised, for detail pages and metadata-driven forms. */
  fields: Record<string, FieldValue>;
};

/**
 * A contact as lists show it (list, search, a company's contacts): only the list's columns, asked
 * of Bigin by name, so no per-field map — that would repeat every value. Pages get `Contact`.
 */
export type ContactSummary = {
  id: string;
  firstName: string | null;
  lastName: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  title: string | null;
  company: Ref | null;
  mailingCity: string | null;
  mailingCountry: string | null;
  owner: UserRef | null;
  createdTime: string | null;
  modifiedTime: string | null;
};

/** A contact with every field by Bigin API name, normalised (record pages and forms). */
export type Contact = ContactSummary & { fields: Record<string, FieldValue> };

/** A contact's deals across Team Pipelines (GET /api/contacts/{id}/deals): the first 200, and whether Bigin has more. */
export type ContactDeals = { items: Deal[]; more: boolean };

/** A company as lists show it (see ContactSummary). */
export type CompanySummary = {
  id: string;
  name: string;
  phone: string | null;
  website: string | null;
  industry: string | null;
  billingCity: string | null;
  billingCountry: string | null;
  owner: UserRef | null;
  createdTime: string | null;
  modifiedTime: string | null;
};

export type Company = CompanySummary & { fields: Record<string, FieldValue> };

export type NoteParentModule = "Contacts" | "Accounts" | "Pipelines";

export type Note = {
  id: string;
  title: string | null;
  content: string;
  parent: { module: NoteParentModule | string; id: string; name: string | null } | null;
  owner: UserRef | null;
  createdTime: string | null;
  modifiedTime: string | null;
};

export type FieldType =
  | "text"
  | "textarea"
  | "email"
  | "phone"
  | "website"
  | "integer"
  | "double"
  | "currency"
  | "percent"
  | "boolean"
  | "date"
  | "datetime"
  | "picklist"
  | "multiselectpicklist"
  | "lookup"
  | "ownerlookup"
  | "other";

export type FieldMeta = {
  apiName: string;
  label: string;
  type: FieldType;
  required: boolean;
  readOnly: boolean;
  maxLength: number | null;
  options: string[];
  /** For lookups: the module it points at (Accounts, Contacts…). */
  lookupModule: string | null;
  custom: boolean;
};

/** Paging info of every list response. `nextPageToken` continues past Bigin's 2,000-record page limit. */
export type PageInfo = {
  page: number;
  perPage: number;
  count: number;
  more: boolean;
  nextPageToken: string | null;
};

export type ListResponse<T> = { items: T[]; info: PageInfo };

/** The one error shape of every route handler. */
export type ApiErrorBody = {
  error: {
    code: string;
    message: string;
    /** Field API name (or body path) → what is expected. */
    fields?: Record<string, string>;
    /** Present on 409 conflicts: the record as it is now. */
    current?: unknown;
    /** Present when the user must reconnect Bigin. */
    reconnect?: boolean;
  };
};
