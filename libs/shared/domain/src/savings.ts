import type { Cents } from './money';

export interface Savings {
  /** What the members would have spent on their own: the sum of their estimates. */
  estimatedCents: Cents;
  awardedCents: Cents;
  /** Negative when the awards cost more than the estimates. */
  savedCents: Cents;
  /** Saved share of the estimates, one decimal; null when the estimates total zero. */
  percent: number | null;
}

function total(amounts: Cents[], what: string): bigint {
  let sum = 0n;
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount) || amount < 0)
      throw new RangeError(`${what} must be whole, non-negative numbers of cents, not ${amount}`);
    sum += BigInt(amount);
  }
  return sum;
}

function asCents(value: bigint, what: string): Cents {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
    throw new RangeError(`${what} is too large to count in cents`);
  return Number(value);
}

/**
 * What pooling saved: the awarded values against the sum of the members' own estimates for the
 * same needs. Sums are exact (bigint), and the percent is rounded half away from zero so that a
 * saving and an overspend of the same size read the same.
 */
export function savingsAgainstEstimates(estimatesCents: Cents[], awardedCents: Cents[]): Savings {
  const estimated = total(estimatesCents, 'Estimates');
  const awarded = total(awardedCents, 'Awarded values');
  const saved = estimated - awarded;
  let percent: number | null = null;
  if (estimated > 0n) {
    const magnitude = saved < 0n ? -saved : saved;
    const tenths = (magnitude * 2000n + estimated) / (2n * estimated);
    percent = tenths === 0n ? 0 : (saved < 0n ? -Number(tenths) : Number(tenths)) / 10;
  }
  return {
    estimatedCents: asCents(estimated, 'The estimates total'),
    awardedCents: asCents(awarded, 'The awarded total'),
    savedCents: asCents(saved, 'The saving'),
    percent,
  };
}
