import { tallyDecision } from './decision-tally';

describe('tallyDecision', () => {
  const base = { optionCount: 2, eligible: 4, quorumPercent: 50, majority: 'simple' as const };

  it('needs the quorum of entitled organisations to vote', () => {
    expect(tallyDecision({ ...base, votes: [0] })).toMatchObject({ outcome: 'no-quorum', winningOption: null });
    expect(tallyDecision({ ...base, votes: [0, 0] })).toMatchObject({ outcome: 'adopted', winningOption: 0 });
    expect(tallyDecision({ ...base, votes: [] })).toMatchObject({ outcome: 'no-quorum', votesCast: 0 });
  });

  it('reaches the quorum exactly at the percentage, without rounding', () => {
    // 2 of 3 is 66.67 %: meets a 66 % quorum, misses 67 %.
    const three = { ...base, eligible: 3, votes: [1, 1] };
    expect(tallyDecision({ ...three, quorumPercent: 66 }).outcome).toBe('adopted');
    expect(tallyDecision({ ...three, quorumPercent: 67 }).outcome).toBe('no-quorum');
  });

  it('a simple majority is more than half of the votes cast; a tie carries nothing', () => {
    expect(tallyDecision({ ...base, votes: [0, 1] })).toMatchObject({ outcome: 'no-majority', counts: [1, 1] });
    expect(tallyDecision({ ...base, votes: [1, 1, 0] })).toMatchObject({ outcome: 'adopted', winningOption: 1 });
  });

  it('with three options a plurality is not a simple majority', () => {
    const result = tallyDecision({ ...base, optionCount: 3, eligible: 5, votes: [0, 0, 1, 2, 2] });
    expect(result).toMatchObject({ outcome: 'no-majority', counts: [2, 1, 2] });
    expect(tallyDecision({ ...base, optionCount: 3, eligible: 5, votes: [0, 0, 0, 1, 2] }).winningOption).toBe(0);
  });

  it('two-thirds and unanimity', () => {
    const votes = [0, 0, 1];
    expect(tallyDecision({ ...base, votes, majority: 'two-thirds' }).outcome).toBe('adopted');
    expect(tallyDecision({ ...base, votes: [0, 0, 1, 1], majority: 'two-thirds' }).outcome).toBe('no-majority');
    expect(tallyDecision({ ...base, votes, majority: 'unanimous' }).outcome).toBe('no-majority');
    expect(tallyDecision({ ...base, votes: [1, 1, 1], majority: 'unanimous' })).toMatchObject({
      outcome: 'adopted',
      winningOption: 1,
    });
  });

  it('refuses a vote for an option that does not exist', () => {
    expect(() => tallyDecision({ ...base, votes: [2] })).toThrow(RangeError);
    expect(() => tallyDecision({ ...base, optionCount: 1, votes: [] })).toThrow(RangeError);
  });
});
