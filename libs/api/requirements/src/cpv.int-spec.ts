import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '@consortio/api/testing';
import { importCpvCodes } from './cpv-codes';
import { CpvService } from './cpv.service';

// Reference data lives beside the project, never inside it.
const OFFICIAL_LIST = resolve(__dirname, '../../../../../shared/data/cpv/cpv-2008-en.json');

describe('CPV vocabulary (PostgreSQL, the official list)', () => {
  let dataSource: DataSource;
  let cpv: CpvService;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    await truncateAll(dataSource);
    cpv = new CpvService(dataSource);
    expect(await importCpvCodes(dataSource, OFFICIAL_LIST)).toBe(9454);
  });

  afterAll(() => dataSource.destroy());

  it('imports all 9,454 codes as one tree and re-imports without duplicates', async () => {
    expect(await importCpvCodes(dataSource, OFFICIAL_LIST)).toBe(9454);
    const [counts] = await dataSource.query<{ total: number; roots: number; orphans: number }[]>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE parent_code IS NULL)::int AS roots,
              count(*) FILTER (WHERE parent_code IS NULL AND level <> 'division')::int AS orphans
         FROM cpv_codes`,
    );
    expect(counts).toEqual({ total: 9454, roots: 45, orphans: 0 });
  });

  it('validates a code with its check digit against the list', async () => {
    expect(await cpv.exists('09310000-5')).toBe(true);
    expect(await cpv.exists('09310000-4')).toBe(false);
    expect(await cpv.exists('0931000')).toBe(false);
  });

  it('searches by code prefix, in code order', async () => {
    const page = await cpv.search('0933', 1, 5);
    expect(page.items.map((item) => item.code)).toEqual([
      '09330000-1',
      '09331000-8',
      '09331100-9',
      '09331200-0',
      '09332000-5',
    ]);
    expect(page.total).toBe(5);
    // A page past the end still says how many there are.
    expect(await cpv.search('0933', 3, 5)).toMatchObject({ items: [], total: 5 });
    expect(await cpv.search('solar photovolt', 9, 10)).toMatchObject({ items: [], total: 1 });
  });

  it('searches by words, the last one as a prefix, best matches first', async () => {
    const page = await cpv.search('solar photovolt', 1, 10);
    expect(page.items[0]).toMatchObject({
      code: '09331200-0',
      label: 'Solar photovoltaic modules',
      level: 'subdivision',
    });
    const lighting = await cpv.search('street lighting', 1, 20);
    expect(
      lighting.items
        .map((item) => item.label.toLowerCase())
        .every((label) => label.includes('street') && label.includes('light')),
    ).toBe(true);
    expect(lighting.total).toBeGreaterThan(0);
  });

  it('browses the tree from the divisions down, with the path up', async () => {
    const divisions = await cpv.search(undefined, 1, 100);
    expect(divisions.total).toBe(45);
    expect(divisions.items[0]).toMatchObject({ code: '03000000-1', level: 'division', parent: null });
    const children = await cpv.children('09300000-2', 1, 10);
    expect(children.items.map((item) => item.code)).toEqual(['09310000-5', '09320000-8', '09330000-1', '09340000-4']);
    const detail = await cpv.get('09331200-0');
    expect(detail.path.map((step) => step.code)).toEqual(['09000000-3', '09300000-2', '09330000-1', '09331000-8']);
  });
});
