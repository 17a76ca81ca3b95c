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

// BigInt() rather than literals: the web app's spec build targets an ES version before bigint literals.
const ZERO = BigInt(0);

function total(amounts: Cents[], what: string): bigint {
  let sum = ZERO;
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
  if (estimated > ZERO) {
    const magnitude = saved < ZERO ? -saved : saved;
    const tenths = (magnitude * BigInt(2000) + estimated) / (BigInt(2) * estimated);
    percent = tenths === ZERO ? 0 : (saved < ZERO ? -Number(tenths) : Number(tenths)) / 10;
  }
  return {
    estimatedCents: asCents(estimated, 'The estimates total'),
    awardedCents: asCents(awarded, 'The awarded total'),
    savedCents: asCents(saved, 'The saving'),
    percent,
  };
}
