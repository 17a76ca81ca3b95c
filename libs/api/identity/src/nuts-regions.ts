import { readFile } from 'node:fs/promises';
import type { DataSource, EntityManager } from 'typeorm';

export interface NutsRegion {
  code: string;
  countryIso3: string;
  name: string;
}

/** Parses `code,country_iso3,name_en` lines; names may be quoted and contain commas. */
export function parseNutsCsv(text: string): NutsRegion[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0);
  const [header, ...rows] = lines;
  if (header?.trim() !== 'code,country_iso3,name_en') {
    throw new Error('Expected a NUTS CSV with the header "code,country_iso3,name_en"');
  }
  return rows.map((line, index) => {
    const match = /^([A-Z]{2}[A-Z0-9]{3}),([A-Z]{3}),(?:"((?:[^"]|"")*)"|([^,]*))$/.exec(line.trim());
    if (!match) throw new Error(`Line ${index + 2} is not a NUTS 3 row: ${line}`);
    return { code: match[1], countryIso3: match[2], name: (match[3] ?? match[4]).replace(/""/g, '"') };
  });
}

export async function upsertNutsRegions(manager: EntityManager, regions: NutsRegion[]): Promise<number> {
  for (let start = 0; start < regions.length; start += 500) {
    const batch = regions.slice(start, start + 500);
    await manager.query(
      `INSERT INTO nuts_regions (code, country_iso3, name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET country_iso3 = EXCLUDED.country_iso3, name = EXCLUDED.name`,
      [batch.map((r) => r.code), batch.map((r) => r.countryIso3), batch.map((r) => r.name)],
    );
  }
  return regions.length;
}

/** `main.js import-nuts <file>`: loads (or refreshes) the NUTS 3 regions from the eForms-derived CSV. */
export async function importNutsRegions(dataSource: DataSource, path: string): Promise<number> {
  const regions = parseNutsCsv(await readFile(path, 'utf8'));
  return dataSource.transaction((manager) => upsertNutsRegions(manager, regions));
}
