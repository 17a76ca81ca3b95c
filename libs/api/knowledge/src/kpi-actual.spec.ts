import { latestActual } from './kpi-actual';

describe('latestActual', () => {
  const figures = [
    { period: '2025-Q4', periodStart: '2025-10-01', value: 40000 },
    { period: '2026-Q1', periodStart: '2026-01-01', value: 30000 },
    { period: '2026-Q1', periodStart: '2026-01-01', value: 12500.5 },
  ];

  it("adds up the participants' figures of the last period reported", () => {
    expect(latestActual('kWh', figures)).toEqual({ period: '2026-Q1', value: 42500.5, reports: 2 });
  });

  it('takes the mean for a share in %, and null without figures', () => {
    expect(
      latestActual(' % ', [
        { period: '2026-03', periodStart: '2026-03-01', value: 100 },
        { period: '2026-03', periodStart: '2026-03-01', value: 50 },
        { period: '2026-02', periodStart: '2026-02-01', value: 10 },
      ]),
    ).toEqual({ period: '2026-03', value: 75, reports: 2 });
    expect(latestActual('t CO2', [])).toBeNull();
  });
});
