import { z } from "zod";
import type { FieldValue, PageInfo, Ref, UserRef } from "@/lib/types";

/**
 * Shared pieces for turning Bigin JSON into app types (lib/types.ts). Raw records are parsed
 * with zod (loose: unknown fields are kept for `fields`), ids always stay strings.
 * Formats: /work/shared/bigin-api.md §10.
 */

/** Ids are 18–19-digit strings; a number would already have lost precision, but keep it a string. */
export const zId = z.union([z.string().min(1), z.number()]).transform(String);

/** Text; a number (seen for some picklists and ids) is kept as its string form. */
export const zText = z
  .union([z.string(), z.number()])
  .nullable()
  .optional()
  .transform((v) => (v === null || v === undefined ? null : String(v)));
export const zNumber = z
  .union([z.number(), z.string()])
  .nullable()
  .optional()
  .transform((v) => {
    if (v === null || v === undefined || v === "") return null;
    const n = typeof v === "number" ? v : Number(v);
    return Number.isFinite(n) ? n : null;
  });

/** A lookup as Bigin reads it: `{name,id}`; tolerated: a bare id (string or number), or null. */
export const zRef = z
  .union([
    z.looseObject({ id: zId, name: z.string().nullable().optional() }),
    z.string(),
    z.number(),
  ])
  .nullable()
  .optional()
  .transform((v): Ref | null => {
    if (v === null || v === undefined || v === "") return null;
    if (typeof v === "string" || typeof v === "number") return { id: String(v), name: "" };
    return { id: v.id, name: v.name ?? "" };
  });

export const zUserRef = z
  .union([
    z.looseObject({ id: zId, name: z.string().nullable().optional(), email: z.string().nullable().optional() }),
    z.string(),
    z.number(),
  ])
  .nullable()
  .optional()
  .transform((v): UserRef | null => {
    if (v === null || v === undefined || v === "") return null;
    if (typeof v === "string" || typeof v === "number") return { id: String(v), name: "" };
    return { id: v.id, name: v.name ?? "", email: v.email ?? null };
  });

function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** One field value, normalised to FieldValue; undefined means "not representable, leave out". */
export function normaliseValue(v: unknown): FieldValue | undefined {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (isObj(v)) {
    if (v.id === undefined || v.id === null) return undefined;
    const ref: UserRef = { id: String(v.id), name: typeof v.name === "string" ? v.name : "" };
    if ("email" in v) ref.email = typeof v.email === "string" ? v.email : null;
    return ref;
  }
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string")) return v as string[];
    const refs: Ref[] = [];
    for (const x of v) {
      if (isObj(x) && x.id != null) refs.push({ id: String(x.id), name: typeof x.name === "string" ? x.name : "" });
      else if (typeof x === "string") refs.push({ id: x, name: x });
    }
    return refs;
  }
  return undefined;
}

/** Every field of a raw record by API name, normalised. `$`-prefixed internals are dropped. */
export function normaliseFields(raw: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith("$")) continue;
    const n = normaliseValue(v);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/** A Bigin list answer: `{data:[…], info:{…}}`, or null for 204 (empty). */
export const zListEnvelope = z
  .looseObject({
    data: z.array(z.looseObject({ id: zId })).default([]),
    info: z
      .looseObject({
        per_page: zNumber,
        count: zNumber,
        page: zNumber,
        more_records: z.boolean().nullable().optional(),
        next_page_token: z.string().nullable().optional(),
      })
      .nullable()
      .optional(),
  })
  .nullable();

export type RawRecord = Record<string, unknown> & { id: string };

/*
 * Fast readers. Every list answer is read on every request, and zod's general machinery costs
 * more than the plain checks it stands for (issue 9). Each reader below accepts only values
 * whose schema result is obvious and returns exactly what the schema would; anything else
 * returns SLOW and the caller lets the schema decide (same result, same errors). reshape.test.ts
 * checks each reader against its schema.
 */
export const SLOW: unique symbol = Symbol("slow");
type Slow = typeof SLOW;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `zId`, or SLOW. */
export function readId(v: unknown): string | Slow {
  if (typeof v === "string") return v.length > 0 ? v : SLOW;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return SLOW;
}

/** `zText`, or SLOW. */
export function readText(v: unknown): string | null | Slow {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return SLOW;
}

/** `zNumber`, or SLOW. */
export function readNumber(v: unknown): number | null | Slow {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : SLOW;
  if (typeof v === "string") {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return SLOW;
}

const optionalString = (v: unknown): string | null | undefined | Slow =>
  v === null || v === undefined || typeof v === "string" ? v : SLOW;

/** `zRef`, or SLOW. */
export function readRef(v: unknown): Ref | null | Slow {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "string") return { id: v, name: "" };
  if (typeof v === "number") return Number.isFinite(v) ? { id: String(v), name: "" } : SLOW;
  if (!isPlainObject(v)) return SLOW;
  const id = readId(v.id);
  const name = optionalString(v.name);
  if (id === SLOW || name === SLOW) return SLOW;
  return { id, name: name ?? "" };
}

/** `zUserRef`, or SLOW. */
export function readUserRef(v: unknown): UserRef | null | Slow {
  // Not an object: as readRef (a bare id has no email, like zUserRef's answer for it).
  if (!isPlainObject(v)) return readRef(v);
  const id = readId(v.id);
  const name = optionalString(v.name);
  const email = optionalString(v.email);
  if (id === SLOW || name === SLOW || email === SLOW) return SLOW;
  return { id, name: name ?? "", email: email ?? null };
}

type Envelope = z.output<typeof zListEnvelope>;

/**
 * `zListEnvelope` for the common answer — records whose ids are already strings, plain paging
 * info — without copying the records; SLOW otherwise.
 */
function readListEnvelope(body: unknown): Envelope | Slow {
  if (body === null || body === undefined) return null;
  if (!isPlainObject(body)) return SLOW;
  const data = body.data === undefined ? [] : body.data;
  if (!Array.isArray(data)) return SLOW;
  for (const r of data) if (!isPlainObject(r) || typeof r.id !== "string" || r.id.length === 0) return SLOW;
  let info: NonNullable<Envelope>["info"] = body.info as null | undefined;
  if (body.info !== null && body.info !== undefined) {
    const i = body.info;
    if (!isPlainObject(i)) return SLOW;
    const per_page = readNumber(i.per_page);
    const count = readNumber(i.count);
    const page = readNumber(i.page);
    const more = i.more_records;
    const token = optionalString(i.next_page_token);
    if (per_page === SLOW || count === SLOW || page === SLOW || token === SLOW) return SLOW;
    if (more !== null && more !== undefined && typeof more !== "boolean") return SLOW;
    info = { ...i, per_page, count, page, more_records: more, next_page_token: token };
  }
  return { ...body, data: data as RawRecord[], info } as Envelope;
}

export function parseList(body: unknown, fallback: { page: number; perPage: number }) {
  const fast = readListEnvelope(body);
  const parsed = fast === SLOW ? zListEnvelope.parse(body ?? null) : fast;
  const data = (parsed?.data ?? []) as RawRecord[];
  const info = parsed?.info;
  const pageInfo: PageInfo = {
    page: info?.page ?? fallback.page,
    perPage: info?.per_page ?? fallback.perPage,
    count: info?.count ?? data.length,
    more: info?.more_records ?? false,
    nextPageToken: info?.next_page_token ?? null,
  };
  return { data, info: pageInfo };
}

/** The single record of a get-one answer (`{data:[{…}]}`), or null when Bigin sent nothing. */
export function parseOne(body: unknown): RawRecord | null {
  const parsed = zListEnvelope.parse(body ?? null);
  return (parsed?.data[0] as RawRecord | undefined) ?? null;
}

/** `details` of the first per-record write result (`{data:[{code,details:{id,Modified_Time…}}]}`). */
export const zWriteResult = z.looseObject({
  data: z
    .array(
      z.looseObject({
        code: z.string().optional(),
        status: z.string().optional(),
        details: z
          .looseObject({
            id: zId.optional(),
            Modified_Time: z.string().nullable().optional(),
            Created_Time: z.string().nullable().optional(),
            Modified_By: z.unknown().optional(),
            Created_By: z.unknown().optional(),
          })
          .optional(),
      }),
    )
    .min(1),
});

export function writeDetails(body: unknown) {
  const d = zWriteResult.parse(body).data[0].details ?? {};
  return d;
}
