import type { DecisionOutcome, DecisionResultView, MajorityRule } from '@consortio/shared/contracts';

export interface TallyInput {
  optionCount: number;
  /** The option index each voting organisation chose. */
  votes: number[];
  /** Organisations entitled to vote (lead and members; observers do not vote). */
  eligible: number;
  quorumPercent: number;
  majority: MajorityRule;
}

/**
 * The result of a consortium decision. Quorum counts organisations that voted against those
 * entitled to; the majority is measured against the votes cast: simple means more than half,
 * two-thirds at least two thirds, unanimous every vote cast. No option wins on a tie.
 */
export function tallyDecision(input: TallyInput): DecisionResultView {
  if (input.optionCount < 2) throw new RangeError('a decision needs at least two options');
  const counts = Array.from({ length: input.optionCount }, () => 0);
  for (const vote of input.votes) {
    if (!Number.isInteger(vote) || vote < 0 || vote >= input.optionCount)
      throw new RangeError(`vote ${vote} is not one of the ${input.optionCount} options`);
    counts[vote] += 1;
  }
  const votesCast = input.votes.length;
  const base = { counts, votesCast, eligible: input.eligible };
  // Whole-number comparison avoids rounding at the edge: votesCast / eligible >= quorum / 100.
  if (votesCast === 0 || votesCast * 100 < input.quorumPercent * input.eligible) {
    return { ...base, outcome: 'no-quorum', winningOption: null };
  }
  const top = Math.max(...counts);
  const leaders = counts.filter((count) => count === top).length;
  const carried =
    leaders === 1 &&
    (input.majority === 'simple'
      ? top * 2 > votesCast
      : input.majority === 'two-thirds'
        ? top * 3 >= votesCast * 2
        : top === votesCast);
  const outcome: DecisionOutcome = carried ? 'adopted' : 'no-majority';
  return { ...base, outcome, winningOption: carried ? counts.indexOf(top) : null };
}
