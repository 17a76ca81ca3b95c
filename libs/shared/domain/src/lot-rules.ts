import type { LotRules } from '@consortio/shared/contracts';

/**
 * Art. 46(2) of Directive 2014/24/EU: the contract notice says whether tenders may be submitted
 * for one lot, several or all, and may cap the number of lots one tenderer bids for. Small
 * suppliers can then compete for the lots they can serve.
 */

/** Why the lot rules do not fit a tender with `lotCount` lots, or null when they do. */
export function lotRulesRefusal(rules: LotRules, lotCount: number): string | null {
  if (!Number.isInteger(lotCount) || lotCount < 1) return 'Add at least one lot before setting the lot rules.';
  const max = rules.maxLotsPerTenderer;
  if (max !== null && (!Number.isInteger(max) || max < 1 || max > lotCount))
    return `A tenderer may bid for between 1 and ${lotCount} lots; ${max} is outside that.`;
  switch (rules.bidsOn) {
    case 'one':
      if (max !== null && max !== 1)
        return 'When tenderers bid for one lot only, the limit is 1: leave it empty or set it to 1.';
      return null;
    case 'several':
      if (lotCount < 2) return 'With a single lot there are no several lots to bid for: choose one lot or all lots.';
      if (max === 1) return 'A limit of 1 lot is the "one lot" rule: choose that instead, or raise the limit.';
      return null;
    case 'all':
      if (max !== null && max !== lotCount)
        return `When tenderers must bid for all lots, the limit is all ${lotCount}: leave it empty or set it to ${lotCount}.`;
      return null;
  }
}

/** Why a tender covering `lotsBid` lots breaks the lot rules, or null when it keeps to them. */
export function bidLotsRefusal(rules: LotRules, lotCount: number, lotsBid: number): string | null {
  const rulesProblem = lotRulesRefusal(rules, lotCount);
  if (rulesProblem) return rulesProblem;
  if (!Number.isInteger(lotsBid) || lotsBid < 1) return 'A tender must cover at least one lot.';
  if (lotsBid > lotCount) return `The tender covers ${lotsBid} lots, but there are only ${lotCount}.`;
  switch (rules.bidsOn) {
    case 'one':
      if (lotsBid > 1) return `Tenderers may bid for one lot only; this tender covers ${lotsBid}.`;
      return null;
    case 'several':
      if (rules.maxLotsPerTenderer !== null && lotsBid > rules.maxLotsPerTenderer)
        return `Tenderers may bid for at most ${rules.maxLotsPerTenderer} lots; this tender covers ${lotsBid}.`;
      return null;
    case 'all':
      if (lotsBid < lotCount) return `Tenderers must bid for all ${lotCount} lots; this tender covers ${lotsBid}.`;
      return null;
  }
}
