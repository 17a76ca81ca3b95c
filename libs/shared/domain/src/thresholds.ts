import type { Cents } from './money';

/**
 * EU procurement thresholds as dated data: each row applies from its date until the next one.
 * The platform keeps these as editable configuration; this table is the default and the seed.
 * Sources: Commission Delegated Regulations (EU) 2023/2495 (2024-2025) and 2025/2152, 2025/2150
 * (from 1 January 2026), amending Art. 4 of Directive 2014/24/EU and Art. 15 of 2014/25/EU.
 */
export interface ThresholdPeriod {
  /** First day the figures apply, YYYY-MM-DD. */
  from: string;
  source: string;
  works: Cents;
  /** Supplies and services of sub-central contracting authorities (municipalities). */
  suppliesServicesSubCentral: Cents;
  /** Supplies and services of central government authorities. */
  suppliesServicesCentral: Cents;
  /** Social and other specific services (Annex XIV). */
  socialServices: Cents;
  /** Supplies and services of utilities (Directive 2014/25/EU). */
  utilitiesSuppliesServices: Cents;
}

const euros = (amount: number): Cents => amount * 100;

export const EU_THRESHOLDS: readonly ThresholdPeriod[] = [
  {
    from: '2024-01-01',
    source: 'Delegated Regulation (EU) 2023/2495',
    works: euros(5_538_000),
    suppliesServicesSubCentral: euros(221_000),
    suppliesServicesCentral: euros(143_000),
    socialServices: euros(750_000),
    utilitiesSuppliesServices: euros(443_000),
  },
  {
    from: '2026-01-01',
    source: 'Delegated Regulations (EU) 2025/2152 and 2025/2150',
    works: euros(5_404_000),
    suppliesServicesSubCentral: euros(216_000),
    suppliesServicesCentral: euros(140_000),
    socialServices: euros(750_000),
    utilitiesSuppliesServices: euros(432_000),
  },
];

export type ContractKind = 'works' | 'supplies' | 'services' | 'social-services';
export type AuthorityKind = 'sub-central' | 'central' | 'utility';

export interface ThresholdQuestion {
  kind: ContractKind;
  authority: AuthorityKind;
  /** Estimated value of each lot, without VAT (Art. 5(1)). */
  lots: Cents[];
  /** Date of the estimate: when the call would be sent (Art. 5(2)), YYYY-MM-DD. */
  on: string;
}

export interface ThresholdAnswer {
  /** All lots added up: the value that decides (Art. 5(8) and 5(9)). */
  total: Cents;
  threshold: Cents;
  above: boolean;
  /** Indexes of lots that may be awarded without the directive's procedures (Art. 5(10) or 5(8)). */
  smallLots: number[];
  publication: 'eu' | 'national';
  /** Articles the answer rests on. */
  articles: string[];
  period: ThresholdPeriod;
}

/** Lots below these values, together at most 20 % of the total, are exempt (Art. 5(8) works, 5(10) supplies and services). */
export const SMALL_LOT_LIMIT: Record<'works' | 'other', Cents> = { works: euros(1_000_000), other: euros(80_000) };

export function thresholdPeriod(on: string, table: readonly ThresholdPeriod[] = EU_THRESHOLDS): ThresholdPeriod {
  const period = [...table]
    .sort((a, b) => a.from.localeCompare(b.from))
    .filter((row) => row.from <= on)
    .pop();
  if (!period) throw new RangeError(`No thresholds are configured for ${on}`);
  return period;
}

/**
 * Whether a pooled procurement is above the EU threshold in force on a date, which small lots
 * may be carved out, and what publication that requires. All lots of one procurement count
 * together, however many members buy them.
 */
export function assessThreshold(
  question: ThresholdQuestion,
  table: readonly ThresholdPeriod[] = EU_THRESHOLDS,
): ThresholdAnswer {
  if (question.lots.some((lot) => !Number.isSafeInteger(lot) || lot < 0))
    throw new RangeError('lot values must be non-negative whole cents');
  const period = thresholdPeriod(question.on, table);
  const threshold =
    question.kind === 'works'
      ? period.works
      : question.kind === 'social-services'
        ? period.socialServices
        : question.authority === 'utility'
          ? period.utilitiesSuppliesServices
          : question.authority === 'central'
            ? period.suppliesServicesCentral
            : period.suppliesServicesSubCentral;
  const total = question.lots.reduce((sum, lot) => sum + lot, 0);
  const above = total >= threshold;
  const articles = ['Directive 2014/24/EU Art. 4', 'Art. 5(1)', question.kind === 'works' ? 'Art. 5(8)' : 'Art. 5(9)'];
  let smallLots: number[] = [];
  if (above && question.lots.length > 1) {
    // Carve out as many lots as possible: smallest first, while each is under the limit and all together stay within 20 %.
    const limit = question.kind === 'works' ? SMALL_LOT_LIMIT.works : SMALL_LOT_LIMIT.other;
    let budget = Math.floor(total / 5);
    for (const { lot, index } of question.lots
      .map((lot, index) => ({ lot, index }))
      .sort((a, b) => a.lot - b.lot || a.index - b.index)) {
      if (lot >= limit || lot > budget) break;
      smallLots.push(index);
      budget -= lot;
    }
    smallLots = smallLots.sort((a, b) => a - b);
    if (smallLots.length > 0) articles.push(question.kind === 'works' ? 'Art. 5(8) second subparagraph' : 'Art. 5(10)');
  }
  if (above) articles.push('Art. 49 (contract notice in the Official Journal)');
  return { total, threshold, above, smallLots, publication: above ? 'eu' : 'national', articles, period };
}
