// The sandbox's whole state: data centres, orgs (each with its own records), people who can
// sign in, OAuth clients, codes and tokens, stats and faults. One World serves every DC origin.
import { MODULE_NAMES, type ModuleName } from "./meta";

export const ALL_DCS = ["us", "eu", "in", "au", "jp", "ca", "sa", "cn"] as const;
export type Dc = (typeof ALL_DCS)[number];

export interface SeedSizes {
  contacts?: number;
  companies?: number;
  deals?: number;
  notes?: number;
}

export interface TokenLimits {
  /** Access tokens minted by refresh grants per refresh token per window (Zoho: 10 per 10 min). */
  refreshesPerWindow: number;
  windowMs: number;
  /** Live access tokens per refresh token (the next evicts the oldest). */
  liveAccessPerRefresh: number;
  /** Refresh tokens per user and client (the next evicts the oldest with its access tokens). */
  refreshPerUserClient: number;
}

export const DEFAULT_LIMITS: TokenLimits = {
  refreshesPerWindow: 10,
  windowMs: 10 * 60_000,
  liveAccessPerRefresh: 15,
  refreshPerUserClient: 20,
};

export interface Settings {
  accessTokenTtlS: number;
  limits: TokenLimits | null;
  maxConcurrency: number;
  seed: Required<SeedSizes>;
}

export const DEFAULT_SEED: Required<SeedSizes> = {
  contacts: 500,
  companies: 100,
  deals: 300,
  notes: 400,
};

export type Rec = Record<string, unknown> & { id: string };

export interface ModuleStore {
  list: Rec[]; // ascending id order (= insertion order)
  byId: Map<string, Rec>;
  version: number;
  sorted: Map<string, { version: number; rows: Rec[] }>;
}

export interface BiginUser {
  id: string;
  zuid: string;
  first_name: string;
  last_name: string;
  full_name: string;
  email: string;
  status: "active";
  role: { name: string; id: string };
  profile: { name: string; id: string };
  time_zone: string;
  locale: string;
  confirm: boolean;
}

export interface StageRuntime {
  id: string;
  name: string;
  sequence_number: number;
  probability: number;
  forecast_type: string;
}

export interface LayoutRuntime {
  id: string;
  name: string;
  subPipelines: { id: string; name: string; stages: StageRuntime[] }[];
}

export interface Org {
  id: string;
  name: string;
  dc: Dc;
  prefix: string;
  timeZone: string;
  offsetMin: number;
  currency: string;
  currencySymbol: string;
  country: string;
  city: string;
  domain: string;
  users: BiginUser[];
  layouts: LayoutRuntime[];
  data: Record<ModuleName, ModuleStore>;
  serials: Record<ModuleName, number>;
  /** Set until the org's records are generated (lazily, on first access to `data`). */
  pendingSizes?: Required<SeedSizes>;
}

export interface Person {
  zuid: number;
  firstName: string;
  lastName: string;
  email: string;
  dc: Dc;
  orgIds: string[];
}

export interface Client {
  client_id: string;
  client_secret: string;
  name: string;
  redirect_uris: string[];
}

export interface GrantCode {
  code: string;
  clientId: string;
  redirectUri: string;
  zuid: number;
  orgId: string;
  dc: Dc;
  scopes: string[];
  issueRefresh: boolean;
  expiresAt: number;
}

export interface AccessToken {
  token: string;
  clientId: string;
  zuid: number;
  orgId: string;
  dc: Dc;
  scopes: string[];
  scopeSet: Set<string>; // lower-cased
  expiresAt: number;
  createdAt: number;
  refresh: string | null;
}

export interface RefreshToken {
  token: string;
  clientId: string;
  zuid: number;
  orgId: string;
  dc: Dc;
  scopes: string[];
  createdAt: number;
  live: string[]; // live access tokens, oldest first
  mints: number[]; // times of refresh-grant mints, for the rate window
}

export interface Fault {
  match: string;
  status?: number;
  code?: string;
  message?: string;
  times?: number;
  latencyMs: number;
}

export interface DcStats {
  grants: { authorization_code: number; refresh_token: number };
  revokes: number;
  calls: Record<string, number>;
  errors: Record<string, number>;
}

export const KNOWN_ERROR_CODES = [
  "AUTHENTICATION_FAILURE",
  "INVALID_TOKEN",
  "OAUTH_SCOPE_MISMATCH",
  "INVALID_URL_PATTERN",
  "INVALID_MODULE",
  "INVALID_REQUEST_METHOD",
  "REQUIRED_PARAM_MISSING",
  "INVALID_DATA",
  "LIMIT_EXCEEDED",
  "INVALID_QUERY",
  "SYNTAX_ERROR",
  "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
  "TOO_MANY_REQUESTS",
  "INTERNAL_ERROR",
  "invalid_code",
  "invalid_client",
  "invalid_client_secret",
  "invalid_redirect_uri",
  "unsupported_grant_type",
  "access_denied",
  "invalid_token",
];

export function emptyStats(): DcStats {
  return {
    grants: { authorization_code: 0, refresh_token: 0 },
    revokes: 0,
    calls: {},
    errors: Object.fromEntries(KNOWN_ERROR_CODES.map((c) => [c, 0])),
  };
}

export function emptyModuleStore(): ModuleStore {
  return { list: [], byId: new Map(), version: 0, sorted: new Map() };
}

export function emptyOrgData(): Record<ModuleName, ModuleStore> {
  return Object.fromEntries(MODULE_NAMES.map((m) => [m, emptyModuleStore()])) as Record<
    ModuleName,
    ModuleStore
  >;
}

export interface World {
  dcs: Dc[];
  origins: Record<string, string>;
  settings: Settings;
  orgs: Map<string, Org>;
  people: Person[];
  clients: Map<string, Client>;
  codes: Map<string, GrantCode>;
  accessTokens: Map<string, AccessToken>;
  refreshTokens: Map<string, RefreshToken>;
  /** user zuid + client id → consented with offline access while a refresh token is alive */
  consents: Set<string>;
  stats: Record<string, DcStats>;
  faults: Record<string, Fault[]>;
  inflight: Map<string, number>;
  /** Called after every data or token change (persistence hook). */
  onChange: () => void;
}
