import type { AwardCriterion, AwardCriterionKind, ProcedureType, TenderStage } from '@consortio/shared/contracts';
import { centsFromDecimal, type Cents } from '@consortio/shared/domain';
import type { OcdsAwardCriterion, OcdsMethod, OcdsProcurementCategory, OcdsTenderStatus, OcdsValue } from './ocds';

/** How Consortio's terms read in OCDS: stages, procedures, criteria, amounts, countries and periods. */

export const ocidOf = (prefix: string, tenderId: string): string => `${prefix}-${tenderId}`;

/** "1234.50" → { amount: 1234.5, currency: 'EUR' }, through whole cents so no float arithmetic touches it. */
export function ocdsAmount(decimal: string): OcdsValue {
  return { amount: amountOfCents(cents(decimal)), currency: 'EUR' };
}

export function cents(decimal: string): Cents {
  const value = centsFromDecimal(decimal);
  if (value === null) throw new RangeError(`Not a decimal amount of euros: "${decimal}"`);
  return value;
}

// A whole number of cents divided by 100 is the double nearest the decimal, which JSON writes back
// in its shortest form: 20000050 → 200000.5. Every numeric(15, 2) has at most 15 significant digits
// and so survives the round trip exactly.
export const amountOfCents = (value: Cents): number => value / 100;

/** The stages that run under a signed contract. */
export const CONTRACTED: readonly TenderStage[] = ['contract-signed', 'pilot', 'city-rollout', 'regional-scaleup'];

/** Our stage → OCDS tender status; `closedFrom` is the stage a closed tender was closed at. */
export function ocdsTenderStatus(stage: TenderStage, closedFrom: TenderStage | null): OcdsTenderStatus {
  switch (stage) {
    case 'published':
    case 'evaluation':
      return 'active';
    case 'awarded':
    case 'contract-signed':
    case 'pilot':
    case 'city-rollout':
    case 'regional-scaleup':
      return 'complete';
    case 'closed':
      return closedFrom !== null && CONTRACTED.includes(closedFrom) ? 'complete' : 'cancelled';
    // The stages before publication are only reached in open data by withdrawing the published
    // procedure (published -> specification, with a reason). Amending the notice keeps the same
    // contracting process running: OCDS records it as a `tenderAmendment` release and the tender
    // stays `active` ('planned' would say it never started, 'withdrawn' that nothing more is
    // published under this ocid). Sent on back to the market or the needs, the group is shaping
    // a later tender again, which is what `planning` says.
    case 'specification':
    case 'approval':
      return 'active';
    case 'needs-assessment':
    case 'market-consultation':
      return 'planning';
  }
}

const METHODS: Record<ProcedureType, { method: OcdsMethod; details: string }> = {
  open: { method: 'open', details: 'Open procedure (Art. 27 of Directive 2014/24/EU)' },
  restricted: { method: 'selective', details: 'Restricted procedure (Art. 28 of Directive 2014/24/EU)' },
  'competitive-procedure-with-negotiation': {
    method: 'selective',
    details: 'Competitive procedure with negotiation (Art. 29 of Directive 2014/24/EU)',
  },
  'competitive-dialogue': { method: 'selective', details: 'Competitive dialogue (Art. 30 of Directive 2014/24/EU)' },
  'innovation-partnership': {
    method: 'selective',
    details: 'Innovation partnership (Art. 31 of Directive 2014/24/EU)',
  },
  'pre-commercial-procurement': {
    method: 'selective',
    details: 'Pre-commercial procurement (outside Directive 2014/24/EU, Art. 14)',
  },
  'below-threshold': { method: 'limited', details: 'National procedure below the EU thresholds' },
};

/** Our procedure → OCDS procurementMethod (open, selective, limited) and its details. */
export const ocdsMethod = (procedure: ProcedureType) => METHODS[procedure];

export const OCDS_CATEGORIES: Record<'supplies' | 'services' | 'works', OcdsProcurementCategory> = {
  supplies: 'goods',
  services: 'services',
  works: 'works',
};

const CRITERION_TYPES: Record<AwardCriterionKind, OcdsAwardCriterion['type']> = {
  price: 'price',
  'life-cycle-cost': 'cost',
  quality: 'quality',
  sustainability: 'quality',
  innovation: 'quality',
};

const CRITERION_NAMES: Record<AwardCriterionKind, string> = {
  price: 'price',
  'life-cycle-cost': 'life-cycle cost',
  quality: 'quality',
  sustainability: 'sustainability',
  innovation: 'innovation',
};

/** The awardCriteria code: price or cost alone, else weighted criteria (Art. 67(2)). */
export function ocdsAwardCriteria(criteria: AwardCriterion[]): string | undefined {
  if (criteria.length === 0) return undefined;
  if (criteria.every((criterion) => criterion.kind === 'price')) return 'priceOnly';
  if (criteria.every((criterion) => criterion.kind === 'life-cycle-cost')) return 'costOnly';
  return 'ratedCriteria';
}

export const criteriaDetails = (criteria: AwardCriterion[]): string =>
  criteria
    .map((criterion) => `${criterion.name} (${CRITERION_NAMES[criterion.kind]}): ${criterion.weight}%`)
    .join('; ');

export const lotCriteria = (criteria: AwardCriterion[]): OcdsAwardCriterion[] =>
  criteria.map((criterion) => ({
    type: CRITERION_TYPES[criterion.kind],
    name: criterion.name,
    numbers: [{ number: criterion.weight, weight: 'percentageExact' }],
  }));

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The English name of a country as NUTS codes it (EL for Greece). */
export function countryName(code: string): string {
  const iso = code === 'EL' ? 'GR' : code;
  try {
    return regionNames.of(iso) ?? code;
  } catch {
    return code;
  }
}

/** A stable party id for a supplier known only by the name the award gives it. */
export function supplierPartyId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return `supplier-${slug || 'unnamed'}`;
}

/** The first and last day of a KPI period (`YYYY-MM` or `YYYY-Qn`). */
export function kpiPeriod(period: string): { startDate: string; endDate: string } {
  const year = Number(period.slice(0, 4));
  const quarter = /Q([1-4])$/.exec(period);
  const firstMonth = quarter ? (Number(quarter[1]) - 1) * 3 : Number(period.slice(5, 7)) - 1;
  const months = quarter ? 3 : 1;
  const start = new Date(Date.UTC(year, firstMonth, 1));
  const end = new Date(Date.UTC(year, firstMonth + months, 0));
  return { startDate: start.toISOString(), endDate: `${end.toISOString().slice(0, 10)}T23:59:59Z` };
}
