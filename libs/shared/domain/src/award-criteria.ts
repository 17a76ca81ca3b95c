import type { AwardCriterion, AwardCriterionKind, CriterionScores, RankedBidView } from '@consortio/shared/contracts';
import type { Cents } from './money';

/**
 * Award criteria and the scoring of tenders against them (Art. 67 of Directive 2014/24/EU). The
 * weights decide whether a better, greener or more innovative solution can beat a cheaper one;
 * `weightsPreview` shows that to the people setting them before the notice goes out.
 */

const COST_KINDS: readonly AwardCriterionKind[] = ['price', 'life-cycle-cost'];

function isCost(criterion: AwardCriterion): boolean {
  return COST_KINDS.includes(criterion.kind);
}

/** Why a set of award criteria may not be used, or null when it may. */
export function criteriaRefusal(criteria: AwardCriterion[]): string | null {
  if (criteria.length === 0)
    return 'Add at least one award criterion: the procurement documents must say how tenders are compared and how much each criterion weighs (Art. 67(5) of Directive 2014/24/EU).';
  for (const criterion of criteria) {
    if (!criterion.name.trim()) return 'Give every award criterion a name.';
    if (!Number.isInteger(criterion.weight) || criterion.weight < 1 || criterion.weight > 100)
      return `The weight of "${criterion.name.trim()}" is ${criterion.weight}; a weight is a whole percent from 1 to 100.`;
  }
  const names = new Set<string>();
  for (const criterion of criteria) {
    const key = criterion.name.trim().toLowerCase();
    if (names.has(key)) return `Two criteria are named "${criterion.name.trim()}": give each criterion its own name.`;
    names.add(key);
  }
  const costs = criteria.filter(isCost);
  // A fixed price with competition on quality alone is also lawful (Art. 67(2), last
  // subparagraph), but the platform asks for cost so that the preview and the scoring compare it.
  if (costs.length === 0)
    return 'Add a price or a life-cycle cost criterion: the best price-quality ratio weighs cost against quality (Art. 67(2) of Directive 2014/24/EU).';
  if (costs.length > 1)
    return `Keep one cost criterion, price or life-cycle cost, not ${costs.length} (${costs.map((c) => `"${c.name.trim()}"`).join(', ')}): cost is assessed one way or the other (Art. 67(2) of Directive 2014/24/EU).`;
  const total = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  if (total !== 100) return `Weights add up to ${total}; they must total 100.`;
  return null;
}

/** A tender as evaluated: scores per criterion kind, 0 to 100, and optionally its price. */
export interface Bid {
  name: string;
  scores: CriterionScores;
  /** Price without VAT (the life-cycle cost under a life-cycle-cost criterion), whole cents. */
  priceCents?: Cents | null;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Cost scores from prices: the lowest gets 100 and every other lowest ÷ price × 100, two
 * decimals. Proportional, so a tender twice as dear scores half, whatever the spread.
 */
export function priceScores(prices: Cents[]): number[] {
  for (const price of prices) {
    if (!Number.isSafeInteger(price) || price <= 0)
      throw new RangeError(`A price must be a whole number of cents above zero, not ${price}`);
  }
  const lowest = Math.min(...prices);
  return prices.map((price) => round2((lowest * 100) / price));
}

/**
 * Why bids cannot be scored against the criteria, or null when they can. The cost criterion is
 * scored from prices when every bid has one; otherwise it needs a score like any other.
 */
export function bidsRefusal(criteria: AwardCriterion[], bids: Bid[]): string | null {
  const criteriaProblem = criteriaRefusal(criteria);
  if (criteriaProblem) return criteriaProblem;
  const names = new Set<string>();
  for (const bid of bids) {
    if (!bid.name.trim()) return 'Give every bidder a name.';
    const key = bid.name.trim().toLowerCase();
    if (names.has(key)) return `Two bidders are named "${bid.name.trim()}": list each bidder once.`;
    names.add(key);
  }
  const priced = bids.length > 0 && bids.every((bid) => bid.priceCents != null);
  for (const bid of bids) {
    for (const criterion of criteria) {
      if (priced && isCost(criterion)) {
        const price = bid.priceCents as number;
        if (!Number.isSafeInteger(price) || price <= 0)
          return `The price of "${bid.name.trim()}" must be above zero, in whole cents.`;
        continue;
      }
      const score = bid.scores[criterion.kind];
      if (score === undefined)
        return `"${bid.name.trim()}" has no score for "${criterion.name.trim()}": give a score from 0 to 100${isCost(criterion) ? ', or a price for every bidder' : ''}.`;
      if (!Number.isFinite(score) || score < 0 || score > 100)
        return `The score of "${bid.name.trim()}" for "${criterion.name.trim()}" is ${score}; scores run from 0 to 100.`;
    }
  }
  return null;
}

/**
 * Weighted scores and the ranking of bids, best first. A criterion earns score × weight / 100
 * points (two decimals) and the total is the sum of those points, so a reader can add them up.
 * Equal totals share a rank (1, 1, 3); among them the order is by name, then as given. Throws a
 * RangeError with the `bidsRefusal` message when the input cannot be scored.
 */
export function scoreBids(criteria: AwardCriterion[], bids: Bid[]): RankedBidView[] {
  const refusal = bidsRefusal(criteria, bids);
  if (refusal) throw new RangeError(refusal);
  const priced = bids.length > 0 && bids.every((bid) => bid.priceCents != null);
  const fromPrices = priced ? priceScores(bids.map((bid) => bid.priceCents as number)) : null;
  const scored = bids.map((bid, index) => {
    const parts = criteria.map((criterion) => {
      const score = fromPrices && isCost(criterion) ? fromPrices[index] : (bid.scores[criterion.kind] as number);
      return { name: criterion.name, kind: criterion.kind, score, points: round2((score * criterion.weight) / 100) };
    });
    const total = round2(parts.reduce((sum, part) => sum + part.points, 0));
    return { index, name: bid.name, total, criteria: parts };
  });
  scored.sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.index - b.index);
  return scored.map(({ name, total, criteria: parts }) => ({
    name,
    rank: 1 + scored.filter((other) => other.total > total).length,
    total,
    criteria: parts,
  }));
}

/** Example bids for the weights preview: one cheap and plain, one dearer and much better. */
export const CHEAP_EXAMPLE_BID: Readonly<Bid> = Object.freeze({
  name: 'cheap',
  scores: Object.freeze({ price: 100, 'life-cycle-cost': 100, quality: 40, sustainability: 40, innovation: 40 }),
});

export const INNOVATIVE_EXAMPLE_BID: Readonly<Bid> = Object.freeze({
  name: 'innovative',
  scores: Object.freeze({ price: 70, 'life-cycle-cost': 70, quality: 95, sustainability: 95, innovation: 95 }),
});

export interface WeightsPreview {
  /** Points of CHEAP_EXAMPLE_BID, 0 to 100. */
  cheap: number;
  /** Points of INNOVATIVE_EXAMPLE_BID, 0 to 100. */
  innovative: number;
  winner: 'cheap' | 'innovative' | 'tie';
}

function previewPoints(criteria: AwardCriterion[], bid: Readonly<Bid>, totalWeight: number): number {
  if (totalWeight === 0) return 0;
  const sum = criteria.reduce((acc, criterion) => acc + criterion.weight * (bid.scores[criterion.kind] ?? 0), 0);
  return round2(sum / totalWeight);
}

/**
 * How the weights play out on the two example bids, and which wins: innovation must be able to
 * win over cheapness. With these examples the innovative bid wins while cost weighs 64% or less.
 * Works on criteria still being edited: points are scaled to the weights entered so far, and
 * weights that are not positive numbers are left out.
 */
export function weightsPreview(criteria: AwardCriterion[]): WeightsPreview {
  const usable = criteria.filter((criterion) => Number.isFinite(criterion.weight) && criterion.weight > 0);
  const totalWeight = usable.reduce((sum, criterion) => sum + criterion.weight, 0);
  const cheap = previewPoints(usable, CHEAP_EXAMPLE_BID, totalWeight);
  const innovative = previewPoints(usable, INNOVATIVE_EXAMPLE_BID, totalWeight);
  return { cheap, innovative, winner: cheap > innovative ? 'cheap' : innovative > cheap ? 'innovative' : 'tie' };
}
