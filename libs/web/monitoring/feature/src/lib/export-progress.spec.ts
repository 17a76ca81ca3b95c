import { exportPercent, isFinished, newerExport } from './export-progress';

describe('bulk export progress', () => {
  it('counts the share of tenders written, and 100 once done', () => {
    expect(exportPercent({ status: 'queued', rowsDone: 0, rowsTotal: null })).toBe(0);
    expect(exportPercent({ status: 'running', rowsDone: 50, rowsTotal: 150 })).toBe(33);
    expect(exportPercent({ status: 'running', rowsDone: 0, rowsTotal: 0 })).toBe(0);
    expect(exportPercent({ status: 'done', rowsDone: 0, rowsTotal: 0 })).toBe(100);
  });

  it('knows when an export has ended', () => {
    expect(isFinished({ status: 'running' })).toBe(false);
    expect(isFinished({ status: 'failed' })).toBe(true);
    expect(isFinished({ status: 'done' })).toBe(true);
  });

  it('never lets a late report move the progress back', () => {
    expect(newerExport({ status: 'queued', rowsDone: 0 }, { status: 'running', rowsDone: 0 })).toBe(true);
    expect(newerExport({ status: 'running', rowsDone: 100 }, { status: 'running', rowsDone: 50 })).toBe(false);
    expect(newerExport({ status: 'running', rowsDone: 50 }, { status: 'running', rowsDone: 100 })).toBe(true);
    expect(newerExport({ status: 'done', rowsDone: 150 }, { status: 'running', rowsDone: 150 })).toBe(false);
    expect(newerExport({ status: 'running', rowsDone: 150 }, { status: 'done', rowsDone: 150 })).toBe(true);
    expect(newerExport({ status: 'done', rowsDone: 150 }, { status: 'done', rowsDone: 150 })).toBe(false);
  });
});
