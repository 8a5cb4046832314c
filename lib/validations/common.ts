import { z } from "zod";
// Every browser use of zod comes through here: switch its eval probe off first (CSP).
import "@/lib/security/zod-jitless";

/**
 * Building blocks shared by the entity schemas. Messages say what is expected, so forms can
 * show them as they are. Keys of record bodies are Bigin API names (bigin-api.md §7, §6.2).
 */

export const ID_RE = /^[0-9]{1,19}$/;

/** A Bigin record id in a path or a lookup: 1–19 digits, kept as a string. */
export const zRecordId = z.string().regex(ID_RE, "Expected a record id (1–19 digits)");

export const zIdParams = z.object({ id: zRecordId });

// Forms send "" for an emptied input: treat it as "clear this field".
const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** Optional text up to `max` characters; "" or null clears the field. */
export const optionalText = (max: number) =>
  z.preprocess(
    emptyToNull,
    z.string().trim().max(max, `At most ${max} characters`).nullable().optional(),
  );

/** Required text up to `max` characters. */
export const requiredText = (max: number, what = "This field") =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `At most ${max} characters`);

export const optionalEmail = (max = 100) =>
  z.preprocess(
    emptyToNull,
    z.email("Expected an email address like name@example.com").max(max, `At most ${max} characters`).nullable().optional(),
  );

/** A lookup written as the id of the record it points at, or null to clear it. */
export const optionalLookup = z.preprocess(
  emptyToNull,
  z.string().regex(ID_RE, "Expected a record id (1–19 digits)").nullable().optional(),
);

const isRealDate = (s: string) => {
  const [y, m, d] = s.split("-").map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};

export const optionalDate = z.preprocess(
  emptyToNull,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a date as YYYY-MM-DD")
    .refine(isRealDate, "Expected a real calendar date")
    .nullable()
    .optional(),
);

/** A non-negative amount; numeric strings from inputs are accepted. */
export const optionalAmount = z.preprocess(
  (v) => {
    const e = emptyToNull(v);
    return typeof e === "string" && /^-?\d+(\.\d+)?$/.test(e.trim()) ? Number(e) : e;
  },
  z.number({ error: "Expected a number" }).finite("Expected a number").min(0, "Must be 0 or more").nullable().optional(),
);

export const optionalBoolean = z.boolean({ error: "Expected true or false" }).nullable().optional();

/** Fields the server sets: never accepted from a form. */
export const READ_ONLY_FIELDS = new Set([
  "id", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Full_Name",
  "Last_Activity_Time", "Tag", "Layout",
]);

const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** Custom fields (from field metadata) may be sent too: plain JSON values under a valid API name. */
export const customFieldValue = z.union([
  z.string().max(32000, "At most 32000 characters"),
  z.number().finite(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(255)).max(100),
]);

/** Run the key check even when other fields already failed, so the form sees every problem at once. */
export const EVEN_WITH_ISSUES = { when: (p: { value: unknown }) => !!p.value && typeof p.value === "object" };

/** Reject read-only or malformed keys among the extra (custom) fields of a record body. */
export function checkExtraKeys(known: readonly string[]) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      if (READ_ONLY_FIELDS.has(key)) ctx.addIssue({ code: "custom", path: [key], message: "This field is read-only" });
      else if (!API_NAME.test(key)) ctx.addIssue({ code: "custom", path: [key], message: "Unknown field" });
    }
  };
}

/** Paging and sorting shared by list routes (query strings: numbers arrive as text). */
// Plain decimal digits only: `z.coerce` would also take "0x1F", "1e2", " 3 " or "" (as 0).
const digitsToNumber = (v: unknown) => (typeof v === "string" && /^[0-9]{1,9}$/.test(v) ? Number(v) : v);
export const zPage = z.preprocess(
  digitsToNumber,
  z.number({ error: "Expected a page number" }).int("Expected a whole number").min(1, "Expected 1 or more").optional(),
);
export const zPerPage = z.preprocess(
  digitsToNumber,
  z.number({ error: "Expected a number of rows" }).int("Expected a whole number").min(1, "Expected 1 or more").max(200, "At most 200 per page").optional(),
);
export const zPageToken = z.string().min(1).max(2000, "Page token too long").optional();
export const zSortBy = z.enum(["id", "Created_Time", "Modified_Time"], { error: "Expected id, Created_Time or Modified_Time" }).optional();
export const zSortOrder = z.enum(["asc", "desc"], { error: "Expected asc or desc" }).optional();

/** Bigin only pages up to record 2,000; beyond, `pageToken` must be used (bigin-api.md §5.1). */
export function checkPagingWindow(v: { page?: number; perPage?: number; pageToken?: string }, ctx: z.RefinementCtx) {
  if (!v.pageToken && v.page && v.page * (v.perPage ?? 50) > 2000) {
    ctx.addIssue({ code: "custom", path: ["page"], message: "Pages beyond record 2,000 need pageToken (use info.nextPageToken)" });
  }
}

/** The time the user saw on the record (Modified_Time), sent back on save to detect conflicts. */
export const zModifiedTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, "Expected the record's Modified_Time (ISO date-time)")
  .optional();
