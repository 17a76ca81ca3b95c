import { readFile } from 'node:fs/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { CPV_CODE, cpvAncestorDigits, cpvLevel } from '@consortio/shared/domain';

export interface CpvEntry {
  code: string;
  label: string;
}

/** Parses the official list as `{ "03000000-1": "Agricultural, …" }`, refusing anything else by line. */
export function parseCpvJson(text: string): CpvEntry[] {
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('Expected a JSON object of CPV code to label, e.g. {"03000000-1": "Agricultural, …"}');
  }
  return Object.entries(parsed as Record<string, unknown>).map(([code, label]) => {
    if (!CPV_CODE.test(code) || typeof label !== 'string' || !label.trim()) {
      throw new Error(`Not a CPV entry: ${JSON.stringify(code)}: ${JSON.stringify(label)}`);
    }
    return { code, label: label.trim() };
  });
}

/**
 * Inserts or updates codes with their level and nearest listed ancestor. Parents are written
 * before children (fewer significant digits first), so the foreign key holds at every step.
 */
export async function upsertCpvCodes(manager: EntityManager, entries: CpvEntry[]): Promise<number> {
  const existing = await manager.query<{ digits: string; code: string }[]>('SELECT digits, code FROM cpv_codes');
  const byDigits = new Map(existing.map((row) => [row.digits, row.code]));
  for (const entry of entries) byDigits.set(entry.code.slice(0, 8), entry.code);
  const rows = entries
    .map((entry) => {
      const digits = entry.code.slice(0, 8);
      const parentDigits = cpvAncestorDigits(digits).find((candidate) => byDigits.has(candidate));
      return {
        ...entry,
        digits,
        level: cpvLevel(digits),
        parent: parentDigits ? (byDigits.get(parentDigits) ?? null) : null,
      };
    })
    .sort(
      (a, b) =>
        a.digits.replace(/0+$/, '').length - b.digits.replace(/0+$/, '').length || a.digits.localeCompare(b.digits),
    );
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = rows.slice(start, start + 1000);
    await manager.query(
      `INSERT INTO cpv_codes (code, digits, level, parent_code, label)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO UPDATE SET level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, label = EXCLUDED.label`,
      [
        batch.map((r) => r.code),
        batch.map((r) => r.digits),
        batch.map((r) => r.level),
        batch.map((r) => r.parent),
        batch.map((r) => r.label),
      ],
    );
  }
  return rows.length;
}

/** `main.js import-cpv <file>`: loads the official CPV 2008 list (e.g. ../shared/data/cpv/cpv-2008-en.json). */
export async function importCpvCodes(dataSource: DataSource, path: string): Promise<number> {
  const entries = parseCpvJson(await readFile(path, 'utf8'));
  return dataSource.transaction((manager) => upsertCpvCodes(manager, entries));
}
