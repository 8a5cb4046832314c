/**
 * Search parameters for `GET /bigin/v2/{module}/search` (bigin-api.md §5.7,
 * https://www.bigin.com/developer/docs/apis/v2/search-records.html). Values inside `criteria`
 * must escape `(`, `)` and `,` with a backslash (Zoho's rule; the backslash itself too, so a
 * value can't end in an escape); URL-encoding is done later by URLSearchParams.
 */
export function escapeCriteriaValue(value: string): string {
  return value.replace(/[\\(),]/g, (c) => `\\${c}`);
}

export type CriteriaOp = "equals" | "not_equal" | "starts_with";

/** `((A:equals:x)and(B:starts_with:y))` from field/op/value triples; API names are ours, never user input. */
export function buildCriteria(parts: Array<[field: string, op: CriteriaOp, value: string]>): string {
  const each = parts.map(([f, op, v]) => {
    if (!/^[A-Za-z$][A-Za-z0-9_]*$/.test(f)) throw new Error(`buildCriteria: bad field ${f}`);
    return `(${f}:${op}:${escapeCriteriaValue(v)})`;
  });
  return each.length === 1 ? each[0] : `(${each.join("and")})`;
}

/**
 * The search a free-text query means: an `@` → email search, mostly digits/`+`/spaces/dashes →
 * phone search, anything else → word search.
 */
export function searchParamFor(q: string): { email: string } | { phone: string } | { word: string } {
  const s = q.trim();
  if (s.includes("@")) return { email: s };
  const digits = s.replace(/\D/g, "").length;
  if (/^[+\d\s().-]+$/.test(s) && digits >= 3 && digits / s.replace(/\s/g, "").length >= 0.6) return { phone: s };
  return { word: s };
}
