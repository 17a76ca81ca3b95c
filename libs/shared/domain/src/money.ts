/**
 * EUR amounts travel and are stored as integer cents, never floats: 0.1 + 0.2 must not turn a
 * budget into 0.30000000000000004. These helpers are the only way in and out of that form.
 */
export type Cents = number;

const DECIMAL = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450. Accepts at most two decimals and no separators; anything else is null. */
export function centsFromDecimal(text: string): Cents | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, minus, euros, fraction = ''] = match;
  const cents = Number(euros) * 100 + Number(fraction.padEnd(2, '0'));
  return minus ? -cents : cents;
}

/** 123450 → "1234.50", the canonical decimal form for APIs and exports (OCDS amounts). */
export function decimalFromCents(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** Formats for people, in their language: 123450 → "€1,234.50" (en) or "1.234,50 €" (de). */
export function formatEuro(cents: Cents, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
