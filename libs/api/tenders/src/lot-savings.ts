import type { LotSavingsView, TenderSavingsView } from '@consortio/shared/contracts';
import { type Cents, decimalFromCents, savingsAgainstEstimates } from '@consortio/shared/domain';

export interface LotSavingsInput {
  lotId: string;
  number: number;
  title: string;
  /** Sum of the budgets of the needs behind the lot, or null when none are linked. */
  needsCents: Cents | null;
  /** The lot's estimated value. */
  valueCents: Cents;
  /** The awarded value, or null while the lot is not awarded. */
  awardedCents: Cents | null;
}

/**
 * Savings per lot and over the awarded lots. A lot with no needs behind it is estimated at its
 * own value; a lot not yet awarded shows its estimate only and stays out of the total, so that
 * the total compares like with like.
 */
export function lotSavings(tenderId: string, lots: readonly LotSavingsInput[]): TenderSavingsView {
  const rows: LotSavingsView[] = lots.map((lot) => {
    const estimatedCents = lot.needsCents ?? lot.valueCents;
    const base = {
      lotId: lot.lotId,
      number: lot.number,
      title: lot.title,
      estimateSource: lot.needsCents === null ? ('lot-value' as const) : ('needs' as const),
      estimated: decimalFromCents(estimatedCents),
    };
    if (lot.awardedCents === null) return { ...base, awarded: null, saved: null, percent: null };
    const savings = savingsAgainstEstimates([estimatedCents], [lot.awardedCents]);
    return {
      ...base,
      awarded: decimalFromCents(savings.awardedCents),
      saved: decimalFromCents(savings.savedCents),
      percent: savings.percent,
    };
  });
  const awarded = lots.filter((lot) => lot.awardedCents !== null);
  const total = savingsAgainstEstimates(
    awarded.map((lot) => lot.needsCents ?? lot.valueCents),
    awarded.map((lot) => lot.awardedCents as Cents),
  );
  return {
    tenderId,
    lots: rows,
    total: {
      awardedLots: awarded.length,
      estimated: decimalFromCents(total.estimatedCents),
      awarded: decimalFromCents(total.awardedCents),
      saved: decimalFromCents(total.savedCents),
      percent: total.percent,
    },
  };
}
