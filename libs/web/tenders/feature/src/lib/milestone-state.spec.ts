import { milestoneState } from './milestone-state';

describe('milestoneState', () => {
  const planned = { name: 'Publication', plannedOn: '2027-03-01', actualOn: null };

  it('is open until the planned day has passed, then late by the days since', () => {
    expect(milestoneState(planned, '2027-02-15')).toEqual({ kind: 'open', days: 0 });
    expect(milestoneState(planned, '2027-03-01')).toEqual({ kind: 'open', days: 0 });
    expect(milestoneState(planned, '2027-03-11')).toEqual({ kind: 'late', days: 10 });
  });

  it('is on time when reached on or before the planned day, else says how late', () => {
    expect(milestoneState({ ...planned, actualOn: '2027-02-27' }, '2027-06-01')).toEqual({ kind: 'on-time', days: 0 });
    expect(milestoneState({ ...planned, actualOn: '2027-03-01' }, '2027-06-01')).toEqual({ kind: 'on-time', days: 0 });
    expect(milestoneState({ ...planned, actualOn: '2027-04-01' }, '2027-06-01')).toEqual({
      kind: 'late-done',
      days: 31,
    });
  });

  it('counts whole days across a change to summer time', () => {
    expect(milestoneState({ ...planned, plannedOn: '2027-03-27' }, '2027-03-29')).toEqual({ kind: 'late', days: 2 });
  });
});
