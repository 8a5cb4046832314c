/**
 * Query keys for TanStack Query, derived from the same parsed objects as the URL state, so a
 * server prefetch and the client's useQuery always agree.
 */
export type DealListParams = {
  pipelineId: string;
  subPipeline?: string;
  stage?: string;
  page?: number;
  perPage?: number;
  pageToken?: string;
  sortBy?: string;
  sortOrder?: "asc" | "desc";
};
export type ContactListParams = {
  q?: string;
  sortBy?: string;
  sortOrder?: "asc" | "desc";
  page?: number;
  perPage?: number;
  pageToken?: string;
};

export const queryKeys = {
  me: ["me"] as const,
  pipelines: ["pipelines"] as const,
  fields: (module: string) => ["fields", module] as const,
  deals: {
    all: ["deals"] as const,
    list: (p: DealListParams) => ["deals", "list", p] as const,
    detail: (id: string) => ["deals", "detail", id] as const,
  },
  contacts: {
    all: ["contacts"] as const,
    list: (p: ContactListParams) => ["contacts", "list", p] as const,
    detail: (id: string) => ["contacts", "detail", id] as const,
    deals: (id: string) => ["contacts", "deals", id] as const,
  },
  companies: {
    all: ["companies"] as const,
    list: (p: { q?: string; page?: number; perPage?: number; pageToken?: string }) =>
      ["companies", "list", p] as const,
    detail: (id: string) => ["companies", "detail", id] as const,
    contacts: (id: string) => ["companies", "contacts", id] as const,
    deals: (id: string) => ["companies", "deals", id] as const,
  },
  notes: {
    all: ["notes"] as const,
    recent: (p: { module?: string; page?: number; perPage?: number }) => ["notes", "recent", p] as const,
    of: (module: string, id: string) => ["notes", "of", module, id] as const,
  },
};

/** Build a query string, dropping empty values. */
export function toSearch(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}
