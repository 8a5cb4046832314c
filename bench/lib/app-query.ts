import path from "node:path";
import { ROOT } from "./config";
import { log } from "./log";

const FALLBACK_FIELDS = [
  "First_Name", "Last_Name", "Full_Name", "Email", "Phone", "Mobile", "Title", "Account_Name",
  "Mailing_City", "Mailing_Country", "Owner", "Created_Time", "Modified_Time",
];

/** The query the app sends for GET /api/contacts, from the app's own code when it loads. */
export async function appContactsQuery(): Promise<{ query: Record<string, string>; source: string }> {
  try {
    // A computed specifier: the bench must not break the typecheck when those modules change.
    const contacts = (await import(path.join(ROOT, "lib", "bigin", "contacts.ts"))) as { CONTACT_LIST_FIELDS?: readonly string[] };
    const records = (await import(path.join(ROOT, "lib", "bigin", "records.ts"))) as {
      fieldsParam?: (f: readonly string[]) => string;
      pagingQuery?: (o: Record<string, unknown>) => Record<string, unknown>;
    };
    if (contacts.CONTACT_LIST_FIELDS && records.fieldsParam && records.pagingQuery) {
      const q: Record<string, string> = { fields: records.fieldsParam(contacts.CONTACT_LIST_FIELDS) };
      for (const [k, v] of Object.entries(records.pagingQuery({ sortBy: "Modified_Time" }))) if (v !== undefined && v !== null && v !== "") q[k] = String(v);
      return { query: q, source: "lib/bigin/contacts.ts CONTACT_LIST_FIELDS + records.ts pagingQuery" };
    }
  } catch (e) {
    log(`proxy: could not load the app's contact query (${(e as Error).message}); using the bench's copy`);
  }
  return {
    query: { fields: FALLBACK_FIELDS.join(","), per_page: "50", page: "1", sort_by: "Modified_Time", sort_order: "desc" },
    source: "bench copy of the app's defaults",
  };
}

