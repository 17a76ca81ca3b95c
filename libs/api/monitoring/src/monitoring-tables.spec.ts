import {
  MONITORING_TABLES,
  type MonitoringConsortiumDetail,
  type MonitoringDashboard,
  type MonitoringTenderDetail,
  type MonitoringTenderRow,
} from '@consortio/shared/contracts';
import { csvRecord, parseCsv } from '@consortio/shared/domain';
import {
  ALERT_TABLE_COLUMNS,
  alertCells,
  CONSORTIUM_DETAIL_COLUMNS,
  CONSORTIUM_DETAIL_TABLES,
  consortiumCells,
  consortiumDetailRows,
  csvHead,
  dashboardTableRows,
  deadlineCells,
  isDashboardTable,
  knownRegionName,
  MONITORING_TABLE_COLUMNS,
  TENDER_DETAIL_COLUMNS,
  TENDER_DETAIL_TABLES,
  tenderCells,
  tenderDetailRows,
} from './monitoring-tables';

const dashboard = {
  totals: {
    municipalities: 12,
    participatingMunicipalities: 5,
    consortia: 3,
    tenders: 4,
    pooledValue: 693201.5,
    publishedTenders: 1,
    stalledTenders: 2,
  },
  regions: [
    {
      code: 'DE211',
      name: 'Ingolstadt, "Kreisfreie Stadt"',
      municipalities: 3,
      participating: 1,
      share: 1 / 3,
      consortia: 2,
      tenders: 4,
      pooledValue: 1234.5,
    },
  ],
  pooledByDomain: [{ key: 'mobility', label: 'Mobility', tenders: 2, pooledValue: 0.1 }],
  pooledByCpvDivision: [
    { key: '34', label: 'Transport equipment, and auxiliary products', tenders: 1, pooledValue: 99 },
  ],
  tendersByStage: [{ stage: 'published', tenders: 5 }],
  timeToPublication: {
    tenders: 1,
    medianDays: 12.5,
    p90Days: 12.5,
    byQuarter: [{ quarter: '2026-Q1', tenders: 1, medianDays: 12.5, p90Days: 12.5 }],
  },
  funnel: { contracted: 4, pilot: 3, city: 2, region: 1, replicated: 0 },
  savings: { estimated: 200000.5, awarded: 150000, saved: 50000.5, share: 0.25000062, awardedLots: 2 },
} as unknown as MonitoringDashboard;

/** A table as a client reads it back. */
const read = (header: readonly string[], rows: (string | number | null)[][]) =>
  parseCsv([header, ...rows].map((cells) => csvRecord(cells)).join(''));

describe('monitoring CSV tables', () => {
  it('has a header for every table of the contract, and for the totals', () => {
    expect(Object.keys(MONITORING_TABLE_COLUMNS).sort()).toEqual([...MONITORING_TABLES].sort());
  });

  it('starts every file with a byte-order mark and the header', () => {
    expect(csvHead(['a', 'b c'])).toBe('\uFEFFa,b c\r\n');
  });

  it('writes each dashboard table with as many cells as its header, amounts in euros with two places', () => {
    for (const name of MONITORING_TABLES.filter(isDashboardTable)) {
      const table = read(MONITORING_TABLE_COLUMNS[name], dashboardTableRows(name, dashboard));
      expect(table.header).toEqual(MONITORING_TABLE_COLUMNS[name]);
      for (const row of table.rows) expect(row.cells).toHaveLength(table.header.length);
    }
    expect(read(MONITORING_TABLE_COLUMNS.regions, dashboardTableRows('regions', dashboard)).rows[0].cells).toEqual([
      'DE211',
      'Ingolstadt, "Kreisfreie Stadt"',
      '3',
      '1',
      '0.3333',
      '2',
      '4',
      '1234.50',
    ]);
    expect(dashboardTableRows('funnel', dashboard)).toEqual([
      ['contracted', 4],
      ['pilot', 3],
      ['city', 2],
      ['region', 1],
      ['replicated', 0],
    ]);
    expect(dashboardTableRows('savings', dashboard)).toEqual([['200000.50', '150000.00', '50000.50', '0.2500', 2]]);
    expect(dashboardTableRows('domains', dashboard)).toEqual([['mobility', 'Mobility', 2, '0.10']]);
    expect(dashboardTableRows('totals', dashboard)).toEqual([[12, 5, 3, 4, '693201.50', 1, 2]]);
  });

  it('leaves the name of a region empty where only its code is known (NUTS 1 and 2), never repeating the code', () => {
    const nuts2 = {
      ...dashboard,
      regions: [
        { ...dashboard.regions[0], code: 'DE21', name: 'DE21' },
        { ...dashboard.regions[0], code: 'DE22', name: '' },
      ],
    };
    const table = read(MONITORING_TABLE_COLUMNS.regions, dashboardTableRows('regions', nuts2));
    expect(table.rows.map((row) => row.cells.slice(0, 2))).toEqual([
      ['DE21', ''],
      ['DE22', ''],
    ]);
    expect(knownRegionName({ code: 'DE211', name: 'Ingolstadt' })).toBe('Ingolstadt');
    expect(knownRegionName({ code: 'DE21', name: 'DE21' })).toBeNull();
  });

  it('writes list rows in header order', () => {
    const tender = tenderCells({
      id: 't1',
      title: 'Buses, electric',
      consortiumId: 'c1',
      consortiumName: 'Group',
      leadOrganisation: 'Town',
      leadNuts: null,
      domain: 'mobility',
      procedure: 'open',
      stage: 'published',
      stageChangedAt: '2026-01-02T00:00:00.000Z',
      daysInStage: 3,
      estimatedValue: 10,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(tender).toHaveLength(MONITORING_TABLE_COLUMNS.tenders.length);
    expect(tender[MONITORING_TABLE_COLUMNS.tenders.indexOf('estimated_value_eur')]).toBe('10.00');
    expect(tender[MONITORING_TABLE_COLUMNS.tenders.indexOf('lead_nuts')]).toBeNull();
    const consortium = consortiumCells({
      id: 'c1',
      name: 'Group',
      domain: 'ict',
      leadOrganisation: 'Town',
      members: 2,
      tenders: 1,
      pooledValue: 5.5,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(consortium).toEqual(['c1', 'Group', 'ict', 'Town', 2, 1, '5.50', '2026-01-01T00:00:00.000Z']);
    expect(
      deadlineCells({
        tenderId: 't',
        tenderTitle: 'T',
        consortiumName: 'C',
        kind: 'milestone',
        name: 'Go',
        due: '2026-02-01',
      }),
    ).toHaveLength(MONITORING_TABLE_COLUMNS.deadlines.length);
  });

  it('writes the alerts, with the milestone only for a missed one', () => {
    const missed = alertCells({
      id: 'a1',
      kind: 'milestone-missed',
      tenderId: 't1',
      tenderTitle: 'Buses',
      consortiumName: 'Group',
      milestone: { name: 'Kick-off', plannedOn: '2026-01-05' },
      days: null,
      raisedAt: '2026-01-06T05:00:00.000Z',
      clearedAt: null,
    });
    expect(missed).toEqual([
      'a1',
      'milestone-missed',
      't1',
      'Buses',
      'Group',
      'Kick-off',
      '2026-01-05',
      null,
      '2026-01-06T05:00:00.000Z',
      null,
    ]);
    expect(missed).toHaveLength(ALERT_TABLE_COLUMNS.length);
    const stalled = alertCells({
      id: 'a2',
      kind: 'stalled',
      tenderId: 't1',
      tenderTitle: 'Buses',
      consortiumName: 'Group',
      milestone: null,
      days: 61,
      raisedAt: '2026-01-06T05:00:00.000Z',
      clearedAt: '2026-01-07T05:00:00.000Z',
    });
    expect(stalled.slice(5)).toEqual([null, null, 61, '2026-01-06T05:00:00.000Z', '2026-01-07T05:00:00.000Z']);
  });

  it("writes a tender's and a consortium's drill-down tables in header order", () => {
    const row: MonitoringTenderRow = {
      id: 't1',
      title: 'Buses',
      consortiumId: 'c1',
      consortiumName: 'Group',
      leadOrganisation: 'Town',
      leadNuts: 'DE211',
      domain: 'mobility',
      procedure: 'open',
      stage: 'pilot',
      stageChangedAt: '2026-01-02T00:00:00.000Z',
      daysInStage: 3,
      estimatedValue: 214400.5,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const members = [
      { id: 'o1', name: 'Town, "North"', nutsCode: 'DE211', role: 'lead' as const },
      { id: 'o2', name: 'Village', nutsCode: null, role: 'member' as const },
    ];
    const tender = {
      ...row,
      members,
      lots: [
        {
          number: 1,
          title: 'Vans',
          cpvCodes: ['34144900-7', '31500000-1'],
          value: 150000,
          awarded: { supplier: 'Supplier 1 GmbH', value: 149999.99 },
        },
        { number: 2, title: 'Lights', cpvCodes: ['31500000-1'], value: 12000.5, awarded: null },
      ],
      milestones: [
        { name: 'Kick-off', plannedOn: '2026-01-05', actualOn: null, late: true },
        { name: 'Survey', plannedOn: '2026-02-01', actualOn: '2026-01-30', late: false },
      ],
    } as MonitoringTenderDetail;
    for (const name of TENDER_DETAIL_TABLES) {
      for (const cells of tenderDetailRows(name, tender))
        expect(cells).toHaveLength(TENDER_DETAIL_COLUMNS[name].length);
    }
    expect(read(TENDER_DETAIL_COLUMNS.members, tenderDetailRows('members', tender)).rows.map((r) => r.cells)).toEqual([
      ['o1', 'Town, "North"', 'DE211', 'lead'],
      ['o2', 'Village', '', 'member'],
    ]);
    expect(tenderDetailRows('lots', tender)).toEqual([
      [1, 'Vans', '34144900-7 31500000-1', '150000.00', 'Supplier 1 GmbH', '149999.99'],
      [2, 'Lights', '31500000-1', '12000.50', null, null],
    ]);
    expect(tenderDetailRows('milestones', tender)).toEqual([
      ['Kick-off', '2026-01-05', null, 'true'],
      ['Survey', '2026-02-01', '2026-01-30', 'false'],
    ]);

    const consortium = { organisations: members, tenderList: [row] } as MonitoringConsortiumDetail;
    for (const name of CONSORTIUM_DETAIL_TABLES) {
      for (const cells of consortiumDetailRows(name, consortium))
        expect(cells).toHaveLength(CONSORTIUM_DETAIL_COLUMNS[name].length);
    }
    expect(CONSORTIUM_DETAIL_COLUMNS.tenders).toEqual(MONITORING_TABLE_COLUMNS.tenders);
    expect(consortiumDetailRows('tenders', consortium)).toEqual([tenderCells(row)]);
    expect(consortiumDetailRows('members', consortium)).toEqual(tenderDetailRows('members', tender));
  });
});
