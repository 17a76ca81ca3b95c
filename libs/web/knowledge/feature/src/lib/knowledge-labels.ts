import type { ConsortiumDomain, GoodPracticeRefusal, ProcedureType } from '@consortio/shared/contracts';
import type { TranslationKey } from '@consortio/web/core';

export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];

/** The consortia and tender pages name domains and procedures already; the library uses the same words. */
export const DOMAIN_LABEL: Record<ConsortiumDomain, TranslationKey> = {
  energy: 'consortia.domain.energy',
  ict: 'consortia.domain.ict',
  mobility: 'consortia.domain.mobility',
  other: 'consortia.domain.other',
};

export const PROCEDURE_LABEL: Record<ProcedureType, TranslationKey> = {
  open: 'tender.procedure.open',
  restricted: 'tender.procedure.restricted',
  'competitive-procedure-with-negotiation': 'tender.procedure.competitive-procedure-with-negotiation',
  'competitive-dialogue': 'tender.procedure.competitive-dialogue',
  'innovation-partnership': 'tender.procedure.innovation-partnership',
  'pre-commercial-procurement': 'tender.procedure.pre-commercial-procurement',
  'below-threshold': 'tender.procedure.below-threshold',
};

export const REFUSAL_LABEL: Record<GoodPracticeRefusal, TranslationKey> = {
  'not-closed': 'goodPractice.publish.refusal.not-closed',
  'not-contracted': 'goodPractice.publish.refusal.not-contracted',
  published: 'goodPractice.publish.refusal.published',
  'read-only': 'goodPractice.publish.refusal.read-only',
};

/** A country's name in the reader's language (ISO 3166-1 alpha-2 in, "Austria" or "Österreich" out). */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeZone: iso.length === 10 ? 'UTC' : undefined,
  }).format(date);
}

/** Decimal euros ("162400.00") as the reader writes money. */
export function formatEuros(amount: string, locale: string): string {
  const value = Number(amount);
  return Number.isFinite(value)
    ? new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(value)
    : amount;
}
