import type { EntityManager } from 'typeorm';
import type { DemoSeed } from '@consortio/api/platform/database';
import type { AwardCriterion, BidderEvaluation, LotRules, TenderStage } from '@consortio/shared/contracts';
import { centsFromDecimal, scoreBids } from '@consortio/shared/domain';
import { takeSnapshot } from './good-practice-snapshot';

const CRITERIA: AwardCriterion[] = [
  { kind: 'price', name: 'Price', weight: 40 },
  { kind: 'quality', name: 'Light quality and glare control', weight: 30 },
  { kind: 'sustainability', name: 'Energy efficiency and repairable drivers', weight: 20 },
  { kind: 'innovation', name: 'Remote management on an open protocol', weight: 10 },
];

const LOT_RULES: LotRules = { bidsOn: 'several', maxLotsPerTenderer: null };

interface DemoLot {
  number: number;
  title: string;
  cpv: string[];
  value: string;
  /** What Demoing had budgeted for it alone, in cents. */
  budgetCents: number;
  bidders: BidderEvaluation[];
  winner: string;
}

const LOTS: DemoLot[] = [
  {
    number: 1,
    title: 'LED luminaires with remote dimming',
    cpv: ['34993000-4', '34928500-3'],
    value: '186000.00',
    budgetCents: 19_800_000,
    bidders: [
      { name: 'Alpen Licht GmbH', price: '162400.00', scores: { quality: 85, sustainability: 90, innovation: 80 } },
      { name: 'Donau Leuchten AG', price: '149900.00', scores: { quality: 60, sustainability: 55, innovation: 40 } },
      { name: 'Lumen Basic GmbH', price: '171000.00', scores: { quality: 70, sustainability: 60, innovation: 50 } },
    ],
    winner: 'Alpen Licht GmbH',
  },
  {
    number: 2,
    title: 'Installation and eight years of maintenance',
    cpv: ['45316110-9', '50232100-1'],
    value: '45000.00',
    budgetCents: 5_200_000,
    bidders: [
      {
        name: 'Traunviertel Elektrotechnik OG',
        price: '41850.00',
        scores: { quality: 80, sustainability: 75, innovation: 60 },
      },
      {
        name: 'Linzer Netzservice GmbH',
        price: '39900.00',
        scores: { quality: 60, sustainability: 60, innovation: 50 },
      },
    ],
    winner: 'Traunviertel Elektrotechnik OG',
  },
];

/** The stages the tender went through, and how many days ago it entered each. */
const HISTORY: [TenderStage, number][] = [
  ['needs-assessment', 1150],
  ['market-consultation', 1100],
  ['specification', 1040],
  ['approval', 1000],
  ['published', 980],
  ['evaluation', 930],
  ['awarded', 900],
  ['contract-signed', 880],
  ['pilot', 860],
  ['city-rollout', 700],
  ['regional-scaleup', 500],
  ['closed', 120],
];

/** Each KPI with its quarterly figures, oldest first, for the six quarters before the tender closed. */
const KPIS = [
  {
    name: 'Electricity saved per quarter',
    unit: 'kWh',
    baseline: 0,
    target: 40000,
    values: [31200, 36800, 41500, 42900, 43300, 42750],
  },
  { name: 'CO2 avoided per quarter', unit: 't CO2', baseline: 0, target: 8, values: [6.1, 7.2, 8.1, 8.4, 8.5, 8.4] },
  { name: 'Luminaires dimmed remotely', unit: '%', baseline: 0, target: 100, values: [15, 60, 100, 100, 100, 100] },
];

/** The `count` quarters before the one holding `day`, oldest first, as `2025-Q3` with their first day. */
function quartersBefore(day: Date, count: number): { period: string; start: string }[] {
  const quarters: { period: string; start: string }[] = [];
  let year = day.getUTCFullYear();
  let quarter = Math.floor(day.getUTCMonth() / 3) + 1;
  for (let i = 0; i < count; i += 1) {
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
    quarters.unshift({
      period: `${year}-Q${quarter}`,
      start: `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`,
    });
  }
  return quarters;
}

async function one<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T> {
  const [row] = await manager.query<T[]>(sql, params);
  if (!row) throw new Error(`The demo data this seed builds on is missing: ${sql.replace(/\s+/g, ' ').trim()}`);
  return row;
}

/**
 * A case in the good-practice library after `npm start`: Marktgemeinde Demoing's LED street
 * lighting, bought before its towns formed the "Smarte Straßenbeleuchtung Oberösterreich" group
 * to do it again together. The tender ran the whole way, from needs assessment through an open
 * procedure with two lots (evaluated and awarded), a pilot in the village centre, the rollout
 * across the municipality and to the neighbouring region, to closed, with quarterly KPIs
 * (kWh saved, t CO2 avoided, share of luminaires dimmed remotely); the case is published from it.
 */
export const knowledgeDemoSeed: DemoSeed = {
  name: 'knowledge.demo-good-practice',
  async run(manager) {
    const consortium = await one<{ id: string; lead_organisation_id: string }>(
      manager,
      "SELECT id, lead_organisation_id FROM consortia WHERE name = 'Smarte Straßenbeleuchtung Oberösterreich'",
    );
    const demoing = consortium.lead_organisation_id;
    const eva = (await one<{ id: string }>(manager, "SELECT id FROM users WHERE email = 'officer@demoing.test'")).id;
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const signedDaysAgo = HISTORY.find(([stage]) => stage === 'contract-signed')?.[1] ?? 880;

    const tender = await one<{ id: string }>(
      manager,
      `INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, stage, stage_changed_at, lot_rules,
                            criteria, tender_deadline, contract_signed_on, created_by, created_at, updated_at)
       VALUES ($1, 'LED street lighting with remote dimming 2023', 'open', '231000.00', 'closed', $2, $3, $4, $5,
               $6::timestamptz::date, $7, $8, $2)
       RETURNING id`,
      [
        consortium.id,
        daysAgo(120),
        JSON.stringify(LOT_RULES),
        JSON.stringify(CRITERIA),
        daysAgo(935),
        daysAgo(signedDaysAgo),
        eva,
        daysAgo(1150),
      ],
    );
    for (const lot of LOTS) {
      const { id: lotId } = await one<{ id: string }>(
        manager,
        'INSERT INTO tender_lots (tender_id, number, title, cpv_codes, value) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [tender.id, lot.number, lot.title, lot.cpv, lot.value],
      );
      await manager.query('INSERT INTO tender_lot_members (lot_id, organisation_id) VALUES ($1, $2)', [lotId, demoing]);
      // The budget Demoing had set aside for it alone (no need record: it predates the platform's needs).
      await manager.query(
        'INSERT INTO tender_lot_needs (lot_id, need_id, organisation_id, budget_cents) VALUES ($1, NULL, $2, $3)',
        [lotId, demoing, lot.budgetCents],
      );
      const ranking = scoreBids(
        CRITERIA,
        lot.bidders.map((bidder) => ({
          name: bidder.name,
          scores: bidder.scores,
          priceCents: bidder.price === null ? null : centsFromDecimal(bidder.price),
        })),
      );
      await manager.query(
        `INSERT INTO tender_lot_evaluations (lot_id, tender_id, criteria, bidders, ranking, recorded_by, organisation_id,
                                             recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          lotId,
          tender.id,
          JSON.stringify(CRITERIA),
          JSON.stringify(lot.bidders),
          JSON.stringify(ranking),
          eva,
          demoing,
          daysAgo(915),
        ],
      );
      const winner = lot.bidders.find((bidder) => bidder.name === lot.winner);
      await manager.query(
        `INSERT INTO tender_lot_awards (lot_id, tender_id, supplier_name, value, awarded_on, awarded_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5::timestamptz::date, $6, $7)`,
        [lotId, tender.id, lot.winner, winner?.price, daysAgo(900), eva, demoing],
      );
    }
    let from: TenderStage | null = null;
    for (const [stage, days] of HISTORY) {
      await manager.query(
        `INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage, changed_by, organisation_id, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [tender.id, from, stage, eva, demoing, daysAgo(days)],
      );
      from = stage;
    }
    await manager.query(
      `INSERT INTO tender_milestones (tender_id, name, planned_on, actual_on) VALUES
         ($1, 'Contract notice published', current_date - 985, current_date - 980),
         ($1, 'Time limit for tenders', current_date - 935, current_date - 935),
         ($1, 'Contract signed', current_date - 885, current_date - 880),
         ($1, 'Pilot street lit', current_date - 850, current_date - 845),
         ($1, 'Whole municipality converted', current_date - 690, current_date - 700)`,
      [tender.id],
    );
    await manager.query(
      `INSERT INTO tender_sites (tender_id, name, organisation_id, nuts_code, stage, live_since, created_by) VALUES
         ($1, 'Ortszentrum Demoing (60 luminaires)', $2, 'AT312', 'pilot', current_date - 845, $3),
         ($1, 'Whole municipality of Demoing (420 luminaires)', $2, 'AT312', 'city', current_date - 700, $3),
         ($1, 'Shared control centre for the neighbouring towns of Linz-Land', $2, 'AT312', 'region', current_date - 480, $3)`,
      [tender.id, demoing, eva],
    );
    await manager.query(
      `INSERT INTO tender_pilot_evaluations (tender_id, summary, outcome, recorded_by, organisation_id, recorded_at)
       VALUES ($1, $2, 'successful', $3, $4, $5)`,
      [
        tender.id,
        'Sixty luminaires in the village centre used 68 % less electricity than the sodium lamps they replaced; residents asked for the dimming to start at 22:00 instead of 23:00, which the control system did centrally.',
        eva,
        demoing,
        daysAgo(705),
      ],
    );
    const quarters = quartersBefore(daysAgo(120), 6);
    for (const kpi of KPIS) {
      const { id: kpiId } = await one<{ id: string }>(
        manager,
        `INSERT INTO tender_kpis (tender_id, name, unit, baseline, target, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [tender.id, kpi.name, kpi.unit, kpi.baseline, kpi.target, eva, daysAgo(870)],
      );
      for (const [index, quarter] of quarters.entries()) {
        await manager.query(
          `INSERT INTO tender_kpi_values (kpi_id, period, period_start, organisation_id, value, entered_by, entered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $3::date + 95)`,
          [kpiId, quarter.period, quarter.start, demoing, kpi.values[index], eva],
        );
      }
    }

    const snapshot = await takeSnapshot(manager, tender.id);
    await manager.query(
      `INSERT INTO good_practice_cases (tender_id, consortium_id, title, summary, lessons, procedure_type, domain,
                                        cpv_codes, countries, participants, kpis, savings, published_by,
                                        organisation_id, published_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
      [
        tender.id,
        consortium.id,
        'LED street lighting with remote dimming (LED-Straßenbeleuchtung) in Demoing',
        'Marktgemeinde Demoing replaced 420 old sodium-vapour street lights with LED luminaires that are dimmed at night ' +
          'through a remote management system, and bought their installation and eight years of maintenance with them. ' +
          'Die Straßenbeleuchtung verbraucht seither rund zwei Drittel weniger Strom. A pilot in the village centre ' +
          'convinced the council to convert the whole municipality and to run the control centre for the neighbouring ' +
          'towns of Linz-Land as well.',
        'Ask for life-cycle cost, not the purchase price alone: the dearer luminaires with repairable drivers won and ' +
          'save the most. Run a market consultation before writing the specification: suppliers pointed to open ' +
          'control protocols (TALQ) that keep the municipality free to change its management software. Light one ' +
          'street first and measure; the figures made the council decision easy. Agree the dimming profile with the ' +
          'police and the Anrainer (residents) early, and publish it.',
        snapshot.procedureType,
        snapshot.domain,
        snapshot.cpvCodes,
        snapshot.countries,
        JSON.stringify(snapshot.participants),
        JSON.stringify(snapshot.kpis),
        JSON.stringify(snapshot.savings),
        eva,
        demoing,
        daysAgo(110),
      ],
    );
  },
};
