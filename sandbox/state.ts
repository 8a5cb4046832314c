// Creating, reseeding and persisting the World.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { MODULE_NAMES, type ModuleName } from "./meta";
import { ORG_DEFS, PEOPLE, seedOrg } from "./seed";
import {
  DEFAULT_LIMITS,
  DEFAULT_SEED,
  emptyOrgData,
  emptyStats,
  type AccessToken,
  type Client,
  type Dc,
  type Org,
  type RefreshToken,
  type Rec,
  type SeedSizes,
  type Settings,
  type TokenLimits,
  type World,
} from "./world";

export const DEMO_CLIENT_ID = "1000.SANDBOXDEMOCLIENT0000000000000";
export const DEMO_CLIENT_SECRET = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
export const DEMO_REDIRECT_URIS = [
  "http://localhost:3000/api/auth/callback/bigin",
  "http://127.0.0.1:3000/api/auth/callback/bigin",
];

export const MAX_SEED_CONTACTS = 50_000;

export function clampSizes(
  sizes: SeedSizes | undefined,
  base: Required<SeedSizes>,
): Required<SeedSizes> {
  const pick = (v: unknown, d: number, max: number) =>
    typeof v === "number" && Number.isInteger(v) && v >= 0 ? Math.min(v, max) : d;
  return {
    contacts: pick(sizes?.contacts, base.contacts, MAX_SEED_CONTACTS),
    companies: pick(sizes?.companies, base.companies, 20_000),
    deals: pick(sizes?.deals, base.deals, 50_000),
    notes: pick(sizes?.notes, base.notes, 100_000),
  };
}

export function resolveLimits(
  limits: boolean | Partial<TokenLimits> | undefined,
): TokenLimits | null {
  if (limits === false) return null;
  if (limits === true || limits === undefined) return { ...DEFAULT_LIMITS };
  return { ...DEFAULT_LIMITS, ...limits };
}

export function createWorld(dcs: Dc[], settings: Settings, redirectUris: string[]): World {
  const client: Client = {
    client_id: DEMO_CLIENT_ID,
    client_secret: DEMO_CLIENT_SECRET,
    name: "Bigin Dashboard (sandbox demo client)",
    redirect_uris: [...new Set([...DEMO_REDIRECT_URIS, ...redirectUris])],
  };
  const world: World = {
    dcs,
    origins: {},
    settings,
    orgs: new Map(),
    people: PEOPLE,
    clients: new Map([[client.client_id, client]]),
    codes: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    consents: new Set(),
    stats: {},
    faults: {},
    inflight: new Map(),
    onChange: () => {},
  };
  reseed(world);
  return world;
}

/**
 * Rebuild every org's data and clear tokens, consents, stats and faults. `keepTokens` keeps
 * issued access and refresh tokens (and consents) alive, so stored browser sessions survive a
 * reset (e2e storageState); org and user ids are deterministic, so the tokens still fit.
 */
export function reseed(world: World, opts: { keepTokens?: boolean } = {}) {
  world.orgs.clear();
  for (const def of ORG_DEFS)
    if (world.dcs.includes(def.dc)) world.orgs.set(def.id, seedOrg(def, world.settings.seed));
  world.codes.clear();
  if (!opts.keepTokens) {
    world.accessTokens.clear();
    world.refreshTokens.clear();
    world.consents.clear();
  }
  world.inflight.clear();
  for (const dc of world.dcs) {
    world.stats[dc] = emptyStats();
    world.faults[dc] = [];
  }
}

export function counts(world: World) {
  const orgs = [...world.orgs.values()].map((o) => ({
    id: o.id,
    name: o.name,
    dc: o.dc,
    ...orgCounts(o),
  }));
  return { orgs };
}

/** Record counts without forcing a lazily seeded org to generate its data. */
export function orgCounts(o: Org) {
  if (o.pendingSizes) return { ...o.pendingSizes };
  return {
    contacts: o.data.Contacts.list.length,
    companies: o.data.Accounts.list.length,
    deals: o.data.Pipelines.list.length,
    notes: o.data.Notes.list.length,
  };
}

// ---------------------------------------------------------------- persistence (SANDBOX_DATA)

interface Snapshot {
  version: 1;
  seed: Required<SeedSizes>;
  orgs: { id: string; serials: Record<ModuleName, number>; data: Record<ModuleName, Rec[]> }[];
  accessTokens: Omit<AccessToken, "scopeSet">[];
  refreshTokens: RefreshToken[];
  consents: string[];
}

export function saveWorld(world: World, file: string) {
  const snap: Snapshot = {
    version: 1,
    seed: world.settings.seed,
    orgs: [...world.orgs.values()].map((o) => ({
      id: o.id,
      serials: o.serials,
      data: Object.fromEntries(MODULE_NAMES.map((m) => [m, o.data[m].list])) as Record<
        ModuleName,
        Rec[]
      >,
    })),
    accessTokens: [...world.accessTokens.values()].map((t) => ({
      token: t.token,
      clientId: t.clientId,
      zuid: t.zuid,
      orgId: t.orgId,
      dc: t.dc,
      scopes: t.scopes,
      expiresAt: t.expiresAt,
      createdAt: t.createdAt,
      refresh: t.refresh,
    })),
    refreshTokens: [...world.refreshTokens.values()],
    consents: [...world.consents],
  };
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(snap));
  renameSync(tmp, file); // atomic replace: a crash never leaves half a file
}

/** Load a snapshot into a freshly created world. Returns false when there is no usable file. */
export function loadWorld(world: World, file: string): boolean {
  if (!existsSync(file)) return false;
  let snap: Snapshot;
  try {
    snap = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  } catch (e) {
    console.warn(`[sandbox] ignoring unreadable ${file}: ${(e as Error).message}`);
    return false;
  }
  if (snap.version !== 1) return false;
  for (const o of snap.orgs) {
    const org = world.orgs.get(o.id);
    if (!org) continue;
    org.serials = o.serials;
    org.data = emptyOrgData();
    for (const m of MODULE_NAMES) {
      const list = o.data[m] ?? [];
      org.data[m].list = list;
      org.data[m].byId = new Map(list.map((r) => [r.id, r]));
      org.data[m].version = 1;
    }
  }
  for (const t of snap.accessTokens)
    world.accessTokens.set(t.token, {
      ...t,
      scopeSet: new Set(t.scopes.map((s) => s.toLowerCase())),
    });
  for (const t of snap.refreshTokens) world.refreshTokens.set(t.token, t);
  for (const c of snap.consents) world.consents.add(c);
  return true;
}

export { DEFAULT_SEED };
