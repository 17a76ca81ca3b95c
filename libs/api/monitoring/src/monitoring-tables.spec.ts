import { MONITORING_TABLES, type MonitoringDashboard } from '@consortio/shared/contracts';
import { csvRecord, parseCsv } from '@consortio/shared/domain';
import {
  consortiumCells,
  dashboardTableRows,
  deadlineCells,
  isDashboardTable,
  MONITORING_TABLE_COLUMNS,
  tenderCells,
} from './monitoring-tables';

const dashboard = {
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
  it('has a header for every table of the contract', () => {
    expect(Object.keys(MONITORING_TABLE_COLUMNS).sort()).toEqual([...MONITORING_TABLES].sort());
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
});
