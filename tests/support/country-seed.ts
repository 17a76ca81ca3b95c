// A whole country of collective procurement for benchmarks and load tests: Germany's real NUTS 3
// regions, about 2,000 municipalities (many in Bavaria, DE2), 400 consortia and 4,000 tenders at
// every stage with the history, lots, needs, awards, sites and KPIs that stage implies.
//
// Deterministic: every id, name, amount and date comes from one seeded PRNG and the base date, so
// the same seed, scale and base date write the same rows. Dates are offsets from the base date
// (midnight UTC of that day, "now" for the data): history lies before it, planned milestones and
// some deadlines after it. The base date defaults to today, so the data looks current; pass it to
// reproduce a load exactly.
//
// Rows are inserted directly (`INSERT … SELECT FROM unnest(…)` in batches, one transaction) into
// the schema the migrations create, shaped so that every tender looks as if it passed the stage
// guards of `libs/shared/domain/src/tender-stage.ts` on its way to its stage.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hash as argon2 } from '@node-rs/argon2';
import type { Client } from 'pg';
import * as Y from 'yjs';
import { appendSections, paragraphs, sectionPlainText, sectionsOf } from '@consortio/shared/collab';
import {
  type AwardCriterion,
  type BidderEvaluation,
  type ConsortiumDomain,
  type LotRules,
  type ProcedureType,
  TENDER_STAGES,
  type TenderStage,
} from '@consortio/shared/contracts';
import { cpvAncestorDigits, cpvLevel, reasonRequired, scoreBids } from '@consortio/shared/domain';

/** Where the reference data lives: `../shared/data` beside the repository. */
export const SHARED_DATA = resolve(__dirname, '../../../shared/data');
export const COUNTRY_SEED_PASSWORD = 'consortio-demo';
/** Accounts the seed creates for signing in (password `consortio-demo`). */
export const COUNTRY_ACCOUNTS = {
  federal: 'federal@country-seed.test',
  bavaria: 'bavaria@country-seed.test',
} as const;
const EMAIL_DOMAIN = 'country-seed.test';

export interface CountrySeedOptions {
  seed: number;
  /** 1 = 2,000 municipalities, 400 consortia, 4,000 tenders, 200,000 needs. */
  scale: number;
  /** YYYY-MM-DD; "now" for the generated data. Defaults to today (UTC). */
  baseDate?: string;
  log?: (line: string) => void;
}

export interface CountrySeedSummary {
  seed: number;
  scale: number;
  baseDate: string;
  rows: Record<string, number>;
  seconds: number;
}

const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Randomness

/** sfc32: small, fast and good enough; the same seed gives the same stream on every platform. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 20; i += 1) this.next();
  }

  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  uuid(): string {
    const hex = [0, 1, 2, 3]
      .map(() =>
        Math.floor(this.next() * 4294967296)
          .toString(16)
          .padStart(8, '0'),
      )
      .join('');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const DOMAINS: readonly (readonly [ConsortiumDomain, number])[] = [
  ['energy', 0.3],
  ['mobility', 0.28],
  ['ict', 0.27],
  ['other', 0.15],
];

/** Real CPV 2008 codes per domain (checked against the official list at load). */
const DOMAIN_CPV: Record<ConsortiumDomain, string[]> = {
  energy: [
    '09310000-5',
    '09331000-8',
    '09332000-5',
    '31500000-1',
    '34928500-3',
    '34993000-4',
    '31682000-0',
    '50232100-1',
    '71314000-2',
    '42511110-5',
    '38551000-2',
    '65300000-6',
    '50232000-0',
  ],
  mobility: [
    '34144900-7',
    '34144910-0',
    '34430000-0',
    '34996000-5',
    '34970000-7',
    '60112000-6',
    '34121400-5',
    '63712400-7',
    '34926000-4',
    '31158100-9',
  ],
  ict: [
    '48000000-8',
    '72000000-5',
    '72212000-4',
    '48810000-9',
    '32412100-5',
    '32420000-3',
    '72310000-1',
    '30213000-5',
    '48600000-4',
    '72222300-0',
    '38221000-0',
    '72400000-4',
  ],
  other: [
    '90511000-2',
    '34144511-3',
    '44613800-8',
    '45233290-8',
    '38421100-3',
    '90600000-3',
    '77310000-6',
    '35125100-7',
    '38430000-8',
    '32441000-6',
  ],
};

const TENDER_TITLES: Record<ConsortiumDomain, string[]> = {
  energy: [
    'LED street lighting',
    'Solar panels on public buildings',
    'Heat pumps for schools',
    'Smart energy meters',
    'Green electricity supply',
  ],
  mobility: [
    'Electric municipal vehicles',
    'E-bike sharing stations',
    'Smart parking sensors',
    'Electric buses',
    'Public charging points',
  ],
  ict: [
    'Citizen services platform',
    'Open data portal',
    'Municipal Wi-Fi',
    'Digital land register',
    'Geographic information system',
  ],
  other: [
    'Smart waste bins',
    'Environmental sensors',
    'Water meters with remote reading',
    'Green area maintenance',
    'Digital road signs',
  ],
};

const CONSORTIUM_WORDS: Record<ConsortiumDomain, string[]> = {
  energy: ['Energieverbund', 'Klimaschutz-Allianz', 'Lichtgemeinschaft'],
  mobility: ['Mobilitätsverbund', 'E-Mobilität', 'Verkehrswende'],
  ict: ['Digitalverbund', 'Smart-City-Kooperation', 'IT-Einkaufsgemeinschaft'],
  other: ['Kommunalverbund', 'Umweltkooperation', 'Einkaufsgemeinschaft'],
};

const KPIS: Record<ConsortiumDomain, { name: string; unit: string; baseline: number; target: number }[]> = {
  energy: [
    { name: 'Electricity saved', unit: 'kWh', baseline: 0, target: 40_000 },
    { name: 'CO2 avoided', unit: 't', baseline: 0, target: 25 },
    { name: 'Street lights converted', unit: '%', baseline: 10, target: 90 },
  ],
  mobility: [
    { name: 'Kilometres driven electrically', unit: 'km', baseline: 0, target: 60_000 },
    { name: 'Charging sessions', unit: 'sessions', baseline: 0, target: 3_000 },
    { name: 'Fleet share electric', unit: '%', baseline: 5, target: 60 },
  ],
  ict: [
    { name: 'Online service requests', unit: 'requests', baseline: 200, target: 5_000 },
    { name: 'Open data sets published', unit: 'data sets', baseline: 0, target: 120 },
    { name: 'Processing time saved', unit: 'hours', baseline: 0, target: 800 },
  ],
  other: [
    { name: 'Collection trips avoided', unit: 'trips', baseline: 0, target: 400 },
    { name: 'Sensors reporting', unit: '%', baseline: 0, target: 95 },
    { name: 'Water losses detected', unit: 'm3', baseline: 0, target: 9_000 },
  ],
};

const UNITS: Record<ConsortiumDomain, [string, number][]> = {
  energy: [
    ['piece', 900_00],
    ['kWh', 35],
    ['installation', 18_000_00],
  ],
  mobility: [
    ['vehicle', 48_000_00],
    ['piece', 2_500_00],
    ['service month', 6_000_00],
  ],
  ict: [
    ['licence', 400_00],
    ['service month', 4_500_00],
    ['piece', 1_100_00],
  ],
  other: [
    ['piece', 750_00],
    ['service month', 3_200_00],
    ['installation', 9_000_00],
  ],
};

const STEMS = [
  'Lind',
  'Eich',
  'Buch',
  'Tann',
  'Rosen',
  'Wald',
  'Stein',
  'Mühl',
  'Weiden',
  'Sonnen',
  'Hasel',
  'Kirch',
  'Fisch',
  'Erl',
  'Birk',
  'Wolfs',
  'Hirsch',
  'Adel',
  'Mar',
  'Holz',
  'Ross',
  'Kreuz',
  'Brunn',
  'Ebers',
  'Gold',
  'Schön',
  'Frei',
  'Hoh',
  'Tief',
  'Reichen',
];
const ENDINGS = [
  'berg',
  'bach',
  'feld',
  'hausen',
  'heim',
  'dorf',
  'ingen',
  'stadt',
  'au',
  'hofen',
  'kirchen',
  'wang',
  'wies',
  'ried',
  'stetten',
  'moos',
];
const PREFIXES = ['', '', '', '', 'Alt', 'Neu', 'Ober', 'Unter', 'Groß', 'Klein'];
const SUPPLIER_WORDS = [
  'Smart Light',
  'Urban Mobility',
  'Stadtwerk Digital',
  'Netzwerk Systeme',
  'Solar Technik',
  'E-Fahrzeuge',
  'Sensorik',
  'Kommunal IT',
  'Green Grid',
  'Verkehrstechnik',
  'Datenwerk',
  'Umwelttechnik',
];
const SUPPLIER_FORMS = ['GmbH', 'AG', 'SE', 'GmbH & Co. KG'];

// ---------------------------------------------------------------------------------------------
// The model held in memory before insertion

interface Region {
  code: string;
  countryIso3: string;
  name: string;
}

interface Org {
  id: string;
  kind: 'municipality' | 'central-purchasing-body' | 'authority' | 'supplier';
  name: string;
  nuts: string | null;
  population: number | null;
  jurisdiction: string | null;
  vat: string | null;
  userId: string;
  email: string;
  createdDay: number;
}

interface Consortium {
  id: string;
  index: number;
  name: string;
  domain: ConsortiumDomain;
  contractKind: 'supplies' | 'services' | 'works';
  lead: Org;
  /** Lead first, then members. */
  participants: Org[];
  observers: Org[];
  listed: boolean;
  interest: string[];
  tenders: Tender[];
  createdDay: number;
  lotNumbers: number;
  agreementVersion: number;
  costKey: 'equal' | 'population' | 'quantity' | 'custom';
}

interface Step {
  from: TenderStage | null;
  to: TenderStage;
  day: number;
  reason: string | null;
  by: Org;
}

interface Lot {
  id: string;
  consortiumLotId: string | null;
  number: number;
  title: string;
  cpv: string[];
  valueCents: number;
  criteria: AwardCriterion[] | null;
  members: Org[];
  needCount: number;
}

interface Tender {
  id: string;
  index: number;
  consortium: Consortium;
  title: string;
  stage: TenderStage;
  steps: Step[];
  createdDay: number;
  procedure: ProcedureType;
  criteria: AwardCriterion[];
  lotRules: LotRules;
  lots: Lot[];
  replicaOf: Tender | null;
  wantsReplica: boolean;
  deadlineDay: number | null;
  contractDay: number | null;
  specificationId: string | null;
  versionId: string | null;
}

/** The first day the tender entered `stage`, if it did. */
const firstEntry = (tender: Tender, stage: TenderStage): number | null =>
  tender.steps.find((step) => step.to === stage)?.day ?? null;
const lastEntry = (tender: Tender, stage: TenderStage): number | null =>
  [...tender.steps].reverse().find((step) => step.to === stage)?.day ?? null;
const reached = (tender: Tender, stage: TenderStage): boolean => tender.steps.some((step) => step.to === stage);

const STAGE_INDEX = new Map(TENDER_STAGES.map((stage, index) => [stage, index]));

/** Typical days from entering a stage to leaving it forward. */
const STAGE_DAYS: Record<TenderStage, [number, number]> = {
  'needs-assessment': [20, 90],
  'market-consultation': [20, 60],
  specification: [20, 90],
  approval: [7, 40],
  published: [30, 60],
  evaluation: [14, 60],
  awarded: [10, 45],
  'contract-signed': [30, 120],
  pilot: [90, 300],
  'city-rollout': [120, 400],
  'regional-scaleup': [180, 600],
  closed: [1, 700],
};

const STAGE_WEIGHTS: readonly (readonly [TenderStage, number])[] = [
  ['needs-assessment', 8],
  ['market-consultation', 8],
  ['specification', 10],
  ['approval', 6],
  ['published', 8],
  ['evaluation', 7],
  ['awarded', 5],
  ['contract-signed', 8],
  ['pilot', 10],
  ['city-rollout', 8],
  ['regional-scaleup', 6],
  ['closed', 16],
];

const REASONS: Record<string, string[]> = {
  closed: [
    'No suitable tenders were received.',
    'The council withdrew the funding for this procurement.',
    'Cancelled: the need is now covered by a framework agreement of the Land.',
  ],
  specification: ['Withdrawn to amend the technical specification after questions from bidders.'],
  evaluation: ['The award was set aside on review by the public procurement chamber.'],
};

// ---------------------------------------------------------------------------------------------
// Reference data

export function readGermanRegions(dataDir = SHARED_DATA): Region[] {
  const text = readFileSync(resolve(dataDir, 'nuts/nuts-2024-level3.csv'), 'utf8');
  const regions: Region[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const match = /^([A-Z]{2}[A-Z0-9]{3}),([A-Z]{3}),(?:"((?:[^"]|"")*)"|([^,]*))$/.exec(line.trim());
    if (match && match[2] === 'DEU') {
      regions.push({ code: match[1], countryIso3: match[2], name: (match[3] ?? match[4]).replace(/""/g, '"') });
    }
  }
  if (regions.length < 300) throw new Error(`expected Germany's NUTS 3 regions in ${dataDir}, found ${regions.length}`);
  return regions;
}

export function readCpvList(dataDir = SHARED_DATA): Map<string, string> {
  const parsed = JSON.parse(readFileSync(resolve(dataDir, 'cpv/cpv-2008-en.json'), 'utf8')) as Record<string, string>;
  return new Map(Object.entries(parsed));
}

/** The specification every generated version holds: fixed section ids and text, so the bytes never vary. */
function specificationState(): { state: Buffer; vector: Buffer; sections: { id: string; hash: string }[] } {
  const doc = new Y.Doc();
  doc.clientID = 424242;
  const sections = [
    [
      'scope',
      'Subject and scope',
      'The contracting authorities buy the solution described here for their territories.',
    ],
    [
      'requirements',
      'Technical requirements',
      'The solution meets the functional requirements pooled from the members.',
    ],
    [
      'data-protection',
      'Data protection',
      'Personal data are processed only under Art. 28 GDPR on behalf of the members.',
    ],
    ['accessibility', 'Accessibility', 'User interfaces meet EN 301 549 (WCAG 2.1 AA).'],
    ['sustainability', 'Sustainability', 'Energy use, repairability and take-back of equipment are part of the award.'],
  ];
  appendSections(
    doc,
    sections.map(([key, title, text], index) => ({
      id: `00000000-0000-4000-8000-00000000000${index + 1}`,
      key,
      title,
      content: paragraphs(text),
    })),
  );
  const result = {
    state: Buffer.from(Y.encodeStateAsUpdate(doc)),
    vector: Buffer.from(Y.encodeStateVector(doc)),
    // The fingerprint approvals store: sha256 of the section's plain text (`sectionHash`).
    sections: sectionsOf(doc).map((section) => ({
      id: section.id,
      hash: createHash('sha256').update(sectionPlainText(doc, section.id)).digest('hex'),
    })),
  };
  doc.destroy();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Insertion

type Column = readonly [name: string, type: string];

/** Batched `INSERT … SELECT FROM unnest(…)`; `text[]` columns travel as JSON arrays. */
class Inserter {
  readonly counts: Record<string, number> = {};
  private readonly started = Date.now();

  constructor(
    private readonly client: Client,
    private readonly log: (line: string) => void,
  ) {}

  async insert(table: string, columns: readonly Column[], rows: unknown[][], batch = 5000): Promise<void> {
    const casts = columns.map(([, type]) => (type === 'text[]' ? 'text[]' : `${type}[]`));
    const names = columns.map(([name]) => name);
    const selects = columns.map(([name, type]) =>
      type === 'text[]' ? `ARRAY(SELECT jsonb_array_elements_text(u.${name}::jsonb))` : `u.${name}`,
    );
    const sql = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${selects.join(', ')}
      FROM unnest(${casts.map((cast, i) => `$${i + 1}::${cast}`).join(', ')}) AS u (${names.join(', ')})`;
    for (let start = 0; start < rows.length; start += batch) {
      const slice = rows.slice(start, start + batch);
      await this.client.query(
        sql,
        columns.map(([, type], i) =>
          slice.map((row) => (type === 'text[]' && row[i] !== null ? JSON.stringify(row[i]) : row[i])),
        ),
      );
    }
    this.counts[table] = (this.counts[table] ?? 0) + rows.length;
  }

  report(table: string): void {
    this.log(
      `  ${table.padEnd(26)} ${String(this.counts[table] ?? 0).padStart(8)} rows   ${((Date.now() - this.started) / 1000).toFixed(1)} s`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The generator

export async function seedCountry(client: Client, options: CountrySeedOptions): Promise<CountrySeedSummary> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const scale = options.scale;
  if (!(scale > 0)) throw new RangeError('scale must be above zero');
  const baseDate = options.baseDate ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(baseDate)) throw new RangeError(`base date ${baseDate} is not YYYY-MM-DD`);
  const base = Date.parse(`${baseDate}T00:00:00Z`);
  const at = (day: number) => new Date(base + day * DAY).toISOString();
  const dateOf = (day: number) => new Date(base + Math.floor(day) * DAY).toISOString().slice(0, 10);
  const rng = new Prng(options.seed);

  const already = await client.query('SELECT 1 FROM users WHERE email = $1', [COUNTRY_ACCOUNTS.federal]);
  if (already.rowCount) throw new Error('this database already holds a generated country (drop it and migrate anew)');

  const regions = readGermanRegions();
  const cpv = readCpvList();
  for (const codes of Object.values(DOMAIN_CPV))
    for (const code of codes) if (!cpv.has(code)) throw new Error(`CPV ${code} is not in the official list`);
  const label = (code: string) => cpv.get(code) ?? code;
  const spec = specificationState();

  const counts = {
    municipalities: Math.max(24, Math.round(2000 * scale)),
    consortia: Math.max(12, Math.round(400 * scale)),
    tenders: Math.max(24, Math.round(4000 * scale)),
    needs: Math.max(200, Math.round(200_000 * scale)),
    cpbs: Math.max(2, Math.round(8 * scale)),
    suppliers: Math.max(8, Math.round(60 * scale)),
  };
  log(
    `Country seed ${options.seed}, scale ${scale}, base date ${baseDate}: ${counts.municipalities} municipalities, ${counts.consortia} consortia, ${counts.tenders} tenders, ${counts.needs} needs`,
  );

  // --- Organisations ---------------------------------------------------------------------------
  const bavarian = regions.filter((r) => r.code.startsWith('DE2'));
  const elsewhere = regions.filter((r) => !r.code.startsWith('DE2'));
  const regionWeight = new Map(regions.map((r) => [r.code, 1 + rng.next() * 3]));
  const weightedRegion = (list: Region[]) => rng.weighted(list.map((r) => [r, regionWeight.get(r.code) ?? 1] as const));
  const orgs: Org[] = [];
  const usedNames = new Set<string>();
  const makeOrg = (fields: Omit<Org, 'id' | 'userId' | 'createdDay'>): Org => {
    const org: Org = { ...fields, id: rng.uuid(), userId: rng.uuid(), createdDay: -rng.int(1200, 2000) };
    orgs.push(org);
    return org;
  };
  const municipalities: Org[] = [];
  for (let i = 0; i < counts.municipalities; i += 1) {
    // Every region gets one before any gets a second, Bavaria first, then 40% of the rest in Bavaria.
    const region =
      i < bavarian.length
        ? bavarian[i]
        : i < bavarian.length + elsewhere.length && counts.municipalities >= regions.length
          ? elsewhere[i - bavarian.length]
          : rng.chance(0.4)
            ? weightedRegion(bavarian)
            : weightedRegion(elsewhere);
    const population = Math.min(600_000, Math.max(250, Math.round(Math.exp(8.7 + 1.1 * rng.normal()))));
    const kind =
      population > 20_000 ? 'Stadt' : region.code.startsWith('DE2') && rng.chance(0.3) ? 'Markt' : 'Gemeinde';
    const prefix = rng.pick(PREFIXES);
    const stem = rng.pick(STEMS);
    const place = `${prefix}${prefix ? stem.toLowerCase() : stem}${rng.pick(ENDINGS)}`;
    let name = `${kind} ${place}`;
    if (usedNames.has(name)) name = `${name} (${region.name.split(',')[0]})`;
    for (let n = 2; usedNames.has(name); n += 1) name = `${kind} ${place} ${n}`;
    usedNames.add(name);
    municipalities.push(
      makeOrg({
        kind: 'municipality',
        name,
        nuts: region.code,
        population,
        jurisdiction: null,
        vat: null,
        email: `officer.m${String(i + 1).padStart(4, '0')}@${EMAIL_DOMAIN}`,
      }),
    );
  }
  makeOrg({
    kind: 'authority',
    name: 'Bundesministerium für Digitales und Staatsmodernisierung (Country seed)',
    nuts: null,
    population: null,
    jurisdiction: 'DE',
    vat: null,
    email: COUNTRY_ACCOUNTS.federal,
  });
  const bavaria = makeOrg({
    kind: 'authority',
    name: 'Bayerisches Staatsministerium für Digitales (Country seed)',
    nuts: null,
    population: null,
    jurisdiction: 'DE2',
    vat: null,
    email: COUNTRY_ACCOUNTS.bavaria,
  });
  const cpbs: Org[] = [];
  for (let i = 0; i < counts.cpbs; i += 1) {
    const region = i % 2 === 0 ? weightedRegion(bavarian) : weightedRegion(elsewhere);
    cpbs.push(
      makeOrg({
        kind: 'central-purchasing-body',
        name: `Kommunale Beschaffungsstelle ${region.name.split(',')[0]} ${i + 1}`,
        nuts: region.code,
        population: null,
        jurisdiction: null,
        vat: null,
        email: `buyer.c${String(i + 1).padStart(3, '0')}@${EMAIL_DOMAIN}`,
      }),
    );
  }
  const suppliers: Org[] = [];
  for (let i = 0; i < counts.suppliers; i += 1) {
    let name = '';
    // Bidders are told apart by name in evaluation records, so supplier names are unique.
    while (!name || usedNames.has(name))
      name = `${SUPPLIER_WORDS[i % SUPPLIER_WORDS.length]} ${rng.pick(STEMS)}${rng.pick(ENDINGS)} ${rng.pick(SUPPLIER_FORMS)}`;
    usedNames.add(name);
    suppliers.push(
      makeOrg({
        kind: 'supplier',
        name,
        nuts: weightedRegion(regions).code,
        population: null,
        jurisdiction: null,
        vat: `DE${String(300_000_000 + i * 7919).padStart(9, '0')}`,
        email: `sales.s${String(i + 1).padStart(3, '0')}@${EMAIL_DOMAIN}`,
      }),
    );
  }

  // --- Consortia ------------------------------------------------------------------------------------
  const byNuts3 = new Map<string, Org[]>();
  for (const m of municipalities) byNuts3.set(m.nuts as string, [...(byNuts3.get(m.nuts as string) ?? []), m]);
  const byPrefix = (prefix: string) => municipalities.filter((m) => (m.nuts as string).startsWith(prefix));
  const prefixCache = new Map<string, Org[]>();
  const near = (prefix: string) => {
    let list = prefixCache.get(prefix);
    if (!list) prefixCache.set(prefix, (list = byPrefix(prefix)));
    return list;
  };
  const consortia: Consortium[] = [];
  for (let i = 0; i < counts.consortia; i += 1) {
    const domain = rng.weighted(DOMAINS);
    const cpbLead = rng.chance(0.12);
    const anchor = rng.chance(0.45)
      ? rng.pick(municipalities.filter((m) => (m.nuts as string).startsWith('DE2')))
      : rng.pick(municipalities);
    const lead = cpbLead ? rng.pick(cpbs) : anchor;
    const participants = [lead];
    const chosen = new Set([lead.id]);
    if (cpbLead) {
      participants.push(anchor);
      chosen.add(anchor.id);
    }
    const size = 2 + Math.floor(rng.next() ** 2 * 11);
    const nuts = anchor.nuts as string;
    for (let tries = 0; participants.length < size + 1 && tries < 200; tries += 1) {
      const pool = rng.weighted([
        [byNuts3.get(nuts) ?? [], 0.45],
        [near(nuts.slice(0, 4)), 0.3],
        [near(nuts.slice(0, 3)), 0.17],
        [municipalities, 0.08],
      ] as const);
      if (pool.length === 0) continue;
      const candidate = rng.pick(pool);
      if (chosen.has(candidate.id)) continue;
      chosen.add(candidate.id);
      participants.push(candidate);
    }
    const regionName = regions.find((r) => r.code === nuts)?.name.split(',')[0] ?? nuts;
    consortia.push({
      id: rng.uuid(),
      index: i,
      name: `${rng.pick(CONSORTIUM_WORDS[domain])} ${regionName} ${i + 1}`,
      domain,
      contractKind:
        domain === 'ict' || domain === 'other'
          ? rng.chance(0.7)
            ? 'services'
            : 'supplies'
          : rng.chance(0.15)
            ? 'works'
            : 'supplies',
      lead,
      participants,
      observers: nuts.startsWith('DE2') && rng.chance(0.4) ? [bavaria] : [],
      listed: rng.chance(0.6),
      interest: [rng.pick(DOMAIN_CPV[domain]), rng.pick(DOMAIN_CPV[domain])].filter(
        (c, k, all) => all.indexOf(c) === k,
      ),
      tenders: [],
      createdDay: 0,
      lotNumbers: 0,
      agreementVersion: rng.chance(0.2) ? 2 : 1,
      costKey: rng.weighted([
        ['population', 0.4],
        ['equal', 0.25],
        ['quantity', 0.3],
        ['custom', 0.05],
      ] as const),
    });
  }

  // --- Tenders: stage, history and dates ------------------------------------------------------------
  const tenders: Tender[] = [];
  for (let i = 0; i < counts.tenders; i += 1) {
    const consortium = i < consortia.length ? consortia[i] : rng.pick(consortia);
    const stage = i < 24 ? TENDER_STAGES[i % TENDER_STAGES.length] : rng.weighted(STAGE_WEIGHTS);
    const closeFrom: TenderStage | null =
      stage === 'closed'
        ? rng.chance(0.5)
          ? 'regional-scaleup'
          : rng.weighted(
              TENDER_STAGES.slice(0, 10).map((s) => [s, s === 'published' || s === 'evaluation' ? 3 : 1] as const),
            )
        : null;
    const forwardTo = closeFrom ?? stage;
    const path: { to: TenderStage; reason: string | null }[] = [{ to: 'needs-assessment', reason: null }];
    const backSteps: Partial<Record<TenderStage, [TenderStage, number]>> = {
      'market-consultation': ['needs-assessment', 0.05],
      specification: ['market-consultation', 0.05],
      approval: ['specification', 0.08],
      published: ['specification', 0.05],
      awarded: ['evaluation', 0.05],
    };
    for (let s = 1; s <= (STAGE_INDEX.get(forwardTo) as number); s += 1) {
      const to = TENDER_STAGES[s];
      path.push({ to, reason: null });
      const back = backSteps[to];
      if (back && rng.chance(back[1])) {
        const reason = reasonRequired(to, back[0]) ? rng.pick(REASONS[back[0]]) : null;
        path.push({ to: back[0], reason });
        for (let k = STAGE_INDEX.get(back[0]) as number; k < s; k += 1)
          path.push({ to: TENDER_STAGES[k + 1], reason: null });
      }
    }
    if (stage === 'closed') {
      const from = path[path.length - 1].to;
      path.push({ to: 'closed', reason: reasonRequired(from, 'closed') ? rng.pick(REASONS['closed']) : null });
    }
    // Durations forward; the last stage has been held for a while (long for some: stalled).
    const durations: number[] = [];
    for (let k = 0; k < path.length - 1; k += 1) {
      const [min, max] = STAGE_DAYS[path[k].to];
      durations.push(
        path[k + 1].to === 'closed' && path[k].to !== 'regional-scaleup' ? rng.int(5, 60) : rng.int(min, max),
      );
    }
    const [hold0, hold1] = STAGE_DAYS[path[path.length - 1].to];
    const held =
      stage !== 'closed' && rng.chance(0.12)
        ? rng.int(90, 300)
        : rng.int(1, Math.max(2, Math.round((hold0 + hold1) / 3)));
    const total = durations.reduce((sum, d) => sum + d, 0) + held;
    const createdDay = -total - rng.next();
    const steps: Step[] = [];
    let day = createdDay;
    for (let k = 0; k < path.length; k += 1) {
      if (k > 0) day += durations[k - 1] + rng.next() * 0.3;
      const by = rng.chance(0.8) ? consortium.lead : rng.pick(consortium.participants);
      steps.push({ from: k === 0 ? null : path[k - 1].to, to: path[k].to, day, reason: path[k].reason, by });
    }
    const tender: Tender = {
      id: rng.uuid(),
      index: i,
      consortium,
      title: '',
      stage,
      steps,
      createdDay,
      procedure: 'open',
      criteria: [],
      lotRules: { bidsOn: 'several', maxLotsPerTenderer: null },
      lots: [],
      replicaOf: null,
      wantsReplica: i >= 24 && rng.chance(0.08),
      deadlineDay: null,
      contractDay: null,
      specificationId: null,
      versionId: null,
    };
    tenders.push(tender);
    consortium.tenders.push(tender);
  }

  // Replicas copy a tender of another consortium published before they were created.
  const published = tenders
    .filter((t) => !t.wantsReplica && reached(t, 'published'))
    .sort((a, b) => (firstEntry(a, 'published') as number) - (firstEntry(b, 'published') as number));
  for (const tender of tenders) {
    if (!tender.wantsReplica) continue;
    const candidates = published.filter(
      (o) => o.consortium !== tender.consortium && (firstEntry(o, 'published') as number) < tender.createdDay - 1,
    );
    if (candidates.length > 0) tender.replicaOf = rng.pick(candidates);
  }

  // --- Tender content: lots, criteria, procedure, deadlines ------------------------------------------
  // Origins before their copies, which take over what the origin holds.
  const ordered = [...tenders.filter((t) => !t.replicaOf), ...tenders.filter((t) => t.replicaOf)];
  const weightOf = new Map<Tender, number>();
  for (const tender of ordered) {
    const { domain } = tender.consortium;
    const year = new Date(base + tender.createdDay * DAY).getUTCFullYear() + 1;
    const origin = tender.replicaOf;
    if (origin) {
      tender.title = origin.title;
      tender.procedure = origin.procedure;
      tender.criteria = origin.criteria;
      tender.lotRules = origin.lotRules;
      continue; // lots after the origins' lots exist
    }
    const place = tender.consortium.name.replace(/^\S+\s/, '');
    tender.title = `${rng.pick(TENDER_TITLES[domain])} ${place} ${year}`.slice(0, 200);
    const priceKind = rng.chance(0.7) ? 'price' : 'life-cycle-cost';
    const priceWeight = rng.pick([30, 40, 50, 60, 70]);
    const rest = 100 - priceWeight;
    const quality = rng.int(Math.ceil(rest / 3), rest - 2);
    const sustainability = rest - quality;
    tender.criteria = [
      { kind: priceKind, name: priceKind === 'price' ? 'Price' : 'Total cost of ownership', weight: priceWeight },
      { kind: 'quality', name: 'Quality and service', weight: quality },
      { kind: 'sustainability', name: 'Sustainability', weight: sustainability },
    ];
    const lotCount = rng.weighted([
      [1, 0.4],
      [2, 0.3],
      [3, 0.2],
      [4, 0.1],
    ] as const);
    tender.lotRules =
      lotCount === 1
        ? { bidsOn: rng.chance(0.5) ? 'one' : 'all', maxLotsPerTenderer: null }
        : rng.weighted([
            [{ bidsOn: 'several', maxLotsPerTenderer: lotCount >= 3 ? 2 : null }, 0.2],
            [{ bidsOn: 'several', maxLotsPerTenderer: null }, 0.5],
            [{ bidsOn: 'one', maxLotsPerTenderer: 1 }, 0.15],
            [{ bidsOn: 'all', maxLotsPerTenderer: null }, 0.15],
          ] as const);
    const pool = rng.shuffle([...DOMAIN_CPV[domain]]);
    for (let n = 1; n <= lotCount; n += 1) {
      const codes = [pool[(n - 1) % pool.length]];
      if (rng.chance(0.3)) codes.push(pool[(n + lotCount) % pool.length]);
      // A central purchasing body buys for the municipalities; the lots are theirs.
      const buyers = tender.consortium.participants.filter((p) => p.kind === 'municipality');
      const members = rng.chance(0.6) ? buyers : buyers.filter((p, k) => k === 0 || rng.chance(0.6));
      tender.lots.push({
        id: rng.uuid(),
        consortiumLotId: rng.uuid(),
        number: n,
        title: label(codes[0]).slice(0, 200),
        cpv: [...new Set(codes)],
        valueCents: 0,
        criteria: rng.chance(0.1)
          ? [
              { kind: 'price', name: 'Price', weight: 50 },
              { kind: 'quality', name: 'Technical value', weight: 50 },
            ]
          : null,
        members,
        needCount: 0,
      });
    }
    weightOf.set(tender, tender.lots.length * (0.5 + rng.next()) * Math.sqrt(tender.consortium.participants.length));
  }
  // Needs per lot: the country's total spread by weight; a lot's value is what its needs budget.
  const totalWeight = [...weightOf.values()].reduce((sum, w) => sum + w, 0);
  let needsLeft = counts.needs;
  const ownLots = tenders.flatMap((t) => (t.replicaOf ? [] : t.lots));
  for (const tender of tenders) {
    if (tender.replicaOf) continue;
    const share = ((weightOf.get(tender) as number) / totalWeight) * counts.needs;
    for (const lot of tender.lots) lot.needCount = Math.max(1, Math.floor(share / tender.lots.length));
  }
  needsLeft -= ownLots.reduce((sum, lot) => sum + lot.needCount, 0);
  for (let k = 0; needsLeft > 0; k += 1, needsLeft -= 1) ownLots[k % ownLots.length].needCount += 1;
  for (let k = 0; needsLeft < 0; k += 1) {
    const lot = ownLots[k % ownLots.length];
    if (lot.needCount > 1) {
      lot.needCount -= 1;
      needsLeft += 1;
    }
  }
  for (const tender of tenders) {
    if (tender.replicaOf) continue;
    for (const lot of tender.lots) {
      const [, unitPrice] = rng.pick(UNITS[tender.consortium.domain]);
      lot.valueCents = Math.max(1000_00, Math.round(lot.needCount * unitPrice * (1.5 + rng.next() * 6)));
    }
  }
  for (const tender of ordered) {
    const origin = tender.replicaOf;
    if (origin) {
      tender.lots = origin.lots.map((lot) => ({
        ...lot,
        id: rng.uuid(),
        consortiumLotId: null,
        members: tender.consortium.participants.filter((p) => p.kind === 'municipality'),
        needCount: 0,
      }));
    }
    const value = tender.lots.reduce((sum, lot) => sum + lot.valueCents, 0);
    if (!origin)
      tender.procedure =
        value < 216_000_00
          ? 'below-threshold'
          : rng.weighted([
              ['open', 0.55],
              ['restricted', 0.15],
              ['competitive-procedure-with-negotiation', 0.1],
              ['competitive-dialogue', 0.06],
              ['innovation-partnership', 0.07],
              ['pre-commercial-procurement', 0.07],
            ] as const);
    const publishedDay = lastEntry(tender, 'published');
    if (publishedDay !== null) {
      const evaluation = tender.steps.find((s) => s.to === 'evaluation' && s.day > publishedDay)?.day;
      tender.deadlineDay =
        evaluation !== undefined ? evaluation - rng.int(1, 5) - 0.5 : publishedDay + rng.int(30, 60) + 0.5;
    }
    const signed = firstEntry(tender, 'contract-signed');
    if (signed !== null) tender.contractDay = Math.floor(signed) - rng.int(0, 3);
  }

  // Consortia start before their first tender's needs; members join and sign before any publication.
  for (const consortium of consortia) {
    const first = Math.min(...consortium.tenders.map((t) => t.createdDay));
    consortium.createdDay = first - rng.int(150, 300) - rng.next();
  }

  // --- Write ----------------------------------------------------------------------------------------
  const db = new Inserter(client, log);
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL synchronous_commit = off');
    log('Reference data');
    await client.query(
      `INSERT INTO nuts_regions (code, country_iso3, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET country_iso3 = EXCLUDED.country_iso3, name = EXCLUDED.name`,
      [regions.map((r) => r.code), regions.map((r) => r.countryIso3), regions.map((r) => r.name)],
    );
    db.counts['nuts_regions'] = regions.length;
    db.report('nuts_regions');
    // The whole CPV list, parents first (as `main.js import-cpv` loads it).
    const entries = [...cpv.entries()]
      .map(([code, text]) => ({ code, text, digits: code.slice(0, 8) }))
      .sort(
        (a, b) =>
          a.digits.replace(/0+$/, '').length - b.digits.replace(/0+$/, '').length || a.digits.localeCompare(b.digits),
      );
    const codeOf = new Map(entries.map((e) => [e.digits, e.code]));
    const parentOf = (digits: string) => {
      const parent = cpvAncestorDigits(digits).find((candidate) => codeOf.has(candidate));
      return parent ? (codeOf.get(parent) ?? null) : null;
    };
    for (let start = 0; start < entries.length; start += 2000) {
      const batch = entries.slice(start, start + 2000);
      await client.query(
        `INSERT INTO cpv_codes (code, digits, level, parent_code, label)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         ON CONFLICT (code) DO UPDATE SET level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, label = EXCLUDED.label`,
        [
          batch.map((e) => e.code),
          batch.map((e) => e.digits),
          batch.map((e) => cpvLevel(e.digits)),
          batch.map((e) => parentOf(e.digits)),
          batch.map((e) => e.text),
        ],
      );
    }
    db.counts['cpv_codes'] = entries.length;
    db.report('cpv_codes');

    log('Organisations and people');
    await db.insert(
      'organisations',
      [
        ['id', 'uuid'],
        ['kind', 'text'],
        ['name', 'text'],
        ['country', 'text'],
        ['nuts_code', 'text'],
        ['population', 'int'],
        ['contact_email', 'text'],
        ['jurisdiction', 'text'],
        ['vat_number', 'text'],
        ['verification', 'text'],
        ['verified_at', 'timestamptz'],
        ['created_at', 'timestamptz'],
      ],
      orgs.map((o) => [
        o.id,
        o.kind,
        o.name,
        'DE',
        o.nuts,
        o.population,
        o.email,
        o.jurisdiction,
        o.vat,
        o.kind === 'supplier' ? 'not-required' : 'verified',
        o.kind === 'supplier' ? null : at(o.createdDay + 3),
        at(o.createdDay),
      ]),
    );
    db.report('organisations');
    // One password hash for every account, with a salt from the seed so that it too is reproducible.
    const passwordHash = await argon2(COUNTRY_SEED_PASSWORD, {
      algorithm: 2,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
      salt: createHash('sha256').update(`country-seed-${options.seed}`).digest().subarray(0, 16),
    });
    const roleOf = (o: Org) =>
      o.kind === 'authority' ? 'viewer' : o.kind === 'supplier' ? 'org-admin' : 'procurement-officer';
    await db.insert(
      'users',
      [
        ['id', 'uuid'],
        ['email', 'text'],
        ['display_name', 'text'],
        ['password_hash', 'text'],
        ['locale', 'text'],
        ['created_at', 'timestamptz'],
      ],
      orgs.map((o) => [
        o.userId,
        o.email,
        `${roleOf(o) === 'viewer' ? 'Analyst' : 'Officer'} ${o.name}`.slice(0, 200),
        passwordHash,
        'de',
        at(o.createdDay + 1),
      ]),
    );
    db.report('users');
    await db.insert(
      'memberships',
      [
        ['user_id', 'uuid'],
        ['organisation_id', 'uuid'],
        ['role', 'text'],
        ['created_at', 'timestamptz'],
      ],
      orgs.map((o) => [o.userId, o.id, roleOf(o), at(o.createdDay + 1)]),
    );
    db.report('memberships');

    log('Consortia');
    const joinedDay = new Map<string, number>();
    const memberRows: unknown[][] = [];
    for (const c of consortia) {
      c.participants.forEach((p, k) => {
        const day = k === 0 ? c.createdDay : c.createdDay + rng.int(1, 20);
        joinedDay.set(`${c.id}/${p.id}`, day);
        memberRows.push([c.id, p.id, k === 0 ? 'lead' : 'member', at(day)]);
      });
      for (const o of c.observers) memberRows.push([c.id, o.id, 'observer', at(c.createdDay + rng.int(1, 30))]);
    }
    // Everyone signs every version before the first publication (version 2 after day 25); a
    // consortium that never published may still wait for a signature or two.
    const signatureRows: unknown[][] = [];
    const unsigned = new Set<Consortium>();
    for (const c of consortia) {
      const mustSign = c.tenders.some((t) => reached(t, 'published'));
      for (const p of c.participants) {
        const joined = joinedDay.get(`${c.id}/${p.id}`) as number;
        for (let version = 1; version <= c.agreementVersion; version += 1) {
          if (!mustSign && version === c.agreementVersion && p !== c.lead && rng.chance(0.15)) {
            unsigned.add(c);
            continue;
          }
          const day = version === 1 ? joined + rng.int(1, 4) : c.createdDay + 26 + rng.int(1, 40);
          signatureRows.push([
            c.id,
            p.id,
            version,
            p.userId,
            at(day + rng.next()),
            `Gemeinderatsbeschluss ${new Date(base + day * DAY).getUTCFullYear()}/${rng.int(10, 999)}`,
          ]);
        }
      }
    }
    const consortiumStatus = (c: Consortium) => {
      const stages = c.tenders.map((t) => STAGE_INDEX.get(t.stage) as number);
      if (stages.every((s) => s === 11)) return 'closed';
      if (stages.some((s) => s >= 7 && s <= 10)) return 'contracted';
      if (stages.some((s) => s >= 4 && s <= 6)) return 'tendering';
      // Active needs every participant's signature on the current agreement.
      return unsigned.has(c) ? 'forming' : 'active';
    };
    await db.insert(
      'consortia',
      [
        ['id', 'uuid'],
        ['name', 'text'],
        ['description', 'text'],
        ['domain', 'text'],
        ['status', 'text'],
        ['contract_kind', 'text'],
        ['listed_publicly', 'bool'],
        ['lead_organisation_id', 'uuid'],
        ['interest_cpv_codes', 'text[]'],
        ['created_by', 'uuid'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      consortia.map((c) => [
        c.id,
        c.name,
        `Joint procurement of ${c.domain === 'ict' ? 'ICT' : c.domain} solutions by ${c.participants.length} public bodies.`,
        c.domain,
        consortiumStatus(c),
        c.contractKind,
        c.listed,
        c.lead.id,
        c.interest,
        c.lead.userId,
        at(c.createdDay),
        at(Math.max(...c.tenders.map((t) => t.steps[t.steps.length - 1].day))),
      ]),
    );
    db.report('consortia');
    await db.insert(
      'consortium_members',
      [
        ['consortium_id', 'uuid'],
        ['organisation_id', 'uuid'],
        ['role', 'text'],
        ['joined_at', 'timestamptz'],
      ],
      memberRows,
    );
    db.report('consortium_members');
    await db.insert(
      'consortium_agreements',
      [
        ['consortium_id', 'uuid'],
        ['legal_basis', 'text'],
        ['cost_key', 'text'],
        ['custom_weights', 'jsonb'],
        ['version', 'int'],
        ['updated_by', 'uuid'],
        ['updated_at', 'timestamptz'],
      ],
      consortia.map((c) => [
        c.id,
        c.lead.kind === 'central-purchasing-body'
          ? 'art-37-central-purchasing-body'
          : 'art-38-occasional-joint-procurement',
        c.costKey,
        JSON.stringify(
          c.costKey === 'custom' ? Object.fromEntries(c.participants.map((p, k) => [p.id, k === 0 ? 2 : 1])) : {},
        ),
        c.agreementVersion,
        c.lead.userId,
        at(c.createdDay + 25),
      ]),
    );
    db.report('consortium_agreements');
    await db.insert(
      'agreement_signatures',
      [
        ['consortium_id', 'uuid'],
        ['organisation_id', 'uuid'],
        ['version', 'int'],
        ['signed_by', 'uuid'],
        ['signed_at', 'timestamptz'],
        ['council_decision_ref', 'text'],
      ],
      signatureRows,
    );
    db.report('agreement_signatures');
    const consortiumLotRows: unknown[][] = [];
    for (const t of tenders) {
      for (const lot of t.lots) {
        if (!lot.consortiumLotId) continue;
        t.consortium.lotNumbers += 1;
        consortiumLotRows.push([
          lot.consortiumLotId,
          t.consortium.id,
          t.consortium.lotNumbers,
          lot.title,
          at(t.createdDay - 100),
        ]);
      }
    }
    await db.insert(
      'lots',
      [
        ['id', 'uuid'],
        ['consortium_id', 'uuid'],
        ['number', 'int'],
        ['title', 'text'],
        ['created_at', 'timestamptz'],
      ],
      consortiumLotRows,
    );
    db.report('lots');

    log('Specifications');
    const [template] = (
      await client.query<{ id: string }>(
        "SELECT id FROM specification_templates ORDER BY key = 'smart-city-standard' DESC, key LIMIT 1",
      )
    ).rows;
    let templateId = template?.id;
    if (!templateId) {
      // A database emptied since its migration (tests truncate): a template of the seed's own.
      templateId = rng.uuid();
      await client.query(
        `INSERT INTO specification_templates (id, key, name, description, sections, created_at, updated_at)
         VALUES ($1, 'country-seed', 'Country seed template', '', '[]', $2, $2)`,
        [templateId, at(-2000)],
      );
    }
    const specRows: unknown[][] = [];
    const snapshotRows: unknown[][] = [];
    const versionRows: unknown[][] = [];
    const approvalRows: unknown[][] = [];
    for (const t of ordered) {
      const origin = t.replicaOf;
      const ownSpec = reached(t, 'specification') && (!origin || reached(t, 'approval'));
      if (origin && !ownSpec) {
        t.specificationId = origin.specificationId;
        t.versionId = origin.versionId;
        continue;
      }
      if (!ownSpec) continue;
      const specDay = (firstEntry(t, 'specification') as number) - rng.int(0, 5) - 0.5;
      t.specificationId = rng.uuid();
      specRows.push([
        t.specificationId,
        t.consortium.id,
        `${t.title}: specification`.slice(0, 200),
        templateId,
        rng.chance(0.5),
        t.consortium.lead.userId,
        at(specDay),
        at(specDay + 1),
      ]);
      snapshotRows.push([t.specificationId, spec.state, spec.vector, 0, 0, at(specDay + 1)]);
      const approvalDays = t.steps.filter((s) => s.to === 'approval').map((s) => s.day);
      approvalDays.forEach((day, k) => {
        const id = rng.uuid();
        versionRows.push([
          id,
          t.specificationId,
          k + 1,
          k === 0 ? 'Version for approval' : `Amended version ${k + 1}`,
          spec.state,
          t.consortium.lead.userId,
          t.consortium.lead.id,
          at(day - 0.2),
        ]);
        t.versionId = id;
      });
      if (approvalDays.length > 0) {
        const lastApproval = approvalDays[approvalDays.length - 1];
        const publishedAfter = t.steps.find((s) => s.to === 'published' && s.day > lastApproval)?.day ?? null;
        const window = (publishedAfter ?? 0) - lastApproval;
        for (const p of t.consortium.participants) {
          for (const section of spec.sections) {
            if (publishedAfter === null && rng.chance(0.3)) continue;
            approvalRows.push([
              t.specificationId,
              section.id,
              p.id,
              p.userId,
              at(lastApproval + rng.next() * Math.max(0.5, window - 0.1)),
              section.hash,
            ]);
          }
        }
      }
    }
    await db.insert(
      'specifications',
      [
        ['id', 'uuid'],
        ['consortium_id', 'uuid'],
        ['title', 'text'],
        ['template_id', 'uuid'],
        ['shared_with_observers', 'bool'],
        ['created_by', 'uuid'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      specRows,
    );
    db.report('specifications');
    await db.insert(
      'specification_snapshots',
      [
        ['specification_id', 'uuid'],
        ['state', 'bytea'],
        ['state_vector', 'bytea'],
        ['upto_id', 'bigint'],
        ['compacted_updates', 'bigint'],
        ['compacted_at', 'timestamptz'],
      ],
      snapshotRows,
      1000,
    );
    db.report('specification_snapshots');
    await db.insert(
      'specification_versions',
      [
        ['id', 'uuid'],
        ['specification_id', 'uuid'],
        ['number', 'int'],
        ['label', 'text'],
        ['state', 'bytea'],
        ['author_id', 'uuid'],
        ['author_organisation_id', 'uuid'],
        ['created_at', 'timestamptz'],
      ],
      versionRows,
      1000,
    );
    db.report('specification_versions');
    await db.insert(
      'section_approvals',
      [
        ['specification_id', 'uuid'],
        ['section_id', 'text'],
        ['organisation_id', 'uuid'],
        ['approved_by', 'uuid'],
        ['approved_at', 'timestamptz'],
        ['content_hash', 'text'],
      ],
      approvalRows,
    );
    db.report('section_approvals');

    log('Tenders');
    // Every origin precedes its copies (the foreign key of replicated_from_id).
    await db.insert(
      'tenders',
      [
        ['id', 'uuid'],
        ['consortium_id', 'uuid'],
        ['title', 'text'],
        ['procedure_type', 'text'],
        ['estimated_value', 'numeric'],
        ['stage', 'text'],
        ['stage_changed_at', 'timestamptz'],
        ['specification_id', 'uuid'],
        ['specification_version_id', 'uuid'],
        ['lot_rules', 'jsonb'],
        ['criteria', 'jsonb'],
        ['tender_deadline', 'timestamptz'],
        ['contract_signed_on', 'date'],
        ['created_by', 'uuid'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
        ['replicated_from_id', 'uuid'],
      ],
      ordered.map((t) => {
        const last = t.steps[t.steps.length - 1];
        return [
          t.id,
          t.consortium.id,
          t.title,
          t.procedure,
          cents(t.lots.reduce((sum, lot) => sum + lot.valueCents, 0)),
          t.stage,
          at(last.day),
          t.specificationId,
          t.versionId,
          JSON.stringify(t.lotRules),
          JSON.stringify(t.criteria),
          t.deadlineDay === null ? null : at(t.deadlineDay),
          t.contractDay === null ? null : dateOf(t.contractDay),
          t.consortium.lead.userId,
          at(t.createdDay),
          at(last.day + 0.01),
          t.replicaOf?.id ?? null,
        ];
      }),
    );
    db.report('tenders');
    await db.insert(
      'tender_stage_changes',
      [
        ['tender_id', 'uuid'],
        ['from_stage', 'text'],
        ['to_stage', 'text'],
        ['reason', 'text'],
        ['changed_by', 'uuid'],
        ['organisation_id', 'uuid'],
        ['changed_at', 'timestamptz'],
      ],
      tenders.flatMap((t) => t.steps.map((s) => [t.id, s.from, s.to, s.reason, s.by.userId, s.by.id, at(s.day)])),
    );
    db.report('tender_stage_changes');
    await db.insert(
      'tender_lots',
      [
        ['id', 'uuid'],
        ['tender_id', 'uuid'],
        ['number', 'int'],
        ['title', 'text'],
        ['cpv_codes', 'text[]'],
        ['value', 'numeric'],
        ['criteria', 'jsonb'],
        ['created_at', 'timestamptz'],
      ],
      tenders.flatMap((t) =>
        t.lots.map((lot) => [
          lot.id,
          t.id,
          lot.number,
          lot.title,
          lot.cpv,
          cents(lot.valueCents),
          lot.criteria ? JSON.stringify(lot.criteria) : null,
          at(t.createdDay),
        ]),
      ),
    );
    db.report('tender_lots');
    await db.insert(
      'tender_lot_members',
      [
        ['lot_id', 'uuid'],
        ['organisation_id', 'uuid'],
      ],
      tenders.flatMap((t) => t.lots.flatMap((lot) => lot.members.map((m) => [lot.id, m.id]))),
    );
    db.report('tender_lot_members');

    // Milestones: one per stage on the way, reached ones with their date (some late), the next
    // ones planned ahead; some of those are already overdue (missed).
    const MILESTONES: [TenderStage, string][] = [
      ['market-consultation', 'Market consultation opened'],
      ['published', 'Contract notice published'],
      ['evaluation', 'Time limit for tenders'],
      ['contract-signed', 'Contract signed'],
      ['pilot', 'Pilot started'],
      ['city-rollout', 'City rollout started'],
      ['regional-scaleup', 'Regional scale-up started'],
    ];
    const milestoneRows: unknown[][] = [];
    for (const t of tenders) {
      let ahead = t.stage === 'closed' ? 0 : rng.int(1, 3);
      let projected = 0;
      for (const [stage, name] of MILESTONES) {
        const entered = firstEntry(t, stage);
        const created = at(t.createdDay + 1);
        if (entered !== null) {
          const late = rng.chance(0.25) ? rng.int(5, 40) : rng.int(-5, 2);
          milestoneRows.push([rng.uuid(), t.id, name, dateOf(entered - late), dateOf(entered), created]);
        } else if (ahead > 0) {
          ahead -= 1;
          const [min, max] = STAGE_DAYS[stage];
          projected += rng.int(min, max);
          const missed = rng.chance(0.18);
          milestoneRows.push([rng.uuid(), t.id, name, dateOf(missed ? -rng.int(3, 60) : projected), null, created]);
        }
      }
    }
    await db.insert(
      'tender_milestones',
      [
        ['id', 'uuid'],
        ['tender_id', 'uuid'],
        ['name', 'text'],
        ['planned_on', 'date'],
        ['actual_on', 'date'],
        ['created_at', 'timestamptz'],
      ],
      milestoneRows,
    );
    db.report('tender_milestones');

    log('Evaluations and awards');
    const evaluationRows: unknown[][] = [];
    const awardRows: unknown[][] = [];
    for (const t of tenders) {
      const evaluation = lastEntry(t, 'evaluation');
      if (evaluation === null) continue;
      const awarded = t.steps.find((s) => s.to === 'awarded' && s.day > evaluation)?.day ?? null;
      const end = awarded ?? (t.stage === 'evaluation' ? 0 : t.steps[t.steps.length - 1].day);
      for (const lot of t.lots) {
        const complete = awarded !== null;
        if (!complete && !rng.chance(0.5)) continue;
        const criteria = lot.criteria ?? t.criteria;
        const bidders = rng.shuffle([...suppliers]).slice(0, rng.int(2, Math.min(6, suppliers.length)));
        const bids = bidders.map((s) => ({
          name: s.name,
          scores: { quality: rng.int(40, 100), sustainability: rng.int(30, 100), innovation: rng.int(30, 100) },
          priceCents: Math.max(100, Math.round(lot.valueCents * (0.7 + rng.next() * 0.45))),
        }));
        const ranking = scoreBids(criteria, bids);
        const recorded = evaluation + (end - evaluation) * (0.2 + rng.next() * 0.5);
        const evaluated: BidderEvaluation[] = bids.map((b) => ({
          name: b.name,
          scores: b.scores,
          price: cents(b.priceCents),
        }));
        evaluationRows.push([
          lot.id,
          t.id,
          JSON.stringify(criteria),
          JSON.stringify(evaluated),
          JSON.stringify(ranking),
          t.consortium.lead.userId,
          t.consortium.lead.id,
          at(recorded),
        ]);
        if (complete || rng.chance(0.4)) {
          const winner = bids.find((b) => b.name === ranking[0].name) as (typeof bids)[number];
          const on = recorded + (end - recorded) * rng.next() * 0.9;
          awardRows.push([
            lot.id,
            t.id,
            winner.name,
            cents(winner.priceCents),
            dateOf(on),
            t.consortium.lead.userId,
            t.consortium.lead.id,
            at(on),
          ]);
        }
      }
    }
    await db.insert(
      'tender_lot_evaluations',
      [
        ['lot_id', 'uuid'],
        ['tender_id', 'uuid'],
        ['criteria', 'jsonb'],
        ['bidders', 'jsonb'],
        ['ranking', 'jsonb'],
        ['recorded_by', 'uuid'],
        ['organisation_id', 'uuid'],
        ['recorded_at', 'timestamptz'],
      ],
      evaluationRows,
    );
    db.report('tender_lot_evaluations');
    await db.insert(
      'tender_lot_awards',
      [
        ['lot_id', 'uuid'],
        ['tender_id', 'uuid'],
        ['supplier_name', 'text'],
        ['value', 'numeric'],
        ['awarded_on', 'date'],
        ['awarded_by', 'uuid'],
        ['organisation_id', 'uuid'],
        ['created_at', 'timestamptz'],
      ],
      awardRows,
    );
    db.report('tender_lot_awards');

    log('Scale-up: sites, pilot evaluations, KPIs');
    const siteRows: unknown[][] = [];
    const pilotRows: unknown[][] = [];
    const kpiRows: unknown[][] = [];
    const kpiValueRows: unknown[][] = [];
    for (const t of tenders) {
      const signed = firstEntry(t, 'contract-signed');
      if (signed === null) continue;
      const pilot = firstEntry(t, 'pilot');
      const city = firstEntry(t, 'city-rollout');
      const region = firstEntry(t, 'regional-scaleup');
      const lead = t.consortium.lead;
      const towns = t.consortium.participants.filter((p) => p.kind === 'municipality');
      const site = (
        org: Org,
        stage: 'pilot' | 'city' | 'region',
        createdDay: number,
        live: number | null,
        nuts?: string,
      ) =>
        siteRows.push([
          rng.uuid(),
          t.id,
          `${stage === 'pilot' ? 'Pilot' : stage === 'city' ? 'City-wide' : 'Region'}: ${org.name}`.slice(0, 200),
          org.id,
          nuts ?? org.nuts,
          stage,
          live === null ? null : dateOf(live),
          lead.userId,
          at(createdDay),
        ]);
      if (pilot === null) {
        if (rng.chance(0.5)) site(rng.pick(towns), 'pilot', signed + 2, null);
        continue;
      }
      const pilotTowns = rng.shuffle([...towns]).slice(0, rng.int(1, Math.min(3, towns.length)));
      for (const town of pilotTowns) {
        const live = pilot + rng.int(0, 30);
        site(town, 'pilot', pilot - rng.int(1, 10), live <= 0 ? live : null);
      }
      if (city !== null || rng.chance(0.3)) {
        const recordedDay = city !== null ? city - rng.int(1, 20) - 0.5 : pilot + rng.int(20, 60);
        if (recordedDay < 0)
          pilotRows.push([
            t.id,
            'The pilot met its targets in most sites; residents rated the service well.',
            rng.weighted([
              ['successful', 0.6],
              ['partly-successful', 0.35],
              ['unsuccessful', 0.05],
            ] as const),
            lead.userId,
            lead.id,
            at(recordedDay),
          ]);
      }
      if (city !== null) {
        const cityTowns = rng.shuffle([...towns]).slice(0, rng.int(1, towns.length));
        cityTowns.forEach((town, k) => {
          // Before a regional scale-up at least one city runs it in full.
          const live = region !== null && k === 0 ? region - rng.int(5, 60) : city + rng.int(10, 200);
          site(town, 'city', city - rng.int(0, 10), live <= 0 ? live : null);
        });
      }
      if (region !== null) {
        for (let k = rng.int(1, 2); k > 0; k -= 1) {
          const live = region + rng.int(30, 300);
          site(
            lead,
            'region',
            region - rng.int(0, 10),
            live <= 0 ? live : null,
            k === 1 ? (lead.nuts as string) : (rng.pick(towns).nuts as string),
          );
        }
      }
      // KPIs with each participant's figure per month or quarter since the pilot began (at most two years).
      const kpis = rng.shuffle([...KPIS[t.consortium.domain]]).slice(0, rng.int(1, 3));
      const end = t.stage === 'closed' ? t.steps[t.steps.length - 1].day : 0;
      const reporters = [...new Set([lead, ...pilotTowns])].slice(0, 4);
      for (const kpi of kpis) {
        const id = rng.uuid();
        kpiRows.push([
          id,
          t.id,
          kpi.name,
          kpi.unit,
          kpi.baseline,
          kpi.target,
          lead.userId,
          at(pilot - 5),
          at(pilot - 5),
        ]);
        const quarterly = rng.chance(0.4);
        const startDate = new Date(base + Math.max(pilot, end - 730) * DAY);
        let y = startDate.getUTCFullYear();
        let m = quarterly ? Math.floor(startDate.getUTCMonth() / 3) * 3 : startDate.getUTCMonth();
        for (;;) {
          const periodStart = Date.UTC(y, m, 1);
          if (periodStart > base + end * DAY) break;
          const period = quarterly ? `${y}-Q${m / 3 + 1}` : `${y}-${String(m + 1).padStart(2, '0')}`;
          const progress = Math.min(1, (periodStart - (base + pilot * DAY)) / (400 * DAY));
          for (const org of reporters) {
            if (rng.chance(0.08)) continue;
            const value = kpi.baseline + (kpi.target - kpi.baseline) * Math.max(0, progress) * (0.6 + rng.next() * 0.6);
            const entered = Math.min(base + end * DAY, periodStart + rng.int(0, 20) * DAY);
            kpiValueRows.push([
              id,
              period,
              new Date(periodStart).toISOString().slice(0, 10),
              org.id,
              (Math.round(value * 100) / 100).toFixed(2),
              org.userId,
              new Date(entered).toISOString(),
            ]);
          }
          m += quarterly ? 3 : 1;
          if (m >= 12) {
            m -= 12;
            y += 1;
          }
        }
      }
    }
    await db.insert(
      'tender_sites',
      [
        ['id', 'uuid'],
        ['tender_id', 'uuid'],
        ['name', 'text'],
        ['organisation_id', 'uuid'],
        ['nuts_code', 'text'],
        ['stage', 'text'],
        ['live_since', 'date'],
        ['created_by', 'uuid'],
        ['created_at', 'timestamptz'],
      ],
      siteRows,
    );
    db.report('tender_sites');
    await db.insert(
      'tender_pilot_evaluations',
      [
        ['tender_id', 'uuid'],
        ['summary', 'text'],
        ['outcome', 'text'],
        ['recorded_by', 'uuid'],
        ['organisation_id', 'uuid'],
        ['recorded_at', 'timestamptz'],
      ],
      pilotRows,
    );
    db.report('tender_pilot_evaluations');
    await db.insert(
      'tender_kpis',
      [
        ['id', 'uuid'],
        ['tender_id', 'uuid'],
        ['name', 'text'],
        ['unit', 'text'],
        ['baseline', 'numeric'],
        ['target', 'numeric'],
        ['created_by', 'uuid'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      kpiRows,
    );
    db.report('tender_kpis');
    await db.insert(
      'tender_kpi_values',
      [
        ['kpi_id', 'uuid'],
        ['period', 'text'],
        ['period_start', 'date'],
        ['organisation_id', 'uuid'],
        ['value', 'numeric'],
        ['entered_by', 'uuid'],
        ['entered_at', 'timestamptz'],
      ],
      kpiValueRows,
    );
    db.report('tender_kpi_values');

    log('Open calls');
    const callRows: unknown[][] = [];
    for (const t of tenders) {
      let round = 0;
      const consultation = firstEntry(t, 'market-consultation');
      if (consultation !== null && rng.chance(0.4)) {
        round += 1;
        const closes = consultation + 21;
        callRows.push([
          rng.uuid(),
          t.id,
          round,
          'market-consultation',
          `Market consultation: ${t.title}`.slice(0, 200),
          `The ${t.consortium.name} asks the market about ${t.title}.`,
          at(consultation),
          at(closes),
          at(consultation),
          t.consortium.lead.userId,
          closes < 0 ? at(closes + 0.01) : null,
          t.consortium.lead.userId,
          at(consultation - 1),
          at(consultation),
        ]);
      }
      const published = lastEntry(t, 'published');
      if (published !== null && t.deadlineDay !== null) {
        round += 1;
        callRows.push([
          rng.uuid(),
          t.id,
          round,
          'call-for-tenders',
          `Call for tenders: ${t.title}`.slice(0, 200),
          `Tenders are invited for ${t.lots.length} lot(s) of ${t.title}.`,
          at(published),
          at(t.deadlineDay),
          at(published),
          t.consortium.lead.userId,
          t.deadlineDay < 0 ? at(t.deadlineDay + 0.01) : null,
          t.consortium.lead.userId,
          at(published - 1),
          at(published),
        ]);
      }
    }
    await db.insert(
      'open_calls',
      [
        ['id', 'uuid'],
        ['tender_id', 'uuid'],
        ['round', 'int'],
        ['kind', 'text'],
        ['title', 'text'],
        ['summary', 'text'],
        ['opens_at', 'timestamptz'],
        ['closes_at', 'timestamptz'],
        ['published_at', 'timestamptz'],
        ['published_by', 'uuid'],
        ['closed_at', 'timestamptz'],
        ['created_by', 'uuid'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      callRows,
    );
    db.report('open_calls');

    // Needs last, in batches as they are made: budgets that add up to each lot's value exactly.
    log('Needs');
    const needColumns: Column[] = [
      ['id', 'uuid'],
      ['consortium_id', 'uuid'],
      ['organisation_id', 'uuid'],
      ['cpv_code', 'text'],
      ['title', 'text'],
      ['quantity', 'numeric'],
      ['unit', 'text'],
      ['budget_cents', 'bigint'],
      ['desired_start', 'date'],
      ['priority', 'text'],
      ['functional_requirements', 'text'],
      ['personal_data', 'bool'],
      ['sustainability', 'bool'],
      ['status', 'text'],
      ['lot_id', 'uuid'],
      ['created_by', 'uuid'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
      ['submitted_at', 'timestamptz'],
    ];
    const lotNeedColumns: Column[] = [
      ['lot_id', 'uuid'],
      ['need_id', 'uuid'],
      ['organisation_id', 'uuid'],
      ['budget_cents', 'bigint'],
    ];
    let needRows: unknown[][] = [];
    let lotNeedRows: unknown[][] = [];
    const flush = async () => {
      await db.insert('needs', needColumns, needRows);
      await db.insert('tender_lot_needs', lotNeedColumns, lotNeedRows);
      needRows = [];
      lotNeedRows = [];
    };
    for (const t of tenders) {
      if (t.replicaOf) continue;
      const domain = t.consortium.domain;
      for (const lot of t.lots) {
        const weights = Array.from({ length: lot.needCount }, () => 0.3 + rng.next());
        const sum = weights.reduce((a, b) => a + b, 0);
        let left = lot.valueCents;
        weights.forEach((w, k) => {
          const budget = k === weights.length - 1 ? left : Math.floor((lot.valueCents * w) / sum);
          left -= budget;
          const org = rng.pick(lot.members);
          const code = rng.pick(lot.cpv);
          const [unit, unitPrice] = rng.pick(UNITS[domain]);
          const quantity = Math.max(1, Math.round(budget / unitPrice));
          const created = t.createdDay - rng.int(10, 120) - rng.next();
          const submitted = Math.min(t.createdDay - 0.1, created + rng.int(0, 10));
          const id = rng.uuid();
          needRows.push([
            id,
            t.consortium.id,
            org.id,
            code,
            `${label(code).slice(0, 150)} for ${org.name}`.slice(0, 200),
            `${quantity}.000`,
            unit,
            budget,
            dateOf(t.createdDay + rng.int(90, 400)),
            rng.weighted([
              ['must', 0.5],
              ['should', 0.35],
              ['could', 0.15],
            ] as const),
            rng.chance(0.5) ? 'Interoperable with the systems the municipality already runs; open interfaces.' : '',
            domain === 'ict' && rng.chance(0.4),
            rng.chance(0.5),
            'submitted',
            lot.consortiumLotId,
            org.userId,
            at(created),
            at(submitted),
            at(submitted),
          ]);
          lotNeedRows.push([lot.id, id, org.id, budget]);
        });
        if (needRows.length >= 10_000) await flush();
      }
    }
    await flush();
    db.report('needs');
    db.report('tender_lot_needs');

    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  log('ANALYZE');
  await client.query('ANALYZE');
  const seconds = (Date.now() - started) / 1000;
  log(`Done in ${seconds.toFixed(1)} s.`);
  return { seed: options.seed, scale, baseDate, rows: { ...db.counts }, seconds };
}

/** Whole cents as numeric text. */
function cents(value: number): string {
  const whole = Math.trunc(value / 100);
  return `${whole}.${String(Math.abs(value % 100)).padStart(2, '0')}`;
}

/** The tables the seed writes (beside the reference data), for hashes and checks. */
export const COUNTRY_TABLES = [
  'nuts_regions',
  'cpv_codes',
  'organisations',
  'users',
  'memberships',
  'consortia',
  'consortium_members',
  'consortium_agreements',
  'agreement_signatures',
  'lots',
  'needs',
  'specifications',
  'specification_snapshots',
  'specification_versions',
  'section_approvals',
  'tenders',
  'tender_stage_changes',
  'tender_lots',
  'tender_lot_members',
  'tender_lot_needs',
  'tender_milestones',
  'tender_lot_evaluations',
  'tender_lot_awards',
  'tender_sites',
  'tender_pilot_evaluations',
  'tender_kpis',
  'tender_kpi_values',
  'open_calls',
] as const;

/**
 * A hash of every table the seed writes, row by row in a stable order. The template a
 * specification uses is named by key, since the migration gives templates random ids.
 */
export async function countryContentHash(client: Client): Promise<{ total: string; tables: Record<string, string> }> {
  const tables: Record<string, string> = {};
  const all = createHash('sha256');
  for (const table of COUNTRY_TABLES) {
    const row =
      table === 'specifications'
        ? `(to_jsonb(t) - 'template_id') || jsonb_build_object('template', (SELECT key FROM specification_templates s WHERE s.id = t.template_id))`
        : 'to_jsonb(t)';
    const { rows } = await client.query<{ n: string; digest: string | null }>(
      `SELECT count(*) AS n, md5(string_agg(x, E'\\n' ORDER BY x)) AS digest FROM (SELECT (${row})::text AS x FROM ${table} t) s`,
    );
    tables[table] = `${rows[0].n}:${rows[0].digest ?? ''}`;
    all.update(`${table}=${tables[table]}\n`);
  }
  return { total: all.digest('hex'), tables };
}
