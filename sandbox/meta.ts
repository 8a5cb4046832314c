// Static Bigin metadata: modules, fields and Team Pipeline definitions (names only; ids come
// from each org). Labels follow Bigin's UI (bigin-api.md §7, §9).

export type FieldType =
  | "text"
  | "email"
  | "phone"
  | "website"
  | "textarea"
  | "date"
  | "datetime"
  | "currency"
  | "double"
  | "integer"
  | "boolean"
  | "picklist"
  | "lookup"
  | "ownerlookup"
  | "userlookup"
  | "bigint"
  | "tags"
  | "module";

export interface FieldDef {
  api_name: string;
  label: string;
  type: FieldType;
  length?: number;
  mandatory?: boolean;
  unique?: boolean;
  readOnly?: boolean;
  picklist?: readonly string[];
  lookup?: ModuleName;
}

export type ModuleName =
  "Contacts" | "Accounts" | "Pipelines" | "Notes" | "Products" | "Tasks" | "Events" | "Calls";

export interface ModuleDef {
  api_name: ModuleName;
  module_name: string;
  singular_label: string;
  plural_label: string;
  fields: FieldDef[];
  /** Field shown as the record's `name` in lookups. */
  nameField: string;
  /** Default duplicate-check fields for upsert (bigin-api.md §5.5). */
  uniqueFields: string[];
  /** Searchable via /search and usable as a Notes parent. */
  searchable: boolean;
  noteParent: boolean;
}

const system = (withOwner = true): FieldDef[] => [
  ...(withOwner ? [{ api_name: "Owner", label: "Owner", type: "ownerlookup" as const }] : []),
  { api_name: "Created_By", label: "Created By", type: "userlookup", readOnly: true },
  { api_name: "Modified_By", label: "Modified By", type: "userlookup", readOnly: true },
  { api_name: "Created_Time", label: "Created Time", type: "datetime", readOnly: true },
  { api_name: "Modified_Time", label: "Modified Time", type: "datetime", readOnly: true },
];

const tag: FieldDef = { api_name: "Tag", label: "Tag", type: "tags", readOnly: true };
const lastActivity: FieldDef = {
  api_name: "Last_Activity_Time",
  label: "Last Activity Time",
  type: "datetime",
  readOnly: true,
};

export const INDUSTRIES = [
  "Manufacturing",
  "Retail",
  "Software",
  "Healthcare",
  "Logistics",
  "Financial Services",
  "Education",
  "Hospitality",
  "Construction",
  "Energy",
] as const;

export const MODULES: Record<ModuleName, ModuleDef> = {
  Contacts: {
    api_name: "Contacts",
    module_name: "Contacts",
    singular_label: "Contact",
    plural_label: "Contacts",
    nameField: "Full_Name",
    uniqueFields: ["Email"],
    searchable: true,
    noteParent: true,
    fields: [
      { api_name: "First_Name", label: "First Name", type: "text", length: 40 },
      { api_name: "Last_Name", label: "Last Name", type: "text", length: 80, mandatory: true },
      { api_name: "Full_Name", label: "Full Name", type: "text", length: 121, readOnly: true },
      { api_name: "Title", label: "Title", type: "text", length: 50 },
      { api_name: "Account_Name", label: "Company Name", type: "lookup", lookup: "Accounts" },
      { api_name: "Email", label: "Email", type: "email", length: 100, unique: true },
      { api_name: "Mobile", label: "Mobile", type: "phone", length: 50 },
      { api_name: "Phone", label: "Phone", type: "phone", length: 50 },
      { api_name: "Home_Phone", label: "Home Phone", type: "phone", length: 50 },
      { api_name: "Email_Opt_Out", label: "Email Opt Out", type: "boolean" },
      { api_name: "Description", label: "Description", type: "textarea", length: 32000 },
      { api_name: "Mailing_Street", label: "Mailing Street", type: "text", length: 250 },
      { api_name: "Mailing_City", label: "Mailing City", type: "text", length: 100 },
      { api_name: "Mailing_State", label: "Mailing State", type: "text", length: 100 },
      { api_name: "Mailing_Country", label: "Mailing Country", type: "text", length: 100 },
      { api_name: "Mailing_Zip", label: "Mailing Zip", type: "text", length: 30 },
      ...system(),
      lastActivity,
      tag,
    ],
  },
  Accounts: {
    api_name: "Accounts",
    module_name: "Accounts",
    singular_label: "Company",
    plural_label: "Companies",
    nameField: "Account_Name",
    uniqueFields: ["Account_Name"],
    searchable: true,
    noteParent: true,
    fields: [
      {
        api_name: "Account_Name",
        label: "Company Name",
        type: "text",
        length: 100,
        mandatory: true,
        unique: true,
      },
      { api_name: "Phone", label: "Phone", type: "phone", length: 50 },
      { api_name: "Website", label: "Website", type: "website", length: 255 },
      { api_name: "Industry", label: "Industry", type: "picklist", picklist: INDUSTRIES },
      { api_name: "Description", label: "Description", type: "textarea", length: 32000 },
      { api_name: "Billing_Street", label: "Billing Street", type: "text", length: 250 },
      { api_name: "Billing_City", label: "Billing City", type: "text", length: 100 },
      { api_name: "Billing_State", label: "Billing State", type: "text", length: 100 },
      { api_name: "Billing_Country", label: "Billing Country", type: "text", length: 100 },
      { api_name: "Billing_Code", label: "Billing Code", type: "text", length: 30 },
      ...system(),
      lastActivity,
      tag,
    ],
  },
  Pipelines: {
    api_name: "Pipelines",
    module_name: "Pipelines",
    singular_label: "Pipeline",
    plural_label: "Pipelines",
    nameField: "Deal_Name",
    uniqueFields: ["Deal_Name"],
    searchable: true,
    noteParent: true,
    fields: [
      { api_name: "Deal_Name", label: "Deal Name", type: "text", length: 120, mandatory: true },
      { api_name: "Pipeline", label: "Pipeline", type: "bigint" },
      { api_name: "Sub_Pipeline", label: "Sub-Pipeline", type: "picklist", mandatory: true },
      { api_name: "Stage", label: "Stage", type: "picklist", mandatory: true },
      { api_name: "Amount", label: "Amount", type: "currency", length: 16 },
      { api_name: "Closing_Date", label: "Closing Date", type: "date" },
      { api_name: "Account_Name", label: "Company Name", type: "lookup", lookup: "Accounts" },
      { api_name: "Contact_Name", label: "Contact Name", type: "lookup", lookup: "Contacts" },
      { api_name: "Description", label: "Description", type: "textarea", length: 32000 },
      ...system(),
      lastActivity,
      tag,
    ],
  },
  Notes: {
    api_name: "Notes",
    module_name: "Notes",
    singular_label: "Note",
    plural_label: "Notes",
    nameField: "Note_Title",
    uniqueFields: [],
    searchable: true,
    noteParent: false,
    fields: [
      { api_name: "Note_Title", label: "Note Title", type: "text", length: 120 },
      {
        api_name: "Note_Content",
        label: "Note Content",
        type: "textarea",
        length: 32000,
        mandatory: true,
      },
      { api_name: "Parent_Id", label: "Parent ID", type: "lookup" },
      { api_name: "$se_module", label: "Parent Module", type: "module", readOnly: true },
      ...system(),
    ],
  },
  Products: {
    api_name: "Products",
    module_name: "Products",
    singular_label: "Product",
    plural_label: "Products",
    nameField: "Product_Name",
    uniqueFields: ["Product_Name"],
    searchable: true,
    noteParent: true,
    fields: [
      {
        api_name: "Product_Name",
        label: "Product Name",
        type: "text",
        length: 120,
        mandatory: true,
        unique: true,
      },
      { api_name: "Product_Code", label: "Product Code", type: "text", length: 40 },
      { api_name: "Unit_Price", label: "Unit Price", type: "currency", length: 16 },
      { api_name: "Product_Active", label: "Product Active", type: "boolean" },
      { api_name: "Description", label: "Description", type: "textarea", length: 32000 },
      ...system(),
      tag,
    ],
  },
  Tasks: {
    api_name: "Tasks",
    module_name: "Tasks",
    singular_label: "Task",
    plural_label: "Tasks",
    nameField: "Subject",
    uniqueFields: [],
    searchable: true,
    noteParent: true,
    fields: [
      { api_name: "Subject", label: "Subject", type: "text", length: 255, mandatory: true },
      { api_name: "Due_Date", label: "Due Date", type: "date" },
      {
        api_name: "Status",
        label: "Status",
        type: "picklist",
        picklist: ["Not Started", "In Progress", "Completed", "Deferred"],
      },
      {
        api_name: "Priority",
        label: "Priority",
        type: "picklist",
        picklist: ["High", "Normal", "Low"],
      },
      { api_name: "Description", label: "Description", type: "textarea", length: 32000 },
      ...system(),
      tag,
    ],
  },
  Events: {
    api_name: "Events",
    module_name: "Events",
    singular_label: "Event",
    plural_label: "Events",
    nameField: "Event_Title",
    uniqueFields: [],
    searchable: true,
    noteParent: true,
    fields: [
      { api_name: "Event_Title", label: "Title", type: "text", length: 255, mandatory: true },
      { api_name: "Start_DateTime", label: "From", type: "datetime", mandatory: true },
      { api_name: "End_DateTime", label: "To", type: "datetime", mandatory: true },
      { api_name: "Venue", label: "Venue", type: "text", length: 255 },
      { api_name: "Description", label: "Description", type: "textarea", length: 32000 },
      ...system(),
      tag,
    ],
  },
  Calls: {
    api_name: "Calls",
    module_name: "Calls",
    singular_label: "Call",
    plural_label: "Calls",
    nameField: "Subject",
    uniqueFields: [],
    searchable: true,
    noteParent: true,
    fields: [
      { api_name: "Subject", label: "Subject", type: "text", length: 255, mandatory: true },
      {
        api_name: "Call_Type",
        label: "Call Type",
        type: "picklist",
        picklist: ["Outbound", "Inbound", "Missed"],
        mandatory: true,
      },
      { api_name: "Call_Start_Time", label: "Call Start Time", type: "datetime", mandatory: true },
      {
        api_name: "Call_Duration",
        label: "Call Duration",
        type: "text",
        length: 10,
        mandatory: true,
      },
      { api_name: "Description", label: "Description", type: "textarea", length: 32000 },
      ...system(),
      tag,
    ],
  },
};

export const MODULE_NAMES = Object.keys(MODULES) as ModuleName[];

export function isModuleName(name: string): name is ModuleName {
  return Object.prototype.hasOwnProperty.call(MODULES, name);
}

export const FIELD_MAPS: Record<ModuleName, Map<string, FieldDef>> = Object.fromEntries(
  MODULE_NAMES.map((m) => [m, new Map(MODULES[m].fields.map((f) => [f.api_name, f]))]),
) as Record<ModuleName, Map<string, FieldDef>>;

export interface StageDef {
  name: string;
  probability: number;
  forecast_type: "Open" | "Closed Won" | "Closed Lost";
}

export interface TeamPipelineDef {
  name: string;
  subPipelines: { name: string; stages: StageDef[] }[];
}

const open = (name: string, probability: number): StageDef => ({
  name,
  probability,
  forecast_type: "Open",
});
const WON: StageDef = { name: "Closed Won", probability: 100, forecast_type: "Closed Won" };
const LOST: StageDef = { name: "Closed Lost", probability: 0, forecast_type: "Closed Lost" };

/** Team Pipelines (= layouts of Pipelines), their sub-pipelines and ordered stages. */
export const TEAM_PIPELINES: TeamPipelineDef[] = [
  {
    name: "Sales Pipeline",
    subPipelines: [
      {
        name: "Sales Pipeline Standard",
        stages: [
          open("Qualification", 10),
          open("Needs Analysis", 20),
          open("Proposal/Price Quote", 50),
          open("Negotiation/Review", 75),
          WON,
          LOST,
        ],
      },
      {
        name: "Enterprise",
        stages: [
          open("Discovery", 10),
          open("Solution Design", 25),
          open("Proposal", 40),
          open("Security Review", 60),
          open("Negotiation", 80),
          WON,
          LOST,
        ],
      },
    ],
  },
  {
    name: "Partnerships",
    subPipelines: [
      {
        name: "Partnerships Standard",
        stages: [
          open("Identified", 10),
          open("Intro Call", 25),
          open("Evaluation", 50),
          open("Agreement Sent", 80),
          WON,
          LOST,
        ],
      },
    ],
  },
];
