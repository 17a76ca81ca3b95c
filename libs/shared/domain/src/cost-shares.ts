import type { Cents } from './money';

/** How a consortium splits a cost among its members (joint-procurement agreement). */
export type CostSharingKey = 'equal' | 'population' | 'quantity' | 'custom';

export interface MemberBasis {
  memberId: string;
  /** Inhabitants for `population`, units for `quantity`, any non-negative weight for `custom`. */
  weight: number;
}

export interface CostShare {
  memberId: string;
  cents: Cents;
  /** Share of the total, 0..1, for display. */
  fraction: number;
}

/**
 * Splits `total` cents by the key. Amounts are whole cents and always add up to the total
 * exactly: each member gets the floor of its exact share, and the cents left over go to the
 * largest remainders (ties to the earlier member), so nobody gains or loses by rounding more
 * than one cent.
 */
export function allocateCosts(total: Cents, key: CostSharingKey, members: MemberBasis[]): CostShare[] {
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError('total must be a non-negative whole number of cents');
  if (members.length === 0) return [];
  const weights = members.map((member) => (key === 'equal' ? 1 : member.weight));
  if (weights.some((weight) => !Number.isFinite(weight) || weight < 0))
    throw new RangeError('weights must be non-negative numbers');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) throw new RangeError(`the ${key} key needs at least one member with a weight above zero`);
  const exact = weights.map((weight) => (total * weight) / sum);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - floors[index] }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    floors[index] += 1;
    left -= 1;
  }
  return members.map((member, index) => ({
    memberId: member.memberId,
    cents: floors[index],
    fraction: weights[index] / sum,
  }));
}
