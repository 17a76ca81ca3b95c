/**
 * Common Procurement Vocabulary (Regulation (EC) 213/2008): codes are eight digits, a dash and a
 * check digit, e.g. 09310000-5. The significant digits give the level: two for a division
 * (09000000), three for a group (09300000), four for a class (09310000), five for a category,
 * more for subdivisions. A code is valid when it is in the official list, check digit included.
 */
export const CPV_CODE = /^\d{8}-\d$/;

import type { CpvLevel } from '@consortio/shared/contracts';

export type { CpvLevel };

const LEVELS: Record<number, CpvLevel> = { 2: 'division', 3: 'group', 4: 'class', 5: 'category' };

/** Number of significant digits (at least the two of the division). */
export function cpvSignificantDigits(digits: string): number {
  return Math.max(2, digits.replace(/0+$/, '').length);
}

export function cpvLevel(digits: string): CpvLevel {
  return LEVELS[cpvSignificantDigits(digits)] ?? 'subdivision';
}

/** The digits of every possible ancestor, nearest first (09310000 → 09300000, 09000000). */
export function cpvAncestorDigits(digits: string): string[] {
  const significant = cpvSignificantDigits(digits);
  const ancestors: string[] = [];
  for (let length = significant - 1; length >= 2; length -= 1) ancestors.push(digits.slice(0, length).padEnd(8, '0'));
  return ancestors;
}

/** The prefix a code stands for when searching "everything under it": 09300000 → 093. */
export function cpvPrefix(digits: string): string {
  return digits.slice(0, cpvSignificantDigits(digits));
}
