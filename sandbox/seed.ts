// Deterministic seed: people who can sign in, orgs with Bigin users, Team Pipelines and records.
// Same sizes → same data on every reset (each org has its own PRNG stream).
import { INDUSTRIES, MODULE_NAMES, MODULES, TEAM_PIPELINES, type ModuleName } from "./meta";
import { createRng, formatDate, formatDateTime, hashSeed, makeId, type Rng } from "./util";
import {
  emptyOrgData,
  type BiginUser,
  type LayoutRuntime,
  type Org,
  type Person,
  type Rec,
  type SeedSizes,
} from "./world";

/** Seeded data is dated relative to this fixed instant so resets are reproducible. */
export const SEED_ANCHOR_MS = Date.parse(process.env.SANDBOX_SEED_DATE ?? "2026-11-16T15:00:00Z");

/** Per-module serial bases inside an org's 9-digit id space. */
export const SERIAL_BASE: Record<ModuleName, number> = {
  Accounts: 100_000_000,
  Contacts: 200_000_000,
  Pipelines: 300_000_000,
  Notes: 400_000_000,
  Products: 500_000_000,
  Tasks: 600_000_000,
  Events: 700_000_000,
  Calls: 800_000_000,
};

interface StaffDef {
  first: string;
  last: string;
  role: string;
  admin?: boolean;
  zuid?: number;
  email?: string;
}

/** An org's fixed facts; seedOrg adds its users, layouts and records. */
type OrgDef = Pick<
  Org,
  | "id"
  | "name"
  | "dc"
  | "prefix"
  | "timeZone"
  | "offsetMin"
  | "currency"
  | "currencySymbol"
  | "country"
  | "city"
  | "domain"
> & { region: "us" | "eu"; staff: StaffDef[] };

export const PEOPLE: Person[] = [
  {
    zuid: 60012345678,
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
    dc: "us",
    orgIds: ["749001001"],
  },
  {
    zuid: 20087654321,
    firstName: "Emil",
    lastName: "Weber",
    email: "emil@example.eu",
    dc: "eu",
    orgIds: ["20071002"],
  },
  {
    zuid: 60012345679,
    firstName: "Grace",
    lastName: "Hopper",
    email: "grace@example.com",
    dc: "us",
    orgIds: ["749001001", "749001002"],
  },
];

const person = (email: string) => PEOPLE.find((p) => p.email === email)!;
const signedIn = (email: string, role: string, admin = false): StaffDef => {
  const p = person(email);
  return { first: p.firstName, last: p.lastName, role, admin, zuid: p.zuid, email: p.email };
};

export const ORG_DEFS: OrgDef[] = [
  {
    id: "749001001",
    name: "Analytical Engines Inc",
    dc: "us",
    prefix: "6208250000",
    timeZone: "America/New_York",
    offsetMin: -300,
    currency: "USD",
    currencySymbol: "$",
    country: "United States",
    city: "Boston",
    domain: "analyticalengines.example",
    region: "us",
    staff: [
      signedIn("ada@example.com", "CEO", true),
      signedIn("grace@example.com", "Sales Manager"),
      { first: "Marcus", last: "Bell", role: "Account Executive" },
      { first: "Priya", last: "Raman", role: "Account Executive" },
      { first: "Diego", last: "Alvarez", role: "Sales Development Rep" },
    ],
  },
  {
    id: "749001002",
    name: "Cobol Works LLC",
    dc: "us",
    prefix: "7301150000",
    timeZone: "America/Chicago",
    offsetMin: -360,
    currency: "USD",
    currencySymbol: "$",
    country: "United States",
    city: "Chicago",
    domain: "cobolworks.example",
    region: "us",
    staff: [
      signedIn("grace@example.com", "CEO", true),
      { first: "Jean", last: "Sammet", role: "Partner Manager" },
      { first: "Tom", last: "Okafor", role: "Account Executive" },
      { first: "Lena", last: "Fischer", role: "Account Executive" },
    ],
  },
  {
    id: "20071002",
    name: "Nordlicht GmbH",
    dc: "eu",
    prefix: "5102340000",
    timeZone: "Europe/Berlin",
    offsetMin: 60,
    currency: "EUR",
    currencySymbol: "€",
    country: "Germany",
    city: "Hamburg",
    domain: "nordlicht.example",
    region: "eu",
    staff: [
      signedIn("emil@example.eu", "Geschäftsführer", true),
      { first: "Sofia", last: "Lindqvist", role: "Account Executive" },
      { first: "Jonas", last: "Brandt", role: "Account Executive" },
      { first: "Claire", last: "Dubois", role: "Partner Manager" },
    ],
  },
];

const NAMES = {
  us: {
    first: [
      "James",
      "Mary",
      "Robert",
      "Patricia",
      "John",
      "Jennifer",
      "Michael",
      "Linda",
      "David",
      "Elizabeth",
      "William",
      "Barbara",
      "Richard",
      "Susan",
      "Joseph",
      "Jessica",
      "Thomas",
      "Sarah",
      "Charles",
      "Karen",
      "Daniel",
      "Lisa",
      "Matthew",
      "Nancy",
      "Anthony",
      "Betty",
      "Mark",
      "Sandra",
      "Steven",
      "Ashley",
      "Andrew",
      "Emily",
      "Kevin",
      "Michelle",
      "Brian",
      "Amanda",
      "Aisha",
      "Wei",
      "Carlos",
      "Mei",
      "Rahul",
      "Fatima",
      "Luis",
      "Hannah",
      "Noah",
      "Olivia",
      "Ethan",
      "Chloe",
      "Omar",
      "Grace",
    ],
    last: [
      "Smith",
      "Johnson",
      "Williams",
      "Brown",
      "Jones",
      "Garcia",
      "Miller",
      "Davis",
      "Rodriguez",
      "Martinez",
      "Hernandez",
      "Lopez",
      "Gonzalez",
      "Wilson",
      "Anderson",
      "Thomas",
      "Taylor",
      "Moore",
      "Jackson",
      "Martin",
      "Lee",
      "Perez",
      "Thompson",
      "White",
      "Harris",
      "Sanchez",
      "Clark",
      "Ramirez",
      "Lewis",
      "Robinson",
      "Walker",
      "Young",
      "Allen",
      "King",
      "Wright",
      "Scott",
      "Nguyen",
      "Hill",
      "Flores",
      "Green",
      "Adams",
      "Nelson",
      "Baker",
      "Hall",
      "Rivera",
      "Campbell",
      "Mitchell",
      "Carter",
      "Patel",
      "Chen",
    ],
    cities: [
      ["Boston", "MA"],
      ["New York", "NY"],
      ["Chicago", "IL"],
      ["Austin", "TX"],
      ["Denver", "CO"],
      ["Seattle", "WA"],
      ["Atlanta", "GA"],
      ["Portland", "OR"],
      ["Phoenix", "AZ"],
      ["Philadelphia", "PA"],
      ["San Diego", "CA"],
      ["Minneapolis", "MN"],
    ],
    country: "United States",
    streets: [
      "Main St",
      "Oak Ave",
      "Maple Dr",
      "Cedar Ln",
      "Elm St",
      "Washington Blvd",
      "Park Ave",
      "Lake Rd",
      "Hill St",
      "Pine St",
    ],
    suffixes: ["Inc", "LLC", "Co", "Group", "Partners", "Corp"],
  },
  eu: {
    first: [
      "Lukas",
      "Anna",
      "Leon",
      "Marie",
      "Finn",
      "Sophie",
      "Paul",
      "Emma",
      "Jonas",
      "Mia",
      "Felix",
      "Lena",
      "Noah",
      "Hannah",
      "Elias",
      "Clara",
      "Ben",
      "Lea",
      "Luca",
      "Laura",
      "Matteo",
      "Giulia",
      "Lucas",
      "Chloé",
      "Hugo",
      "Inès",
      "Lars",
      "Ingrid",
      "Piotr",
      "Zofia",
      "Jan",
      "Eva",
      "Tomás",
      "Lucía",
      "Mateusz",
      "Amelie",
      "Henrik",
      "Freya",
      "Nico",
      "Julia",
    ],
    last: [
      "Müller",
      "Schmidt",
      "Schneider",
      "Fischer",
      "Meyer",
      "Wagner",
      "Becker",
      "Schulz",
      "Hoffmann",
      "Koch",
      "Richter",
      "Klein",
      "Wolf",
      "Neumann",
      "Schwarz",
      "Braun",
      "Zimmermann",
      "Hartmann",
      "Krüger",
      "Lange",
      "Rossi",
      "Bianchi",
      "Dubois",
      "Martin",
      "Bernard",
      "Jansen",
      "de Vries",
      "Nowak",
      "Kowalski",
      "Novák",
      "García",
      "Fernández",
      "Andersson",
      "Nielsen",
      "Hansen",
      "Berg",
      "Lehmann",
      "Vogel",
      "Keller",
      "Frank",
    ],
    cities: [
      ["Hamburg", "HH"],
      ["Berlin", "BE"],
      ["München", "BY"],
      ["Köln", "NW"],
      ["Frankfurt am Main", "HE"],
      ["Stuttgart", "BW"],
      ["Düsseldorf", "NW"],
      ["Leipzig", "SN"],
      ["Bremen", "HB"],
      ["Hannover", "NI"],
      ["Dresden", "SN"],
      ["Nürnberg", "BY"],
    ],
    country: "Germany",
    streets: [
      "Hauptstraße",
      "Bahnhofstraße",
      "Lindenallee",
      "Hafenweg",
      "Gartenstraße",
      "Schillerstraße",
      "Marktplatz",
      "Ringstraße",
    ],
    suffixes: ["GmbH", "AG", "KG", "SE", "GmbH & Co. KG"],
  },
};

const COMPANY_A = [
  "North",
  "Blue",
  "Silver",
  "Granite",
  "Harbor",
  "Summit",
  "Evergreen",
  "Bright",
  "Iron",
  "Cedar",
  "Pioneer",
  "Atlas",
  "Crescent",
  "Redwood",
  "Maple",
  "Orion",
  "Lumen",
  "Vertex",
  "Sterling",
  "Keystone",
  "Aurora",
  "Beacon",
  "Coastal",
  "Frontier",
  "Golden",
  "Horizon",
  "Juniper",
  "Meridian",
  "Nimbus",
  "Quarry",
];
const COMPANY_B = [
  "wind",
  "stone",
  "field",
  "bridge",
  "works",
  "point",
  "line",
  "gate",
  "forge",
  "path",
  "wave",
  "crest",
  "ridge",
  "light",
  "peak",
  "river",
  "mark",
  "craft",
  "haven",
  "spark",
];
const COMPANY_C = [
  "Logistics",
  "Analytics",
  "Foods",
  "Robotics",
  "Health",
  "Systems",
  "Energy",
  "Textiles",
  "Media",
  "Labs",
  "Supply",
  "Consulting",
  "Dental",
  "Motors",
  "Software",
  "Outfitters",
  "Builders",
  "Solar",
  "Bakery",
  "Studios",
];
const TITLES = [
  "CEO",
  "CFO",
  "CTO",
  "COO",
  "VP Sales",
  "VP Operations",
  "Head of Procurement",
  "Purchasing Manager",
  "Operations Manager",
  "IT Director",
  "Office Manager",
  "Marketing Lead",
  "Founder",
  "Product Manager",
  "Finance Director",
  "Account Manager",
  "Engineer",
  "Consultant",
];
const DEAL_THINGS = [
  "Annual renewal",
  "Pilot rollout",
  "Seat expansion",
  "Support contract",
  "Onboarding package",
  "Platform migration",
  "Multi-year agreement",
  "Upsell: analytics add-on",
  "New branch rollout",
  "Training bundle",
  "Integration project",
  "Hardware refresh",
  "Reseller agreement",
  "Co-marketing deal",
  "Referral partnership",
];
const NOTE_TITLES = [
  "Call summary",
  "Meeting notes",
  "Follow-up",
  "Pricing discussion",
  "Demo feedback",
  "Next steps",
  "Intro call",
  "Contract questions",
  null,
  null,
];
const NOTE_BODIES = [
  "Spoke with {name}. They want a demo next week with the operations team.",
  "Sent the revised quote; {name} will review it with finance by Friday.",
  "{name} asked about volume discounts for more than 50 seats.",
  "Left a voicemail for {name}. Try again on Tuesday morning.",
  "Demo went well. Main concern: data migration from their old spreadsheet.",
  "Agreed on a 30-day pilot. Success criteria: response time and adoption.",
  "Legal is reviewing the MSA; expect redlines within two weeks.",
  "{name} mentioned a competitor offered a lower price. Emphasise support and onboarding.",
  "Budget approved for next quarter. Waiting for the signed order form.",
  "Introduced {name} to our solutions engineer for the integration questions.",
  "Customer reported the invoice address changed; updated records accordingly.",
  "Quarterly check-in: happy with the service, interested in the reporting add-on.",
];
const DAY = 86_400_000;

function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "");
}

function buildLayouts(prefix: string): LayoutRuntime[] {
  let serial = 91_000;
  return TEAM_PIPELINES.map((tp) => ({
    id: makeId(prefix, serial++),
    name: tp.name,
    subPipelines: tp.subPipelines.map((sp) => ({
      id: makeId(prefix, serial++),
      name: sp.name,
      stages: sp.stages.map((s, i) => ({
        id: makeId(prefix, serial++),
        name: s.name,
        sequence_number: i + 1,
        probability: s.probability,
        forecast_type: s.forecast_type,
      })),
    })),
  }));
}

function buildUsers(def: OrgDef): BiginUser[] {
  return def.staff.map((s, i) => ({
    id: makeId(def.prefix, 412_001 + i),
    zuid: String(s.zuid ?? 70_000_000_000 + (hashSeed(def.id + s.first) % 1_000_000_000)),
    first_name: s.first,
    last_name: s.last,
    full_name: `${s.first} ${s.last}`,
    email: s.email ?? `${slug(s.first)}.${slug(s.last)}@${def.domain}`,
    status: "active",
    role: { name: s.role, id: makeId(def.prefix, s.admin ? 15_969 : 15_970) },
    profile: s.admin
      ? { name: "Administrator", id: makeId(def.prefix, 15_972) }
      : { name: "Standard", id: makeId(def.prefix, 15_973) },
    time_zone: def.timeZone,
    locale: def.region === "eu" ? "de_DE" : "en_US",
    confirm: true,
  }));
}

// One compiled factory per module: object literals with a fixed shape are much faster to create
// (and lighter on the GC) than building records key by key; this matters for 50,000-contact seeds.
const FACTORIES = Object.fromEntries(
  MODULE_NAMES.map((m) => {
    const body = MODULES[m].fields
      .map(
        (f) =>
          `${JSON.stringify(f.api_name)}: ${f.type === "tags" ? "[]" : f.type === "boolean" ? "false" : "null"}`,
      )
      .join(", ");
    return [m, new Function("id", `return { id: id, ${body} };`) as (id: string) => Rec];
  }),
) as Record<ModuleName, (id: string) => Rec>;

export function blankRecord(module: ModuleName, id: string): Rec {
  return FACTORIES[module](id);
}

export const userRef = (u: BiginUser) => ({ name: u.full_name, id: u.id, email: u.email });

function weightedStage(rng: Rng, stages: number): number {
  // Earlier stages are more common; about a quarter of deals are closed (won or lost).
  const r = rng.next();
  if (r < 0.15) return stages - 2; // Closed Won
  if (r < 0.25) return stages - 1; // Closed Lost
  const open = stages - 2;
  const w = Math.floor(Math.pow(rng.next(), 1.4) * open);
  return Math.min(open - 1, w);
}

/** Build an org with its users, layouts and a deterministic dataset. */
/**
 * Build an org with its users and layouts. Its records are generated on first access to
 * `org.data` / `org.serials`, so a reset with 50,000 contacts only pays for the orgs in use.
 */
export function seedOrg(def: OrgDef, sizes: Required<SeedSizes>): Org {
  const org = {
    id: def.id,
    name: def.name,
    dc: def.dc,
    prefix: def.prefix,
    timeZone: def.timeZone,
    offsetMin: def.offsetMin,
    currency: def.currency,
    currencySymbol: def.currencySymbol,
    country: def.country,
    city: def.city,
    domain: def.domain,
    users: buildUsers(def),
    layouts: buildLayouts(def.prefix),
    pendingSizes: sizes,
  } as Org;
  let data: Org["data"] | null = null;
  let serials: Org["serials"] | null = null;
  const ensure = (fill = true) => {
    if (data) return;
    data = emptyOrgData();
    serials = Object.fromEntries(MODULE_NAMES.map((m) => [m, 0])) as Record<ModuleName, number>;
    if (fill) fillOrg(org, def, sizes, data, serials);
    org.pendingSizes = undefined;
  };
  Object.defineProperty(org, "data", {
    enumerable: true,
    get: () => (ensure(), data!),
    set: (v: Org["data"]) => {
      ensure(false); // replaced wholesale (persisted data): no need to generate first
      data = v;
    },
  });
  Object.defineProperty(org, "serials", {
    enumerable: true,
    get: () => (ensure(), serials!),
    set: (v: Org["serials"]) => {
      ensure(false);
      serials = v;
    },
  });
  return org;
}

function fillOrg(
  org: Org,
  def: OrgDef,
  sizes: Required<SeedSizes>,
  data: Org["data"],
  serials: Org["serials"],
) {
  const rng = createRng(hashSeed(def.id + ":seed"));
  const names = NAMES[def.region];
  const tz = def.offsetMin;
  const fmt = (ms: number) => formatDateTime(ms, tz);
  const users = org.users;
  // Seeded records share one {name,id,email} object per user; writes always replace, never mutate, refs.
  const refs = users.map(userRef);
  const pickOwner = () => refs[rng.int(0, refs.length - 1)];
  const add = (
    module: ModuleName,
    fill: (rec: Rec) => void,
    createdMs: number,
    modifiedMs: number,
  ) => {
    const store = data[module];
    const id = makeId(def.prefix, SERIAL_BASE[module] + ++serials[module]);
    const rec = blankRecord(module, id);
    const owner = pickOwner();
    rec.Owner = owner;
    rec.Created_By = owner;
    rec.Modified_By = owner;
    rec.Created_Time = fmt(createdMs);
    rec.Modified_Time = fmt(modifiedMs);
    fill(rec);
    store.list.push(rec);
    store.byId.set(id, rec);
    return rec;
  };
  const times = () => {
    const created = SEED_ANCHOR_MS - rng.int(1, 540) * DAY - rng.int(0, DAY / 1000) * 1000;
    const modified = Math.min(
      SEED_ANCHOR_MS,
      created + rng.int(0, 120) * DAY + rng.int(0, 36_000) * 1000,
    );
    return [created, modified] as const;
  };

  // Companies
  const companyNames = new Set<string>();
  const companies: Rec[] = [];
  for (let i = 0; i < sizes.companies; i++) {
    let name = `${rng.pick(COMPANY_A)}${rng.pick(COMPANY_B)} ${rng.pick(COMPANY_C)} ${rng.pick(names.suffixes)}`;
    for (let n = 2; companyNames.has(name.toLowerCase()); n++)
      name = `${name.replace(/ \(\d+\)$/, "")} (${n})`;
    companyNames.add(name.toLowerCase());
    const [c, m] = times();
    const [city, state] = rng.pick(names.cities);
    companies.push(
      add(
        "Accounts",
        (r) => {
          r.Account_Name = name;
          r.Phone = phone(rng, def.region);
          r.Website = `https://www.${slug(name.split(" ")[0])}${i}.example`;
          r.Industry = rng.pick(INDUSTRIES);
          r.Billing_Street = `${rng.int(1, 999)} ${rng.pick(names.streets)}`;
          r.Billing_City = city;
          r.Billing_State = state;
          r.Billing_Country = names.country;
          r.Billing_Code = String(rng.int(10000, 99999));
          if (rng.chance(0.3))
            r.Description = `${rng.pick(INDUSTRIES)} business with ${rng.int(5, 900)} employees.`;
        },
        c,
        m,
      ),
    );
  }

  // Contacts
  const refTo = (company: Rec) => {
    let ref = companyRefs.get(company.id);
    if (!ref) companyRefs.set(company.id, (ref = { name: company.Account_Name, id: company.id }));
    return ref;
  };
  const emailCount = new Map<string, number>();
  const slugCache = new Map<string, string>();
  const slugOf = (text: string) => {
    let v = slugCache.get(text);
    if (v === undefined) slugCache.set(text, (v = slug(text)));
    return v;
  };
  const companyRefs = new Map<string, { name: unknown; id: string }>();
  const companyDomains = new Map<string, string>();
  const contacts: Rec[] = [];
  const contactsByCompany = new Map<string, Rec[]>();
  for (let i = 0; i < sizes.contacts; i++) {
    const first = rng.pick(names.first);
    const last = rng.pick(names.last);
    const company =
      companies.length && rng.chance(0.85) ? companies[rng.int(0, companies.length - 1)] : null;
    let domain: string;
    if (company) {
      domain =
        companyDomains.get(company.id) ??
        `${slug(String(company.Account_Name).split(" ")[0])}.example`;
      companyDomains.set(company.id, domain);
    } else domain = rng.pick(["mail.example", "inbox.example", "post.example"]);
    const local = `${slugOf(first)}.${slugOf(last)}`;
    // Unique emails: count repeats of each local@domain instead of probing one by one.
    const key = `${local}@${domain}`;
    const seen = emailCount.get(key) ?? 0;
    emailCount.set(key, seen + 1);
    const email = seen === 0 ? key : `${local}${seen + 1}@${domain}`;
    const [c, m] = times();
    const [city, state] = rng.pick(names.cities);
    const rec = add(
      "Contacts",
      (r) => {
        r.First_Name = first;
        r.Last_Name = last;
        r.Full_Name = `${first} ${last}`;
        r.Title = rng.chance(0.8) ? rng.pick(TITLES) : null;
        r.Account_Name = company ? refTo(company) : null;
        r.Email = rng.chance(0.95) ? email : null;
        r.Mobile = rng.chance(0.7) ? phone(rng, def.region) : null;
        r.Phone = rng.chance(0.5) ? phone(rng, def.region) : null;
        r.Email_Opt_Out = rng.chance(0.08);
        r.Mailing_Street = `${rng.int(1, 999)} ${rng.pick(names.streets)}`;
        r.Mailing_City = city;
        r.Mailing_State = state;
        r.Mailing_Country = names.country;
        r.Mailing_Zip = String(rng.int(10000, 99999));
        if (rng.chance(0.2))
          r.Description = `Met at ${rng.pick(["a trade show", "a webinar", "a customer referral", "our booth", "a partner event"])}.`;
      },
      c,
      m,
    );
    contacts.push(rec);
    if (company) {
      const list = contactsByCompany.get(company.id) ?? [];
      list.push(rec);
      contactsByCompany.set(company.id, list);
    }
  }

  // Deals: the first ones walk every (sub-pipeline, stage) pair so every stage has deals.
  const pairs = org.layouts.flatMap((l) =>
    l.subPipelines.flatMap((sp) => sp.stages.map((s) => ({ l, sp, s }))),
  );
  const deals: Rec[] = [];
  for (let i = 0; i < sizes.deals; i++) {
    let pair = pairs[i % pairs.length];
    if (i >= pairs.length) {
      const r = rng.next();
      const l = org.layouts[r < 0.75 ? 0 : 1];
      const sp = l.subPipelines[l.subPipelines.length > 1 && rng.chance(0.25) ? 1 : 0];
      pair = { l, sp, s: sp.stages[weightedStage(rng, sp.stages.length)] };
    }
    const company = companies.length ? companies[rng.int(0, companies.length - 1)] : null;
    const pool = company ? contactsByCompany.get(company.id) : undefined;
    const contact = pool?.length ? rng.pick(pool) : contacts.length ? rng.pick(contacts) : null;
    const [c, m] = times();
    const closed = pair.s.forecast_type !== "Open";
    const closing = closed
      ? Math.min(m, SEED_ANCHOR_MS - rng.int(1, 200) * DAY)
      : SEED_ANCHOR_MS + rng.int(-10, 150) * DAY;
    const scale =
      pair.sp.name === "Enterprise" ? 60_000 : pair.l.name === "Partnerships" ? 15_000 : 8_000;
    const amount = Math.max(
      500,
      Math.round((scale * Math.exp((rng.next() + rng.next() - 1) * 1.2)) / 100) * 100,
    );
    deals.push(
      add(
        "Pipelines",
        (r) => {
          r.Deal_Name = `${company ? String(company.Account_Name).replace(/ (Inc|LLC|Co|Group|Partners|Corp|GmbH & Co\. KG|GmbH|AG|KG|SE)$/, "") : "Direct"} – ${rng.pick(DEAL_THINGS)}`;
          r.Pipeline = { name: pair.l.name, id: pair.l.id };
          r.Sub_Pipeline = pair.sp.name;
          r.Stage = pair.s.name;
          r.Amount = amount;
          r.Closing_Date = formatDate(closing, tz);
          r.Account_Name = company ? { name: company.Account_Name, id: company.id } : null;
          r.Contact_Name = contact ? { name: contact.Full_Name, id: contact.id } : null;
          if (rng.chance(0.35))
            r.Description = `${pair.s.name} – ${rng.pick(["decision maker engaged", "needs sign-off from finance", "competing with incumbent vendor", "budget confirmed", "champion identified"])}.`;
        },
        c,
        m,
      ),
    );
  }

  // Notes on contacts, deals and companies.
  for (let i = 0; i < sizes.notes; i++) {
    const r = rng.next();
    const [module, pool] =
      r < 0.55 && contacts.length
        ? (["Contacts", contacts] as const)
        : r < 0.9 && deals.length
          ? (["Pipelines", deals] as const)
          : companies.length
            ? (["Accounts", companies] as const)
            : (["Contacts", contacts] as const);
    if (!pool.length) break;
    const parent = pool[rng.int(0, pool.length - 1)];
    const parentName = String(parent[MODULES[module].nameField]);
    const personName =
      module === "Contacts" ? String(parent.First_Name ?? parent.Last_Name) : rng.pick(names.first);
    const parentCreated = Date.parse(String(parent.Created_Time));
    const created = Math.min(
      SEED_ANCHOR_MS - 60_000,
      parentCreated + rng.int(0, 200) * DAY + rng.int(0, 36_000) * 1000,
    );
    const modified = rng.chance(0.2)
      ? Math.min(SEED_ANCHOR_MS, created + rng.int(1, 20) * DAY)
      : created;
    add(
      "Notes",
      (n) => {
        n.Note_Title = rng.pick(NOTE_TITLES);
        n.Note_Content = rng.pick(NOTE_BODIES).replace("{name}", personName);
        n.Parent_Id = { name: parentName, id: parent.id };
        n.$se_module = module;
      },
      created,
      modified,
    );
  }
  for (const m of MODULE_NAMES) data[m].version++;
}

function phone(rng: Rng, region: "us" | "eu"): string {
  if (region === "us") return `+1 ${rng.int(201, 989)}-555-0${rng.int(100, 199)}`;
  return `+49 ${rng.pick(["30", "40", "89", "221", "69", "711"])} ${rng.int(1000000, 9999999)}`;
}
