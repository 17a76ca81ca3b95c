import type { TenderStage } from '@consortio/shared/contracts';
import type { OcdsStageChange, OcdsTenderData } from './ocds-tender-data';

/**
 * A tender of three municipalities through its whole life, for the mapping's specs: every stage
 * from needs assessment to closed, two lots, awards entered during evaluation, a pilot and a city
 * site, a KPI with figures, milestones and two published open calls.
 */
export const MUSTERSTADT = '11111111-1111-4111-8111-111111111111';
export const BEISPIELHEIM = '22222222-2222-4222-8222-222222222222';
export const DEMOING = '33333333-3333-4333-8333-333333333333';
export const LIGHTING = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const VANS = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const STAGES: [TenderStage, string][] = [
  ['needs-assessment', '2026-01-05T09:00:00.000Z'],
  ['market-consultation', '2026-01-20T09:00:00.000Z'],
  ['specification', '2026-02-01T09:00:00.000Z'],
  ['approval', '2026-02-20T09:00:00.000Z'],
  ['published', '2026-03-01T10:00:00.000Z'],
  ['evaluation', '2026-04-02T08:00:00.000Z'],
  ['awarded', '2026-04-20T12:00:00.000Z'],
  ['contract-signed', '2026-05-04T09:00:00.000Z'],
  ['pilot', '2026-06-01T09:00:00.000Z'],
  ['city-rollout', '2026-09-01T09:00:00.000Z'],
  ['regional-scaleup', '2026-11-02T09:00:00.000Z'],
  ['closed', '2027-01-10T09:00:00.000Z'],
];

export const stageChanges = (stages: [TenderStage, string][] = STAGES): OcdsStageChange[] =>
  stages.map(([to, changedAt], index) => ({
    id: String(index + 1),
    from: index === 0 ? null : stages[index - 1][0],
    to,
    reason: null,
    changedAt,
  }));

/** The tender as it stands when it has just reached `stage` and stays there until the next stage change. */
export function tenderAt(stage: TenderStage): OcdsTenderData {
  const index = STAGES.findIndex(([name]) => name === stage);
  const changes = stageChanges(STAGES.slice(0, index + 1));
  const reached = STAGES[index][1];
  const until = STAGES[index + 1]?.[1] ?? '2099-01-01T00:00:00.000Z';
  const before = (time: string) => Date.parse(time) < Date.parse(until);
  const full = fullTender();
  return {
    ...full,
    stage,
    stageChangedAt: reached,
    updatedAt: reached,
    stageChanges: changes,
    contractSignedOn: index >= STAGES.findIndex(([name]) => name === 'awarded') ? full.contractSignedOn : null,
    awards: full.awards.filter((award) => before(award.recordedAt)),
    milestones: full.milestones
      .filter((milestone) => before(milestone.createdAt))
      .map((milestone) => ({
        ...milestone,
        actualOn: milestone.actualOn && before(`${milestone.actualOn}T00:00:00Z`) ? milestone.actualOn : null,
      })),
    sites: full.sites.filter((site) => before(site.createdAt)),
    kpis: full.kpis
      .filter((kpi) => before(kpi.createdAt))
      .map((kpi) => ({ ...kpi, values: kpi.values.filter((value) => before(value.enteredAt)) })),
    openCalls: full.openCalls.filter((call) => before(call.publishedAt)),
  };
}

function fullTender(): OcdsTenderData {
  return {
    id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
    title: 'Electric vans and depot lighting',
    procedureType: 'open',
    estimatedValue: '214400.50',
    stage: 'closed',
    stageChangedAt: STAGES[STAGES.length - 1][1],
    criteria: [
      { kind: 'price', name: 'Price', weight: 40 },
      { kind: 'quality', name: 'Range and payload', weight: 30 },
      { kind: 'sustainability', name: 'Battery recycling', weight: 20 },
      { kind: 'innovation', name: 'Smart charging', weight: 10 },
    ],
    lotRules: { bidsOn: 'several', maxLotsPerTenderer: 2 },
    tenderDeadline: '2026-04-01T12:00:00.000Z',
    contractSignedOn: '2026-05-02',
    updatedAt: STAGES[STAGES.length - 1][1],
    consortium: { name: 'E-Mobility Upper Bavaria', contractKind: 'supplies' },
    participants: [
      {
        id: MUSTERSTADT,
        name: 'Gemeinde Musterstadt',
        kind: 'municipality',
        role: 'lead',
        country: 'DE',
        nutsCode: 'DE217',
      },
      {
        id: BEISPIELHEIM,
        name: 'Markt Beispielheim',
        kind: 'municipality',
        role: 'member',
        country: 'DE',
        nutsCode: 'DE216',
      },
      {
        id: DEMOING,
        name: 'Marktgemeinde Demoing',
        kind: 'municipality',
        role: 'member',
        country: 'AT',
        nutsCode: 'AT312',
      },
    ],
    lots: [
      {
        id: LIGHTING,
        number: 1,
        title: 'Depot lighting',
        cpv: [{ code: '31500000-1', label: 'Lighting equipment and electric lamps' }],
        value: '14400.00',
        criteria: null,
        pooledBudget: '14400.00',
      },
      {
        id: VANS,
        number: 2,
        title: 'Electric vans',
        cpv: [
          { code: '34144900-7', label: 'Electric vehicles' },
          { code: '34130000-7', label: null },
        ],
        value: '200000.50',
        criteria: [
          { kind: 'life-cycle-cost', name: 'Total cost of ownership', weight: 60 },
          { kind: 'quality', name: 'Range', weight: 40 },
        ],
        pooledBudget: '180000.25',
      },
    ],
    awards: [
      {
        lotId: LIGHTING,
        supplierName: 'Smart Light AG',
        value: '13500.00',
        awardedOn: '2026-04-10',
        recordedAt: '2026-04-10T10:00:00.000Z',
      },
      {
        lotId: VANS,
        supplierName: 'Innovative Mobility AG',
        value: '190000.00',
        awardedOn: '2026-04-15',
        recordedAt: '2026-04-15T10:00:00.000Z',
      },
    ],
    stageChanges: stageChanges(),
    milestones: [
      {
        id: 'm1',
        name: 'Contract notice published',
        plannedOn: '2026-03-01',
        actualOn: '2026-03-01',
        createdAt: '2026-01-10T09:00:00.000Z',
      },
      {
        id: 'm2',
        name: 'Pilot review',
        plannedOn: '2026-08-15',
        actualOn: '2026-08-20',
        createdAt: '2026-02-01T10:00:00.000Z',
      },
    ],
    sites: [
      {
        id: 's1',
        name: 'Building yard depot',
        organisationName: 'Gemeinde Musterstadt',
        nutsCode: 'DE217',
        stage: 'pilot',
        liveSince: '2026-05-20',
        createdAt: '2026-05-10T09:00:00.000Z',
      },
      {
        id: 's2',
        name: 'Musterstadt city fleet',
        organisationName: 'Gemeinde Musterstadt',
        nutsCode: 'DE217',
        stage: 'city',
        liveSince: '2026-10-01',
        createdAt: '2026-09-15T09:00:00.000Z',
      },
    ],
    kpis: [
      {
        id: 'k1',
        name: 'Fleet CO2 emissions',
        unit: 't CO2e per year',
        baseline: 120,
        target: 40,
        createdAt: '2026-05-12T09:00:00.000Z',
        values: [
          {
            period: '2026-Q3',
            organisationId: MUSTERSTADT,
            organisationName: 'Gemeinde Musterstadt',
            value: 110,
            enteredAt: '2026-10-02T09:00:00.000Z',
          },
          {
            period: '2026-Q4',
            organisationId: BEISPIELHEIM,
            organisationName: 'Markt Beispielheim',
            value: 12.25,
            enteredAt: '2027-01-05T09:00:00.000Z',
          },
        ],
      },
    ],
    openCalls: [
      {
        id: 'call-1',
        kind: 'market-consultation',
        title: 'Market consultation: electric vans',
        publishedAt: '2026-01-21T09:00:00.000Z',
      },
      {
        id: 'call-2',
        kind: 'call-for-tenders',
        title: 'Call for tenders: electric vans and depot lighting',
        publishedAt: '2026-03-01T10:05:00.000Z',
      },
    ],
  };
}
