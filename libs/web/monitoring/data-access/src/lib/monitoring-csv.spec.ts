import { csvFileName, csvPath, csvTestId, type MonitoringCsvSource } from './monitoring-csv';

const TENDER = '0b6c3a52-6c4e-4b7e-9a38-5d1f0e6f7a10';
const CONSORTIUM = '7d0f5b1e-2a4c-4f3b-8e9d-1c2b3a4d5e6f';

describe('monitoring CSV sources', () => {
  const cases: [MonitoringCsvSource, string, string, string][] = [
    [
      { kind: 'table', table: 'cpv-divisions', filters: { region: 'DE21', domain: 'ict' } },
      '/api/v1/monitoring/tables/cpv-divisions.csv?region=DE21&domain=ict',
      'cpv-divisions-DE21.csv',
      'csv-cpv-divisions',
    ],
    [
      { kind: 'table', table: 'totals', filters: {} },
      '/api/v1/monitoring/tables/totals.csv',
      'totals.csv',
      'csv-totals',
    ],
    [{ kind: 'alerts', open: true }, '/api/v1/monitoring/alerts.csv?open=true', 'alerts-open.csv', 'csv-alerts'],
    [{ kind: 'alerts', open: false }, '/api/v1/monitoring/alerts.csv', 'alerts.csv', 'csv-alerts'],
    [
      { kind: 'tender', tenderId: TENDER, table: 'lots' },
      `/api/v1/monitoring/tenders/${TENDER}/tables/lots.csv`,
      `tender-${TENDER}-lots.csv`,
      'csv-tender-lots',
    ],
    [
      { kind: 'consortium', consortiumId: CONSORTIUM, table: 'tenders' },
      `/api/v1/monitoring/consortia/${CONSORTIUM}/tables/tenders.csv`,
      `consortium-${CONSORTIUM}-tenders.csv`,
      'csv-consortium-tenders',
    ],
  ];

  it.each(cases)(
    'knows where %j comes from, what to call it and how tests find its button',
    (source, path, file, id) => {
      expect(csvPath('/api/v1', source)).toBe(path);
      expect(csvFileName(source)).toBe(file);
      expect(csvTestId(source)).toBe(id);
    },
  );

  it('keeps an id from leaving its path segment', () => {
    expect(csvPath('/api/v1', { kind: 'tender', tenderId: '../tables/x?y', table: 'members' })).toBe(
      '/api/v1/monitoring/tenders/..%2Ftables%2Fx%3Fy/tables/members.csv',
    );
  });
});
