import type { CpvLevel } from './cpv-level';

export interface CpvCodeView {
  /** `09310000-5` */
  code: string;
  label: string;
  level: CpvLevel;
  /** Code of the nearest ancestor in the list; null for divisions. */
  parent: string | null;
  /** How many codes sit directly below. */
  children: number;
}

export interface CpvCodeDetail extends CpvCodeView {
  /** From the division down to the parent. */
  path: { code: string; label: string }[];
}
